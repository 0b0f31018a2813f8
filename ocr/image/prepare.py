"""Page preparation: turn whatever image a page is into the clean 8-bit picture the models read.

Each step exists because of a kind of scan the mailroom gets: fax pages at half vertical
resolution (squashed characters confuse the recogniser), red seals stamped over the
signature line (the detector reads the seal's ring text and the overlap garbles the words
under it), grey low-contrast copies, and 600 dpi scans whose size only costs time.
"""
from __future__ import annotations

from typing import Any

import cv2
import numpy as np
import numpy.typing as npt
from PIL import Image, ImageOps

Array = npt.NDArray[Any]   # an image; cv2's stubs type arrays loosely

# A page larger than this (pixels on its long side) is scaled down: A4 at 300 dpi is 3508,
# and beyond ~250 dpi nothing is gained for printed text while every step gets slower.
MAX_SIDE = 2600
# Fax "standard" resolution is 204×98 dpi; fine mode is 204×196. A vertical resolution this
# much lower than the horizontal one means the page must be stretched to square pixels.
HALF_RESOLUTION_RATIO = 1.5


def prepare_page(image: Image.Image, *, fax: bool = False, max_side: int = MAX_SIDE) -> Array:
    """The page as a BGR uint8 array: square pixels, seals removed, sane size and contrast."""
    image = ImageOps.exif_transpose(image)
    stretch = vertical_stretch(image, fax=fax)
    rgb = to_rgb(image)
    height, width = rgb.shape[:2]
    target_h = height * stretch
    scale = min(1.0, max_side / max(width, target_h))
    if stretch != 1.0 or scale != 1.0:
        size = (max(1, round(width * scale)), max(1, round(target_h * scale)))
        # Area averaging when shrinking keeps thin strokes; a bilevel fax stretched with
        # linear interpolation gets grey edges, which the recogniser prefers to jaggies.
        interpolation = cv2.INTER_AREA if scale * stretch < 1 else cv2.INTER_LINEAR
        rgb = cv2.resize(rgb, size, interpolation=interpolation)
    rgb = remove_seals(light_background(rgb))
    gray_like = stretch_contrast(rgb)
    bgr: Array = cv2.cvtColor(gray_like, cv2.COLOR_RGB2BGR)
    return bgr


def vertical_stretch(image: Image.Image, *, fax: bool) -> float:
    """2.0 when the page was scanned at half vertical resolution, else 1.0.

    DPI information decides when present; a fax page without it is judged by its shape: a
    standard-resolution A4 fax is 1728 pixels wide and about 1100 high, wider than tall,
    which a portrait page never is.
    """
    dpi = image.info.get("dpi")
    if dpi is not None:
        try:
            x_dpi, y_dpi = float(dpi[0]), float(dpi[1])
        except (TypeError, ValueError, IndexError):
            x_dpi = y_dpi = 0.0
        if x_dpi > 0 and y_dpi > 0:
            return 2.0 if x_dpi >= HALF_RESOLUTION_RATIO * y_dpi else 1.0
    if fax:
        width, height = image.size
        if 1600 <= width <= 1800 and 1.2 <= width / max(1, height) <= 1.8:
            return 2.0
    return 1.0


def to_rgb(image: Image.Image) -> Array:
    """Any PIL mode as an RGB array; transparency becomes white paper."""
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        paper = Image.new("RGBA", rgba.size, transparent_backdrop(rgba))
        image = Image.alpha_composite(paper, rgba)
    elif image.mode in ("I;16", "I;16B", "I;16L", "I", "F"):
        values = np.asarray(image, dtype=np.float64)
        low, high = float(values.min()), float(values.max())
        gray = ((values - low) * (255.0 / max(high - low, 1.0))).astype(np.uint8)
        return np.ascontiguousarray(np.stack([gray] * 3, axis=2))
    return np.asarray(image.convert("RGB"), dtype=np.uint8).copy()


def transparent_backdrop(rgba: Image.Image) -> tuple[int, int, int, int]:
    """White behind dark drawn pixels, black behind light ones (white text on a transparent
    background would vanish on white); the page is inverted later if it comes out dark."""
    pixels = np.asarray(rgba)
    drawn = pixels[:, :, 3] > 128
    if not drawn.any():
        return (255, 255, 255, 255)
    lightness = float(pixels[:, :, :3][drawn].mean())
    return (0, 0, 0, 255) if lightness > 160 else (255, 255, 255, 255)


