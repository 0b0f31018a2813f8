"""Jinja templates of the office's documents: HOME/templates/ overrides the package's own."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2


# ---------------------------------------------------------------- rendering and writing
def render_template(name: str, home: Path | None, **values: Any) -> str:
    """A template from HOME/templates/ if the office has put one there, else the package's."""
    loaders: list[jinja2.BaseLoader] = [jinja2.PackageLoader("intake", "templates")]
    if home is not None:
        loaders.insert(0, jinja2.FileSystemLoader(str(home / "templates")))
    environment = jinja2.Environment(loader=jinja2.ChoiceLoader(loaders), undefined=jinja2.StrictUndefined,
                                     autoescape=jinja2.select_autoescape(["html"]),
                                     trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    return environment.get_template(name).render(**values)
