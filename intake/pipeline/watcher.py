"""The watcher: every file that lands in HOME/inbox/ becomes exactly one register row.

Built from testable parts, as paperless-ngx's consumer is: a filter for names to ignore, a
stability tracker (a file is taken only when its size and mtime have stopped changing and it
opens), a start-up scan (files that arrived while the service was down), a periodic rescan
(missed events), and a lock so only one watcher serves a HOME.
"""
from __future__ import annotations

import fcntl
import fnmatch
import logging
import os
import queue
import signal
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import IO, Any

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

from intake.pipeline.runner import process, resume
from intake.pipeline.services import Services

log = logging.getLogger(__name__)

IGNORED_PATTERNS = ("~$*", "*.part", "*.partial", "*.tmp", "*.crdownload", "*.download", ".*", "Thumbs.db",
                    "desktop.ini", "README.md", "*.swp")


class WatcherLocked(RuntimeError):
    """Another watcher already serves this HOME."""


def is_ignored(path: Path, inbox: Path) -> bool:
    try:
        parts = path.relative_to(inbox).parts
    except ValueError:
        return True
    if not parts:
        return True
    # Hidden folders (e.g. a sync client's .sync/) hide everything inside them.
    if any(part.startswith(".") for part in parts):
        return True
    name = parts[-1]
    if len(parts) == 1 and name == "README.md":
        return True
    return any(fnmatch.fnmatch(name, pattern) for pattern in IGNORED_PATTERNS if pattern != "README.md")


@dataclass
class StabilityTracker:
    """A file is ready when size and mtime are unchanged for `stable_seconds` and it opens."""
    stable_seconds: float
    clock: Callable[[], float] = time.monotonic
    _seen: dict[Path, tuple[int, float, float]] = field(default_factory=dict)

    def observe(self, path: Path) -> None:
        try:
            info = path.lstat()
        except FileNotFoundError:
            self._seen.pop(path, None)
            return
        key = (info.st_size, info.st_mtime)
        previous = self._seen.get(path)
        if previous is None or previous[:2] != key:
            self._seen[path] = (info.st_size, info.st_mtime, self.clock())

    def ready(self) -> list[Path]:
        now = self.clock()
        done: list[Path] = []
        for path, (size, mtime, since) in list(self._seen.items()):
            try:
                info = path.lstat()
            except FileNotFoundError:
                del self._seen[path]
                continue
            if (info.st_size, info.st_mtime) != (size, mtime):
                self._seen[path] = (info.st_size, info.st_mtime, now)
                continue
            if now - since >= self.stable_seconds and _opens(path):
                done.append(path)
                del self._seen[path]
        return sorted(done, key=lambda p: (_mtime(p), str(p)))

    def __len__(self) -> int:
        return len(self._seen)


def _mtime(path: Path) -> float:
    try:
        return path.lstat().st_mtime
    except OSError:
        return 0.0


def _opens(path: Path) -> bool:
    """A file a scanner still holds open for writing may refuse; symlinks/FIFOs are taken as they are
    (the pipeline records them as failed without reading)."""
    if path.is_symlink() or not path.is_file():
        return True
    try:
        with open(path, "rb"):
            return True
    except OSError:
        return False


def scan(inbox: Path) -> Iterator[Path]:
    for root, folders, files in os.walk(inbox, followlinks=False):
        folders[:] = [f for f in folders if not f.startswith(".")]
        for name in files:
            path = Path(root) / name
            if not is_ignored(path, inbox):
                yield path


class _Handler(FileSystemEventHandler):
    def __init__(self, events: queue.Queue[Path]) -> None:
        self.events = events

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory:
            return
        for attribute in ("src_path", "dest_path"):
            value = getattr(event, attribute, "")
            if value:
                self.events.put(Path(os.fsdecode(value)))


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
    def __init__(self, services: Services, *, polling: bool | None = None,
                 on_idle: Callable[[], None] | None = None) -> None:
        self.services = services
        settings = services.config.watch
        self.inbox = services.config.inbox
        self.polling = settings.polling if polling is None else polling
        self.tracker = StabilityTracker(settings.stable_seconds)
        self.rescan_seconds = settings.rescan_seconds
        self.events: queue.Queue[Path] = queue.Queue()
        self.stopping = False
        self.on_idle = on_idle
        self.processed = 0

    def stop(self, signum: int | None = None, frame: FrameType | None = None) -> None:
        if not self.stopping:
            log.info("stopping after the file in hand")
        self.stopping = True

    def resume_unfinished(self) -> None:
        """Rows a crash left in 'processing' are finished (runner.resume): from the inbox file by
        the start-up scan, else from the archived copy, else as failed."""
        for row in self.services.register.unfinished():
            resume(row, self.services)

    def run(self, once: bool = False) -> int:
        self.inbox.mkdir(parents=True, exist_ok=True)
        self.resume_unfinished()
        for path in scan(self.inbox):
            self.tracker.observe(path)
        if once:
            self._drain()
            return self.processed
        observer = PollingObserver(timeout=2) if self.polling else Observer()
        observer.schedule(_Handler(self.events), str(self.inbox), recursive=True)
        observer.start()
        log.info("watching %s (%s)", self.inbox, "polling" if self.polling else "inotify")
        last_scan = time.monotonic()
        try:
            while not self.stopping:
                try:
                    path = self.events.get(timeout=0.5)
                    if not is_ignored(path, self.inbox):
                        self.tracker.observe(path)
                except queue.Empty:
                    pass
                if time.monotonic() - last_scan >= self.rescan_seconds:
                    for path in scan(self.inbox):
                        self.tracker.observe(path)
                    last_scan = time.monotonic()
                self._process_ready()
                if self.on_idle is not None and not self.stopping:
                    self.on_idle()
        finally:
            observer.stop()
            observer.join(timeout=5)
        return self.processed

    def _drain(self) -> None:
        """--once: process what is in the inbox now, each file once it has settled."""
        while len(self.tracker) and not self.stopping:
            self._process_ready()
            if len(self.tracker):
                time.sleep(0.2)

    def _process_ready(self) -> None:
        for path in self.tracker.ready():
            if self.stopping:
                return
            if not os.path.lexists(path):
                continue
            process(path, self.services, source=str(path), from_inbox=True)
            self.processed += 1


def run_watcher(services: Services, *, polling: bool | None = None, once: bool = False) -> int:
    import click
    integrity = services.register.check_integrity()
    if integrity != "ok":
        raise click.ClickException(f"the register {services.register.path} failed its integrity check ({integrity}); "
                                   "restore it from `intake backup` copies before starting the watcher")
    from intake.config import ConfigError
    try:
        nightly = _nightly_hook(services)
    except ConfigError as exc:
        raise click.ClickException(f"intake.toml: {exc}") from exc
    try:
        with HomeLock(services.config.home):
            watcher = Watcher(services, polling=polling, on_idle=nightly)
            signal.signal(signal.SIGTERM, watcher.stop)
            signal.signal(signal.SIGINT, watcher.stop)
            return watcher.run(once=once)
    except WatcherLocked as exc:
        raise click.ClickException(str(exc)) from exc


def _nightly_hook(services: Services) -> Callable[[], None] | None:
    try:
        from intake.reports.nightly import make_nightly_hook
    except ImportError:
        return None
    hook: Callable[[], None] | None = make_nightly_hook(services)
    return hook
