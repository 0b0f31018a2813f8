"""Understanding benchmark: time per document for everything after OCR (reflow, the spaCy
pipeline with its trained textcat, completeness), on texts it builds itself.

    python bench/understand.py [--docs 300] [--corpus tests/data/understanding_cases.jsonl]

Target: ≤ 50 ms per document on 2 cores.
"""
from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from intake.classifiers.nlp import build_pipeline
from intake.classifiers.understand import understand


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parent.parent / "tests" / "data"
                        / "understanding_cases.jsonl")
    args = parser.parse_args()
    texts = [json.loads(line)["text"] for line in args.corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    started = time.perf_counter()
    nlp = build_pipeline()
    load = time.perf_counter() - started
    understand(texts[0], nlp=nlp)   # warm-up
    timings = []
    for number in range(args.docs):
        text = texts[number % len(texts)]
        started = time.perf_counter()
        understand(text, nlp=nlp)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    print(f"pipeline load     {load * 1000:.0f} ms (once per process)")
    print(f"documents         {len(timings)} (texts of {min(map(len, texts))}–{max(map(len, texts))} characters)")
    print(f"median            {statistics.median(timings):.1f} ms/document")
    print(f"95th percentile   {timings[int(len(timings) * 0.95) - 1]:.1f} ms/document")
    print(f"mean              {statistics.fmean(timings):.1f} ms/document")


if __name__ == "__main__":
    main()
