"""The letters' templates: one text file per kind, shipped in this package; a file of the same
name in HOME/templates/letters/ replaces it, so the office edits its letters without a release.

Placeholders are `${name}` (string.Template). Every template is checked when the service and the
review page start (`check_templates`): readable UTF-8, valid placeholders, only names the drafter
fills, the names its kind needs, a title and the number, and a trial rendering to .docx. A broken
template stops the start with a message naming the file and the fault, instead of failing later
when a clerk drafts the letter.
"""
from __future__ import annotations

import string
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from intake.letters.kinds import KINDS, LetterKind
from intake.letters.layout import Style, parse_lines

OFFICE_FOLDER = Path("templates") / "letters"

# What every letter may use (intake.letters.fill fills them all).
COMMON_FIELDS = frozenset({
    "agency_name", "agency_office", "agency_address", "agency_postcode", "agency_phone", "agency_fax",
    "agency_email", "agency_portal", "agency_hours", "letter_title", "letter_number", "letter_date_zh",
    "applicant_name", "applicant_address", "received_on_zh", "request_quote", "decision", "article",
    "remedies", "reply_due_zh",
})
# Kind-specific values, each filled for every kind (a default where the office gave none).
KIND_FIELDS = frozenset({
    "missing_items", "missing_summary", "correction_period", "correction_due_zh", "return_ways", "reason",
    "original_reply_due_zh", "answer_period", "how_to_get", "responsible_agency", "responsible_contact",
    "earlier_reply", "channel", "channels", "route_name",
})
KNOWN_FIELDS = COMMON_FIELDS | KIND_FIELDS
REQUIRED_FIELDS = frozenset({"letter_number", "applicant_name"})


class LetterTemplateError(ValueError):
    """A template cannot be used; the message names the file and what is wrong (in Chinese)."""


@dataclass(frozen=True, slots=True)
class LetterTemplate:
    kind: LetterKind
    origin: str                  # the file it came from, for messages
    template: string.Template

    def fill(self, values: dict[str, str]) -> str:
        return self.template.substitute(values)


def template_name(kind: LetterKind) -> str:
    return f"{kind.value}.txt"


def load_template(home: Path, kind: LetterKind) -> LetterTemplate:
    """The office's template of this kind if HOME has one, else the packaged one; checked."""
    custom = home / OFFICE_FOLDER / template_name(kind)
    if custom.exists():
        try:
            text = custom.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise LetterTemplateError(f"文书模板 {custom} 无法读取（应为 UTF-8 文本）：{exc}") from exc
        origin = str(custom)
    else:
        packaged = resources.files("intake.letters").joinpath("templates", template_name(kind))
        text = packaged.read_text(encoding="utf-8")
        origin = f"内置模板 {template_name(kind)}"
    return _checked(kind, origin, text)


def _checked(kind: LetterKind, origin: str, text: str) -> LetterTemplate:
    template = string.Template(text)
    if not template.is_valid():
        raise LetterTemplateError(f"文书模板 {origin} 有写错的占位符（应为 ${{名称}}，“$”本身写作“$$”）")
    used = set(template.get_identifiers())
    unknown = sorted(used - KNOWN_FIELDS)
    if unknown:
        raise LetterTemplateError(f"文书模板 {origin} 使用了未知的占位符 {', '.join(unknown)}；"
                                  f"可用的有：{', '.join(sorted(KNOWN_FIELDS))}")
    needed = REQUIRED_FIELDS | set(KINDS[kind].needs) | ({"remedies"} if KINDS[kind].remedies else set())
    absent = sorted(needed - used)
    if absent:
        raise LetterTemplateError(f"文书模板 {origin} 缺少本类文书必须有的占位符 {', '.join(absent)}")
    loaded = LetterTemplate(kind, origin, template)
    trial = parse_lines(loaded.fill({name: f"（{name}）" for name in KNOWN_FIELDS}))
    if not any(line.style is Style.TITLE for line in trial):
        raise LetterTemplateError(f"文书模板 {origin} 没有标题行（以“=”开头的一行）")
    return loaded


def check_templates(home: Path) -> list[str]:
    """Load every kind's template and render it once; the files used. LetterTemplateError on the
    first that cannot be used."""
    from intake.letters.fonts import LetterFonts
    from intake.letters.layout import docx_bytes

    used: list[str] = []
    for kind in LetterKind:
        loaded = load_template(home, kind)
        lines = parse_lines(loaded.fill({name: f"（{name}）" for name in KNOWN_FIELDS}))
        try:
            docx_bytes(lines, LetterFonts("宋体", "仿宋", False), title=KINDS[kind].title)
        except ValueError as exc:      # python-docx refuses text it cannot store (control characters)
            raise LetterTemplateError(f"文书模板 {loaded.origin} 无法生成 .docx：{exc}") from exc
        used.append(loaded.origin)
    return used
