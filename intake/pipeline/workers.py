"""The reader pool: pages are read (and OCR'd) in reader processes, never where the register is
written, each process capped in memory (pipeline/reader.py) and given one file at a time — so a
file that needs too much memory fails alone (E005), one that kills its reader fails alone (E011,
after one retry in a fresh process), and the service and the other files go on.

Two lanes, so e-mails and text PDFs never wait behind scans: the text lane (one process, no OCR
model) and the OCR lane (one process per worker, each with its share of the cores' ONNX threads:
two on a 2-core office server keep both busy without oversubscribing them). A file whose first
bytes say image goes to the OCR lane; anything else starts in the text lane and moves to the OCR
lane when it meets a page that needs OCR (a scanned PDF, an attached scan).
"""
from __future__ import annotations

import logging
import os
import queue
import signal
import socket
import stat
import subprocess
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from intake.kernel import Intake, IntakeError, ReaderCrashed, TimedOut, UnexpectedError
from intake.ocr.files import sniff
from intake.ocr.pages import IMAGE_KINDS
from intake.ocr.reading import Reading, ReadLimits
from intake.pipeline.reader import Outcome

log = logging.getLogger(__name__)

OCR, TEXT = "ocr", "text"
# Beyond the per-file time limit (enforced inside the reader), how long the parent waits before
# it stops a reader stuck in native code.
GRACE_SECONDS = 30.0


@dataclass
class _Job:
    intake: Intake
    stored: Path
    limits: ReadLimits
    timeout: float
    future: Future[Reading]
    lane: str
    crashes: int = 0


@dataclass(frozen=True, slots=True)
class _Settings:
    engine_name: str
    threads: int
    memory_megabytes: int


def pool_size(requested: int) -> int:
    return requested if requested > 0 else max(1, os.cpu_count() or 1)


def lane_of(path: Path) -> str:
    """The lane a file starts in, by its first bytes (anything unreadable starts in the text lane,
    which reports the error; a pipe is never opened: that would wait for a writer)."""
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return TEXT
        with path.open("rb") as handle:
            head = handle.read(8192)
    except OSError:
        return TEXT
    return OCR if sniff(head) in IMAGE_KINDS else TEXT


