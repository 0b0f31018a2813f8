"""What every command gets in `ctx.obj`: HOME, its config (read once), and the heavy services,
opened only by the commands that need them."""
from __future__ import annotations

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

    def __init__(self, home: Path, verbose: bool, quiet: bool) -> None:
        self.home = home
        self.verbose = verbose
        self.quiet = quiet
        self._config: Config | None = None

    @property
    def config(self) -> Config:
        if self._config is None:
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
