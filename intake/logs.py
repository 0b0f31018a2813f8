"""Logging: to stderr and to a rotating file in HOME, personal data masked in both."""
from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def setup_logging(log_dir: Path | None, verbose: bool = False, quiet: bool = False) -> None:
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_intake", False):
            root.removeHandler(handler)
            handler.close()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    stderr = logging.StreamHandler()
    stderr.setLevel(logging.DEBUG if verbose else (logging.WARNING if quiet else logging.INFO))
    handlers: list[logging.Handler] = [stderr]
    if log_dir is not None:
        log_dir.mkdir(parents=True, exist_ok=True)
        handlers.append(logging.handlers.RotatingFileHandler(log_dir / "intake.log", maxBytes=5_000_000,
                                                             backupCount=5, encoding="utf-8"))
    for handler in handlers:
        handler.setFormatter(logging.Formatter(FORMAT))
        handler.addFilter(_LazyMaskingFilter())
        handler._intake = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    # Third-party libraries are chatty at INFO (rapidocr prints model paths per load).
    for noisy in ("RapidOCR", "rapidocr", "PIL", "watchdog", "pypdfium2", "onnxruntime"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


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
