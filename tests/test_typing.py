"""STYLE.md: `mypy --strict` is clean for intake/, ocr/ and classifiers/ (installed as intake.ocr, intake.classifiers)."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(shutil.which("mypy") is None and not (Path(sys.executable).parent / "mypy").exists(),
                    reason="mypy is not installed (it is in the `test` extra)")
def test_mypy_strict_is_clean():
    done = subprocess.run([sys.executable, "-m", "mypy", "--strict", "-p", "intake"],
                          cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-3000:]
