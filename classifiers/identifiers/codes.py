"""Resident IDs and USCCs found in text. OCR misreads are repaired only where the check character
confirms the repair and no other single-character repair would pass as well (ties go to the usual
OCR confusions, then to known address codes / the 主体标识码 check); otherwise the value is reported as
read and invalid, never guessed."""
from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from intake.classifiers.identifiers.checksums import (
    _DIGIT_NEIGHBOURS,
    _USCC_NEIGHBOURS,
    _USCC_PLAUSIBLE,
    DIGIT_LOOKALIKES,
    USCC_ALPHABET,
    USCC_DEPARTMENTS,
    USCC_LOOKALIKES,
    USCC_LOWER,
    X_LOOKALIKES,
    _birth_date_ok,
    _id_shaped,
    _uscc_plausible,
    address_code_known,
    resident_id_valid,
    uscc_valid,
)
from intake.classifiers.identifiers.text import IdCandidate, normalise_text


# A substituted character repairs what a recogniser misread; in text someone typed there is no
# misreading to repair, and a wrong check character is the writer's, to be shown, not rewritten.
_GUESSING: ContextVar[bool] = ContextVar("guessing", default=True)


@contextmanager
def typed_text() -> Iterator[None]:
    """Within this block codes are read as typed: look-alike characters (O for 0) are still read,
    but no character is substituted to make a check pass."""
    token = _GUESSING.set(False)
    try:
        yield
    finally:
        _GUESSING.reset(token)


# ---------------------------------------------------------------- repairing a reading
@dataclass(frozen=True, slots=True)
class _Reading:
    value: str
    valid: bool
    corrected: bool
    guessed: bool = False      # a character was substituted to make the check pass


def _resolve(options: Sequence[str], literal: str, is_valid: Callable[[str], bool], alphabet: str,
             confusions: Mapping[str, str], prefer: Sequence[Callable[[str], bool]] = ()) -> _Reading:
    """The one valid reading of a code whose characters may each be read several ways.

    First the ways the characters themselves allow. If none passes, every single substitution
    from the whole alphabet, not only the usual confusions: the true value is then always among
    those that pass, so a lone passer is safe. Ties go to a usual confusion, then to each of
    `prefer` in turn; a tie left over means no repair.
    """
    readings = ["".join(p) for p in itertools.islice(itertools.product(*options), 64)]
    passing = [r for r in readings if is_valid(r)]
    guessed = not passing
    if guessed:
        base = readings[0]
        usual = {base[:i] + alt + base[i + 1:] for i, c in enumerate(base) for alt in confusions.get(c, "")}
        passing = sorted(v for v in {base[:i] + alt + base[i + 1:] for i, c in enumerate(base)
                                     for alt in alphabet if alt != c} if is_valid(v))
        if len(passing) > 1:
            passing = [v for v in passing if v in usual] or passing
    for plausible in prefer:
        if len(passing) > 1:
            passing = [v for v in passing if plausible(v)] or passing
    if len(passing) == 1:
        return _Reading(passing[0], True, passing[0] != literal, guessed)
    return _Reading(readings[0], False, readings[0] != literal)


def _id_options(chars: str) -> list[str] | None:
    options = []
    for i, c in enumerate(chars):
        if c.isdigit():
            options.append(c)
        elif i == 17 and c in X_LOOKALIKES:
            options.append("X")
        elif c in DIGIT_LOOKALIKES:
            options.append(DIGIT_LOOKALIKES[c])
        else:
            return None
    return options


def _uscc_options(chars: str) -> list[str] | None:
    options = []
    for i, c in enumerate(chars):
        if 2 <= i < 8 and not c.isdigit():          # the division code is digits only
            digits = DIGIT_LOOKALIKES.get(c) or "".join(
                d for d in _USCC_NEIGHBOURS.get(c.upper(), "") if d.isdigit())
            if not digits:
                return None
            options.append(digits)
        elif c in USCC_LOWER:
            options.append(USCC_LOWER[c])
        elif c.upper() in USCC_ALPHABET:
            options.append(c.upper())
        elif c in USCC_LOOKALIKES:
            options.append(USCC_LOOKALIKES[c])
        else:
            return None
    return options


# ---------------------------------------------------------------- 18-character codes in text
_CODE_SEP_CHARS = " \t\n-‐‑–—"


_CODE_SEP = re.escape(_CODE_SEP_CHARS)


_CODE_CHAR = "0-9A-Za-z" + re.escape("|!" + X_LOOKALIKES)


# Every position where 18 code characters start (overlapping), with up to three separator
# characters between them (" - "); neighbours must not be letters or digits.
_CODE_RUN = re.compile(
    rf"(?<![0-9A-Za-z])(?=([{_CODE_CHAR}](?:[{_CODE_SEP}]{{0,3}}[{_CODE_CHAR}]){{17}})(?![0-9A-Za-z]))")


_OLD_ID = re.compile(r"(?<![0-9A-Za-z])[0-9]{15}(?![0-9A-Za-z])")


_MIN_DIGITS_IN_CODE = 10


