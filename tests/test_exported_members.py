"""Every package says what it offers in `__all__` (httpx's tests/test_exported_members.py is the
model): each listed name resolves, is defined inside intake, and nothing public is left unlisted."""
from __future__ import annotations

import importlib
import os
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "intake"


def packages() -> list[str]:
    found = []
    for folder, _dirs, files in os.walk(PACKAGE, followlinks=True):
        path = Path(folder)
        if "__init__.py" in files and "training" not in path.parts:
            found.append(".".join(path.relative_to(PACKAGE.parent).parts))
    return sorted(found)


@pytest.mark.parametrize("name", packages())
def test_package_exports_its_public_names(name):
    package = importlib.import_module(name)
    exported = getattr(package, "__all__", None)
    if name == "intake":
        assert exported is None or "__version__" in exported
        return
    assert exported, f"{name} has no __all__"
    assert exported == sorted(exported), f"{name}.__all__ is not sorted"
    for member in exported:
        value = getattr(package, member)
        value = getattr(value, "callback", value)     # a click command: where its function lives
        module = getattr(value, "__module__", None)
        assert module is None or module.startswith("intake"), f"{name}.{member} comes from {module}"
    # Names defined at the package level (not submodules) must be listed.
    listed = set(exported)
    unlisted = [key for key, value in vars(package).items()
                if not key.startswith("_") and key not in listed and (callable(value) or isinstance(value, type))
                and not isinstance(value, type(os))
                and getattr(value, "__module__", name).startswith(name) and key not in ("annotations",)]
    assert not unlisted, f"{name} defines public names outside __all__: {unlisted}"


def test_the_kernel_offers_the_contract():
    import intake.kernel as kernel
    for member in ("Record", "Route", "Status", "Channel", "Missing", "ApplicantKind", "Category", "IdType",
                   "Medium", "Method", "IntakeError", "UnexpectedError"):
        assert member in kernel.__all__
