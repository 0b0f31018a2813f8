"""Scoring harness for the understanding stage on hand-written corpora of realistic mail
(tests/data/understanding_cases*.jsonl; the corpora and their floors: test_understanding_corpora.py).

Each corpus holds one document per line, as it reaches a 市场监督管理局 (OCR text of forms and
letters, e-mail bodies with subject and sender, faxes), with the parts of the record a person would
write down for it (`expect`). A corpus is not a list of must-pass unit tests: one test per corpus
scores every case field by field, prints a per-field accuracy table and the failures, and asserts
floors that the current code meets. A floor that fails means a regression.

How a field is compared (an expected value that is absent from `expect` is not scored):
- strings: Unicode NFKC (full-width -> half-width), whitespace removed; exact match.
- a JSON list given for a scalar applicant field means "any of these is right"
  (e.g. a letter giving both a landline and a mobile).
- expected null: the service must give null/empty too (no invented values).
- phone: digits (and a leading +) only; id_number: upper case; email: lower case.
- description and address: character-overlap F1 >= 0.8 (punctuation and spaces ignored).
- titles: set of strings with 《》“”"" stripped; doc_numbers: set, brackets []【】［］()（） read as 〔〕.
- media, methods, missing: sets.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

F1_THRESHOLD = 0.8

SCALAR_APPLICANT = ("kind", "category", "name", "id_type", "id_number", "phone", "email", "address",
                    "postcode", "contact_person")
FIELD_ORDER = ["route", "status", "marked", "missing",
               *(f"applicant.{k}" for k in SCALAR_APPLICANT),
               "request.description", "request.titles", "request.doc_numbers",
               "delivery.media", "delivery.methods"]
# Goals for unseen mail: printed in the table, never asserted.
TARGETS: dict[str, float] = {field: 0.95 for field in [*FIELD_ORDER, "ALL"]}
TARGETS["request.description"] = 0.85


# ---------------------------------------------------------------- normalisation and comparison
def norm(value: object) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(value)))


def _chars(value: str) -> Counter:
    return Counter(c for c in norm(value) if not unicodedata.category(c).startswith(("P", "S", "Z")))


def char_f1(expected: str | None, got: str | None) -> float:
    if not expected or not got:
        return 1.0 if not expected and not got else 0.0
    a, b = _chars(expected), _chars(got)
    common = sum((a & b).values())
    if not common:
        return 0.0
    precision, recall = common / sum(b.values()), common / sum(a.values())
    return 2 * precision * recall / (precision + recall)


_BRACKETS = str.maketrans({"[": "〔", "]": "〕", "【": "〔", "】": "〕", "［": "〔", "］": "〕",
                           "(": "〔", ")": "〕", "（": "〔", "）": "〕"})


def _norm_scalar(field: str, value: object) -> str | None:
    if value is None or value == "":
        return None
    text = norm(value)
    if field == "applicant.phone":
        return re.sub(r"[^\d+]", "", text)
    if field == "applicant.id_number":
        return text.upper()
    if field == "applicant.email":
        return text.lower()
    return text


def _norm_item(field: str, value: str) -> str:
    text = norm(value)
    if field == "request.titles":
        return text.strip("《》〈〉“”\"'‘’「」")
    if field == "request.doc_numbers":
        return text.translate(_BRACKETS)
    return text


def field_ok(field: str, expected: object, got: object) -> bool:
    if field in ("request.description", "applicant.address"):
        options = expected if isinstance(expected, list) else [expected]
        return any((char_f1(o, got) >= F1_THRESHOLD) if o else not got for o in options)
    if isinstance(expected, list) and field.startswith(("applicant.",)):
        return any(field_ok(field, option, got) for option in expected)   # any-of
    if field in ("missing", "request.titles", "request.doc_numbers", "delivery.media", "delivery.methods"):
        return {_norm_item(field, v) for v in (expected or [])} == {_norm_item(field, v) for v in (got or [])}
    if field == "marked":
        return bool(expected) == bool(got)
    return _norm_scalar(field, expected) == _norm_scalar(field, got)


# ---------------------------------------------------------------- running the service
def _email_meta(case: dict):
    if "email_subject" not in case and "email_from" not in case:
        return None
    from intake.kernel.model import EmailMeta
    sender = case.get("email_from") or ""
    match = re.match(r"\s*(.*?)\s*<([^>]+)>\s*$", sender)
    name, address = (match.group(1) or None, match.group(2)) if match else (None, sender or None)
    return EmailMeta(subject=case.get("email_subject", ""), sender_name=name, sender_address=address, date=None)


def record_of(understanding) -> dict:
    """The parts of the intake record that the corpus checks, in the contract's keys (the status as
    the pipeline decides it for a first, well-read arrival)."""
    from intake.classifiers.decide import decide_status
    c, check, ex = understanding.classification, understanding.check, understanding.extraction
    decision = decide_status(route=c.route, missing=check.missing, sha256="0" * 64,
                             confidence=understanding.confidence)
    got: dict = {"route": str(c.route), "status": str(decision.status), "marked": c.marked,
                 "missing": sorted(str(m) for m in decision.missing), "applicant": {}, "request": {}, "delivery": {}}
    if ex is not None:
        got["applicant"] = {k: getattr(ex.applicant, k) for k in SCALAR_APPLICANT}
        got["request"] = {"description": ex.request.description, "titles": list(ex.request.titles),
                          "doc_numbers": list(ex.request.doc_numbers)}
        got["delivery"] = {"media": list(ex.delivery.media), "methods": list(ex.delivery.methods)}
    return got


def _flatten(expect: dict) -> dict[str, object]:
    flat: dict[str, object] = {}
    for key, value in expect.items():
        if key in ("applicant", "request", "delivery") and isinstance(value, dict):
            for sub, v in value.items():
                flat[f"{key}.{sub}"] = v
        else:
            flat[key] = value
    return flat


def _lookup(got: dict, field: str) -> object:
    if "." in field:
        head, tail = field.split(".", 1)
        return (got.get(head) or {}).get(tail)
    return got.get(field)


@dataclass
class Outcome:
    case_id: str
    field: str
    ok: bool
    expected: object
    got: object


def load_cases(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def score(cases: list[dict]) -> tuple[list[Outcome], dict[str, dict]]:
    from intake.classifiers.understand import understand
    from intake.config import Config
    from intake.pipeline.services import agency_facts
    agency = agency_facts(Config(home=Path(".")))     # the embedded defaults, as the service runs
    outcomes: list[Outcome] = []
    records: dict[str, dict] = {}
    for case in cases:
        got = record_of(understand(case["text"], email=_email_meta(case), agency=agency))
        records[case["id"]] = got
        for field, expected in _flatten(case["expect"]).items():
            value = _lookup(got, field)
            outcomes.append(Outcome(case["id"], field, field_ok(field, expected, value), expected, value))
    return outcomes, records


def accuracy(outcomes: list[Outcome]) -> dict[str, tuple[int, int]]:
    table: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for o in outcomes:
        for key in (o.field, "ALL"):
            table[key][0] += o.ok
            table[key][1] += 1
    return {k: (v[0], v[1]) for k, v in table.items()}


def fields_below(outcomes: list[Outcome], floors: dict[str, float]) -> dict[str, float]:
    """The fields whose accuracy fell below their floor (a regression)."""
    acc = accuracy(outcomes)
    return {f: round(acc[f][0] / acc[f][1], 3) for f, floor in floors.items()
            if f in acc and acc[f][0] / acc[f][1] < floor}


def report(cases: list[dict], outcomes: list[Outcome], records: dict[str, dict],
           floors: dict[str, float]) -> str:
    acc = accuracy(outcomes)
    lines = [f"{'field':<27}{'right':>7}{'total':>7}{'acc':>8}{'floor':>8}{'target':>8}"]
    for field in [*FIELD_ORDER, "ALL"]:
        if field in acc:
            right, total = acc[field]
            lines.append(f"{field:<27}{right:>7}{total:>7}{right / total:>8.3f}"
                         f"{floors.get(field, 0):>8.2f}{TARGETS.get(field, 0):>8.2f}")
    failed_cases = {o.case_id for o in outcomes if not o.ok}
    lines.append(f"\ncases with every field right: {len(cases) - len(failed_cases)}/{len(cases)}")
    confusion = Counter((c["expect"]["route"], records[c["id"]]["route"]) for c in cases)
    lines.append("\nroute confusion (expected -> got): " +
                 ", ".join(f"{e}->{g}:{n}" for (e, g), n in sorted(confusion.items()) if e != g))
    lines.append("\nfailures (case, field, expected, got):")
    notes = {c["id"]: c.get("note", "") for c in cases}
    last = None
    for o in outcomes:
        if o.ok:
            continue
        if o.case_id != last:
            lines.append(f"- {o.case_id}: {notes[o.case_id][:110]}")
            last = o.case_id
        exp = json.dumps(o.expected, ensure_ascii=False)
        got = json.dumps(o.got, ensure_ascii=False)
        if o.field == "request.description":
            got += f"   (F1 {char_f1(o.expected, o.got):.2f})"
        lines.append(f"    {o.field:<26} expected {exp[:140]}\n    {'':<26} got      {got[:160]}")
    return "\n".join(lines)


_RID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def valid_resident_id(n: str) -> bool:      # GB 11643
    return bool(re.fullmatch(r"\d{17}[\dX]", n)) and \
        "10X98765432"[sum(int(c) * w for c, w in zip(n, _RID_WEIGHTS)) % 11] == n[17]


def valid_uscc(n: str) -> bool:             # GB 32100
    if len(n) != 18 or any(c not in _USCC_ALPHABET for c in n):
        return False
    total = sum(_USCC_ALPHABET.index(c) * pow(3, i, 31) for i, c in enumerate(n[:17]))
    return _USCC_ALPHABET[(31 - total % 31) % 31] == n[17]
