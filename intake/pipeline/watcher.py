"""The watcher: every file that lands in HOME/inbox/ becomes exactly one register row.

Built from testable parts, as paperless-ngx's consumer is: a filter for known junk (inbox.py), a
stability tracker that waits for writers (stability.py), a start-up scan (files that arrived
while the service was down), a periodic rescan (missed events), and a lock so only one watcher
serves a HOME. Settled files are claimed here and read in the reader pool, as many at a time as
it has readers free in each lane, so e-mails never wait behind scans; records are committed
here, in the order their readings finish.

The environment's faults (a full disk, a read-only register) pause the intake: logged once with
what to do, retried every `fault_retry_seconds`; the files wait in the inbox.
"""
from __future__ import annotations

import fcntl
import functools
import logging
import os
import queue
import signal
import time
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from types import FrameType
from typing import IO, Any

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

from intake.kernel import EnvironmentFault, Record
from intake.ocr.reading import Reading
from intake.pipeline.claims import Claim, TakenTooEarly, claim
from intake.pipeline.inbox import is_ignored, scan, skip_reason
from intake.pipeline.runner import process, read_here, resume, run
from intake.pipeline.services import Services
from intake.pipeline.stability import StabilityTracker, open_for_writing
from intake.pipeline.workers import ReaderPool, lane_of, pool_size

__all__ = ["HomeLock", "StabilityTracker", "Watcher", "WatcherLocked", "is_ignored", "run_watcher"]

log = logging.getLogger(__name__)

READ = "read"       # an event kind of its own: a reading finished, the loop has a record to commit


class WatcherLocked(RuntimeError):
    """Another watcher already serves this HOME."""


class _Handler(FileSystemEventHandler):
    """inotify's modify/close-write events say whether a writer is still at work; everything else
    (and every polling event) only says "look at this path"."""

    def __init__(self, events: queue.Queue[tuple[str, Path]], polling: bool) -> None:
        self.events = events
        self.polling = polling

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory or event.event_type in ("opened", "closed_no_write"):
            return
        kind = "seen" if self.polling or event.event_type not in ("modified", "closed") else event.event_type
        for attribute in ("src_path", "dest_path"):
            value = getattr(event, attribute, "")
            if value:
                self.events.put((kind if attribute == "src_path" else "seen", Path(os.fsdecode(value))))


class HomeLock:
    """One watcher per HOME: an exclusive, non-blocking flock released when the process dies."""

    def __init__(self, home: Path) -> None:
        self.path = home / ".intake-watch.lock"
        self._handle: IO[str] | None = None

    def __enter__(self) -> HomeLock:
        handle = open(self.path, "a+", encoding="utf-8")
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            handle.close()
            raise WatcherLocked(f"another `intake watch` (pid {holder}) already serves {self.path.parent}") from exc
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        self._handle = handle
        return self

    def __exit__(self, *exc: Any) -> None:
        if self._handle is not None:
            fcntl.flock(self._handle.fileno(), fcntl.LOCK_UN)
            self._handle.close()


