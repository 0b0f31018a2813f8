"""Second understanding corpus: different writers, scored with the first harness's functions.

tests/data/understanding_cases_2.jsonl (ids d2-001 …) holds 60 documents as they reach a county or city
市场监督管理局 anywhere in China, written independently of the first corpus: PP-OCR output of scans
(visual lines hard-wrapped at ~30-38 characters, form tables flattened one cell per line, two-column
forms read label, value, label, value across the row, OCR slips such as 一 for -, O for 0, [ ] or 【】
for 〔〕, full-width digits, stray spaces, a lost ☑), fax header lines, envelopes scanned as page 1,
multi-page letters, provincial form wordings (广东/浙江/四川/河南/河北/江苏…), and letters from retirees,
migrant workers, students, shop owners, lawyers, journalists, researchers, NGOs, village committees and
companies; plus petitions, complaints, reports, consultations and other mail, some of them written on the
application form or headed 政府信息公开申请 (条例 Art. 39).

The case format and the field comparison are those of tests/test_understanding_cases.py: the scoring
functions are imported from there, not copied. As there, the corpus is not a list of must-pass unit
tests: ONE test scores every case field by field, prints the table and the failures, and asserts floors
that the current code meets.

    pytest tests/test_understanding_cases_2.py -s        # table + failures
    python -m tests.test_understanding_cases_2 [--json]  # the same without pytest
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from tests.test_understanding_cases import (_valid_resident_id, _valid_uscc, fields_below, load_cases, report,
                                            score)

CASES_PATH = Path(__file__).parent / "data" / "understanding_cases_2.jsonl"

# FLOORS are regression guards, NOT goals: each is what the code reached when this corpus was first
# measured (60 cases) minus two cases of slack (ten for ALL), rounded down to two decimals. A drop below
# a floor fails the test. When a fix raises a field, raise its floor. TARGETS (printed, never asserted)
# are the first harness's.
FLOORS: dict[str, float] = {
    # field                     floor   measured
    "route":                    0.96,   # 60/60 = 1.000
    "status":                   0.95,   # 59/60 = 0.983
    "marked":                   0.96,   # 60/60 = 1.000
    "missing":                  0.88,   # 34/36 = 0.944
    "applicant.kind":           0.94,   # 36/36 = 1.000
    "applicant.category":       0.94,   # 36/36 = 1.000
    "applicant.name":           0.88,   # 34/36 = 0.944
    "applicant.id_type":        0.94,   # 36/36 = 1.000
    "applicant.id_number":      0.94,   # 36/36 = 1.000
    "applicant.phone":          0.94,   # 36/36 = 1.000
    "applicant.email":          0.94,   # 36/36 = 1.000
    "applicant.address":        0.91,   # 35/36 = 0.972
    "applicant.postcode":       0.94,   # 36/36 = 1.000
    "applicant.contact_person": 0.91,   # 35/36 = 0.972
    "request.description":      0.91,   # 35/36 = 0.972
    "request.titles":           0.91,   # 33/34 = 0.971
    "request.doc_numbers":      0.88,   # 34/36 = 0.944
    "delivery.media":           0.89,   # 28/29 = 0.966
    "delivery.methods":         0.94,   # 36/36 = 1.000
    "ALL":                      0.97,   # 735/747 = 0.984
}


def load_cases_2() -> list[dict]:
    return load_cases(CASES_PATH)


def test_understanding_corpus_2():
    cases = load_cases_2()
    assert len(cases) >= 60
    outcomes, records = score(cases)
    print("\n" + report(cases, outcomes, records, floors=FLOORS))
    below = fields_below(outcomes, FLOORS)
    assert not below, f"accuracy fell below the floor: {below} (floors: {FLOORS})"


def test_corpus_2_is_well_formed():
    """Unique ids (also against the first corpus), known enums, consistent status, valid check digits."""
    cases = load_cases_2()
    ids = [c["id"] for c in cases]
    assert len(set(ids)) == len(ids)
    assert not set(ids) & {c["id"] for c in load_cases()}
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
    all_cases = load_cases_2()
    result, recs = score(all_cases)
    if "--json" in sys.argv:
        for o in result:
            print(json.dumps(o.__dict__, ensure_ascii=False))
    else:
        print(report(all_cases, result, recs, floors=FLOORS))
