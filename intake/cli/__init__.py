"""The command line (click): `intake --home HOME COMMAND …`; see `intake --help`."""
from intake.cli.main import main

__all__ = ["main"]