class Watcher:
    def __init__(self, services: Services, pool: ReaderPool, *, polling: bool | None = None,
                 on_idle: Callable[[], None] | None = None) -> None:
        self.services = services
        self.pool = pool
        settings = services.config.watch
        self.inbox = services.config.inbox
        self.polling = settings.polling if polling is None else polling
        quiet = max(settings.stable_seconds, settings.polling_stable_seconds) if self.polling else settings.stable_seconds
        self.tracker = StabilityTracker(quiet, held_open_seconds=settings.held_open_seconds)
        self.rescan_seconds = settings.rescan_seconds
        self.retry_seconds = settings.fault_retry_seconds
        self.events: queue.Queue[tuple[str, Path]] = queue.Queue()
        self.waiting: dict[Path, str] = {}              # settled, waiting for a free reader in its lane
        self.in_flight: dict[Future[Reading], Claim] = {}
        self.stopping = False
        self.once = False
        self.on_idle = on_idle
        self.processed = 0
        self.paused_until = 0.0
        self.fault: str | None = None
        self._skipped: set[Path] = set()

    def stop(self, signum: int | None = None, frame: FrameType | None = None) -> None:
        if not self.stopping:
            log.info("stopping once the files being read are recorded")
        self.stopping = True

    # ------------------------------------------------------------ the loop
    def run(self, once: bool = False) -> int:
        self.once = once
        self.inbox.mkdir(parents=True, exist_ok=True)
        self.resume_unfinished()
        self._rescan()
        if once:
            self._drain()
            return self.processed
        observer = PollingObserver(timeout=2) if self.polling else Observer()
        observer.schedule(_Handler(self.events, self.polling), str(self.inbox), recursive=True)
        observer.start()
        log.info("watching %s (%s)", self.inbox, "polling" if self.polling else "inotify")
        last_scan = time.monotonic()
        try:
            while not self.stopping:
                self._take_events(0.5)
                if time.monotonic() - last_scan >= self.rescan_seconds:
                    self._rescan()
                    last_scan = time.monotonic()
                self._step()
                if self.on_idle is not None and not self.stopping and not self.in_flight:
                    self.on_idle()
        finally:
            observer.stop()
            observer.join(timeout=5)
            self._finish_in_flight()
        return self.processed

    def resume_unfinished(self) -> None:
        """Rows a crash left in 'processing' are finished one at a time before anything new, so a
        file that stops the service is the only one whose count of attempts grows (runner.resume):
        its inbox file now if it has settled (else when the tracker says so), else from the
        archived copy, else as failed."""
        for row in self.services.register.unfinished():
            inbox_file = Path(row.inbox_path) if row.inbox_path else None
            if inbox_file is not None and inbox_file.exists():
                if self._settled_now(inbox_file):
                    self._guarded(functools.partial(self._process_now, inbox_file), inbox_file)
            else:
                self._guarded(functools.partial(resume, row, self.services), None)

    def _process_now(self, path: Path) -> None:
        process(path, self.services, source=str(path), from_inbox=True)
        self.processed += 1

    def _settled_now(self, path: Path) -> bool:
        try:
            quiet = time.time() - path.lstat().st_mtime >= self.tracker.stable_seconds
        except OSError:
            return True
        return quiet and not open_for_writing([path])

    def _drain(self) -> None:
        """--once: process what is in the inbox now, each file once it has settled."""
        while (len(self.tracker) or self.waiting or self.in_flight) and not self.stopping:
            self._step()
            self._take_events(0.2)

    def _take_events(self, timeout: float) -> None:
        """Wait for an event (a reading that finished is one too), then take all that came."""
        try:
            kind, path = self.events.get(timeout=timeout)
        except queue.Empty:
            return
        while True:
            if kind != READ:
                self._observe(path, kind)
            try:
                kind, path = self.events.get_nowait()
            except queue.Empty:
                return

    def _rescan(self) -> None:
        for path in scan(self.inbox):
            self._observe(path, "seen")

    def _observe(self, path: Path, kind: str) -> None:
        reason = skip_reason(path, self.inbox)
        if reason is not None:
            if path not in self._skipped and os.path.lexists(path):
                self._skipped.add(path)
                log.info("skipped %s: %s (left where it is)", path, reason)
            return
        if kind == "modified":
            self.tracker.written(path)
        elif kind == "closed":
            self.tracker.closed(path)
        else:
            self.tracker.observe(path)

    # ------------------------------------------------------------ one step
    def _step(self) -> None:
        """Commit what has been read, then claim what has settled, as far as readers are free."""
        for future, claimed in list(self.in_flight.items()):
            if future.done():
                del self.in_flight[future]
                self._guarded(functools.partial(self._commit, claimed, future), claimed.inbox_file)
        if self.stopping or time.monotonic() < self.paused_until:
            return
        for path in self.tracker.ready():
            self.waiting.setdefault(path, lane_of(path))
        for path, lane in list(self.waiting.items()):
            if self.stopping or time.monotonic() < self.paused_until:
                return
            if not os.path.lexists(path):
                del self.waiting[path]
            elif self.pool.has_room(lane):
                del self.waiting[path]
                self._guarded(functools.partial(self._claim, path), path)

    def _claim(self, path: Path) -> None:
        claimed = claim(path, self.services, source=str(path), from_inbox=True)
        if isinstance(claimed, Record):
            self.processed += 1
        elif claimed.refused is not None or claimed.stored is None:
            run(claimed, self.services, read_here(claimed, self.services))    # recorded without reading
            self.processed += 1
        else:
            future = self.pool.submit(claimed.intake, claimed.stored, self.services.read_limits,
                                      self.services.config.watch.file_timeout_seconds)
            self.in_flight[future] = claimed
            future.add_done_callback(lambda _: self.events.put((READ, self.inbox)))

    def _commit(self, claimed: Claim, future: Future[Reading]) -> None:
        run(claimed, self.services, future.result)
        self.processed += 1

    def _finish_in_flight(self) -> None:
        while self.in_flight:
            self._step()
            self._take_events(0.5)

    def _guarded(self, action: Callable[[], object], path: Path | None) -> None:
        """Run one step for one file; a file that changed is watched again, an environment fault
        pauses the intake (or ends --once with its one-line message)."""
        try:
            action()
        except TakenTooEarly as exc:
            log.info("%s; it is taken again once it has settled", exc)
        except EnvironmentFault as fault:
            if self.once:
                raise
            if str(fault) != self.fault:
                log.error("%s", fault)
                log.info("intake paused; trying again every %.0f s (files wait in the inbox)", self.retry_seconds)
                self.fault = str(fault)
            else:
                log.debug("still: %s", fault)
            self.paused_until = time.monotonic() + self.retry_seconds
        except Exception as exc:  # noqa: BLE001 - one file's trouble must not end the service
            # Claims and readings turn their own errors into failed rows; this is a fault of the
            # service itself (a bug): said once with the traceback in the log, the file left where it is.
            log.error("%s: [E099] unexpected error, the file is tried again at the next rescan: %s: %s",
                      path, type(exc).__name__, exc)
            log.debug("%s: unexpected error", path, exc_info=True)
            return
        else:
            if self.fault is not None:
                log.info("the fault has cleared; intake goes on")
                self.fault = None
            return
        if path is not None:
            self.tracker.observe(path)