def light_background(rgb: Array) -> Array:
    """Dark pages (white-on-black screenshots, negative scans) inverted to dark ink on white."""
    gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    if float(np.median(gray[::4, ::4])) < 100:
        inverted: Array = 255 - rgb
        return inverted
    return rgb


def remove_seals(rgb: Array) -> Array:
    """Paint out red seal imprints, keeping dark text under them.

    Only roundish red blobs are touched (a seal is a ring about 3-12 cm across): a red
    letterhead or red handwriting is wide, not round, and stays.
    """
    if int(red_ink_mask(rgb[::4, ::4]).sum()) < 4:
        return rgb   # a quick look at every 16th pixel: no red ink worth a full pass
    red = red_ink_mask(rgb)
    if red.sum() < 200:
        return rgb
    height, width = red.shape
    # Text printed across a seal cuts its ring into pieces; joining nearby red ink (a
    # stroke's width, scaled with the page) puts the seal back together.
    reach = max(9, width // 80)
    joined = cv2.dilate(red.astype(np.uint8), np.ones((reach, reach), np.uint8))
    count, _, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    out = rgb
    for index in range(1, count):
        x, y, w, h, _area = stats[index]
        if not is_seal_shaped(w, h, width):
            continue
        if out is rgb:
            out = rgb.copy()
            paper = float(np.percentile(rgb[::8, ::8], 90))
        box = out[y: y + h, x: x + w]
        inked = red[y: y + h, x: x + w]
        # In the red channel seal ink is light and anything printed under it stays dark
        # (black, or blue that the red turned purple). Scaled so the seal's own red
        # becomes paper, that channel keeps the text and drops the seal.
        # (Print under a seal that was blended over it, rather than stamped, is only
        # somewhat darker than the seal, so no cut-off can tell it from a seal stroke's
        # blurred edge: the scaling stays linear, and such edges stay faintly grey.)
        level = float(np.percentile(box[:, :, 0][inked], 75))
        lightened = np.clip(box[:, :, 0][inked].astype(np.float32) * (paper / max(level, 1.0)), 0, 255)
        box[inked] = lightened.astype(np.uint8)[:, None]
    return out


def red_ink_mask(rgb: Array) -> npt.NDArray[np.bool_]:
    """Pixels of red ink (seal, red pen): clearly redder than green or blue, plus the
    faintly pink pixels at the edge of such strokes (left, they read as grey ink)."""
    r = rgb[:, :, 0].astype(np.int16)
    redness = r - np.maximum(rgb[:, :, 1], rgb[:, :, 2]).astype(np.int16)
    strong = ((redness > 50) & (r > 120)).astype(np.uint8)
    near = cv2.dilate(strong, np.ones((5, 5), np.uint8)) > 0
    mask: npt.NDArray[np.bool_] = (strong > 0) | (near & (redness > 12) & (r > 120))
    return mask


def is_seal_shaped(w: int, h: int, page_width: int) -> bool:
    """Round stamps are about as wide as tall and between ~1/12 and ~1/2 of the page width."""
    if min(w, h) == 0:
        return False
    return 0.6 <= w / h <= 1.6 and page_width / 14 <= max(w, h) <= page_width / 2


def stretch_contrast(rgb: Array) -> Array:
    """Stretch a faint or grey page so ink is dark and paper white.

    Only done when the page's darkest ink is lighter than mid-grey or its paper darker than
    light grey; a normal page is left alone (stretching it amplifies JPEG noise).
    """
    gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    sample = gray[::4, ::4]
    ink, paper = np.percentile(sample, [0.5, 90])
    if ink < 110 and paper > 200:
        return rgb
    if paper - ink < 20:
        return rgb   # a blank or uniform page: nothing to stretch
    lut = np.clip((np.arange(256) - ink) * (255.0 / (paper - ink)), 0, 255).astype(np.uint8)
    stretched: Array = cv2.LUT(rgb, lut)
    return stretched
