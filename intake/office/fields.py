"""A record's fields as the office edits them: `applicant.name`, `delivery.media` … Pure
functions over typed records (`dataclasses.replace`), so the review page, the CLI and a
reprocessed record apply a correction the same way."""
from __future__ import annotations

from dataclasses import replace
from typing import Any

from intake.kernel import Applicant, Delivery, Record, Request
from intake.office.vocabulary import CHOICES, FIELD_KEYS, LIST_KEYS

FieldValue = str | list[str] | None


class FieldError(ValueError):
    """A value the office typed cannot be stored; the message is shown as it is (Chinese)."""


def normalize(key: str, value: Any) -> FieldValue:
    """The stored form of one submitted field: None for blank, lists for list fields."""
    if key not in FIELD_KEYS:
        raise FieldError(f"未知字段 {key}")
    allowed = CHOICES.get(key)
    if key in LIST_KEYS:
        items = value.splitlines() if isinstance(value, str) else list(value or ())
        cleaned = list(dict.fromkeys(str(item).strip() for item in items if str(item).strip()))
        unknown = [item for item in cleaned if allowed is not None and item not in allowed]
        if unknown:
            raise FieldError(f"{key} 的取值 {unknown} 不在 {list(allowed or ())} 之内")
        return cleaned
    text = "" if value is None else str(value).strip()
    if not text:
        return None
    if allowed is not None and text not in allowed:
        raise FieldError(f"{key} 的取值 {text!r} 不在 {list(allowed)} 之内")
    if key == "applicant.id_number":
        # RECORD.md: "as written, with a lower-case x upper-cased".
        return text.replace("x", "X") if text[:-1].isdigit() else text
    if key == "applicant.postcode" and not (len(text) == 6 and text.isdigit()):
        raise FieldError(f"邮政编码应为六位数字：{text!r}")
    return text


def field_value(record: Record, key: str) -> FieldValue:
    part, name = key.split(".", 1)
    section = getattr(record, part)
    value = getattr(section, name) if section is not None else None
    if key in LIST_KEYS:
        return [str(item) for item in value or ()]
    return None if value is None else str(value)


def with_field(record: Record, key: str, value: FieldValue) -> Record:
    """The record with one field set (its section created when the record had none)."""
    part, name = key.split(".", 1)
    stored: Any = tuple(value or ()) if key in LIST_KEYS else value
    if part == "applicant":
        return replace(record, applicant=replace(record.applicant or Applicant(), **{name: stored}))
    if part == "request":
        return replace(record, request=replace(record.request or Request(), **{name: stored}))
    return replace(record, delivery=replace(record.delivery or Delivery(), **{name: stored}))


def unchanged(old: FieldValue, new: FieldValue) -> bool:
    return old == new or (old in (None, []) and new in (None, []))