def run_watcher(services: Services, *, polling: bool | None = None, once: bool = False) -> int:
    import click
    integrity = services.register.check_integrity()
    if integrity != "ok":
        raise click.ClickException(f"the register {services.register.path} failed its integrity check ({integrity}); "
                                   "restore it from `intake backup` copies before starting the watcher")
    from intake.config import ConfigError
    try:
        services.register.check_writable()
        nightly = _nightly_hook(services)
        config = services.config
        with HomeLock(config.home), ReaderPool(config.ocr_engine, pool_size(config.watch.workers),
                                               memory_megabytes=config.limits.reader_memory_megabytes) as pool:
            services.readers = pool
            watcher = Watcher(services, pool, polling=polling, on_idle=nightly)
            signal.signal(signal.SIGTERM, watcher.stop)
            signal.signal(signal.SIGINT, watcher.stop)
            return watcher.run(once=once)
    except ConfigError as exc:
        raise click.ClickException(f"intake.toml: {exc}") from exc
    except (WatcherLocked, EnvironmentFault) as exc:
        raise click.ClickException(str(exc)) from exc
    except OSError as exc:
        fault = EnvironmentFault.from_os_error(exc, str(services.config.home))
        raise click.ClickException(str(fault or exc)) from exc
    except Exception as exc:  # noqa: BLE001 - the user gets one line; the traceback is in the log
        log.debug("the watcher stopped", exc_info=True)
        raise click.ClickException(f"[E099] unexpected error, the watcher stopped: {type(exc).__name__}: {exc} "
                                   f"(traceback in {services.config.log_dir / 'intake.log'})") from exc
    finally:
        services.readers = None


def _nightly_hook(services: Services) -> Callable[[], None] | None:
    try:
        from intake.reports.nightly import make_nightly_hook
    except ImportError:
        return None
    hook: Callable[[], None] | None = make_nightly_hook(services)
    return hook
