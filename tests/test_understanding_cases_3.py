"""Third understanding corpus: a third, independent set of writers, scored with the first harness's functions.

tests/data/understanding_cases_3.jsonl (ids d3-001 …) holds 40 documents (24 applications, 16 not) written
without reference to the first two corpora: handwritten letters of retirees and herdsmen (OCR-wrapped at 30-38
characters), law-firm, company and journalist e-mails with signature blocks, faxes with header lines, online
platform printouts, Shanghai/Pudong-style and county forms (one cell per line, or two columns read across the
row), envelopes scanned as page 1, passports, USCCs of law firms (31…), NGOs (52…), 事业单位 (12…) and village
committees (54…), OCR slips (O for 0, full-width digits, 【】 and () around 文号, a 文号 split over two lines),
and applications missing the ID, the contact, the delivery or a searchable description; plus petitions,
complaints, reports, consultations, an invoice, a forwarding letter and an advert, some of them headed
政府信息公开申请 or written on the form (条例 Art. 39).

The case format and the field comparison are those of tests/test_understanding_cases.py: the scoring
functions are imported from there, not copied. As there, the corpus is not a list of must-pass unit
tests: ONE test scores every case field by field, prints the table and the failures, and asserts floors
that the current code meets.

    pytest tests/test_understanding_cases_3.py -s        # table + failures
    python -m tests.test_understanding_cases_3 [--json]  # the same without pytest
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from tests.test_understanding_cases import (_valid_resident_id, _valid_uscc, fields_below, load_cases, report,
                                            score)

from tests.test_understanding_cases_2 import load_cases_2

CASES_PATH = Path(__file__).parent / "data" / "understanding_cases_3.jsonl"

# FLOORS are regression guards, NOT goals: each is what the code reached when this corpus was first
# measured (40 cases) minus two cases of slack (ten for ALL), rounded down to two decimals. A drop below
# a floor fails the test. When a fix raises a field, raise its floor. TARGETS (printed, never asserted)
# are the first harness's.
FLOORS: dict[str, float] = {
    # field                     floor   measured (first unseen run: ALL 437/504)
    "route":                    0.95,   # 40/40 = 1.000
    "status":                   0.92,   # 39/40 = 0.975
    "marked":                   0.90,   # 38/40 = 0.950
    "missing":                  0.83,   # 22/24 = 0.917
    "applicant.kind":           0.91,   # 24/24 = 1.000
    "applicant.category":       0.91,   # 24/24 = 1.000
    "applicant.name":           0.87,   # 23/24 = 0.958
    "applicant.id_type":        0.91,   # 24/24 = 1.000
    "applicant.id_number":      0.91,   # 24/24 = 1.000
    "applicant.phone":          0.87,   # 23/24 = 0.958
    "applicant.email":          0.91,   # 24/24 = 1.000
    "applicant.address":        0.79,   # 21/24 = 0.875
    "applicant.postcode":       0.91,   # 24/24 = 1.000
    "applicant.contact_person": 0.91,   # 24/24 = 1.000
    "request.description":      0.79,   # 21/24 = 0.875
    "request.titles":           0.87,   # 23/24 = 0.958
    "request.doc_numbers":      0.83,   # 22/24 = 0.917
    "delivery.media":           0.83,   # 22/24 = 0.917
    "delivery.methods":         0.79,   # 21/24 = 0.875
    "ALL":                      0.93,   # 483/504 = 0.958
}


def load_cases_3() -> list[dict]:
    return load_cases(CASES_PATH)


def test_understanding_corpus_3():
    cases = load_cases_3()
    assert len(cases) >= 40
    outcomes, records = score(cases)
    print("\n" + report(cases, outcomes, records, floors=FLOORS))
    below = fields_below(outcomes, FLOORS)
    assert not below, f"accuracy fell below the floor: {below} (floors: {FLOORS})"


def test_corpus_3_is_well_formed():
    """Unique ids (also against the first two corpora), known enums, consistent status, valid check digits."""
    cases = load_cases_3()
    ids = [c["id"] for c in cases]
    assert len(set(ids)) == len(ids)
    assert not set(ids) & {c["id"] for c in [*load_cases(), *load_cases_2()]}
    routes = {"application", "petition", "complaint", "report", "consultation", "other"}
    for case in cases:
        expect = case["expect"]
        assert expect["route"] in routes, case["id"]
        assert (expect["status"] == "routed") == (expect["route"] != "application"), case["id"]
        if expect["route"] == "application":
            assert (expect["status"] == "needs_correction") == bool(expect["missing"]), case["id"]
            assert {"applicant", "request"} <= set(expect), case["id"]
        applicant = expect.get("applicant") or {}
        if applicant.get("id_type") == "resident_id":
            assert _valid_resident_id(applicant["id_number"]), case["id"]
        if applicant.get("id_type") == "uscc":
            assert _valid_uscc(applicant["id_number"]), case["id"]
    assert Counter(c["expect"]["route"] for c in cases)["application"] < len(cases)


if __name__ == "__main__":
    all_cases = load_cases_3()
    result, recs = score(all_cases)
    if "--json" in sys.argv:
        for o in result:
            print(json.dumps(o.__dict__, ensure_ascii=False))
    else:
        print(report(all_cases, result, recs, floors=FLOORS))
