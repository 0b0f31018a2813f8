"""HOME: the folders and objects one installation works with, opened once per command."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from intake.config import Config, load_config, write_default_config

README_INBOX = "把扫描件、传真和邮件（.eml）放进这个文件夹。Drop scans, faxes and saved e-mails here.\n"
README_OUTBOX = "服务写出的记录与通知。Records and notices written by the service.\n"


class HomeError(RuntimeError):
    """HOME cannot be used (not writable, not a folder)."""


@dataclass(frozen=True, slots=True)
class Home:
    config: Config

    @property
    def path(self) -> Path:
        return self.config.home


def prepare_home(home: Path, *, write_config: bool = False) -> Config:
    """Create what a fresh HOME needs; a fresh, empty HOME must work (RECORD.md)."""
    try:
        home.mkdir(parents=True, exist_ok=True)
        for folder in ("inbox", "outbox", "archive", "logs"):
            (home / folder).mkdir(exist_ok=True)
        if write_config:
            write_default_config(home)
            for folder, text in (("inbox", README_INBOX), ("outbox", README_OUTBOX)):
                readme = home / folder / "README.md"
                if not readme.exists():
                    readme.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise HomeError(f"HOME {home} cannot be used: {exc.strerror or exc}") from exc
    return load_config(home)
