"""Masking of personal data for logs and the digest: ID numbers, credit codes, phones, e-mail.

One helper for every place that shows text to people other than the case officer
(STYLE: "ID numbers, phones and e-mail addresses are masked by one helper").
Masking errs on the side of hiding: after the identifiers the finders recognise, any long run of
digits left over is masked too, so a number glued to other digits or letters does not slip through.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass

from intake.classifiers import identifiers

MASK = "*"


@dataclass(frozen=True, slots=True)
class Keep:
    """How many significant characters (letters, digits) stay visible at each end."""
    first: int
    last: int


# What each kind keeps visible; tested row by row in tests/test_masking.py.
KEEP: Mapping[str, Keep] = {
    "resident_id": Keep(4, 4),       # 3715**********123X
    "uscc": Keep(4, 4),
    "passport": Keep(1, 3),
    "other": Keep(0, 3),
    "mobile": Keep(3, 4),            # 138****5678
    "landline": Keep(0, 2),          # local number only; the area code stays (0635-*****15)
    # Numbers not recognised as one kind (an ID glued to other digits, a garbled code) may hold
    # any of the above at any offset, so they show no more than every kind allows at its ends.
    "unknown": Keep(0, 2),
}
EMAIL_LOCAL_SHOWN = 1                # z***@example.com: the length of the name is hidden too
EMAIL_STARS = 3

_MOBILE_ANYWHERE = re.compile(r"1[3-9][0-9](?:[ \-‐‑–—一]?[0-9]{4}){2}")
_LANDLINE_ANYWHERE = re.compile(r"(0(?:10|2[0-9]|[3-9][0-9]{2})\s?[)）]?\s?[\-‐‑–—―一]?\s?)([2-9][0-9]{6,7})")
# The same, at every offset: among digits the leftmost reading need not be the phone.
_MOBILE_AT_EVERY_OFFSET = re.compile(f"(?=({_MOBILE_ANYWHERE.pattern}))")
_LANDLINE_AT_EVERY_OFFSET = re.compile(f"(?={_LANDLINE_ANYWHERE.pattern})")
_DIGIT_RUN = re.compile(r"[0-9]{9,}")
# Passports and the permits of Hong Kong, Macao and Taiwan residents (H10387265, 05371842, C01X7R2K5):
# after their label, any run of letters and digits with at least five digits is an ID number.
_OTHER_ID = re.compile(r"(?:护照|護照|通行证|通行證|台胞证|台胞證|回乡证|回鄉證|证件号码|證件號碼|passport|Passport|PASSPORT)"
                       r"[^0-9\n]{0,16}?(?<![0-9A-Za-z])((?=(?:[A-Za-z]*[0-9]){5})[0-9A-Za-z]{6,18})")
# Whatever stands before an @ is the private part of an address, even where the domain is garbled.
_EMAIL_LOCAL = re.compile(r"[A-Za-z0-9._%+-]+(?=\s?@)")


def _significant(c: str) -> bool:
    half = identifiers.normalise_text(c)
    return half.isascii() and half.isalnum()


def _hide(chars: list[str], text: str, start: int, end: int, keep: Keep) -> None:
    """Replace the significant characters of text[start:end] but the first/last few with '*' in chars.

    Which characters count is read from the unmasked text, so a second rule over the same
    digits keeps the same ends instead of revealing new ones.
    """
    positions = [i for i in range(start, end) if _significant(text[i])]
    shown = set(positions[:keep.first]) | set(positions[len(positions) - keep.last:] if keep.last else [])
    if len(shown) >= len(positions):       # too short to show anything safely
        shown = set()
    for i in positions:
        if i not in shown and chars[i]:         # "" is a character an e-mail mask took away
            chars[i] = MASK


def _mask_email(chars: list[str], match: identifiers.Found, text: str) -> None:
    start, end = match.span
    at = text.find("@", start, end)
    if at < 0:
        at = text.find("＠", start, end)
    local_end = at
    while local_end > start and text[local_end - 1].isspace():
        local_end -= 1
    shown = min(EMAIL_LOCAL_SHOWN, max(0, local_end - start - 1))
    chars[start + shown:local_end] = [MASK * EMAIL_STARS] + [""] * (local_end - start - shown - 1)


def mask_value(kind: str, value: str) -> str:
    """One identifier masked by what it is: resident_id, uscc, passport, other, phone, mobile, landline, email."""
    if kind == "email":
        return mask(value) if "@" in value or "＠" in value else MASK * EMAIL_STARS
    if kind == "phone":
        kind = "mobile" if _MOBILE_ANYWHERE.fullmatch(identifiers.normalise_text(value).strip()) else "landline"
    if kind not in KEEP:
        raise ValueError(f"no masking rule for {kind!r}; known: email, phone, {', '.join(KEEP)}")
    chars, norm = list(value), identifiers.normalise_text(value)
    if kind == "landline":
        found = _LANDLINE_ANYWHERE.search(norm)
        if found:
            _hide(chars, norm, found.start(2), found.end(2), KEEP["landline"])
            return "".join(chars)
        kind = "unknown"
    _hide(chars, norm, 0, len(chars), KEEP[kind])
    return "".join(chars)


def mask(text: str) -> str:
    """The text with every ID number, credit code, phone and e-mail address masked."""
    norm = identifiers.normalise_text(text)
    chars = list(text)
    handled: list[tuple[int, int]] = []

    def first_claim(start: int, end: int) -> bool:
        if any(s < end and start < e for s, e in handled):
            return False
        handled.append((start, end))
        return True

    def not_handled(start: int, end: int) -> bool:
        return not any(s <= start and end <= e for s, e in handled)

    # What the finders recognise is masked by its kind, each span once.
    for email in identifiers.email_matches(text):
        if first_claim(*email.span):
            _mask_email(chars, email, norm)
    for candidate in identifiers.find_resident_ids(text) + identifiers.find_usccs(text):
        if first_claim(*candidate.span):
            keep = KEEP["resident_id" if candidate.valid and not candidate.corrected else "unknown"]
            _hide(chars, norm, *candidate.span, keep)
    for phone in identifiers.phone_matches(text):
        if first_claim(*phone.span):
            _hide_phone(chars, norm, *phone.span)
    for other in _OTHER_ID.finditer(norm):
        if first_claim(*other.span(1)):
            _hide(chars, norm, *other.span(1), KEEP["other"])
    # Then the catch-alls, which may overlap the above: hiding twice never shows anything.
    for local in _EMAIL_LOCAL.finditer(norm):
        if not_handled(*local.span()):
            _hide(chars, norm, *local.span(), Keep(EMAIL_LOCAL_SHOWN, 0))
    for run in _DIGIT_RUN.finditer(norm):
        if not_handled(*run.span()):
            _hide(chars, norm, *run.span(), KEEP["unknown"])
    for mobile in _MOBILE_AT_EVERY_OFFSET.finditer(norm):
        if not_handled(*mobile.span(1)):
            _hide(chars, norm, *mobile.span(1), KEEP["mobile"])
    for landline in _LANDLINE_AT_EVERY_OFFSET.finditer(norm):
        if not_handled(*landline.span(2)):
            _hide(chars, norm, *landline.span(2), KEEP["landline"])
    return "".join(chars)


def _hide_phone(chars: list[str], norm: str, start: int, end: int) -> None:
    landline = _LANDLINE_ANYWHERE.match(norm, start, end) or _LANDLINE_ANYWHERE.match(norm, start + 1, end)
    if landline and not _MOBILE_ANYWHERE.match(norm, start, end):
        _hide(chars, norm, landline.start(2), end, KEEP["landline"])
    elif _MOBILE_ANYWHERE.match(norm, start, end):
        _hide(chars, norm, start, end, KEEP["mobile"])
    else:                                   # a local number after a label: 8367215
        _hide(chars, norm, start, end, KEEP["landline"])


class MaskingFilter(logging.Filter):
    """Masks a record's message, its arguments and its traceback before any handler sees them."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            # A format string that does not fit its arguments: logging would report it, but the
            # arguments must not reach the handler unmasked on the way.
            message = f"{record.msg} {record.args!r}"
        record.msg = mask(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask(record.exc_text)
        if record.stack_info:
            record.stack_info = mask(record.stack_info)
        return True
