"""A pool of reader processes for many files: each worker loads the OCR model once; the register
is written only by the parent, in input order.

Sized to the cores: two workers on a 2-core office server, each with one ONNX thread, keep both
cores busy without oversubscribing them.
"""
from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from intake.kernel import Intake, IntakeError, UnexpectedError
from intake.ocr.engines import OcrEngine
from intake.ocr.reading import Reading, ReadLimits, read_document
from intake.pipeline.timelimit import time_limit

# Per worker process: the engine, created on its first image page (a process pool offers no
# other place to keep it; it never leaves the worker).
_worker_engine: dict[str, OcrEngine] = {}
_worker_settings: dict[str, tuple[str, int]] = {}


def _initialise(engine_name: str, threads: int) -> None:
    _worker_settings["engine"] = (engine_name, threads)


def _engine() -> OcrEngine:
    if "engine" not in _worker_engine:
        from intake.ocr.engines import create_engine
        name, threads = _worker_settings["engine"]
        _worker_engine["engine"] = create_engine(name, threads=threads)
    return _worker_engine["engine"]


def _read(intake: Intake, stored: str, limits: ReadLimits, timeout: float) -> Reading:
    """In the worker. Coded errors travel to the parent as they are; anything else as E099, so
    that every exception pickles."""
    try:
        with time_limit(timeout):
            return read_document(intake, Path(stored), limits, _engine)
    except IntakeError:
        raise
    except Exception as exc:  # noqa: BLE001 - re-raised as a coded error the parent can unpickle
        raise UnexpectedError.during("reading", exc) from None


def pool_size(requested: int) -> int:
    return requested if requested > 0 else max(1, os.cpu_count() or 1)


class ReaderPool:
    def __init__(self, engine_name: str, workers: int) -> None:
        self.workers = workers
        threads = max(1, (os.cpu_count() or 1) // workers)
        self._executor = ProcessPoolExecutor(max_workers=workers, initializer=_initialise,
                                             initargs=(engine_name, threads))

    def submit(self, intake: Intake, stored: Path, limits: ReadLimits, timeout: float) -> Future[Reading]:
        return self._executor.submit(_read, intake, str(stored), limits, timeout)

    def reader(self, intake: Intake, stored: Path, limits: ReadLimits, timeout: float) -> Callable[[], Reading]:
        """Start reading now; the returned function waits for the result (raising what the worker
        raised, or E099 when the worker process itself died)."""
        future = self.submit(intake, stored, limits, timeout)

        def result() -> Reading:
            try:
                return future.result()
            except IntakeError:
                raise
            except Exception as exc:  # noqa: BLE001 - a dead worker still leaves a record
                raise UnexpectedError("in the reader process", f"{type(exc).__name__}: {exc}") from exc
        return result

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> ReaderPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
