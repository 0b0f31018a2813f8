"""When a file in the inbox is complete: its size and mtime unchanged for `stable_seconds`, and no
process holding it open for writing.

What this machine can know about writers, and how:
- /proc/*/fd (with /proc/PID/fdinfo's flags): every local process when the service runs as
  root, the service user's own processes otherwise. Samba's smbd is a local process, so a
  Windows copy to a share on this server is seen while it lasts.
- inotify (not with --polling): a file written (IN_MODIFY) and not yet closed (IN_CLOSE_WRITE)
  is still being written, whoever writes it on this machine.
- Nothing shows a writer on another machine (this server mounting an SMB/NFS share): there
  only a longer stillness says a copy is complete — `polling_stable_seconds`, 30 s by default.
A file held open but unchanged for `held_open_seconds` is taken anyway (a program that never
closes its files must not block it for ever); its inbox copy is still removed only if it
matches the archived copy at that moment.
"""
from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)


def open_for_writing(paths: Collection[Path]) -> set[Path]:
    """Which of `paths` a process on this machine (that /proc lets us see) holds open for writing."""
    targets = {os.path.realpath(path): path for path in paths}
    found: set[Path] = set()
    try:
        pids = [name for name in os.listdir("/proc") if name.isdigit() and int(name) != os.getpid()]
    except OSError:
        return found
    for pid in pids:
        try:
            descriptors = os.listdir(f"/proc/{pid}/fd")
        except OSError:
            continue    # gone, or another user's process we may not look into
        for descriptor in descriptors:
            try:
                path = targets.get(os.readlink(f"/proc/{pid}/fd/{descriptor}"))
            except OSError:
                continue
            if path is not None and _writable(pid, descriptor):
                found.add(path)
    return found


def _writable(pid: str, descriptor: str) -> bool:
    try:
        with open(f"/proc/{pid}/fdinfo/{descriptor}", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("flags:"):
                    return int(line.split()[1], 8) & os.O_ACCMODE in (os.O_WRONLY, os.O_RDWR)
    except (OSError, ValueError, IndexError):
        pass
    return False


@dataclass
class _Seen:
    size: int
    mtime: float
    since: float              # when size or mtime last changed (the tracker's clock)
    written_at: float | None = None   # inotify: modified and not yet closed since then


@dataclass
class StabilityTracker:
    """A file is ready when size and mtime are unchanged for `stable_seconds`, no writer holds it
    open (or it has been held unchanged for `held_open_seconds`), and it opens."""
    stable_seconds: float
    held_open_seconds: float = 600.0
    clock: Callable[[], float] = time.monotonic
    writers: Callable[[Collection[Path]], set[Path]] = open_for_writing
    _seen: dict[Path, _Seen] = field(default_factory=dict)
    _held: set[Path] = field(default_factory=set)

    def observe(self, path: Path) -> None:
        try:
            info = path.lstat()
        except FileNotFoundError:
            self._seen.pop(path, None)
            return
        previous = self._seen.get(path)
        if previous is None or (previous.size, previous.mtime) != (info.st_size, info.st_mtime):
            written_at = previous.written_at if previous else None
            self._seen[path] = _Seen(info.st_size, info.st_mtime, self.clock(), written_at)

    def written(self, path: Path) -> None:
        """inotify IN_MODIFY: someone is writing it now."""
        self.observe(path)
        if path in self._seen:
            self._seen[path].written_at = self.clock()

    def closed(self, path: Path) -> None:
        """inotify IN_CLOSE_WRITE: the writer closed it."""
        self.observe(path)
        if path in self._seen:
            self._seen[path].written_at = None

    def ready(self) -> list[Path]:
        now = self.clock()
        quiet = [path for path in list(self._seen) if self._quiet(path, now)]
        if not quiet:
            return []
        held = self.writers(quiet)
        done: list[Path] = []
        for path in quiet:
            seen = self._seen[path]
            busy = path in held or seen.written_at is not None
            if busy and now - seen.since < self.held_open_seconds:
                if path not in self._held:
                    log.info("%s is still open for writing; waiting for the writer to close it", path)
                    self._held.add(path)
                continue
            if busy:
                log.warning("%s has been held open for writing but unchanged for %.0f s; taken", path, now - seen.since)
            if _opens(path):
                done.append(path)
                del self._seen[path]
                self._held.discard(path)
        return sorted(done, key=lambda p: (_mtime(p), str(p)))

    def _quiet(self, path: Path, now: float) -> bool:
        try:
            info = path.lstat()
        except FileNotFoundError:
            del self._seen[path]
            self._held.discard(path)
            return False
        seen = self._seen[path]
        if (info.st_size, info.st_mtime) != (seen.size, seen.mtime):
            self._seen[path] = _Seen(info.st_size, info.st_mtime, now, seen.written_at)
            return False
        return now - seen.since >= self.stable_seconds

    def __contains__(self, path: object) -> bool:
        return path in self._seen

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
