"""Pipeline benchmark: seconds per page and documents per minute on a folder of documents,
with OCR time and everything else reported separately.

    python bench/pipeline.py FOLDER [--limit N]

Runs the same code path as `intake process` in a temporary HOME, one process, the OCR model
loaded once (its load time reported on its own line).
"""
from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from intake.config import load_config
from intake.home import prepare_home
from intake.pipeline.runner import process
from intake.pipeline.services import open_services


class TimedEngine:
    """Wraps the OCR engine to add up the seconds spent in OCR."""

    def __init__(self, engine: Any) -> None:
        self.engine = engine
        self.name = getattr(engine, "name", "?")
        self.seconds = 0.0
        self.pages = 0

    def read(self, image: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return self.engine.read(image, **kwargs)
        finally:
            self.seconds += time.perf_counter() - started
            self.pages += 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args()
    files = sorted(p for p in args.folder.rglob("*") if p.is_file() and not p.name.startswith(".")
                   and p.suffix.lower() not in (".md", ".jsonl", ".json"))
    if args.limit:
        files = files[:args.limit]
    with tempfile.TemporaryDirectory() as home_dir:
        config = prepare_home(Path(home_dir))
        services = open_services(load_config(config.home))
        started = time.perf_counter()
        engine = TimedEngine(services.engine())
        load_seconds = time.perf_counter() - started
        services._engine = engine
        per_file: list[float] = []
        pages = 0
        started_all = time.perf_counter()
        for path in files:
            started = time.perf_counter()
            record = process(path, services, source=str(path))
            per_file.append(time.perf_counter() - started)
            pages += max(record.pages, 1)
        total = time.perf_counter() - started_all
    other = total - engine.seconds
    print(f"files                 {len(files)}")
    print(f"pages                 {pages} ({engine.pages} through OCR)")
    print(f"model load            {load_seconds:.2f} s (once per process)")
    print(f"total                 {total:.1f} s")
    print(f"seconds per page      {total / max(pages, 1):.2f}")
    print(f"docs per minute       {len(files) * 60 / max(total, 1e-9):.1f}")
    print(f"OCR per OCR'd page    {engine.seconds / max(engine.pages, 1):.2f} s")
    print(f"everything else/doc   {other / max(len(files), 1):.3f} s")
    if per_file:
        print(f"median per file       {statistics.median(per_file):.2f} s")


if __name__ == "__main__":
    main()
