"""The reader process: reads the files its parent sends, one at a time, inside a memory cap.

Started as `python -m intake.pipeline.reader FD ENGINE THREADS MEGABYTES` (workers.py), so it
holds nothing of its parent (no register, no spaCy, no threads) and its address-space cap
(RLIMIT_AS) measures the reading alone. It answers every job
with ("ok", Reading) or ("ocr", None) or ("error", IntakeError), plus the log records the
reading made, which the parent logs (masked) as its own. After running out of memory, or when a
file left it large, it exits once it has answered; the parent starts a fresh one.
"""
from __future__ import annotations

import logging
import resource
import signal
import sys
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from intake.ocr.engines import OcrEngine
    from intake.ocr.reading import ReadLimits

Outcome = tuple[str, Any, list[tuple[str, int, str]]]


class _Collect(logging.Handler):
    """Keeps the records of one job, to be sent to the parent with its answer."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if record.exc_info:
            message += "\n" + logging.Formatter().formatException(record.exc_info)
        self.records.append((record.name, record.levelno, message))

    def take(self) -> list[tuple[str, int, str]]:
        records, self.records = self.records, []
        return records


def die_with_parent() -> None:
    """Linux: the kernel kills this reader when the service dies (SIGKILL, OOM killer), so no
    orphan goes on reading, holding memory and a core, for a service that is gone."""
    import ctypes
    import ctypes.util
    import os
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)          # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() == 1:                      # the parent died before prctl took effect
        os._exit(0)


def cap_memory(megabytes: int) -> None:
    if megabytes > 0:
        limit = megabytes * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def serve(connection: Connection, engine_name: str, threads: int, memory_megabytes: int) -> None:
    """The reader's main loop: one job at a time until the parent closes the connection."""
    # Ctrl-C in a terminal, or systemd stopping the service, reaches every process of the group:
    # the parent decides when its readers stop (it lets them finish the files in hand).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    die_with_parent()
    cap_memory(memory_megabytes)
    import intake.ocr.reading  # noqa: F401 - imported while the parent still claims its files
    collect = _Collect()
    root = logging.getLogger()
    root.addHandler(collect)
    root.setLevel(logging.INFO)
    logging.getLogger("intake").setLevel(logging.DEBUG)
    from intake.logs import NOISY_LOGGERS
    for noisy in NOISY_LOGGERS:
        logging.getLogger(noisy).setLevel(logging.WARNING)
    engines: list[OcrEngine] = []

    def engine() -> OcrEngine:
        if not engines:
            from intake.ocr.engines import create_engine
            engines.append(create_engine(engine_name, threads=threads))
        return engines[0]

    while True:
        try:
            job = connection.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        outcome, stop = read_one(*job, engine=engine, memory_megabytes=memory_megabytes)
        try:
            connection.send((outcome[0], outcome[1], collect.take()))
        except OSError:
            return      # the parent is gone (killed): nobody wants the answer
        if stop or _resident_megabytes() > memory_megabytes / 2 > 0:
            return


def read_one(intake: Any, stored: str, limits: ReadLimits, timeout: float, *, engine: Callable[[], OcrEngine],
             memory_megabytes: int) -> tuple[tuple[str, Any], bool]:
    """One file: the answer, and whether this process should end after sending it."""
    from intake.kernel import IntakeError, TooLarge, UnexpectedError
    from intake.ocr.reading import NeedsOcr, read_document
    from intake.pipeline.timelimit import time_limit
    try:
        with time_limit(timeout):
            return ("ok", read_document(intake, Path(stored), limits, engine)), False
    except NeedsOcr:
        return ("ocr", None), False
    except IntakeError as exc:
        return ("error", exc), False
    except MemoryError:
        return ("error", TooLarge(f"reading it needed more than the {memory_megabytes} MB a reader may use "
                                  "([limits] reader_memory_megabytes)")), True
    except Exception as exc:  # noqa: BLE001 - sent as a coded error the parent records; the process lives on
        # Native libraries report an allocation the cap refused in their own words.
        if "memory" in str(exc).lower() or "bad_alloc" in str(exc).lower():
            return ("error", TooLarge(f"reading it ran out of the {memory_megabytes} MB a reader may use "
                                      f"({type(exc).__name__}: {exc})")), True
        logging.getLogger(__name__).debug("reading %s failed", stored, exc_info=True)
        return ("error", UnexpectedError.during("reading", exc)), False


def _resident_megabytes() -> float:
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            pages = int(handle.read().split()[1])
    except (OSError, ValueError, IndexError):
        return 0.0
    return pages * resource.getpagesize() / 1024 / 1024


if __name__ == "__main__":
    descriptor, engine_name, threads, megabytes = sys.argv[1:5]
    try:
        serve(Connection(int(descriptor)), engine_name, int(threads), int(megabytes))
    except Exception as exc:  # noqa: BLE001 - one line, no traceback; the parent records "exit code 70"
        print(f"intake reader: {type(exc).__name__}: {exc}", file=sys.stderr)
        sys.exit(70)
