"""Originals: the archived copy of every file (never modified, never deleted), and the inbox
file it came from, removed only once the copy is proven identical to it at that moment.

Names derived from an original's name fit every Linux file system: a name is at most 255 bytes
(ext4, xfs, btrfs), and 76 CJK characters are already 228 — so names are cut by bytes, on a
character boundary, keeping the extension; the register keeps the original name whole.
"""
from __future__ import annotations

import contextlib
import errno
import logging
import os
import shutil
from pathlib import Path

from intake.pipeline.ingest import hash_file

log = logging.getLogger(__name__)

NAME_MAX_BYTES = 255
# What free_name ("12-") and archive_copy (".partial") may add to a derived name, with room to spare.
DERIVED_NAME_BYTES = NAME_MAX_BYTES - 55
_MAX_EXTENSION_BYTES = 16
_CUT_MARK = "…"


def printable_path(path: str) -> str:
    """File names that are not valid UTF-8 (e.g. GBK from an old share) shown with U+FFFD."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def archive_copy(path: Path, folder: Path, name: str, short_name: str | None = None) -> Path:
    """Copy `path` into `folder` under a free form of `name` (never overwriting), through a
    .partial file that is fsynced and renamed, so a crash never leaves half a copy under the name.

    A file system with shorter names than ext4 (eCryptfs: 143 bytes) refuses the name: then the
    copy is made under `short_name` (ASCII, a few dozen bytes)."""
    folder.mkdir(parents=True, exist_ok=True)
    try:
        return _copy_under(path, folder, safe_name(name))
    except OSError as exc:
        if exc.errno != errno.ENAMETOOLONG or short_name is None:
            raise
        log.warning("%s: name too long for %s; archived as %s", printable_path(path.name), folder, short_name)
        return _copy_under(path, folder, safe_name(short_name))


def _copy_under(path: Path, folder: Path, name: str) -> Path:
    target = free_name(folder, name)
    partial = target.with_name(target.name + ".partial")
    try:
        shutil.copyfile(path, partial)
        with open(partial, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, target)
    except BaseException:
        # Nothing half-written stays behind (a full disk, a killed copy is finished on resume).
        with contextlib.suppress(OSError):
            partial.unlink()
        raise
    return target


def set_aside(path: Path, folder: Path) -> Path | None:
    """Symlinks, pipes and vanished entries leave the inbox (moved as they are, never followed)
    so the rescan does not record them again; the new path, or None when the entry was gone."""
    folder.mkdir(parents=True, exist_ok=True)
    target = free_name(folder, safe_name(printable_path(path.name)))
    try:
        os.rename(path, target)
    except FileNotFoundError:
        return None
    return target


def file_digest(path: Path) -> tuple[int, str]:
    """Size and sha256 of a file's bytes as they are now."""
    sha256, size = hash_file(path)
    return size, sha256


def remove_inbox_original(path: Path, archived: Path, sha256: str) -> bool:
    """Remove the inbox file only if it and the archived copy both have the claimed bytes now (a
    writer that went on writing after the file was taken keeps its file). True when removed or
    already gone."""
    try:
        inbox_now = file_digest(path)
    except FileNotFoundError:
        return True
    archived_now = file_digest(archived)
    if archived_now != inbox_now or archived_now[1] != sha256:
        log.warning("%s changed after it was taken (%d bytes now, %d archived); kept in the inbox",
                    printable_path(str(path)), inbox_now[0], archived_now[0])
        return False
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
    return True


def safe_name(name: str, max_bytes: int = DERIVED_NAME_BYTES) -> str:
    """A name any Linux file system takes: printable, no separators, at most `max_bytes` bytes of
    UTF-8 — cut at the end of the stem on a character boundary, the extension kept."""
    cleaned = "".join(c if c.isprintable() and c not in "/\\" else "_" for c in name)
    cleaned = cleaned.encode("utf-8", "replace").decode("utf-8").strip() or "file"
    if cleaned in (".", ".."):
        cleaned = cleaned.replace(".", "_")
    if len(cleaned.encode("utf-8")) <= max_bytes:
        return cleaned
    stem, dot, extension = cleaned.rpartition(".")
    suffix = dot + extension if stem and 0 < len(extension.encode("utf-8")) < _MAX_EXTENSION_BYTES else ""
    stem = cleaned[:len(cleaned) - len(suffix)]
    budget = max_bytes - len(suffix.encode("utf-8")) - len(_CUT_MARK.encode("utf-8"))
    return stem.encode("utf-8")[:budget].decode("utf-8", "ignore") + _CUT_MARK + suffix


def free_name(folder: Path, name: str) -> Path:
    target = folder / name
    counter = 1
    while target.exists() or target.with_name(target.name + ".partial").exists():
        target = folder / f"{counter}-{name}"
        counter += 1
    return target
