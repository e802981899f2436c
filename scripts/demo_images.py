#!/usr/bin/env python3
"""Generate the images of the demo catalogue: vendor logos and product photos.

Everything is drawn with Pillow from flat colours, gradients and simple shapes, so
the pictures carry no third-party licence. The output is deterministic for a given
Pillow version (no clock, every random choice seeded from the file name) and the
files carry no EXIF or text metadata.

    pip install pillow
    python3 scripts/demo_images.py                 # (re)write all images
    python3 scripts/demo_images.py --check         # only check that they exist

Logos are 256x256 PNG (flat colours, the vendor's initials); product photos are
800x600 JPEG at quality 70. The tables LOGOS and PHOTOS below list every file; the
content (`logo:` and `images:` in content/vendors/) refers to exactly these names.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import zlib
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parent.parent
VENDORS = ROOT / "content" / "vendors"

PHOTO_SIZE = (800, 600)
PHOTO_QUALITY = 70
PHOTO_MAX_BYTES = 40_000
LOGO_SIZE = 256
LOGO_MAX_BYTES = 8_000
TOTAL_MAX_BYTES = 1_500_000

# vendor slug -> (initials, background, shape colour, text colour, shape)
LOGOS: dict[str, tuple[str, str, str, str, str]] = {
    "kedai-kopi-kwitang": ("KK", "#f3e6cf", "#6b4226", "#f3e6cf", "circle"),
    "sanggar-batik-kebon-sirih": ("SB", "#9b3b2a", "#f1d9a7", "#9b3b2a", "diamond"),
    "kue-lapis-bu-harti": ("BH", "#f28c28", "#fff4e0", "#a34a00", "rounded"),
    "sambal-roa-mama-ros": ("MR", "#1f1f1f", "#c62828", "#ffffff", "circle"),
    "bir-pletok-haji-mursid": ("HM", "#fbeee6", "#a3202e", "#fbeee6", "bottle"),
    "ikan-asin-bu-sumiati": ("BS", "#dff1f7", "#1e6f9f", "#ffffff", "wave"),
    "kerupuk-udang-kalibaru": ("KU", "#ff8a65", "#fff3e0", "#bf360c", "circle"),
    "dapur-beku-sunter": ("DB", "#e3f2fd", "#1565c0", "#ffffff", "rounded"),
    "toples-cantik-gading": ("TC", "#fce4ec", "#ad1457", "#fce4ec", "circle"),
    "sisa-jadi-guna": ("SG", "#ffffff", "#2e7d32", "#ffffff", "ring"),
    "sangrai-kopi-duri-kepa": ("SK", "#3e2723", "#d7a86e", "#3e2723", "diamond"),
    "kripik-tempe-mbak-yuni": ("MY", "#fff8e1", "#f9a825", "#4e342e", "circle"),
    "toko-kue-nyonya-lim": ("NL", "#fff3e0", "#c62828", "#fff3e0", "circle"),
    "anyaman-eceng-gondok-tegal-alur": ("EG", "#fdd835", "#558b2f", "#fdd835", "leaf"),
    "sambel-mercon-teh-iis": ("TI", "#fff176", "#d50000", "#fff176", "rounded"),
    "kopi-tebet": ("KT", "#1b4332", "#ffffff", "#1b4332", "bean"),
    "batik-betawi-terogong": ("BT", "#f5e6c8", "#5d4037", "#f5e6c8", "diamond"),
    "dodol-betawi-bang-jali": ("BJ", "#ffe0b2", "#212121", "#ffe0b2", "circle"),
    "studio-tanah-liat-pejaten": ("TL", "#e8e4da", "#6d8b5a", "#ffffff", "rounded"),
    "kulit-kita-workshop": ("KK", "#c68642", "#3e2723", "#c68642", "ring"),
    "nadira-hijab": ("N", "#f3e5f5", "#7b1fa2", "#f3e5f5", "circle"),
    "olahan-salak-condet": ("SC", "#e8f5e9", "#6d4c41", "#e8f5e9", "circle"),
    "mainan-kayu-rawamangun": ("MK", "#fffde7", "#ef6c00", "#ffffff", "rounded"),
    "anyaman-bambu-setu": ("AB", "#efe3c8", "#8d6e3f", "#efe3c8", "diamond"),
    "ikan-asin-pulau-pramuka": ("PP", "#0277bd", "#ffca28", "#0277bd", "sun"),
    "kerupuk-tenggiri-pulau-tidung": ("PT", "#e0f7fa", "#00838f", "#ffffff", "wave"),
    "mangrove-untung-jawa": ("UJ", "#1565c0", "#66bb6a", "#ffffff", "leaf"),
}

# (vendor slug, file name, motif, parameters)
PHOTOS: list[tuple[str, str, str, dict]] = [
    ("kedai-kopi-kwitang", "kopi-susu-literan.jpg", "bottle",
     {"liquid": "#b98a5e", "cap": "#2b1b10", "label": "#f3e6cf", "count": 2, "wall": ("#efe2cc", "#d9c2a0"), "table": ("#8a5a36", "#5e3b22")}),
    ("sanggar-batik-kebon-sirih", "batik-ondel-ondel.jpg", "fabric",
     {"base": "#9b3b2a", "ink": "#f1d9a7", "accent": "#2f5d50", "pattern": "ondel", "scale": 1.0}),
    ("sanggar-batik-kebon-sirih", "batik-ondel-ondel-detail.jpg", "fabric",
     {"base": "#9b3b2a", "ink": "#f1d9a7", "accent": "#2f5d50", "pattern": "ondel", "scale": 2.2}),
    ("kue-lapis-bu-harti", "lapis-legit.jpg", "layers",
     {"colors": ["#7a4a1f", "#e0a948"], "stripes": 18, "wall": ("#fbf1df", "#efd9b4"), "table": ("#ffffff", "#e9e2d6")}),
    ("kerudung-azzahra", "pashmina-ceruty.jpg", "scarf",
     {"color": "#b08d79", "second": "#d8b4b0", "wall": ("#f6efe9", "#e6d9cf")}),
    ("sambal-roa-mama-ros", "sambal-roa.jpg", "jar",
     {"fill": "#8e2d1b", "speck": "#d9692f", "lid": "#c9a227", "wall": ("#fff4e6", "#f0d7b8"), "table": ("#6b3f22", "#4a2b17")}),
    ("bengkel-kayu-serdang", "talenan-jati.jpg", "board",
     {"wood": "#a06a3c", "grain": "#7c4f2a", "wall": ("#f1ede6", "#dcd4c7"), "table": ("#e9e6df", "#cfc9bd")}),
    ("bir-pletok-haji-mursid", "bir-pletok.jpg", "bottle",
     {"liquid": "#a3202e", "cap": "#d4af37", "label": "#fbeee6", "count": 2, "wall": ("#fdf3e7", "#ecd3b5"), "table": ("#7b4a2a", "#553220")}),
    ("sablon-rawasari", "kaos-ondel-ondel.jpg", "shirt",
     {"color": "#222222", "print": ["#e53935", "#fdd835", "#ffffff"], "wall": ("#e9eef2", "#cfd8dc")}),
    ("ikan-asin-bu-sumiati", "jambal-roti.jpg", "fish",
     {"fish": "#b9a27e", "belly": "#e8dcc4", "count": 5, "size": 1.5, "tray": "#c9a66b"}),
    ("dapur-beku-sunter", "bakso-sapi.jpg", "balls",
     {"ball": "#8d7a6a", "kind": "pack", "wall": ("#e8f1f8", "#c9dcea"), "table": ("#f5f5f5", "#dcdcdc")}),
    ("dapur-beku-sunter", "dimsum-ayam.jpg", "balls",
     {"ball": "#f2d27a", "kind": "steamer", "top": "#ef6c00", "wall": ("#fff3e0", "#f2d9b3"), "table": ("#7a4b2a", "#5a351c")}),
    ("batik-keroncong-tugu", "batik-keroncong.jpg", "fabric",
     {"base": "#1f3a68", "ink": "#f4efe2", "accent": "#8fb3d9", "pattern": "notes", "scale": 1.0}),
    ("toples-cantik-gading", "nastar.jpg", "cookies",
     {"cookie": "#e0a23c", "kind": "jar", "wall": ("#fdeef3", "#f4d3de"), "table": ("#ffffff", "#eee6e9")}),
    ("toples-cantik-gading", "nastar-isi.jpg", "cookies",
     {"cookie": "#e0a23c", "kind": "open", "filling": "#c8741a", "wall": ("#fdeef3", "#f4d3de"), "table": ("#f7f1ea", "#e3d8cb")}),
    ("sisa-jadi-guna", "tas-bungkus-kopi.jpg", "bag",
     {"texture": "checks", "colors": ["#6d4c41", "#c62828", "#f9a825", "#3e2723"], "handle": "#3e2723", "wall": ("#eef5ea", "#d6e6cf")}),
    ("sepatu-kulit-kapuk-muara", "pantofel.jpg", "shoe",
     {"color": "#1c1c1c", "sole": "#5d4037", "wall": ("#eeeeee", "#d6d6d6"), "table": ("#a1887f", "#795548")}),
    ("kripik-tempe-mbak-yuni", "kripik-tempe.jpg", "chips",
     {"chip": "#d9a441", "edge": "#a86f1d", "count": 38, "plate": "#fafafa", "wall": ("#fff8e1", "#f3e0b0"), "table": ("#6d8b5a", "#4f6b40")}),
    ("toko-kue-nyonya-lim", "kue-keranjang.jpg", "blocks",
     {"color": "#6b3a1e", "shape": "cylinder", "leaf": "#4f7f3a", "wall": ("#fff0e0", "#f0cfa8"), "table": ("#b71c1c", "#7f0000")}),
    ("anyaman-eceng-gondok-tegal-alur", "keranjang-eceng-gondok.jpg", "bag",
     {"texture": "weave", "colors": ["#b58a4c", "#8a6330"], "handle": "#8a6330", "kind": "basket", "wall": ("#fbf6e3", "#ece0b8")}),
    ("pempek-cek-ida", "pempek-kapal-selam.jpg", "blocks",
     {"color": "#d9b98a", "shape": "pempek", "sauce": "#3b1f12", "wall": ("#fff5e8", "#efd7b8"), "table": ("#ffffff", "#e8e2da")}),
    ("manik-cantik-jelambar", "anting-ondel-ondel.jpg", "jewelry",
     {"kind": "earrings", "faces": ["#c62828", "#fafafa"], "wall": ("#f3e5f5", "#dcc3e0"), "table": ("#ffffff", "#ece4ee")}),
    ("kopi-tebet", "kopi-susu.jpg", "glass",
     {"layers": ["#5a3826", "#c49a6c", "#eadbc8"], "count": 1, "ice": True, "wall": ("#e8f0ea", "#c9dccd"), "table": ("#8b5e3c", "#5e3d24")}),
    ("kopi-tebet", "kopi-susu-kios.jpg", "glass",
     {"layers": ["#5a3826", "#c49a6c", "#eadbc8"], "count": 3, "ice": True, "wall": ("#1b4332", "#2d6a4f"), "table": ("#b08968", "#7f5539")}),
    ("batik-betawi-terogong", "batik-nusa-kelapa.jpg", "fabric",
     {"base": "#6d4c2f", "ink": "#f5e6c8", "accent": "#c98b3a", "pattern": "palm", "scale": 1.3}),
    ("dodol-betawi-bang-jali", "dodol-betawi.jpg", "blocks",
     {"color": "#3b2416", "shape": "box", "leaf": "#3f7a35", "wall": ("#fff3e0", "#eed3ad"), "table": ("#8d6e63", "#5d4037")}),
    ("studio-tanah-liat-pejaten", "mug-keramik.jpg", "ceramic",
     {"kind": "mug", "glaze": "#6d8b5a", "clay": "#c8a27c", "wall": ("#f2efe8", "#dcd6ca"), "table": ("#d7ccc8", "#a1887f")}),
    ("studio-tanah-liat-pejaten", "vas-pilin.jpg", "ceramic",
     {"kind": "vase", "glaze": "#8a5a3b", "clay": "#c9a27e", "wall": ("#ece7de", "#d3cab9"), "table": ("#efebe9", "#cfc6c1")}),
    ("kulit-kita-workshop", "tas-selempang-kulit.jpg", "bag",
     {"texture": "leather", "colors": ["#b5651d"], "handle": "#7a3f0f", "kind": "sling", "wall": ("#f0ebe3", "#d8cfc0")}),
    ("jamu-mbok-darmi", "kunyit-asam.jpg", "bottle",
     {"liquid": "#f2a516", "cap": "#2e7d32", "label": "#fff8e1", "count": 1, "wall": ("#fffde7", "#f5e7a8"), "table": ("#8d6e63", "#6d4c41")}),
    ("nadira-hijab", "pashmina-kawung.jpg", "scarf",
     {"color": "#e8d8bf", "second": "#c9ab86", "kawung": "#7b5b3a", "wall": ("#f6f0fa", "#e2d3ea")}),
    ("keripik-kaca-kalibata", "keripik-kaca.jpg", "chips",
     {"chip": "#f4a06b", "edge": "#d84315", "count": 44, "plate": "#ffffff", "wall": ("#fff3e0", "#ffd8b0"), "table": ("#37474f", "#263238")}),
    ("mainan-kayu-rawamangun", "puzzle-jakarta.jpg", "puzzle",
     {"board": "#d8b384", "colors": ["#e53935", "#fb8c00", "#fdd835", "#43a047", "#1e88e5", "#8e24aa"]}),
    ("anyaman-bambu-setu", "tas-pandan.jpg", "bag",
     {"texture": "weave", "colors": ["#e6d3a3", "#c9b27a"], "handle": "#5d4037", "kind": "tote", "stripe": "#5f8f4e", "wall": ("#eef3ea", "#d3dfcb")}),
    ("perak-rawa-bunga", "cincin-perak.jpg", "jewelry",
     {"kind": "ring", "metal": "#cfd8dc", "stone": "#26a69a", "wall": ("#263238", "#37474f"), "table": ("#1c262b", "#10171a")}),
    ("kue-basah-bu-endang", "lapis-pelangi.jpg", "layers",
     {"colors": ["#e53935", "#fb8c00", "#fdd835", "#43a047", "#1e88e5", "#3949ab", "#8e24aa"], "stripes": 14,
      "wall": ("#f1f8e9", "#d7e8c4"), "table": ("#c9a66b", "#a5834b")}),
    ("teh-telang-matraman", "teh-telang.jpg", "glass",
     {"layers": ["#1a237e", "#3949ab", "#5c6bc0"], "count": 1, "ice": False, "flowers": True,
      "wall": ("#f3f0fa", "#d9d2ee"), "table": ("#ffffff", "#e6e3ee")}),
    ("ikan-asin-pulau-pramuka", "ikan-asin-tembang.jpg", "fish",
     {"fish": "#a9a9a0", "belly": "#e4e2d8", "count": 11, "size": 0.9, "tray": "#d2b27a", "sea": True}),
    ("kerupuk-tenggiri-pulau-tidung", "kerupuk-tenggiri.jpg", "chips",
     {"chip": "#d8cfc0", "edge": "#a99c86", "count": 30, "plate": "#b3e5fc", "wall": ("#e1f5fe", "#b3e5fc"), "table": ("#c9a66b", "#a1824a")}),
    ("kerang-pulau-harapan", "gantungan-kerang.jpg", "shells",
     {"colors": ["#fff3e0", "#f8bbd0", "#ffe0b2", "#ffffff"], "wall": ("#e0f7fa", "#80deea"), "table": ("#f5e6c8", "#e6cf9f")}),
    ("mangrove-untung-jawa", "sirup-pedada.jpg", "bottle",
     {"liquid": "#e86f4c", "cap": "#2e7d32", "label": "#e8f5e9", "count": 1, "wall": ("#e3f2fd", "#9ec9ef"), "table": ("#5d8a4f", "#3f6b35")}),
]


# --------------------------------------------------------------------------- helpers

def rgb(value: str, alpha: int | None = None) -> tuple[int, ...]:
    value = value.lstrip("#")
    c = tuple(int(value[i:i + 2], 16) for i in (0, 2, 4))
    return c if alpha is None else c + (alpha,)


def shade(value: str, factor: float) -> str:
    """Darken (factor < 1) or lighten (factor > 1) a hex colour."""
    r, g, b = rgb(value)
    if factor <= 1:
        r, g, b = (int(v * factor) for v in (r, g, b))
    else:
        t = factor - 1
        r, g, b = (int(v + (255 - v) * t) for v in (r, g, b))
    return "#%02x%02x%02x" % (min(r, 255), min(g, 255), min(b, 255))


def vgradient(size: tuple[int, int], top: str, bottom: str) -> Image.Image:
    mask = Image.linear_gradient("L").resize(size)
    return Image.composite(Image.new("RGB", size, rgb(bottom)), Image.new("RGB", size, rgb(top)), mask)


def glow(img: Image.Image, center: tuple[int, int], radius: int, strength: float = 0.35) -> None:
    """Brighten a soft disc, like a lamp on the subject."""
    mask = Image.radial_gradient("L").resize((radius * 2, radius * 2))
    mask = mask.point(lambda v: int((255 - v) * strength))
    light = Image.new("RGB", mask.size, (255, 255, 255))
    img.paste(light, (center[0] - radius, center[1] - radius), mask)


def soft_shadow(img: Image.Image, box: tuple[int, int, int, int], opacity: int = 110, blur: int = 18) -> None:
    mask = Image.new("L", img.size, 0)
    ImageDraw.Draw(mask).ellipse(box, fill=opacity)
    mask = mask.filter(ImageFilter.GaussianBlur(blur))
    img.paste(Image.new("RGB", img.size, (20, 14, 10)), (0, 0), mask)


def scene(p: dict, horizon: int = 390) -> Image.Image:
    """A wall and a table top, both gradients."""
    w, h = PHOTO_SIZE
    wall = p.get("wall", ("#f2efe9", "#dcd6cc"))
    table = p.get("table", ("#9c7654", "#6f5038"))
    img = vgradient((w, h), *wall)
    if horizon < h:
        img.paste(vgradient((w, h - horizon), *table), (0, horizon))
    glow(img, (w // 2, horizon - 60), 420, 0.25)
    return img


def overlay(img: Image.Image) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    """Draw straight onto the photo, blending translucent (RGBA) colours."""
    return img, ImageDraw.Draw(img, "RGBA")


def merge(img: Image.Image, layer: Image.Image) -> Image.Image:
    """Composite a separate RGBA layer (or return the photo drawn in place)."""
    if layer is img:
        return img
    return Image.alpha_composite(img.convert("RGBA"), layer).convert("RGB")


def fresh_layer(img: Image.Image) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    layer = Image.new("RGBA", img.size, (0, 0, 0, 0))
    return layer, ImageDraw.Draw(layer)


def seed_for(name: str) -> random.Random:
    return random.Random(zlib.crc32(name.encode("utf-8")))


# --------------------------------------------------------------------------- motifs

def m_bottle(p, rnd):
    img = scene(p)
    count = p.get("count", 1)
    xs = [400] if count == 1 else [330, 480]
    for i, cx in enumerate(xs):
        top = 150 + i * 30
        soft_shadow(img, (cx - 85, 480, cx + 95, 525))
        layer, d = overlay(img)
        d.rounded_rectangle((cx - 70, top + 90, cx + 70, 505), 28, fill=rgb(p["liquid"], 255), outline=rgb(shade(p["liquid"], 0.6), 255), width=3)
        d.rectangle((cx - 24, top + 20, cx + 24, top + 100), fill=rgb(shade(p["liquid"], 1.15), 235))
        d.rounded_rectangle((cx - 30, top - 10, cx + 30, top + 25), 6, fill=rgb(p["cap"], 255))
        d.rounded_rectangle((cx - 62, top + 230, cx + 62, top + 320), 8, fill=rgb(p["label"], 255))
        for k in range(3):
            d.rectangle((cx - 42, top + 250 + k * 22, cx + 42 - k * 18, top + 258 + k * 22), fill=rgb(shade(p["liquid"], 0.7), 255))
        d.rounded_rectangle((cx - 52, top + 110, cx - 36, top + 210), 8, fill=(255, 255, 255, 70))
        img = merge(img, layer)
    return img


def m_glass(p, rnd):
    img = scene(p)
    count = p.get("count", 1)
    xs = [400] if count == 1 else [230, 400, 570]
    layers = p["layers"]
    for i, cx in enumerate(xs):
        scale = 1.0 if count == 1 else 0.8
        top, bottom = int(170 + (1 - scale) * 200), 500
        tw, bw = int(95 * scale), int(70 * scale)
        soft_shadow(img, (cx - bw - 20, bottom - 18, cx + bw + 20, bottom + 22))
        layer, d = overlay(img)

        def half_width(y):
            return bw + (tw - bw) * (bottom - y) / (bottom - top)

        band = (bottom - top - 30) / len(layers)
        for k, colour in enumerate(layers):
            y1 = bottom - k * band
            y0 = y1 - band
            d.polygon([(cx - half_width(y0), y0), (cx + half_width(y0), y0), (cx + half_width(y1), y1), (cx - half_width(y1), y1)], fill=rgb(colour, 255))
        if p.get("ice"):
            for k in range(4):
                x = cx - 45 * scale + rnd.randint(0, int(60 * scale))
                y = top + 40 + k * 45 * scale
                s = int(34 * scale)
                d.rounded_rectangle((x, y, x + s, y + s), 6, fill=(255, 255, 255, 110), outline=(255, 255, 255, 170))
        if p.get("flowers"):
            for k in range(3):
                x, y = cx - 40 + k * 35, top + 40 + (k % 2) * 20
                d.ellipse((x, y, x + 26, y + 18), fill=rgb("#283593", 255))
                d.ellipse((x + 9, y + 5, x + 17, y + 13), fill=rgb("#fdd835", 255))
        d.polygon([(cx - tw, top), (cx + tw, top), (cx + bw, bottom), (cx - bw, bottom)], outline=(255, 255, 255, 200), width=4)
        d.polygon([(cx - tw + 14, top + 10), (cx - tw + 30, top + 10), (cx - bw + 26, bottom - 10), (cx - bw + 12, bottom - 10)], fill=(255, 255, 255, 60))
        if p.get("ice"):
            d.line((cx + 20 * scale, top - 60, cx + 5 * scale, bottom - 60), fill=rgb("#2e2e2e", 230), width=int(12 * scale))
        img = merge(img, layer)
    return img


def m_jar(p, rnd):
    img = scene(p)
    soft_shadow(img, (250, 470, 560, 530))
    layer, d = overlay(img)
    d.rounded_rectangle((275, 230, 525, 505), 40, fill=rgb(p["fill"], 255))
    for _ in range(160):
        x, y = rnd.randint(290, 505), rnd.randint(250, 490)
        r = rnd.randint(2, 6)
        d.ellipse((x - r, y - r, x + r, y + r), fill=rgb(p["speck"], 200))
    d.rounded_rectangle((265, 180, 535, 240), 12, fill=rgb(p["lid"], 255))
    for k in range(8):
        x = 280 + k * 32
        d.line((x, 186, x, 234), fill=rgb(shade(p["lid"], 0.75), 255), width=4)
    d.rounded_rectangle((300, 300, 500, 410), 10, fill=(255, 250, 240, 235))
    d.ellipse((360, 318, 440, 392), outline=rgb(p["fill"], 255), width=6)
    d.rounded_rectangle((290, 255, 310, 470), 10, fill=(255, 255, 255, 60))
    return merge(img, layer)


def m_layers(p, rnd):
    img = scene(p, horizon=360)
    colours = p["colors"]
    stripes = p["stripes"]
    for i, (x0, y0) in enumerate([(150, 250), (420, 280)]):
        w, h, depth = 230, 190, 60
        soft_shadow(img, (x0 - 10, y0 + h - 10, x0 + w + depth + 10, y0 + h + 40))
        d = ImageDraw.Draw(img)
        step = h / stripes
        for k in range(stripes):
            c = colours[k % len(colours)]
            d.rectangle((x0, y0 + k * step, x0 + w, y0 + (k + 1) * step), fill=rgb(c))
            d.polygon([(x0 + w, y0 + k * step), (x0 + w + depth, y0 + k * step - depth * 0.5),
                       (x0 + w + depth, y0 + (k + 1) * step - depth * 0.5), (x0 + w, y0 + (k + 1) * step)], fill=rgb(shade(c, 0.8)))
        top = colours[0]
        d.polygon([(x0, y0), (x0 + depth, y0 - depth * 0.5), (x0 + w + depth, y0 - depth * 0.5), (x0 + w, y0)], fill=rgb(shade(top, 1.1)))
    return img


def m_blocks(p, rnd):
    img = scene(p)
    d = ImageDraw.Draw(img)
    shape = p["shape"]
    if "leaf" in p:
        d.ellipse((110, 360, 690, 560), fill=rgb(p["leaf"]))
        for k in range(9):
            x = 170 + k * 58
            d.line((400, 460, x, 372 if k % 2 else 548), fill=rgb(shade(p["leaf"], 0.8)), width=3)
    c = p["color"]
    if shape == "cylinder":
        for cx, cy in [(300, 410), (500, 400), (400, 330)]:
            soft_shadow(img, (cx - 110, cy + 40, cx + 110, cy + 90), 90)
            d = ImageDraw.Draw(img)
            d.rectangle((cx - 100, cy - 20, cx + 100, cy + 55), fill=rgb(shade(c, 0.8)))
            d.ellipse((cx - 100, cy + 25, cx + 100, cy + 85), fill=rgb(shade(c, 0.8)))
            d.ellipse((cx - 100, cy - 50, cx + 100, cy + 10), fill=rgb(c))
            d.ellipse((cx - 60, cy - 38, cx - 10, cy - 22), fill=rgb(shade(c, 1.35)))
    elif shape == "box":
        for k, (x, y) in enumerate([(230, 400), (350, 420), (470, 395), (300, 330), (420, 340)]):
            d.polygon([(x, y), (x + 90, y), (x + 110, y - 25), (x + 20, y - 25)], fill=rgb(shade(c, 1.3)))
            d.rectangle((x, y, x + 90, y + 55), fill=rgb(c))
            d.polygon([(x + 90, y), (x + 110, y - 25), (x + 110, y + 30), (x + 90, y + 55)], fill=rgb(shade(c, 0.7)))
    else:  # pempek pieces and a bowl of cuko
        soft_shadow(img, (470, 430, 700, 500))
        d = ImageDraw.Draw(img)
        d.ellipse((480, 330, 690, 470), fill=rgb("#fafafa"))
        d.ellipse((500, 345, 670, 430), fill=rgb(p["sauce"]))
        for k in range(6):
            d.ellipse((540 + k * 14, 360 + (k % 3) * 15, 548 + k * 14, 368 + (k % 3) * 15), fill=rgb("#c62828"))
        for k, (x, y) in enumerate([(130, 380), (260, 420), (200, 300), (340, 330)]):
            soft_shadow(img, (x - 10, y + 40, x + 150, y + 80), 80, 12)
            d = ImageDraw.Draw(img)
            d.rounded_rectangle((x, y, x + 140, y + 70), 34, fill=rgb(c), outline=rgb(shade(c, 0.7)), width=3)
            if k == 0:
                d.ellipse((x + 40, y + 15, x + 100, y + 55), fill=rgb("#fff3c4"))
                d.ellipse((x + 58, y + 25, x + 82, y + 45), fill=rgb("#f9a825"))
    return img


def m_cookies(p, rnd):
    img = scene(p)
    c = p["cookie"]
    if p["kind"] == "jar":
        soft_shadow(img, (230, 480, 570, 530))
        layer, d = overlay(img)
        for row in range(7):
            for col in range(6):
                x = 280 + col * 42 + (row % 2) * 20
                y = 470 - row * 38
                d.ellipse((x, y - 34, x + 40, y), fill=rgb(shade(c, 0.9 + (row + col) % 3 * 0.05), 255), outline=rgb(shade(c, 0.7), 255))
                d.ellipse((x + 10, y - 28, x + 20, y - 22), fill=rgb(shade(c, 1.4), 255))
        d.rounded_rectangle((260, 170, 540, 505), 30, outline=(255, 255, 255, 210), width=6, fill=(255, 255, 255, 40))
        d.rounded_rectangle((250, 130, 550, 180), 14, fill=rgb("#c2185b", 255))
        d.rounded_rectangle((275, 200, 295, 470), 10, fill=(255, 255, 255, 80))
        return merge(img, layer)
    d = ImageDraw.Draw(img)
    for k, (x, y, r) in enumerate([(250, 360, 110), (520, 380, 120), (390, 250, 90)]):
        soft_shadow(img, (x - r, y + r - 30, x + r, y + r + 30), 90, 14)
        d = ImageDraw.Draw(img)
        d.ellipse((x - r, y - r, x + r, y + r), fill=rgb(c), outline=rgb(shade(c, 0.7)), width=4)
        if k != 2:
            d.ellipse((x - r * 0.55, y - r * 0.55, x + r * 0.55, y + r * 0.55), fill=rgb(p["filling"]))
            d.ellipse((x - r * 0.3, y - r * 0.35, x, y - r * 0.1), fill=rgb(shade(p["filling"], 1.3)))
        else:
            d.ellipse((x - 30, y - 60, x + 10, y - 30), fill=rgb(shade(c, 1.4)))
    return img


def m_chips(p, rnd):
    img = scene(p)
    soft_shadow(img, (130, 420, 670, 560), 100)
    d = ImageDraw.Draw(img)
    d.ellipse((140, 330, 660, 540), fill=rgb(p["plate"]), outline=rgb(shade(p["plate"], 0.85)), width=6)
    layer, ld = overlay(img)
    for _ in range(p["count"]):
        cx, cy = rnd.randint(220, 580), rnd.randint(330, 470)
        r = rnd.randint(26, 48)
        pts = []
        for k in range(9):
            a = k / 9 * 2 * math.pi
            rr = r * rnd.uniform(0.6, 1.0)
            pts.append((cx + rr * math.cos(a), cy + rr * 0.6 * math.sin(a)))
        tone = rnd.uniform(0.9, 1.12)
        ld.polygon(pts, fill=rgb(shade(p["chip"], tone), 235), outline=rgb(p["edge"], 255))
    return merge(img, layer)


def m_balls(p, rnd):
    img = scene(p)
    c = p["ball"]
    if p["kind"] == "pack":
        soft_shadow(img, (170, 470, 630, 540))
        d = ImageDraw.Draw(img)
        for row in range(4):
            for col in range(6):
                x, y = 215 + col * 62 + (row % 2) * 22, 250 + row * 58
                d.ellipse((x, y, x + 58, y + 56), fill=rgb(shade(c, 0.92 + ((row * 7 + col) % 4) * 0.05)))
                d.ellipse((x + 12, y + 10, x + 24, y + 20), fill=rgb(shade(c, 1.35)))
        layer, ld = overlay(img)
        ld.rounded_rectangle((180, 200, 620, 500), 26, fill=(255, 255, 255, 70), outline=(255, 255, 255, 200), width=5)
        ld.rounded_rectangle((330, 140, 470, 205), 10, fill=rgb("#1565c0", 255))
        return merge(img, layer)
    soft_shadow(img, (150, 460, 650, 540))
    d = ImageDraw.Draw(img)
    d.ellipse((160, 250, 640, 520), fill=rgb("#c8a165"), outline=rgb("#8d6e3f"), width=10)
    d.ellipse((190, 270, 610, 495), fill=rgb("#e9d8b0"))
    for row in range(3):
        for col in range(4 - row % 2):
            x, y = 240 + col * 85 + (row % 2) * 42, 300 + row * 58
            d.ellipse((x, y + 18, x + 70, y + 58), fill=rgb(shade(c, 0.85)))
            d.rectangle((x, y, x + 70, y + 38), fill=rgb(c))
            d.ellipse((x, y - 14, x + 70, y + 22), fill=rgb(shade(c, 1.15)))
            d.ellipse((x + 27, y - 4, x + 43, y + 10), fill=rgb(p["top"]))
    return img


def m_fish(p, rnd):
    img = scene(p, horizon=200)
    if p.get("sea"):
        img.paste(vgradient((800, 200), "#4fc3f7", "#0288d1"), (0, 0))
    soft_shadow(img, (60, 470, 740, 590), 110)
    d = ImageDraw.Draw(img)
    d.ellipse((60, 120, 740, 580), fill=rgb(p["tray"]), outline=rgb(shade(p["tray"], 0.7)), width=12)
    for k in range(0, 680, 16):
        d.line((60 + k, 130, 60 + k, 570), fill=rgb(shade(p["tray"], 0.9)), width=2)
    size = p["size"]
    n = p["count"]
    for i in range(n):
        fw, fh = int(200 * size), int(70 * size)
        fish = Image.new("RGBA", (fw + 60, fh + 20), (0, 0, 0, 0))
        fd = ImageDraw.Draw(fish)
        fd.polygon([(fw - 10, fh // 2 + 10), (fw + 55, 8), (fw + 55, fh + 12)], fill=rgb(shade(p["fish"], 0.85), 255))
        fd.ellipse((0, 10, fw, fh + 10), fill=rgb(p["fish"], 255))
        fd.ellipse((fw * 0.1, fh * 0.55 + 10, fw * 0.85, fh + 6), fill=rgb(p["belly"], 255))
        fd.ellipse((fw * 0.1, fh * 0.35, fw * 0.1 + 12, fh * 0.35 + 12), fill=rgb("#3a3a3a", 255))
        fish = fish.rotate(rnd.uniform(-35, 35), expand=True, resample=Image.BICUBIC)
        cols = 3 if n > 6 else 2
        x = 150 + (i % cols) * int(520 / cols) + rnd.randint(-20, 20)
        y = 170 + (i // cols) * int(320 / max(1, math.ceil(n / cols))) + rnd.randint(-10, 10)
        img.paste(fish, (x, y), fish)
    return img


def m_fabric(p, rnd):
    w, h = PHOTO_SIZE
    img = Image.new("RGB", (w, h), rgb(p["base"]))
    d = ImageDraw.Draw(img)
    s = p["scale"]
    step = int(130 * s)
    ink, accent = rgb(p["ink"]), rgb(p["accent"])
    for row in range(-1, h // step + 2):
        for col in range(-1, w // step + 2):
            x = col * step + (row % 2) * step // 2
            y = row * step
            pattern = p["pattern"]
            if pattern == "ondel":
                r = int(28 * s)
                d.ellipse((x - r, y - r, x + r, y + r), fill=ink)
                d.ellipse((x - r // 2, y - r // 3, x - r // 4, y), fill=accent)
                d.ellipse((x + r // 4, y - r // 3, x + r // 2, y), fill=accent)
                d.polygon([(x - r, y - r + 4), (x, y - int(r * 2.1)), (x + r, y - r + 4)], fill=accent)
                d.arc((x - r // 2, y, x + r // 2, y + r // 2), 0, 180, fill=rgb(p["base"]), width=max(2, int(4 * s)))
            elif pattern == "notes":
                r = int(16 * s)
                d.ellipse((x - r, y, x + r, y + int(r * 1.4)), fill=ink)
                d.line((x + r - 2, y + r // 2, x + r - 2, y - int(60 * s)), fill=ink, width=max(3, int(6 * s)))
                d.line((x + r - 2, y - int(60 * s), x + int(40 * s), y - int(45 * s)), fill=ink, width=max(3, int(6 * s)))
                d.ellipse((x + step // 2 - 6, y + step // 2 - 6, x + step // 2 + 6, y + step // 2 + 6), fill=accent)
            else:  # palm: stylised coconut palms and waves
                d.line((x, y + int(50 * s), x + int(8 * s), y - int(20 * s)), fill=accent, width=max(3, int(7 * s)))
                for a in range(5):
                    ang = math.pi * (0.1 + a * 0.2)
                    d.line((x + int(8 * s), y - int(20 * s), x + int(8 * s) - int(45 * s * math.cos(ang)), y - int(20 * s) - int(30 * s * math.sin(ang))), fill=ink, width=max(3, int(6 * s)))
                for k in range(3):
                    d.arc((x - int(50 * s) + k * int(34 * s), y + int(55 * s), x - int(16 * s) + k * int(34 * s), y + int(80 * s)), 180, 360, fill=ink, width=max(2, int(4 * s)))
    # tumpal border along the bottom edge
    if s < 1.5:
        d.rectangle((0, h - 90, w, h), fill=rgb(shade(p["base"], 0.75)))
        for k in range(0, w, 60):
            d.polygon([(k, h), (k + 30, h - 80), (k + 60, h)], fill=ink)
            d.polygon([(k + 18, h), (k + 30, h - 45), (k + 42, h)], fill=accent)
    # folds: soft diagonal light and shadow
    layer, ld = fresh_layer(img)
    for k, alpha in ((0, 50), (1, 35), (2, 45)):
        x = 120 + k * 260
        ld.polygon([(x, 0), (x + 70, 0), (x - 80, h), (x - 150, h)], fill=(0, 0, 0, alpha))
        ld.polygon([(x + 70, 0), (x + 110, 0), (x - 40, h), (x - 80, h)], fill=(255, 255, 255, alpha // 2))
    img = merge(img, layer.filter(ImageFilter.GaussianBlur(30)))
    return img.filter(ImageFilter.GaussianBlur(0.9))


def m_shirt(p, rnd):
    img = scene(p, horizon=600)
    soft_shadow(img, (170, 120, 650, 560), 60, 25)
    d = ImageDraw.Draw(img)
    c = rgb(p["color"])
    body = [(300, 90), (350, 110), (450, 110), (500, 90), (640, 160), (600, 260), (540, 235),
            (540, 540), (260, 540), (260, 235), (200, 260), (160, 160)]
    d.polygon(body, fill=c)
    d.arc((345, 70, 455, 150), 0, 180, fill=rgb(shade(p["color"], 1.3)), width=8)
    colours = p["print"]
    d.ellipse((330, 220, 470, 360), fill=rgb(colours[0]))
    d.ellipse((360, 260, 385, 285), fill=rgb(colours[2]))
    d.ellipse((415, 260, 440, 285), fill=rgb(colours[2]))
    d.polygon([(330, 240), (400, 160), (470, 240)], fill=rgb(colours[1]))
    d.rectangle((340, 380, 460, 396), fill=rgb(colours[2]))
    return img


def m_scarf(p, rnd):
    img = scene(p, horizon=600)
    layer, d = fresh_layer(img)
    c, c2 = p["color"], p["second"]
    for k in range(5):
        x = 120 + k * 110
        pts = [(x, 80 + k * 10), (x + 180, 60 + k * 12), (x + 230 - k * 8, 560), (x - 30, 540)]
        d.polygon(pts, fill=rgb(shade(c if k % 2 == 0 else c2, 0.9 + k * 0.04), 255))
        d.line((x + 40, 90, x + 60, 540), fill=rgb(shade(c, 0.75), 160), width=6)
        if "kawung" in p:
            for j in range(6):
                yy = 130 + j * 70
                xx = x + 70 + j * 6
                for dx, dy in ((-14, 0), (14, 0), (0, -14), (0, 14)):
                    d.ellipse((xx + dx - 10, yy + dy - 7, xx + dx + 10, yy + dy + 7), fill=rgb(p["kawung"], 220))
    img = merge(img, layer.filter(ImageFilter.GaussianBlur(2)))
    return img


def m_bag(p, rnd):
    img = scene(p, horizon=470)
    kind = p.get("kind", "tote")
    colours = p["colors"]
    if kind == "basket":
        box = (200, 230, 600, 500)
    elif kind == "sling":
        box = (250, 250, 550, 470)
    else:
        box = (220, 220, 580, 500)
    x0, y0, x1, y1 = box
    soft_shadow(img, (x0 - 20, y1 - 20, x1 + 20, y1 + 30))
    d = ImageDraw.Draw(img)
    if kind == "sling":
        d.line((x0 + 30, y0, 400, 40, x1 - 30, y0), fill=rgb(p["handle"]), width=14, joint="curve")
    else:
        d.arc((x0 + 60, y0 - 170, x1 - 60, y0 + 80), 180, 360, fill=rgb(p["handle"]), width=18)
    body = Image.new("RGB", (x1 - x0, y1 - y0), rgb(colours[0]))
    bd = ImageDraw.Draw(body)
    bw, bh = body.size
    tex = p["texture"]
    if tex == "weave":
        for k in range(0, bw + bh, 22):
            bd.line((k, 0, k - bh, bh), fill=rgb(colours[1]), width=8)
        for k in range(0, bh, 22):
            bd.line((0, k, bw, k), fill=rgb(shade(colours[0], 1.1)), width=3)
        if "stripe" in p:
            bd.rectangle((0, bh // 2 - 16, bw, bh // 2 + 16), fill=rgb(p["stripe"]))
    elif tex == "checks":
        for yy in range(0, bh, 24):
            for xx in range(0, bw, 36):
                bd.rectangle((xx, yy, xx + 34, yy + 22), fill=rgb(colours[(xx // 36 + yy // 24) % len(colours)]))
    else:
        bd.rectangle((0, 0, bw, bh // 3), fill=rgb(shade(colours[0], 0.85)))
        for xx in range(14, bw - 14, 18):
            bd.line((xx, bh // 3 + 8, xx + 9, bh // 3 + 8), fill=rgb("#f5e6c8"), width=3)
        bd.rounded_rectangle((bw // 2 - 18, bh // 3 - 10, bw // 2 + 18, bh // 3 + 26), 6, fill=rgb("#d4af37"))
    mask = Image.new("L", body.size, 0)
    inset = 30 if kind != "sling" else 0
    ImageDraw.Draw(mask).polygon([(0, 0), (bw, 0), (bw - inset, bh), (inset, bh)], fill=255)
    img.paste(body, (x0, y0), mask)
    glow(img, (x0 + 90, y0 + 80), 160, 0.18)
    return img


def m_shoe(p, rnd):
    img = scene(p, horizon=420)
    soft_shadow(img, (120, 440, 700, 510))
    d = ImageDraw.Draw(img)
    c = rgb(p["color"])
    upper = [(140, 460), (150, 380), (230, 330), (380, 300), (470, 270), (560, 280), (640, 330),
             (690, 390), (690, 460)]
    d.polygon(upper, fill=c)
    d.rectangle((130, 455, 700, 485), fill=rgb(p["sole"]))
    d.rectangle((600, 470, 700, 500), fill=rgb(shade(p["sole"], 0.8)))
    d.line((380, 300, 430, 380, 520, 390), fill=rgb(shade(p["color"], 2.2)), width=3)
    layer, ld = overlay(img)
    ld.ellipse((200, 330, 420, 380), fill=(255, 255, 255, 45))
    ld.ellipse((560, 300, 660, 340), fill=(255, 255, 255, 55))
    return merge(img, layer)


def m_board(p, rnd):
    img = scene(p, horizon=300)
    soft_shadow(img, (110, 470, 710, 560))
    layer, d = overlay(img)
    d.rounded_rectangle((120, 180, 680, 520), 40, fill=rgb(p["wood"], 255))
    for k in range(14):
        y = 200 + k * 23
        pts = [(140 + x, y + 6 * math.sin(x / 60 + k)) for x in range(0, 521, 20)]
        d.line(pts, fill=rgb(p["grain"], 150), width=2)
    d.ellipse((610, 330, 650, 370), fill=rgb(shade(p["wall"][1], 0.9), 255))
    d.rounded_rectangle((120, 500, 680, 520), 10, fill=rgb(shade(p["wood"], 0.7), 255))
    for k, colour in enumerate(("#e53935", "#43a047", "#fdd835")):
        x = 250 + k * 90
        d.ellipse((x, 280, x + 70, 340), fill=rgb(colour, 255))
    return merge(img, layer)


def m_ceramic(p, rnd):
    img = scene(p)
    layer, d = overlay(img)
    glaze, clay = p["glaze"], p["clay"]
    if p["kind"] == "mug":
        soft_shadow(img, (260, 470, 560, 520))
        layer, d = overlay(img)
        d.ellipse((470, 270, 590, 420), outline=rgb(glaze, 255), width=22)
        d.rounded_rectangle((270, 220, 500, 500), 30, fill=rgb(glaze, 255))
        d.rectangle((270, 440, 500, 500), fill=rgb(clay, 255))
        wave = [(270 + x, 440 + 10 * math.sin(x / 18)) for x in range(0, 231, 10)]
        d.polygon(wave + [(500, 430), (270, 430)], fill=rgb(glaze, 255))
        d.ellipse((270, 200, 500, 245), fill=rgb(shade(glaze, 0.6), 255))
        d.rounded_rectangle((295, 260, 315, 420), 10, fill=(255, 255, 255, 60))
    else:
        soft_shadow(img, (280, 480, 520, 530))
        layer, d = overlay(img)
        prof = [(60, 0), (40, 40), (45, 80), (95, 170), (110, 240), (90, 310), (70, 330)]
        pts = [(400 - w_, 170 + y) for w_, y in prof] + [(400 + w_, 170 + y) for w_, y in reversed(prof)]
        d.polygon(pts, fill=rgb(glaze, 255))
        for k in range(0, 330, 18):
            wdt = next(w_ for w_, y in reversed(prof) if y <= k) if k else prof[0][0]
            d.line((400 - wdt, 170 + k, 400 + wdt, 170 + k), fill=rgb(shade(glaze, 0.85), 180), width=3)
        d.ellipse((340, 160, 460, 185), fill=rgb(shade(glaze, 0.5), 255))
        d.rounded_rectangle((330, 260, 350, 420), 10, fill=(255, 255, 255, 50))
    return merge(img, layer)


def m_jewelry(p, rnd):
    img = scene(p)
    layer, d = overlay(img)
    if p["kind"] == "earrings":
        for k, face in enumerate(p["faces"]):
            cx = 300 + k * 200
            d.arc((cx - 20, 120, cx + 20, 170), 180, 360, fill=rgb("#9e9e9e", 255), width=5)
            d.line((cx + 20, 145, cx + 20, 190), fill=rgb("#9e9e9e", 255), width=5)
            d.polygon([(cx - 70, 230), (cx + 20, 170), (cx + 110, 230)], fill=rgb("#2e7d32", 255))
            d.ellipse((cx - 60, 200, cx + 100, 380), fill=rgb(face, 255))
            d.ellipse((cx - 25, 260, cx, 285), fill=rgb("#212121", 255))
            d.ellipse((cx + 40, 260, cx + 65, 285), fill=rgb("#212121", 255))
            d.arc((cx - 10, 300, cx + 50, 340), 0, 180, fill=rgb("#212121", 255), width=5)
            for j in range(6):
                d.ellipse((cx - 55 + j * 28, 190, cx - 40 + j * 28, 205), fill=rgb("#fdd835", 255))
    else:
        soft_shadow(img, (260, 430, 540, 480), 140)
        layer, d = overlay(img)
        d.ellipse((270, 250, 530, 460), outline=rgb(p["metal"], 255), width=36)
        d.ellipse((285, 268, 515, 445), outline=rgb(shade(p["metal"], 1.25), 255), width=6)
        d.rounded_rectangle((345, 175, 455, 275), 30, fill=rgb(shade(p["metal"], 0.8), 255))
        d.ellipse((358, 185, 442, 265), fill=rgb(p["stone"], 255))
        d.ellipse((375, 198, 405, 222), fill=(255, 255, 255, 120))
    return merge(img, layer)


def m_shells(p, rnd):
    img = scene(p, horizon=330)
    d = ImageDraw.Draw(img)
    for k in range(5):
        cx = 140 + k * 130
        top = 90
        d.line((cx, 0, cx, top + 40), fill=rgb("#8d6e63"), width=4)
        d.ellipse((cx - 14, top + 30, cx + 14, top + 58), fill=rgb("#a1887f"))
        colour = p["colors"][k % len(p["colors"])]
        y = top + 150 + (k % 2) * 60
        r = 70
        soft_shadow(img, (cx - r, y + 30, cx + r, y + 80), 70, 14)
        d = ImageDraw.Draw(img)
        d.line((cx, top + 58, cx, y - r + 20), fill=rgb("#8d6e63"), width=3)
        d.pieslice((cx - r, y - r, cx + r, y + r), 200, 340, fill=rgb(colour), outline=rgb(shade(colour, 0.75)), width=3)
        for j in range(7):
            a = math.radians(200 + j * 20 + 10)
            d.line((cx, y, cx + r * math.cos(a), y + r * math.sin(a)), fill=rgb(shade(colour, 0.8)), width=3)
        d.rectangle((cx - 16, y - 6, cx + 16, y + 18), fill=rgb(shade(colour, 0.9)))
    return img


def m_puzzle(p, rnd):
    img = scene({"wall": ("#fafafa", "#eeeeee"), "table": ("#eeeeee", "#e0e0e0")}, horizon=600)
    soft_shadow(img, (110, 110, 710, 560), 80, 20)
    d = ImageDraw.Draw(img)
    d.rounded_rectangle((100, 60, 700, 540), 24, fill=rgb(p["board"]))
    colours = p["colors"]
    pieces = [
        [(380, 90), (470, 95), (455, 170), (390, 160)],                      # kepulauan seribu (island)
        [(160, 250), (330, 230), (350, 330), (200, 360)],                    # barat
        [(330, 230), (520, 220), (560, 280), (350, 330)],                    # utara
        [(350, 330), (480, 320), (470, 420), (360, 430)],                    # pusat
        [(480, 320), (560, 280), (640, 350), (620, 480), (470, 420)],        # timur
        [(200, 360), (350, 330), (360, 430), (470, 420), (430, 510), (230, 500)],  # selatan
    ]
    for colour, poly in zip(colours, pieces):
        d.polygon([(x + 6, y + 6) for x, y in poly], fill=rgb(shade(p["board"], 0.75)))
        d.polygon(poly, fill=rgb(colour), outline=rgb("#ffffff"))
    for k in range(5):
        d.ellipse((150 + k * 40, 120 + (k % 2) * 30, 170 + k * 40, 135 + (k % 2) * 30), fill=rgb(colours[0]))
    return img


MOTIFS = {
    "bottle": m_bottle, "glass": m_glass, "jar": m_jar, "layers": m_layers, "blocks": m_blocks,
    "cookies": m_cookies, "chips": m_chips, "balls": m_balls, "fish": m_fish, "fabric": m_fabric,
    "shirt": m_shirt, "scarf": m_scarf, "bag": m_bag, "shoe": m_shoe, "board": m_board,
    "ceramic": m_ceramic, "jewelry": m_jewelry, "shells": m_shells, "puzzle": m_puzzle,
}


# --------------------------------------------------------------------------- logos

def logo_font(size: int) -> ImageFont.ImageFont:
    try:
        return ImageFont.load_default(size=size)  # Pillow >= 10.1 with FreeType
    except TypeError:
        return ImageFont.load_default()


def draw_initials(img: Image.Image, text: str, colour: str, centre: tuple[int, int], size: int) -> None:
    font = logo_font(size)
    probe = ImageDraw.Draw(img)
    box = probe.textbbox((0, 0), text, font=font)
    tw, th = box[2] - box[0], box[3] - box[1]
    if th < size * 0.4:  # bitmap fallback font: draw small, scale up
        small = Image.new("L", (tw + 2, th + 2), 0)
        ImageDraw.Draw(small).text((-box[0] + 1, -box[1] + 1), text, font=font, fill=255)
        factor = max(1, size // max(th, 1))
        small = small.resize((small.width * factor, small.height * factor), Image.NEAREST)
        img.paste(Image.new("RGB", small.size, rgb(colour)), (centre[0] - small.width // 2, centre[1] - small.height // 2), small)
        return
    probe.text((centre[0] - tw / 2 - box[0], centre[1] - th / 2 - box[1]), text, font=font, fill=rgb(colour))


def make_logo(initials: str, bg: str, fg: str, ink: str, shape: str) -> Image.Image:
    s = LOGO_SIZE
    img = Image.new("RGB", (s, s), rgb(bg))
    d = ImageDraw.Draw(img)
    if shape == "circle":
        d.ellipse((24, 24, s - 24, s - 24), fill=rgb(fg))
        d.ellipse((36, 36, s - 36, s - 36), outline=rgb(ink), width=3)
    elif shape == "ring":
        d.ellipse((28, 28, s - 28, s - 28), fill=rgb(fg))
        d.ellipse((44, 44, s - 44, s - 44), outline=rgb(bg), width=6)
    elif shape == "diamond":
        d.polygon([(s // 2, 14), (s - 14, s // 2), (s // 2, s - 14), (14, s // 2)], fill=rgb(fg))
    elif shape == "rounded":
        d.rounded_rectangle((30, 30, s - 30, s - 30), 36, fill=rgb(fg))
    elif shape == "bottle":
        d.rounded_rectangle((58, 80, 198, 236), 30, fill=rgb(fg))
        d.rectangle((108, 28, 148, 90), fill=rgb(fg))
        d.ellipse((154, 20, 206, 60), fill=rgb("#7cb342"))
    elif shape == "wave":
        d.rectangle((0, 150, s, s), fill=rgb(fg))
        for k in range(0, s, 64):
            d.pieslice((k, 118, k + 64, 182), 180, 360, fill=rgb(fg))
        d.ellipse((64, 22, 180, 96), fill=rgb(fg))
        d.polygon([(174, 59), (222, 28), (222, 90)], fill=rgb(fg))
    elif shape == "bean":
        d.ellipse((40, 24, 216, 232), fill=rgb(fg))
        d.arc((100, 34, 156, 90), 110, 250, fill=rgb(bg), width=7)
    elif shape == "leaf":
        d.ellipse((20, 40, s - 20, s - 40), fill=rgb(fg))
        d.line((s - 40, s // 2, s - 8, s // 2 - 26), fill=rgb(shade(fg, 0.7)), width=8)
    elif shape == "sun":
        d.ellipse((40, 40, s - 40, s - 40), fill=rgb(fg))
        for k in range(12):
            a = k * math.pi / 6
            d.line((s // 2 + 96 * math.cos(a), s // 2 + 96 * math.sin(a), s // 2 + 122 * math.cos(a), s // 2 + 122 * math.sin(a)), fill=rgb(fg), width=8)
    y = s // 2 + (40 if shape in ("bottle", "wave") else 0) - (10 if shape == "wave" else 0)
    y = 180 if shape == "wave" else (165 if shape == "bottle" else y)
    size = 120 if len(initials) == 1 else (80 if shape == "bottle" else 92)
    draw_initials(img, initials, ink if shape not in ("wave",) else bg, (s // 2, y), size)
    # flat colours only: a small palette keeps the PNG tiny
    return img.quantize(colors=12, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)


# --------------------------------------------------------------------------- main

def save_photo(img: Image.Image, path: Path) -> int:
    img = img.filter(ImageFilter.GaussianBlur(0.6))
    img.save(path, "JPEG", quality=PHOTO_QUALITY, optimize=True)
    return path.stat().st_size


def save_logo(img: Image.Image, path: Path) -> int:
    img.save(path, "PNG", optimize=True)
    return path.stat().st_size


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="only check that every image exists")
    args = ap.parse_args()

    targets = [(VENDORS / v / "logo.png", "logo", v) for v in LOGOS] + \
              [(VENDORS / v / name, "photo", (v, name, motif, params)) for v, name, motif, params in PHOTOS]
    problems: list[str] = []
    total = 0
    for path, kind, spec in targets:
        if not path.parent.is_dir():
            problems.append(f"missing vendor folder {path.parent.relative_to(ROOT)}")
            continue
        if args.check:
            if not path.is_file():
                problems.append(f"missing {path.relative_to(ROOT)}")
            else:
                total += path.stat().st_size
            continue
        if kind == "logo":
            size = save_logo(make_logo(*LOGOS[spec]), path)
            limit = LOGO_MAX_BYTES
        else:
            vendor, name, motif, params = spec
            size = save_photo(MOTIFS[motif](params, seed_for(f"{vendor}/{name}")), path)
            limit = PHOTO_MAX_BYTES
        total += size
        if size > limit:
            problems.append(f"{path.relative_to(ROOT)} is {size} bytes (limit {limit})")
    if total > TOTAL_MAX_BYTES:
        problems.append(f"all images together are {total} bytes (limit {TOTAL_MAX_BYTES})")
    for p in problems:
        print("error:", p, file=sys.stderr)
    print(f"{len(LOGOS)} logos, {len(PHOTOS)} photos, {total} bytes in all")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
