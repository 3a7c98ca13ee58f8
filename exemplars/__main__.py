from exemplars.cli import main

main()
