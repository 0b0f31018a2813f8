"""Proof of identity (Art. 29 (一) accepts any 身份证明): the resident ID card, a credit code, or a
passport, travel permit or foreign registration written on the form or in the letter."""
from __future__ import annotations

import re
from collections.abc import Sequence

from intake.classifiers.fields.pairs import Pair


def person_proof(pairs: Sequence[Pair], text: str, resident_id: str | None,
                 foreign: bool) -> tuple[str | None, str | None]:
    """(id_type, id_number) of a person; `foreign`: the name is written in Latin script."""
    if resident_id is not None:
        return "resident_id", resident_id
    id_type, id_number = _other_id(pairs)
    if id_number is None:
        id_type, id_number = _travel_document(text)
    # A foreigner proves identity with a passport, whatever the form's 身份证号码 label says; a
    # travel permit is named as such.
    if id_type == "other" and foreign and not _PERMIT.search(text) and re.fullmatch(r"[A-Z0-9]{6,12}", id_number or ""):
        id_type = "passport"
    return id_type, id_number


def organisation_proof(pairs: Sequence[Pair], uscc: str | None) -> tuple[str | None, str | None]:
    """(id_type, id_number) of an organisation: its valid credit code, or a firm registered abroad or
    in Hong Kong with its registration number as written."""
    if uscc is not None:
        return "uscc", uscc
    id_type, id_number = _other_id(pairs, ("", "person", "organization"))
    if id_number and re.fullmatch(r"[0-9A-Z]{18}", id_number):
        return None, None     # a USCC that fails its check is not proof
    return id_type, id_number


def _first_value(pairs: Sequence[Pair], field: str, sections: tuple[str, ...]) -> str | None:
    for pair in pairs:
        if pair.field == field and pair.value and pair.section in sections:
            return pair.value.strip()
    return None


def _other_id(pairs: Sequence[Pair], sections: tuple[str, ...] = ("", "person")) -> tuple[str | None, str | None]:
    kind = _first_value(pairs, "id_kind", sections)
    number = _first_value(pairs, "id_number", sections)
    if not number or not re.search(r"[0-9A-Za-z]{5,}", number):
        return None, None
    number = re.sub(r"\s", "", number).upper()
    if kind and "护照" in kind:
        return "passport", number
    return "other", number


# Identity documents other than the resident ID card (Art. 29 (一) accepts any 身份证明).
_TRAVEL_DOCUMENT = re.compile(r"(护照|(?i:passport)(?:\s?(?i:no\.?|number))?|港澳居民来往内地通行证|台湾居民来往大陆通行证|"
                              r"往来港澳通行证|通行证|港澳居民居住证|台湾居民居住证|居住证|台胞证|回乡证|"
                              r"外国人永久居留身份证|永久居留证|军官证|士兵证)(?:[，,\s（(]*(?:证件)?(?:号码|号|编号))?[：:\s]*([A-Z]{0,2}\s?[0-9A-Z]{6,12})")


_PERMIT = re.compile(r"通行证|回乡证|台胞证|居住证|永久居留|通行證|回鄉證|臺胞證|居住證")


def _travel_document(text: str) -> tuple[str | None, str | None]:
    match = _TRAVEL_DOCUMENT.search(text)
    if not match:
        return None, None
    kind = "passport" if match.group(1) == "护照" or match.group(1).lower().startswith("passport") else "other"
    return kind, re.sub(r"\s", "", match.group(2)).upper()
