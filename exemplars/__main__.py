from exemplars.entry import main

main()
