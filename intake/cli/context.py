"""What every command gets in `ctx.obj`: HOME, its config (read once), and the heavy services,
opened only by the commands that need them."""
from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click

from intake.config import Config, ConfigError
from intake.home import HomeError, prepare_home
from intake.logs import setup_logging

if TYPE_CHECKING:
    from intake.pipeline.services import Services


class AppContext:
    """What every command needs: HOME, its config, and lazily the heavy services."""

    def __init__(self, home: Path, verbose: bool, quiet: bool, *, creates_home: bool = True) -> None:
        self.home = home
        self.verbose = verbose
        self.quiet = quiet
        self.creates_home = creates_home
        self._config: Config | None = None

    @property
    def config(self) -> Config:
        if self._config is None:
            if not self.creates_home and not self.home.is_dir():
                raise click.ClickException(f"HOME {self.home} does not exist; give the right --home (or INTAKE_HOME), "
                                           f"or create it with `intake --home {self.home} init`")
            try:
                self._config = prepare_home(self.home)
            except (HomeError, ConfigError) as exc:
                raise click.ClickException(str(exc)) from exc
            setup_logging(self._config.log_dir, self.verbose, self.quiet)
        return self._config

    def services(self) -> Services:
        from intake.pipeline.services import open_services
        try:
            return open_services(self.config)
        except Exception as exc:  # noqa: BLE001 - turned into a clean CLI error at the edge
            raise click.ClickException(f"cannot open HOME {self.home}: {exc}") from exc

    @contextlib.contextmanager
    def readers(self, services: Services, *, files: int = 1) -> Iterator[None]:
        """Reader processes for the command's files (as many OCR readers as cores, at most one
        per file), each under the memory cap of [limits] reader_memory_megabytes."""
        from intake.pipeline.workers import TEXT, ReaderPool, pool_size
        config = services.config
        workers = max(1, min(pool_size(config.watch.workers), files))
        with ReaderPool(config.ocr_engine, workers, memory_megabytes=config.limits.reader_memory_megabytes,
                        prestart=(TEXT,)) as pool:
            services.readers = pool
            try:
                yield
            finally:
                services.readers = None