def _read_resident_id(options: list[str], literal: str) -> _Reading:
    """A repair may not move a known address code to an unknown one; known codes break ties."""
    read_code = "".join(o[0] for o in options[:6])

    def passes(value: str) -> bool:
        return resident_id_valid(value) and (value[:6] == read_code or address_code_known(value[:6])
                                             or not address_code_known(read_code))

    return _resolve(options, literal, passes, "0123456789X", _DIGIT_NEIGHBOURS,
                    (lambda v: address_code_known(v[:6]),))


def _valid_reading(reading: _Reading | None, may_guess: bool) -> _Reading | None:
    return reading if reading is not None and reading.valid and (may_guess or not reading.guessed) else None


def _classify_run(raw: str, span: tuple[int, int]) -> tuple[str, IdCandidate] | None:
    """Decide whether 18 code characters are a resident ID or a USCC, and read them."""
    chars = "".join(c for c in raw if c not in _CODE_SEP_CHARS)
    if "\n\n" in raw:
        return None
    literal = chars[:17].upper() + ("X" if chars[17] in "xX" else chars[17].upper())
    if sum(c.isdigit() for c in chars) < _MIN_DIGITS_IN_CODE:
        # Few digits (N237152518AQBRXFTP): a credit code only exactly as written, never repaired.
        whole = raw == chars and uscc_valid(literal) and literal[0] in USCC_DEPARTMENTS
        return ("uscc", IdCandidate(literal, True, False, span, raw)) if whole else None
    id_opts, uscc_opts = _id_options(chars), _uscc_options(chars)
    person = _read_resident_id(id_opts, literal) if id_opts else None
    if person is not None and person.guessed and not _GUESSING.get():
        person = _Reading(literal, False, False)      # typed: reported as written, and invalid
    if person is not None and person.valid and not person.corrected:
        return "id", IdCandidate(person.value, True, False, span, raw)     # the common case, and cheap
    company = (_resolve(uscc_opts, literal, uscc_valid, USCC_ALPHABET, _USCC_NEIGHBOURS, _USCC_PLAUSIBLE)
               if uscc_opts else None)
    if company is not None and company.guessed and not _GUESSING.get():
        company = _Reading(literal, False, False)
    # Spaces may join two numbers, so a separated run is taken only as read; a run shaped like
    # a resident ID is never made a USCC by a guess.
    separated = any(c in _CODE_SEP_CHARS for c in raw)
    looks_like_id = id_opts is not None and _id_shaped("".join(o[0] for o in id_opts))
    as_id = _valid_reading(person, not separated)
    as_uscc = _valid_reading(company, not separated and not looks_like_id)
    if as_uscc and (as_uscc.guessed or as_id or looks_like_id) and not _uscc_plausible(as_uscc.value):
        as_uscc = None      # a guessed or contested credit code must be whole: org code, division, department
    # A reading as written beats a repaired one (an ID as written returned above); between two
    # repairs the shape decides.
    # …except a run with an ID's birth date whose one repair is a valid ID: a credit code as written
    # would need that date by chance in its division and organisation codes (871502 2006 0930 7952).
    if as_uscc and not as_uscc.corrected and not (as_id and looks_like_id and _birth_date_ok(as_id.value[6:14])):
        return "uscc", IdCandidate(as_uscc.value, True, False, span, raw)
    # Both only guessed: people apply far more often than organisations.
    if as_id and (not as_uscc or looks_like_id or (as_id.guessed and as_uscc.guessed)):
        return "id", IdCandidate(as_id.value, True, True, span, raw)
    if as_uscc:
        return "uscc", IdCandidate(as_uscc.value, True, True, span, raw)
    if separated:
        return None
    if person is not None and looks_like_id:
        return "id", IdCandidate(person.value, False, person.corrected, span, raw)
    if company is not None and company.value[0] in USCC_DEPARTMENTS:
        return "uscc", IdCandidate(company.value, False, company.corrected, span, raw)
    return None


def _codes(text: str) -> list[tuple[str, IdCandidate]]:
    """Resident IDs and USCCs in order, never overlapping; a valid reading wins a start position."""
    norm = normalise_text(text)
    found: list[tuple[str, IdCandidate]] = []
    taken_until = -1
    for m in _CODE_RUN.finditer(norm):
        start, end = m.span(1)
        if start < taken_until:
            continue
        classified = _classify_run(m.group(1), (start, end))
        if classified is not None:
            found.append(classified)
            taken_until = end
    for m in _OLD_ID.finditer(norm):
        if resident_id_valid(m.group()) and address_code_known(m.group()[:6]) and not any(c.span[0] < m.end() and m.start() < c.span[1]
                                                    for _, c in found):
            found.append(("id", IdCandidate(m.group(), True, False, m.span(), m.group())))
    return sorted(found, key=lambda kc: kc[1].span)


def find_resident_ids(text: str) -> list[IdCandidate]:
    return [c for kind, c in _codes(text) if kind == "id"]


def find_usccs(text: str) -> list[IdCandidate]:
    return [c for kind, c in _codes(text) if kind == "uscc"]
