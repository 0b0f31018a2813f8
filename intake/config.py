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
# Where applications are taken (the guide): in person, by letter, and the city portal's 网上申请.
portal = "http://www.liaocheng.gov.cn/channel_lc_lcsrmzfysqgk6896/"
hours = "工作日上午8:30-12:00，下午14:00-17:30（5月1日至9月30日为14:30-18:00）"
# Redress named in every reply (the guide; 行政复议法 2023 Art. 20, 23; 行政诉讼法 Art. 46).
supervisor = "局机关党委"
supervisor_phone = "0635-8536125"
review_body = "聊城市人民政府"
review_office = "聊城市政府行政复议办公室"
review_phone = "0635-8288203"
court = "聊城市东昌府区人民法院"
court_phone = "0635-8939308"

[letters]
# Numbers: 机关代字 + the series of the kind + 〔year〕 + 第N号, counted per series and year.
agency_code = "聊市监"
number_format = "{agency_code}{series}〔{year}〕第{number}号"
# Working days the applicant is given to return a correction (Art. 30: 合理的补正期限).
correction_workdays = 15
# E-mailed applications: "accept" handles them like letters; "refer" also drafts the letter that
# points to the channels that take applications (the guide: the mailbox does not take them).
email_applications = "accept"
# Fonts named in the .docx; empty = the first installed of 方正小标宋/仿宋 and their fallbacks.
title_font = ""
body_font = ""

[letters.series]
# A letter kind's 代字; kinds with the same one share a sequence. Kinds: correction, extension,
# explain, not_handled, published, disclosed, withheld, not_exist, not_ours, repeat, registration,
# partial, reply, not_application, publication, email_channel.
correction = "依补"
extension = "依延"

[review]
# The address the office opens the review page at; the digest links every item there.
base_url = "http://127.0.0.1:8765"
# A record whose confidence is below this goes to a person instead of being acted on (set from the
# calibration, `python bench/calibration.py CORPUS…`; README "Figures").
review_below = 0.5
# A page read this poorly (the recogniser's mean score) may hide what Art. 29 needs: no notice is drafted.
poorly_read_below = 0.7

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
    portal: str = "http://www.liaocheng.gov.cn/channel_lc_lcsrmzfysqgk6896/"
    hours: str = "工作日上午8:30-12:00，下午14:00-17:30（5月1日至9月30日为14:30-18:00）"
    # Redress (the guide's 本级 / 复议 / 诉讼 with their phones), named in every reply letter.
    supervisor: str = "局机关党委"
    supervisor_phone: str = "0635-8536125"
    review_body: str = "聊城市人民政府"
    review_office: str = "聊城市政府行政复议办公室"
    review_phone: str = "0635-8288203"
    court: str = "聊城市东昌府区人民法院"
    court_phone: str = "0635-8939308"


EMAIL_POLICIES = ("accept", "refer")


@dataclass(frozen=True, slots=True)
class LetterSettings:
    agency_code: str = "聊市监"
    number_format: str = "{agency_code}{series}〔{year}〕第{number}号"
    correction_workdays: int = 15
    email_applications: str = "accept"
    title_font: str = ""
    body_font: str = ""
    series: tuple[tuple[str, str], ...] = ()     # (kind, 代字) pairs from [letters.series]

    def series_of(self, kind: str, default: str) -> str:
        return dict(self.series).get(kind, default)

    @property
    def refers_email(self) -> bool:
        return self.email_applications == "refer"


@dataclass(frozen=True, slots=True)
class ReviewSettings:
    base_url: str = "http://127.0.0.1:8765"
    review_below: float = 0.5
    poorly_read_below: float = 0.7


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
    letters: LetterSettings = field(default_factory=LetterSettings)
    review: ReviewSettings = field(default_factory=ReviewSettings)

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
        letters=_letters(data.get("letters")),
        review=_section(ReviewSettings, data.get("review")),
    )


def _letters(values: Any) -> LetterSettings:
    """[letters] with its [letters.series] table of 代字 by letter kind."""
    if values is None:
        return LetterSettings()
    if not isinstance(values, dict):
        raise ConfigError("[letters] must be a table")
    series = values.get("series", {})
    if not isinstance(series, dict) or not all(isinstance(v, str) and v.strip() for v in series.values()):
        raise ConfigError("[letters.series] must map letter kinds to non-empty 代字 strings")
    settings: LetterSettings = _section(LetterSettings, {k: v for k, v in values.items() if k != "series"})
    if settings.email_applications not in EMAIL_POLICIES:
        raise ConfigError(f"[letters] email_applications = {settings.email_applications!r}: "
                          f"expected one of {list(EMAIL_POLICIES)}")
    try:
        settings.number_format.format(agency_code="", series="", year=2026, number=1)
    except (KeyError, IndexError, ValueError) as exc:
        raise ConfigError(f"[letters] number_format = {settings.number_format!r}: {exc}") from exc
    return replace(settings, series=tuple(sorted((str(k), str(v).strip()) for k, v in series.items())))


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
