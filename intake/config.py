"""Configuration: one `Config` built by the CLI from HOME/intake.toml and passed down.

Defaults are the agency's own details from its guide (聊城市市场监督管理局), so a fresh HOME
works without editing anything.
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

CONFIG_NAME = "intake.toml"

DEFAULT_TOML = """\
# intake configuration. Edit and restart `intake watch`.

[agency]
name = "聊城市市场监督管理局"
office = "聊城市市场监督管理局办公室"
address = "聊城市经济技术开发区黄河路101号"
postcode = "252000"
phone = "0635-8519813"
fax = "0635-8519810"
email = "lczj_bgs@lc.shandong.cn"

[watch]
# Seconds a new file's size and modification time must stay unchanged before it is taken; a file
# some process still holds open for writing is not taken either (see the README).
stable_seconds = 2.0
# The quiet time with --polling / polling = true: on a network share, writers on other machines
# cannot be seen, so only a long stillness says a copy is complete.
polling_stable_seconds = 30.0
# A file held open for writing but unchanged this long is taken anyway (a program that never
# closes its files); its inbox copy is removed only if it still matches the archived copy.
held_open_seconds = 600
# Seconds between full rescans of inbox/ (a safety net for missed events).
rescan_seconds = 60
# After a fault of HOME (full disk, read-only register): seconds before the intake tries again.
fault_retry_seconds = 30
# Use polling instead of inotify (for network shares: SMB/NFS send no events).
polling = false
# Seconds one file may take before it is given up as failed.
file_timeout_seconds = 300
# Worker processes for OCR (0 = one per core).
workers = 0

[limits]
max_pages = 200
max_file_megabytes = 200
max_image_pixels = 150000000
# What a .docx may unpack to; larger e-mails than this are refused (they are parsed whole).
max_unpacked_megabytes = 100
max_email_megabytes = 50
# Longest text the understanding stage takes (characters).
max_text_characters = 1000000
# Address space of each reader process: a file needing more fails alone (E005), the service stays up.
reader_memory_megabytes = 2500

[ocr]
# rapidocr: PP-OCRv6 in int8 (the default); rapidocr-fp32: the float models, slower and a
# shade more accurate on hard pages; tesseract: Tesseract chi_sim, for comparison only.
engine = "rapidocr"

[digest]
time = "18:00"
recipients = []

[smtp]
host = "127.0.0.1"
port = 25
security = "none"    # none | starttls | ssl
username = ""
password = ""
sender = "intake@localhost"
"""


@dataclass(frozen=True, slots=True)
class Agency:
    name: str = "聊城市市场监督管理局"
    office: str = "聊城市市场监督管理局办公室"
    address: str = "聊城市经济技术开发区黄河路101号"
    postcode: str = "252000"
    phone: str = "0635-8519813"
    fax: str = "0635-8519810"
    # The agency's public mailbox: mail from it is the agency's own, not an applicant's.
    email: str = "lczj_bgs@lc.shandong.cn"


@dataclass(frozen=True, slots=True)
class WatchSettings:
    stable_seconds: float = 2.0
    polling_stable_seconds: float = 30.0
    held_open_seconds: float = 600.0
    rescan_seconds: float = 60.0
    fault_retry_seconds: float = 30.0
    polling: bool = False
    file_timeout_seconds: float = 300.0
    workers: int = 0


@dataclass(frozen=True, slots=True)
class Limits:
    max_pages: int = 200
    max_file_megabytes: int = 200
    max_image_pixels: int = 150_000_000
    max_unpacked_megabytes: int = 100
    max_email_megabytes: int = 50
    max_text_characters: int = 1_000_000
    reader_memory_megabytes: int = 2500


@dataclass(frozen=True, slots=True)
class SmtpSettings:
    host: str = "127.0.0.1"
    port: int = 25
    security: str = "none"
    username: str = ""
    password: str = ""
    sender: str = "intake@localhost"


@dataclass(frozen=True, slots=True)
class DigestSettings:
    time: str = "18:00"
    recipients: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Config:
    home: Path
    agency: Agency = field(default_factory=Agency)
    watch: WatchSettings = field(default_factory=WatchSettings)
    limits: Limits = field(default_factory=Limits)
    ocr_engine: str = "rapidocr"
    digest: DigestSettings = field(default_factory=DigestSettings)
    smtp: SmtpSettings = field(default_factory=SmtpSettings)

    # Folders of HOME, named once here so no stage invents its own.
    @property
    def inbox(self) -> Path:
        return self.home / "inbox"

    @property
    def outbox(self) -> Path:
        return self.home / "outbox"

    @property
    def archive(self) -> Path:
        return self.home / "archive"

    @property
    def database(self) -> Path:
        return self.home / "register.db"

    @property
    def log_dir(self) -> Path:
        return self.home / "logs"


class ConfigError(ValueError):
    """HOME's configuration file cannot be used."""


def resolve_home(home: str | os.PathLike[str] | None) -> Path:
    """--home, else INTAKE_HOME, else the current folder (RECORD.md)."""
    chosen = home or os.environ.get("INTAKE_HOME") or "."
    return Path(chosen).expanduser().resolve()


def load_config(home: Path) -> Config:
    path = home / CONFIG_NAME
    if not path.exists():
        return Config(home=home)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    config = Config(home=home)
    return replace(
        config,
        agency=_section(Agency, data.get("agency")),
        watch=_section(WatchSettings, data.get("watch")),
        limits=_section(Limits, data.get("limits")),
        ocr_engine=str(data.get("ocr", {}).get("engine", config.ocr_engine)),
        digest=_section(DigestSettings, data.get("digest")),
        smtp=_section(SmtpSettings, data.get("smtp")),
    )


def _section(kind: Any, values: Any) -> Any:
    if values is None:
        return kind()
    if not isinstance(values, dict):
        raise ConfigError(f"[{kind.__name__}] must be a table")
    known = {f.name: f for f in fields(kind)}
    unknown = set(values) - set(known)
    if unknown:
        raise ConfigError(f"unknown settings {sorted(unknown)} (known: {sorted(known)})")
    converted: dict[str, Any] = {}
    default = kind()
    for name, value in values.items():
        expected = type(getattr(default, name))
        try:
            converted[name] = tuple(value) if expected is tuple else expected(value)
        except (TypeError, ValueError) as exc:
            raise ConfigError(f"{name} = {value!r}: {exc}") from exc
    return kind(**converted)


def write_default_config(home: Path) -> Path:
    path = home / CONFIG_NAME
    if not path.exists():
        path.write_text(DEFAULT_TOML, encoding="utf-8")
    return path
