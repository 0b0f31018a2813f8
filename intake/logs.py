"""Logging: to stderr and to a rotating file in HOME, personal data masked in both.

The file takes intake's DEBUG records too (the tracebacks behind coded errors, for whoever
maintains the service); stderr shows INFO (WARNING with -q), never a traceback unless -v.
"""
from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
# Third-party libraries are chatty at INFO (rapidocr prints model paths per load).
NOISY_LOGGERS = ("RapidOCR", "rapidocr", "PIL", "watchdog", "pypdfium2", "onnxruntime")


def setup_logging(log_dir: Path | None, verbose: bool = False, quiet: bool = False) -> None:
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_intake", False):
            root.removeHandler(handler)
            handler.close()
    root.setLevel(logging.DEBUG)
    stderr = logging.StreamHandler()
    stderr.setLevel(logging.DEBUG if verbose else (logging.WARNING if quiet else logging.INFO))
    handlers: list[logging.Handler] = [stderr]
    if log_dir is not None:
        log_dir.mkdir(parents=True, exist_ok=True)
        log_file = logging.handlers.RotatingFileHandler(log_dir / "intake.log", maxBytes=5_000_000, backupCount=5,
                                                        encoding="utf-8")
        log_file.addFilter(_intake_debug_only)
        handlers.append(log_file)
    for handler in handlers:
        brief = handler is stderr and not verbose
        handler.setFormatter(_BriefFormatter(FORMAT) if brief else logging.Formatter(FORMAT))
        handler.addFilter(_LazyMaskingFilter())
        handler._intake = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    for noisy in NOISY_LOGGERS:
        logging.getLogger(noisy).setLevel(logging.WARNING)
    # A log that cannot be written (a full disk) must not print tracebacks of its own.
    logging.raiseExceptions = False


def _intake_debug_only(record: logging.LogRecord) -> bool:
    """DEBUG from intake's own modules; other libraries from INFO up."""
    return record.levelno >= logging.INFO or record.name.startswith("intake")


class _BriefFormatter(logging.Formatter):
    """The message without its traceback: stderr is read by people, the traceback is in the file."""

    def format(self, record: logging.LogRecord) -> str:
        record.message = record.getMessage()
        record.asctime = self.formatTime(record, self.datefmt)
        return self.formatMessage(record)


class _LazyMaskingFilter(logging.Filter):
    """`intake.masking.MaskingFilter`, loaded with the first record logged: a command that logs
    nothing (status, show) does not pay for the identifier finders."""

    def __init__(self) -> None:
        super().__init__()
        self._filter: logging.Filter | None = None

    def filter(self, record: logging.LogRecord) -> bool:
        if self._filter is None:
            from intake.masking import MaskingFilter
            self._filter = MaskingFilter()
        return bool(self._filter.filter(record))
