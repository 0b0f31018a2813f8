"""Originals: the archived copy of every file (never modified, never deleted), and the inbox
file it came from, removed only once the copy is proven identical."""
from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import shutil
from pathlib import Path

log = logging.getLogger(__name__)


def printable_path(path: str) -> str:
    """File names that are not valid UTF-8 (e.g. GBK from an old share) shown with U+FFFD."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def archive_copy(path: Path, folder: Path, name: str) -> Path:
    """Copy `path` into `folder` under a free form of `name` (never overwriting), through a
    .partial file that is fsynced and renamed, so a crash never leaves half a copy under the name."""
    folder.mkdir(parents=True, exist_ok=True)
    target = free_name(folder, safe_name(name))
    partial = target.with_name(target.name + ".partial")
    shutil.copyfile(path, partial)
    with open(partial, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(partial, target)
    return target


def set_aside(path: Path, folder: Path) -> None:
    """Symlinks, pipes and vanished entries leave the inbox (moved as they are, never followed)
    so the rescan does not record them again."""
    folder.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(FileNotFoundError):
        os.rename(path, free_name(folder, safe_name(printable_path(path.name))))


def remove_inbox_original(path: Path, archived: Path, sha256: str) -> None:
    """Remove the inbox copy only once the archived copy is proven identical."""
    digest = hashlib.sha256(archived.read_bytes()).hexdigest()
    if digest != sha256:
        log.error("archived copy of %s differs from the original; the original is kept", path)
        return
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def safe_name(name: str) -> str:
    cleaned = "".join(c if c.isprintable() and c not in "/\\" else "_" for c in name)
    return cleaned.encode("utf-8", "replace").decode("utf-8")[-120:] or "file"


def free_name(folder: Path, name: str) -> Path:
    target = folder / name
    counter = 1
    while target.exists() or target.with_name(target.name + ".partial").exists():
        target = folder / f"{counter}-{name}"
        counter += 1
    return target
