"""HTML bodies and format=flowed text into plain text a person would read."""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser

_BLOCK_TAGS = frozenset({
    "p", "div", "tr", "li", "ul", "ol", "dl", "dt", "dd", "table", "blockquote", "pre", "hr",
    "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "header", "footer", "address",
    "center", "form", "fieldset", "caption", "body", "html",
})


_HIDDEN_TAGS = frozenset({"script", "style", "template", "title"})


# ---------------------------------------------------------------- HTML and flowed text
class _HtmlText(HTMLParser):
    """Visible text of an HTML body, with line breaks where the browser would break lines."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self._hidden = 0
        self._pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN_TAGS:
            self._hidden += 1
        elif tag == "br":
            self.chunks.append("\n")
        elif tag in ("td", "th"):
            self.chunks.append("\t")
        elif tag in _BLOCK_TAGS:
            self.chunks.append("\n")
            self._pre += tag == "pre"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br" or tag in _BLOCK_TAGS:
            self.chunks.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN_TAGS:
            self._hidden = max(0, self._hidden - 1)
        elif tag in _BLOCK_TAGS:
            self.chunks.append("\n")
            self._pre = max(0, self._pre - (tag == "pre"))

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.chunks.append(data if self._pre else re.sub(r"[ \t\r\n\f]+", " ", data))


def _html_to_text(markup: str, warnings: list[str]) -> str:
    parser = _HtmlText()
    try:
        parser.feed(markup)
        parser.close()
        text = "".join(parser.chunks)
    except AssertionError:
        # html.parser asserts on unknown '<![keyword[' sections; strip tags crudely instead.
        warnings.append("the HTML body is malformed; its tags were stripped")
        visible = re.sub(r"(?is)<(script|style)\b.*?</\1\s*>", " ", markup)
        text = html.unescape(re.sub(r"<[^>]*>", " ", visible))
    lines = (re.sub(r" {2,}", " ", line.replace("\xa0", " ")).strip(" \t") for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _unflow(text: str, delsp: bool) -> str:
    """RFC 3676 format=flowed: a line ending in a space continues on the next line of the
    same quote depth (Thunderbird wraps long CJK lines this way)."""
    lines: list[tuple[int, str]] = []       # (quote depth, content)
    flowing = False
    for line in text.split("\n"):
        content = line.lstrip(">")
        depth = len(line) - len(content)
        content = content[1:] if content.startswith(" ") else content     # space-stuffing
        continued = flowing and bool(lines) and lines[-1][0] == depth
        flowing = content.endswith(" ") and content != "-- "
        if flowing and delsp:
            content = content[:-1]
        if continued:
            lines[-1] = (depth, lines[-1][1] + content)
        else:
            lines.append((depth, content))
    return "\n".join(">" * depth + (" " if depth and content else "") + content for depth, content in lines)
