"""The fonts a letter names: GB/T 9704's 方正小标宋 (title) and 仿宋 (text) where installed,
else the nearest installed CJK serif, so a letter drafted here and opened here looks right.

Word and LibreOffice draw a font they lack with a substitute of their own; naming an installed
one keeps the drafted page and its rendering the same. `[letters] title_font / body_font` pins them.
"""
from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass

TITLE_FONTS = ("方正小标宋简体", "方正小标宋_GBK", "FZXiaoBiaoSong-B05S", "华文中宋", "STZhongsong",
               "Noto Serif CJK SC", "Source Han Serif SC", "思源宋体", "SimSun", "宋体")
BODY_FONTS = ("仿宋_GB2312", "仿宋", "FangSong", "FangSong_GB2312", "华文仿宋", "STFangsong",
              "Noto Serif CJK SC", "Source Han Serif SC", "思源宋体", "SimSun", "宋体")
NUMBER_FONT = "Times New Roman"     # GB/T 9704: page numbers and Latin digits


@dataclass(frozen=True, slots=True)
class LetterFonts:
    title: str
    body: str
    # The title font is a real bold face (方正小标宋) or needs bold to stand out (a serif fallback).
    title_bold: bool


def installed_families() -> frozenset[str]:
    """Every family name fontconfig knows (each alias of a family too); empty without fontconfig."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return frozenset()
    try:
        listed = subprocess.run([fc_list, ":", "family"], capture_output=True, text=True, timeout=20, check=False)
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    return frozenset(name.strip() for line in listed.stdout.splitlines() for name in line.split(",") if name.strip())


def choose_fonts(title: str = "", body: str = "", installed: frozenset[str] | None = None) -> LetterFonts:
    """The configured fonts, else the first installed of each preference list (the standard's own
    fonts when nothing is known about the machine)."""
    families = installed_families() if installed is None else installed
    chosen_title = title or next((name for name in TITLE_FONTS if name in families), TITLE_FONTS[0])
    chosen_body = body or next((name for name in BODY_FONTS if name in families), BODY_FONTS[0])
    return LetterFonts(chosen_title, chosen_body, title_bold="小标宋" not in chosen_title)
