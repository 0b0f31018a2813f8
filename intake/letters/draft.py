"""Drafting a letter: its number from the register's sequence, its text from the kind's template
filled from the record, the .docx (A4, GB/T 9704 layout) and .txt in HOME/outbox/letters/YEAR/,
the register's row and its `letter_drafted` event."""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from intake.config import Config
from intake.kernel import Record
from intake.letters.fill import letter_values
from intake.letters.fonts import LetterFonts, choose_fonts
from intake.letters.kinds import KINDS, LetterKind
from intake.letters.layout import docx_bytes, parse_lines, plain_text
from intake.letters.templates import LetterTemplateError, check_templates, load_template
from intake.outbox import write_atomic
from intake.register import Register
from intake.register.letters import LetterBook, LetterRow


class LetterError(RuntimeError):
    """A letter could not be drafted; the message says why, in Chinese."""


@dataclass(frozen=True, slots=True)
class LetterRequest:
    """What the office decided, for the letter to say: the decision's wording, the article it
    rests on, its ground, and any values typed on the page (reason, how to get it …)."""
    kind: LetterKind
    decision_code: str | None = None
    decision: str = ""
    article: str = ""
    ground: str = ""
    details: Mapping[str, str] | None = None


def series_of(config: Config, kind: LetterKind) -> str:
    return config.letters.series_of(kind.value, KINDS[kind].series)


def reference(config: Config, kind: LetterKind, year: int, number: int) -> str:
    return config.letters.number_format.format(agency_code=config.letters.agency_code, series=series_of(config, kind),
                                               year=year, number=number)


def letter_fonts(config: Config) -> LetterFonts:
    return choose_fonts(config.letters.title_font, config.letters.body_font)


def draft_letter(config: Config, register: Register, document_id: int, record: Record, request: LetterRequest, *,
                 actor: str, on: dt.date | None = None, fonts: LetterFonts | None = None) -> LetterRow:
    """Draft (or redraft, keeping its number, while unsent) one letter; returns its register row."""
    day = on or dt.date.today()
    try:
        template = load_template(config.home, request.kind)
    except LetterTemplateError as exc:
        raise LetterError(str(exc)) from exc
    book = LetterBook(register)
    kind = request.kind
    series = series_of(config, kind)
    folder = config.outbox / "letters" / str(day.year)

    def files_of(number: int) -> list[str]:
        # The number is in the name: a letter already sent is never overwritten by a later one.
        stem = f"{document_id:06d}-{KINDS[kind].title}-{series}{day.year}-{number:04d}"
        return [str(folder / f"{stem}.docx"), str(folder / f"{stem}.txt")]
    event = {"kind": kind.value, "title": KINDS[kind].title, "article": request.article or KINDS[kind].article,
             **({"decision": request.decision_code} if request.decision_code else {})}
    earlier = book.unsent(document_id, series)
    row = book.store(document_id=document_id, kind=kind.value, series=series, year=day.year,
                     reference_of=lambda number: reference(config, kind, day.year, number), files_of=files_of,
                     decision=request.decision_code, dated=day, actor=actor, event=event)
    paths = [Path(name) for name in row.files]
    if earlier is not None and earlier.id == row.id:
        # The unsent draft this one replaces (another decision, corrected fields): its files go.
        for stale in set(earlier.files) - set(row.files):
            Path(stale).unlink(missing_ok=True)
    values = letter_values(config, record, kind, number=row.reference, on=day, details=request.details or {},
                           decision=request.decision, article=request.article, ground=request.ground)
    lines = parse_lines(template.fill(values))
    try:
        write_atomic(paths[0], docx_bytes(lines, fonts or letter_fonts(config), title=KINDS[kind].title))
        write_atomic(paths[1], plain_text(lines))
    except OSError as exc:
        raise LetterError(f"{KINDS[kind].title}（{row.reference}）未能写出：{exc}") from exc
    return row


def check_letters(config: Config) -> list[str]:
    """Start-up check: every template usable, every [letters.series] key a known kind."""
    known = {kind.value for kind in LetterKind}
    unknown = sorted(kind for kind, _ in config.letters.series if kind not in known)
    if unknown:
        raise LetterTemplateError(f"intake.toml [letters.series] 中有未知的文书类别 {', '.join(unknown)}；"
                                  f"可用的有：{', '.join(sorted(known))}")
    return check_templates(config.home)


def letter_path(config: Config, letter: LetterRow, suffix: str) -> Path | None:
    """The letter's file of this suffix if it still lies inside HOME/outbox."""
    outbox = config.outbox.resolve()
    for name in letter.files:
        try:
            path = Path(name).resolve(strict=True)
        except (OSError, RuntimeError):
            continue
        if path.suffix == suffix and path.is_relative_to(outbox) and path.is_file():
            return path
    return None
