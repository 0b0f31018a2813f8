"""Is the record's confidence worth anything? Calibration on labelled corpora, and the trade-off
between sending records to review and acting on wrong ones without being told.

    python bench/calibration.py CORPUS [CORPUS ...] [--cmd intake] [--bins 10]

Each corpus is scored by ../shared/eval/score.py (run mode, a kept HOME); a record is *right*
when the scorer finds neither its route nor its status wrong (nor, for an accepted application,
its description under 0.5). Prints the expected calibration error (ECE: the gap between the stated
confidence and how often records of that confidence are right, weighted by how many there are),
a reliability table, and for review thresholds T the review rate and the silent error rate the
service would have if every record below T went to a person. Corpora are test sets: the
threshold chosen from this table is set in intake.toml ([review] below), never fitted per file.
"""
from __future__ import annotations

import argparse
import json
import sqlite3
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

SCORER = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "score.py"


@dataclass(frozen=True, slots=True)
class Decision:
    file: str
    confidence: float
    status: str
    wrong: bool


def decisions(corpus: Path, command: str) -> list[Decision]:
    with tempfile.TemporaryDirectory() as tmp:
        home, report = Path(tmp) / "home", Path(tmp) / "report.jsonl"
        subprocess.run([sys.executable, str(SCORER), "--corpus", str(corpus), "--cmd", command,
                        "--keep-home", str(home), "--report", str(report)], check=True, capture_output=True)
        with sqlite3.connect(home / "register.db") as db:
            records = [json.loads(row[0]) for row in db.execute("select record_json from documents order by id")
                       if row[0]]
        by_name = {Path(record["source"]).name: record for record in records}
        found = []
        for line in report.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            record = by_name.get(Path(row["file"]).name)
            if record is None:
                continue
            silent = row["diffs"].get("silent_error", {}).get("pred", {})
            found.append(Decision(row["file"], float(record["confidence"]), record["status"], bool(silent.get("wrong"))))
        return found


def reliability(found: list[Decision], bins: int) -> tuple[float, list[tuple[str, int, float, float]]]:
    table = []
    ece = 0.0
    for number in range(bins):
        low, high = number / bins, (number + 1) / bins
        chosen = [d for d in found if low <= d.confidence < high or (number == bins - 1 and d.confidence == 1.0)]
        if not chosen:
            continue
        stated = sum(d.confidence for d in chosen) / len(chosen)
        right = sum(not d.wrong for d in chosen) / len(chosen)
        ece += len(chosen) / len(found) * abs(stated - right)
        table.append((f"{low:.1f}–{high:.1f}", len(chosen), stated, right))
    return ece, table


def trade_off(found: list[Decision], thresholds: list[float]) -> list[tuple[float, float, float]]:
    rows = []
    for threshold in thresholds:
        reviewed = [d.status == "needs_review" or (d.status != "failed" and d.confidence < threshold) for d in found]
        silent = sum(d.wrong and not r for d, r in zip(found, reviewed, strict=True)) / len(found)
        rows.append((threshold, sum(reviewed) / len(found), silent))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpora", nargs="+", type=Path)
    parser.add_argument("--cmd", default="intake")
    parser.add_argument("--bins", type=int, default=10)
    args = parser.parse_args()
    found = [d for corpus in args.corpora for d in decisions(corpus, args.cmd)]
    ece, table = reliability(found, args.bins)
    print(f"{len(found)} records from {len(args.corpora)} corpora; wrong (route/status/description): "
          f"{sum(d.wrong for d in found)}")
    print(f"ECE {ece:.3f}\n\n{'confidence':<12}{'records':>8}{'stated':>8}{'right':>8}")
    for span, count, stated, right in table:
        print(f"{span:<12}{count:>8}{stated:>8.2f}{right:>8.2f}")
    print(f"\n{'threshold':<12}{'review':>8}{'silent':>8}")
    for threshold, review, silent in trade_off(found, [round(0.05 * step, 2) for step in range(0, 20)]):
        print(f"{threshold:<12.2f}{review:>8.3f}{silent:>8.3f}")


if __name__ == "__main__":
    main()
