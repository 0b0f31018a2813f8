"""What in the inbox is a document: everything, whatever it is called (`.hidden.png`, a Windows
name like `..\\..\\x.eml`), except known junk — system and sync-client files, and files still
being downloaded or written under a temporary name (renamed when complete). Skipping is logged.
"""
from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterator
from pathlib import Path

# Files that are never documents (compared case-insensitively).
JUNK_FILES = (
    "thumbs.db", "ehthumbs.db", "desktop.ini", ".ds_store", "._*",       # Windows and macOS metadata
    "~$*", ".~lock.*#", "*.swp",                                         # Office, LibreOffice, vim lock/temp files
    "*.partial", "*.part", "*.crdownload", "*.download", "*.tmp",       # still being downloaded or written
)
# Folders of sync clients and file servers (metadata, old versions, recycle bins).
JUNK_FOLDERS = (".sync", ".stfolder", ".stversions", ".trash*", ".appledouble", ".appledb", "@eadir", "#recycle",
                "#snapshot", ".snapshot", "$recycle.bin", "system volume information")


def skip_reason(path: Path, inbox: Path) -> str | None:
    """Why `path` is not a document to record, or None when it is one."""
    try:
        parts = path.relative_to(inbox).parts
    except ValueError:
        return "outside the inbox"
    if not parts:
        return "the inbox itself"
    if parts == ("README.md",):
        return "the inbox's own README"
    for folder in parts[:-1]:
        if _matches(folder, JUNK_FOLDERS):
            return f"inside {folder}/, a sync or system folder"
    if _matches(parts[-1], JUNK_FILES):
        return "a system, lock or temporary file"
    return None


def is_ignored(path: Path, inbox: Path) -> bool:
    return skip_reason(path, inbox) is not None


def _matches(name: str, patterns: tuple[str, ...]) -> bool:
    folded = name.casefold()
    return any(fnmatch.fnmatchcase(folded, pattern) for pattern in patterns)


def scan(inbox: Path) -> Iterator[Path]:
    """Every entry under the inbox that is not in a junk folder (junk files included: the caller
    logs why it skips them)."""
    for root, folders, files in os.walk(inbox, followlinks=False):
        # A link to a folder is an entry like any other (recorded as failed, never followed).
        links = [f for f in folders if os.path.islink(os.path.join(root, f))]
        folders[:] = [f for f in folders if f not in links and not _matches(f, JUNK_FOLDERS)]
        for name in files + links:
            yield Path(root) / name
