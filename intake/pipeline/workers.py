"""A pool of reader processes for many files: each worker loads the OCR model once; the
register is written only by the parent, in input order.

Sized to the cores: two workers on a 2-core office server, each with one ONNX thread, keep both
cores busy without oversubscribing them.
"""
from __future__ import annotations

import logging
import os
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any

from intake.config import Limits
from intake.kernel.errors import IntakeError
from intake.kernel.model import Intake
from intake.pipeline.reading import Reading, read_document

log = logging.getLogger(__name__)

# Per worker process: the engine, created by the initializer (a process pool offers no other
# place to keep it; it never leaves the worker).
_worker_engine: dict[str, Any] = {}


def _initialise(engine_name: str, threads: int) -> None:
    from intake.ocr.engines.base import create_engine
    _worker_engine["factory"] = lambda: create_engine(engine_name, threads=threads)


def _engine() -> Any:
    if "engine" not in _worker_engine:
        _worker_engine["engine"] = _worker_engine["factory"]()
    return _worker_engine["engine"]


def _read(intake: Intake, archived: str, limits: Limits, timeout: float) -> Reading | str:
    """In the worker: a Reading, or the error text of a failure (exceptions stay in the worker)."""
    from intake.pipeline.runner import _time_limit
    try:
        with _time_limit(timeout):
            return read_document(intake, Path(archived), limits, _engine)
    except IntakeError as exc:
        return str(exc)
    except Exception as exc:  # noqa: BLE001 - a worker reports every failure as the file's error
        return f"[E099] unexpected error while reading: {type(exc).__name__}: {exc}"


def pool_size(requested: int) -> int:
    return requested if requested > 0 else max(1, os.cpu_count() or 1)


class ReaderPool:
    def __init__(self, engine_name: str, workers: int) -> None:
        self.workers = workers
        threads = max(1, (os.cpu_count() or 1) // workers)
        self._executor = ProcessPoolExecutor(max_workers=workers, initializer=_initialise,
                                             initargs=(engine_name, threads))

    def submit(self, intake: Intake, archived: Path, limits: Limits, timeout: float) -> Future[Reading | str]:
        return self._executor.submit(_read, intake, str(archived), limits, timeout)

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> ReaderPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
