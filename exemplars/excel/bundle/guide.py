"""The clerk guide as a PDF for the bundle: its Markdown read as HTML, printed by LibreOffice.

Only the Markdown the guide uses is read: headings, paragraphs, numbered and
bulleted lists (nested by indentation), block quotes, fenced code, tables, pictures, links,
``code``, **bold** and *italic*.  Pictures are embedded at the text width.
"""

from __future__ import annotations

import html
import re
import shutil
import tempfile
from pathlib import Path

from exemplars.outputs.office import convert

_LIST_ITEM = re.compile(r"^(\s*)(\d+\.|[*-])\s+(.*)$")
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]+)\)")
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_STYLE = """body { font-family: 'Times New Roman', 'Liberation Serif', serif; font-size: 12pt; }
h1 { font-size: 18pt; color: #1F4E79; } h2 { font-size: 15pt; color: #1F4E79; } h3 { font-size: 13pt; }
table { border-collapse: collapse; } td, th { border: 1px solid #777; padding: 3px; vertical-align: top; }
th { background: #DDEBF7; } pre { font-family: 'Liberation Mono', monospace; font-size: 10pt;
background: #F2F2F2; } blockquote { border-left: 4px solid #C00000; padding-left: 8px; } code { font-family: 'Liberation Mono', monospace; }"""
PICTURE_WIDTH = "100%"  # the text width, whatever the page margins LibreOffice gives the page


def inline(text: str, base: Path) -> str:
    """One line of Markdown text as HTML (escaped first, so the guide's text never becomes markup)."""
    codes: list[str] = []

    def keep_code(match: re.Match) -> str:
        codes.append(f"<code>{html.escape(match.group(1))}</code>")
        return f"\x00{len(codes) - 1}\x00"

    text = re.sub(r"`([^`]+)`", keep_code, text)
    text = _IMAGE.sub(lambda m: f"\x01{m.group(2)}\x02{m.group(1)}\x03", text)
    text = html.escape(text, quote=False)
    text = re.sub(r"\x01([^\x02]*)\x02([^\x03]*)\x03", lambda m: _picture(base, m.group(1), m.group(2)), text)
    text = _AUTOLINK.sub(r'<a href="\1">\1</a>', text.replace("&lt;", "<").replace("&gt;", ">"))
    text = re.sub(r"<(?!a |/a>|img )", "&lt;", text)
    text = _LINK.sub(r'<a href="\2">\1</a>', text)
    text = re.sub(r"\*\*([^*]+)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"(?<![\w*])\*([^*\s][^*]*?)\*(?![\w*])", r"<i>\1</i>", text)
    return re.sub(r"\x00(\d+)\x00", lambda m: codes[int(m.group(1))], text)


def _picture(base: Path, src: str, alt: str) -> str:
    path = (base / src).resolve()
    return f'<img src="{path.as_uri()}" alt="{html.escape(alt)}" width="{PICTURE_WIDTH}">'


def _table(rows: list[str], base: Path) -> str:
    cells = [[c.strip() for c in row.strip().strip("|").split("|")] for row in rows]
    head, body = cells[0], [r for r in cells[1:] if not all(re.fullmatch(r":?-+:?", c) for c in r)]
    out = ["<table>", "<tr>" + "".join(f"<th>{inline(c, base)}</th>" for c in head) + "</tr>"]
    out += ["<tr>" + "".join(f"<td>{inline(c, base)}</td>" for c in r) + "</tr>" for r in body]
    return "\n".join(out + ["</table>"])


def markdown_to_html(text: str, base: Path, title: str) -> str:
    """The guide's Markdown as one HTML page; ``base`` is the folder picture paths start from."""
    out: list[str] = []
    lists: list[tuple[int, str]] = []  # open lists: (indent, "ol"|"ul")
    paragraph: list[str] = []
    lines = text.splitlines()

    def flush() -> None:
        if paragraph:
            out.append(f"<p>{inline(' '.join(paragraph), base)}</p>")
            paragraph.clear()

    def close_lists(indent: int) -> None:
        while lists and lists[-1][0] >= indent:
            out.append(f"</li></{lists.pop()[1]}>")

    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        indent = len(line) - len(line.lstrip())
        if stripped.startswith("```"):
            flush()
            block = []
            i += 1
            while i < len(lines) and not lines[i].strip().startswith("```"):
                block.append(lines[i][indent:] if lines[i][:indent].isspace() else lines[i].strip())
                i += 1
            out.append(f"<pre>{html.escape(chr(10).join(block))}</pre>")
        elif stripped.startswith(">"):
            flush()
            quoted: list[str] = []
            while i < len(lines) and lines[i].strip().startswith(">"):
                quoted.append(lines[i].strip()[1:].strip())
                i += 1
            parts = " ".join(q if q else "\n" for q in quoted).split("\n")
            out.append("<blockquote>" + "".join(f"<p>{inline(p.strip(), base)}</p>" for p in parts if p.strip())
                       + "</blockquote>")
            continue
        elif not stripped:
            flush()
        elif heading := _HEADING.match(line):
            flush()
            close_lists(0)
            level = len(heading.group(1))
            out.append(f"<h{level}>{inline(heading.group(2), base)}</h{level}>")
        elif stripped.startswith("|"):
            flush()
            if lists and indent <= lists[-1][0]:
                close_lists(indent)
            rows = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                rows.append(lines[i])
                i += 1
            out.append(_table(rows, base))
            continue
        elif item := _LIST_ITEM.match(line):
            flush()
            kind = "ol" if item.group(2)[0].isdigit() else "ul"
            close_lists(indent + 1)
            if lists and lists[-1][0] == indent:
                out.append("</li><li>")
            else:
                if lists and lists[-1][0] > indent:
                    close_lists(indent)
                out.append(f"<{kind}><li>")
                lists.append((indent, kind))
            paragraph.append(item.group(3))
        else:
            if lists and indent <= lists[-1][0] and not paragraph:
                close_lists(indent)
            paragraph.append(stripped)
        i += 1
    flush()
    close_lists(0)
    head = f'<meta charset="utf-8"><title>{html.escape(title)}</title><style>{_STYLE}</style>'
    return f"<!DOCTYPE html>\n<html lang=\"vi\"><head>{head}</head><body>\n" + "\n".join(out) + "\n</body></html>\n"


def guide_pdf(markdown: Path, out: Path, title: str) -> Path:
    """Print ``markdown`` (pictures relative to its folder) to the PDF ``out``."""
    page = markdown_to_html(markdown.read_text(encoding="utf-8"), markdown.parent, title)
    with tempfile.TemporaryDirectory(prefix="exemplars-guide-") as tmp:
        source = Path(tmp) / f"{out.stem}.html"
        source.write_text(page, encoding="utf-8")
        pdf = convert(source, "pdf:writer_pdf_Export", Path(tmp) / "pdf", infilter="HTML (StarWriter)")
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(pdf), out)
    return out