class _Lane:
    """One reader process and the parent thread that feeds it jobs from its lane's queue."""

    def __init__(self, name: str, jobs: queue.Queue[_Job | None], settings: _Settings,
                 settle: Callable[[_Job, Outcome], None], *, prestart: bool) -> None:
        self.name = name
        self._prestart = prestart
        self._jobs = jobs
        self._settings = settings
        self._settle = settle
        self._process: subprocess.Popen[bytes] | None = None
        self._connection: Connection | None = None
        self._thread = threading.Thread(target=self._run, name=f"reader-{name}", daemon=True)
        self._thread.start()

    def join(self) -> None:
        self._thread.join()

    def _run(self) -> None:
        # Started at once, so the reader's interpreter starts while the parent claims its files
        # (if it cannot start now, the first job tries again and is answered with the error).
        try:
            if self._prestart:
                self._connect()
        except OSError as exc:
            log.error("reader %s cannot start: %s", self.name, exc)
        while (job := self._jobs.get()) is not None:
            # A job handed over from the text lane is running already.
            if not job.future.running() and not job.future.set_running_or_notify_cancel():
                continue
            try:
                outcome = self._read(job)
                while outcome[0] == "died" and job.crashes == 0:
                    job.crashes += 1
                    log.warning("the reader stopped (%s) reading %s; trying once more in a fresh process",
                                outcome[1], job.intake.source)
                    outcome = self._read(job)
            except Exception as exc:  # noqa: BLE001 - a job is always answered, whatever the lane met
                outcome = ("error", UnexpectedError.during("reading", exc), [])
            self._settle(job, outcome)
        self._stop()

    def _read(self, job: _Job) -> Outcome:
        connection = self._connect()
        try:
            connection.send((job.intake, str(job.stored), job.limits, job.timeout))
            if connection.poll(job.timeout + GRACE_SECONDS if job.timeout > 0 else None):
                answer: Outcome = connection.recv()
                return answer
        except (EOFError, OSError):
            return ("died", self._reap(), [])
        self._stop(kill=True)
        return ("error", TimedOut(f"more than {job.timeout:.0f} s; the reader was stopped"), [])

    def _connect(self) -> Connection:
        """The lane's reader process, started when there is none: a fresh interpreter running
        `python -m intake.pipeline.reader` (nothing of this process, not its main module either),
        talking over a socket pair."""
        if self._process is not None and self._process.poll() is None and self._connection is not None:
            return self._connection
        self._reap()
        parent, child = socket.socketpair()
        settings = self._settings
        with child:
            self._process = subprocess.Popen(
                [sys.executable, "-m", "intake.pipeline.reader", str(child.fileno()), settings.engine_name or "-",
                 str(settings.threads), str(settings.memory_megabytes)],
                # Its stdout is not ours: `intake process --json` writes records there.
                pass_fds=(child.fileno(),), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
        self._connection = Connection(parent.detach())
        return self._connection

    def _reap(self) -> str:
        """Why the reader process ended (it has, or is made to)."""
        process, self._process = self._process, None
        if self._connection is not None:
            self._connection.close()
            self._connection = None
        if process is None:
            return "not started"
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
        return _describe(process.returncode)

    def _stop(self, kill: bool = False) -> None:
        if self._process is not None and self._connection is not None and not kill:
            try:
                self._connection.send(None)
            except OSError:
                pass
        elif self._process is not None and self._process.poll() is None:
            self._process.kill()
        self._reap()


def _describe(exitcode: int | None) -> str:
    if exitcode is None:
        return "still running"
    if exitcode < 0:
        name = signal.Signals(-exitcode).name
        why = {"SIGKILL": "killed (by the system's memory guard, or by hand)",
               "SIGSEGV": "crashed in a native library", "SIGABRT": "aborted (often memory in a native library)"}
        return f"{name}: {why.get(name, 'stopped by a signal')}"
    return f"exit code {exitcode}"


class ReaderPool:
    """`prestart`: the lanes whose readers start now rather than with their first file (the
    watcher starts both; a command only the text lane, most of its files being text)."""

    def __init__(self, engine_name: str, workers: int, *, memory_megabytes: int = 0,
                 prestart: tuple[str, ...] = (TEXT, OCR)) -> None:
        self.workers = max(1, workers)
        threads = max(1, (os.cpu_count() or 1) // self.workers)
        self._queues: dict[str, queue.Queue[_Job | None]] = {OCR: queue.Queue(), TEXT: queue.Queue()}
        self._lock = threading.Lock()
        self._waiting = {OCR: 0, TEXT: 0}
        # Two files per reader: one being read, one ready for when it is done.
        self._capacity = {OCR: 2 * self.workers, TEXT: 2}
        self._lanes = {
            TEXT: [_Lane(TEXT, self._queues[TEXT], _Settings("", 1, memory_megabytes), self._settle,
                         prestart=TEXT in prestart)],
            OCR: [_Lane(f"{OCR}-{n}", self._queues[OCR], _Settings(engine_name, threads, memory_megabytes),
                        self._settle, prestart=OCR in prestart) for n in range(1, self.workers + 1)],
        }

    # ------------------------------------------------------------ submitting
    def submit(self, intake: Intake, stored: Path, limits: ReadLimits, timeout: float) -> Future[Reading]:
        future: Future[Reading] = Future()
        lane = lane_of(stored)
        if lane == TEXT:
            limits = _without_ocr(limits)
        self._put(_Job(intake, stored, limits, timeout, future, lane))
        return future

    def reader(self, intake: Intake, stored: Path, limits: ReadLimits, timeout: float) -> Callable[[], Reading]:
        """Start reading now; the returned function waits for the result (raising what the reader
        raised: a coded error, E011 when the reader process died twice on it)."""
        future = self.submit(intake, stored, limits, timeout)
        return future.result

    def has_room(self, lane: str) -> bool:
        """Whether a file for `lane` would be read at once (the watcher claims no further ahead)."""
        with self._lock:
            return self._waiting[lane] < self._capacity[lane]

    def _put(self, job: _Job) -> None:
        with self._lock:
            self._waiting[job.lane] += 1
        self._queues[job.lane].put(job)

    def _settle(self, job: _Job, outcome: Outcome) -> None:
        kind, value, records = outcome
        for name, level, message in records:
            logging.getLogger(name).log(level, "%s", message)
        with self._lock:
            self._waiting[job.lane] -= 1
        if kind == "ocr" and job.lane == TEXT:
            self._put(_Job(job.intake, job.stored, _with_ocr(job.limits), job.timeout, job.future, OCR))
        elif kind == "ok":
            job.future.set_result(value)
        elif kind == "died":
            job.future.set_exception(ReaderCrashed(f"{value}, twice; the original is kept in the archive"))
        else:
            job.future.set_exception(value if isinstance(value, IntakeError) else UnexpectedError("reading", str(value)))

    # ------------------------------------------------------------ closing
    def close(self, *, cancel: bool = False) -> None:
        """Read what was submitted (or, `cancel`, only what is being read), then stop the readers —
        the text lane first: it may still hand files to the OCR lane."""
        for lane in (TEXT, OCR):
            if cancel:
                self._cancel_queued(lane)
            for _ in self._lanes[lane]:
                self._queues[lane].put(None)
            for reader in self._lanes[lane]:
                reader.join()

    def _cancel_queued(self, lane: str) -> None:
        while True:
            try:
                job = self._queues[lane].get_nowait()
            except queue.Empty:
                return
            if job is not None and not job.future.cancel():
                job.future.set_exception(UnexpectedError("reading", "stopped before this file was read"))

    def __enter__(self) -> ReaderPool:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, *exc: object) -> None:
        self.close(cancel=exc_type is not None)


def _without_ocr(limits: ReadLimits) -> ReadLimits:
    from dataclasses import replace
    return replace(limits, ocr=False)


def _with_ocr(limits: ReadLimits) -> ReadLimits:
    from dataclasses import replace
    return replace(limits, ocr=True)
