#!/usr/bin/env python3
"""Draw the pictures of the "Bình dân học vụ số" programme.

Deterministic: running it twice gives the same PNG files. Uses only Pillow.
Every picture is 960×600 px, flat colours, thick lines and large text
(DejaVu Sans, at least 36 px) so that it stays readable on a small phone.

    python tools/pictures/binh-dan-hoc-vu-so.py

Writes into content/binh-dan-hoc-vu-so/<course>/media/.
No real logo or trademark is drawn: every icon is a generic shape.
"""
import math
import os
import random

from PIL import Image, ImageDraw, ImageFont

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BASE = os.path.join(ROOT, "content", "binh-dan-hoc-vu-so")
C1 = os.path.join(BASE, "01-dien-thoai-thong-minh", "media")
C2 = os.path.join(BASE, "02-dich-vu-so", "media")
C3 = os.path.join(BASE, "03-an-toan-tren-mang", "media")

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_B = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
MIN_TEXT = 36

W, H = 960, 600

BG = (255, 248, 231)
INK = (38, 50, 56)
WHITE = (255, 255, 255)
BLUE = (30, 136, 229)
LBLUE = (187, 222, 251)
GREEN = (46, 125, 50)
LGREEN = (200, 230, 201)
RED = (211, 47, 47)
LRED = (255, 205, 210)
ORANGE = (245, 124, 0)
YELLOW = (253, 216, 53)
GREY = (176, 190, 197)
LGREY = (236, 239, 241)
DGREY = (96, 125, 139)
SKIN = (241, 194, 125)
SKIN_D = (200, 150, 90)
BROWN = (121, 85, 72)
SCREEN = (227, 242, 253)

_fonts = {}


def font(size, bold=True):
    size = max(size, MIN_TEXT)
    key = (size, bold)
    if key not in _fonts:
        _fonts[key] = ImageFont.truetype(FONT_B if bold else FONT, size)
    return _fonts[key]


def new(w=W, h=H, bg=BG):
    img = Image.new("RGB", (w, h), bg)
    return img, ImageDraw.Draw(img)


def save(img, folder, name):
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, name)
    img.convert("P", palette=Image.ADAPTIVE, colors=32).save(path, optimize=True)
    size = os.path.getsize(path)
    assert size <= 120 * 1024, (path, size)
    print(f"{size // 1024:4d} KB  {os.path.relpath(path, ROOT)}")


# ---------------------------------------------------------------- text

def text_w(d, s, f):
    box = d.textbbox((0, 0), s, font=f)
    return box[2] - box[0]


def wrap(d, s, f, max_w):
    words = s.split()
    lines, cur = [], ""
    for w in words:
        t = (cur + " " + w).strip()
        if text_w(d, t, f) <= max_w or not cur:
            cur = t
        else:
            lines.append(cur)
            cur = w
    if cur:
        lines.append(cur)
    return lines


def text(d, cx, cy, s, size=40, fill=INK, bold=True, max_w=None, anchor="mm", gap=8):
    """Centred (or left-aligned with anchor='lm') text, wrapped to max_w."""
    f = font(size, bold)
    lines = wrap(d, s, f, max_w) if max_w else [s]
    lh = f.size + gap
    y0 = cy - lh * (len(lines) - 1) / 2
    for i, line in enumerate(lines):
        d.text((cx, y0 + i * lh), line, font=f, fill=fill, anchor=anchor)
    return len(lines) * lh


# ---------------------------------------------------------------- shapes

def rrect(d, box, r, fill=None, outline=None, width=1):
    d.rounded_rectangle(box, radius=r, fill=fill, outline=outline, width=width)


def arrow(d, x1, y1, x2, y2, color=INK, width=8, head=24):
    d.line((x1, y1, x2, y2), fill=color, width=width)
    ang = math.atan2(y2 - y1, x2 - x1)
    p1 = (x2 - head * math.cos(ang - 0.45), y2 - head * math.sin(ang - 0.45))
    p2 = (x2 - head * math.cos(ang + 0.45), y2 - head * math.sin(ang + 0.45))
    d.polygon([(x2, y2), p1, p2], fill=color)


def check(d, cx, cy, r=40):
    d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=GREEN)
    d.line((cx - r * 0.5, cy, cx - r * 0.12, cy + r * 0.4, cx + r * 0.52, cy - r * 0.38),
           fill=WHITE, width=max(6, r // 5), joint="curve")


def cross(d, cx, cy, r=40):
    d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=RED)
    k = r * 0.45
    w = max(6, r // 5)
    d.line((cx - k, cy - k, cx + k, cy + k), fill=WHITE, width=w)
    d.line((cx - k, cy + k, cx + k, cy - k), fill=WHITE, width=w)


def phone(d, x, y, w, h, screen=SCREEN, body=INK):
    """Front of a phone; returns the screen box."""
    rrect(d, (x, y, x + w, y + h), 34, fill=body)
    sx0, sy0, sx1, sy1 = x + 14, y + 40, x + w - 14, y + h - 40
    rrect(d, (sx0, sy0, sx1, sy1), 10, fill=screen)
    d.ellipse((x + w / 2 - 7, y + 14, x + w / 2 + 7, y + 28), fill=DGREY)
    d.rounded_rectangle((x + w / 2 - 30, y + h - 26, x + w / 2 + 30, y + h - 16), 5, fill=DGREY)
    return (sx0, sy0, sx1, sy1)


def hand(img, tip_x, tip_y, angle=0, scale=1.0):
    """A pointing hand (index finger out) whose fingertip is at (tip_x, tip_y).

    angle in degrees, 0 = finger pointing straight up, positive = turn left.
    """
    s = scale
    lw, lh = int(300 * s), int(380 * s)
    layer = Image.new("RGBA", (lw, lh), (0, 0, 0, 0))
    ld = ImageDraw.Draw(layer)
    ow = max(3, int(5 * s))
    tx, ty = int(100 * s), int(20 * s)  # fingertip in layer coordinates
    fw = 40 * s
    # sleeve
    ld.rounded_rectangle((tx - 40 * s, 285 * s, tx + 150 * s, 375 * s), int(10 * s), fill=BLUE, outline=INK, width=ow)
    # palm
    ld.rounded_rectangle((tx - 40 * s, 130 * s, tx + 150 * s, 295 * s), int(44 * s), fill=SKIN, outline=INK, width=ow)
    # three folded fingers: knuckles to the right of the index finger
    for i, (kx, ky) in enumerate(((tx + 48 * s, 150 * s), (tx + 86 * s, 156 * s), (tx + 122 * s, 166 * s))):
        r = 20 * s
        ld.ellipse((kx - r, ky - r, kx + r, ky + r), fill=SKIN, outline=INK, width=ow)
        ld.line((kx - 14 * s, ky + 30 * s, kx + 14 * s, ky + 30 * s), fill=SKIN_D, width=max(2, int(4 * s)))
    ld.rectangle((tx + 30 * s, 160 * s, tx + 140 * s, 182 * s), fill=SKIN)
    # thumb, along the left side of the palm
    ld.rounded_rectangle((tx - 70 * s, 190 * s, tx + 10 * s, 232 * s), int(21 * s), fill=SKIN, outline=INK, width=ow)
    # index finger
    ld.rounded_rectangle((tx - fw / 2, ty, tx + fw / 2, 200 * s), int(fw / 2), fill=SKIN, outline=INK, width=ow)
    ld.ellipse((tx - 10 * s, ty + 8 * s, tx + 10 * s, ty + 22 * s), fill=(250, 230, 200))
    rot = layer.rotate(angle, resample=Image.BICUBIC, expand=True)
    # with expand the centre stays in the middle; find where the tip went
    rad = math.radians(angle)
    ox, oy = tx - lw / 2, ty - lh / 2
    rx = ox * math.cos(rad) + oy * math.sin(rad)
    ry = -ox * math.sin(rad) + oy * math.cos(rad)
    px = rx + rot.width / 2
    py = ry + rot.height / 2
    img.paste(rot, (int(round(tip_x - px)), int(round(tip_y - py))), rot)


def wifi_icon(d, cx, cy, s=1.0, color=BLUE, bg=BG):
    """Fan-shaped Wi-Fi symbol whose bottom point is at (cx, cy)."""
    for i, r in enumerate((110, 80, 50)):
        r = r * s
        d.pieslice((cx - r, cy - r, cx + r, cy + r), 225, 315, fill=color)
        r2 = r - 18 * s
        d.pieslice((cx - r2, cy - r2, cx + r2, cy + r2), 225, 315, fill=bg)
    r = 22 * s
    d.pieslice((cx - r, cy - r, cx + r, cy + r), 225, 315, fill=color)


def data_icon(d, cx, cy, s=1.0, color=ORANGE):
    """Two arrows, up and down: the mobile-data symbol."""
    w = 14 * s
    h = 70 * s
    # up arrow (left)
    x = cx - 24 * s
    d.rectangle((x - w / 2, cy - h / 2 + 22 * s, x + w / 2, cy + h / 2), fill=color)
    d.polygon([(x, cy - h / 2 - 6 * s), (x - 26 * s, cy - h / 2 + 26 * s), (x + 26 * s, cy - h / 2 + 26 * s)], fill=color)
    # down arrow (right)
    x = cx + 24 * s
    d.rectangle((x - w / 2, cy - h / 2, x + w / 2, cy + h / 2 - 22 * s), fill=color)
    d.polygon([(x, cy + h / 2 + 6 * s), (x - 26 * s, cy + h / 2 - 26 * s), (x + 26 * s, cy + h / 2 - 26 * s)], fill=color)


def signal_bars(d, x, y, s=1.0, color=INK):
    for i in range(4):
        h = (8 + i * 8) * s
        d.rectangle((x + i * 10 * s, y - h, x + i * 10 * s + 6 * s, y), fill=color)


def battery(d, x, y, s=1.0, level=0.7, color=INK):
    d.rectangle((x, y, x + 40 * s, y + 20 * s), outline=color, width=max(2, int(3 * s)))
    d.rectangle((x + 40 * s, y + 6 * s, x + 45 * s, y + 14 * s), fill=color)
    d.rectangle((x + 4 * s, y + 4 * s, x + 4 * s + 32 * s * level, y + 16 * s), fill=GREEN)


def house(d, x, y, w, h, wall=(255, 224, 178), roof=BROWN):
    d.polygon([(x - 10, y + h * 0.4), (x + w / 2, y), (x + w + 10, y + h * 0.4)], fill=roof)
    d.rectangle((x, y + h * 0.4, x + w, y + h), fill=wall, outline=INK, width=4)
    d.rectangle((x + w * 0.4, y + h * 0.65, x + w * 0.6, y + h), fill=BROWN)


def router(d, cx, cy, s=1.0):
    d.line((cx - 40 * s, cy - 10 * s, cx - 55 * s, cy - 70 * s), fill=INK, width=int(8 * s))
    d.line((cx + 40 * s, cy - 10 * s, cx + 55 * s, cy - 70 * s), fill=INK, width=int(8 * s))
    rrect(d, (cx - 70 * s, cy - 15 * s, cx + 70 * s, cy + 25 * s), int(10 * s), fill=DGREY, outline=INK, width=4)
    for i in range(3):
        d.ellipse((cx - 40 * s + i * 30 * s, cy + 2 * s, cx - 30 * s + i * 30 * s, cy + 12 * s), fill=YELLOW)


def tower(d, cx, top, bottom, color=INK):
    half = (bottom - top) * 0.28
    d.line((cx, top, cx - half, bottom), fill=color, width=8)
    d.line((cx, top, cx + half, bottom), fill=color, width=8)
    n = 4
    for i in range(1, n + 1):
        y = top + (bottom - top) * i / (n + 0.3)
        k = half * (y - top) / (bottom - top)
        d.line((cx - k, y, cx + k, y), fill=color, width=5)
    d.ellipse((cx - 12, top - 12, cx + 12, top + 12), fill=RED)
    for r in (40, 65):
        d.arc((cx - r, top - r, cx + r, top + r), 200, 250, fill=color, width=6)
        d.arc((cx - r, top - r, cx + r, top + r), 290, 340, fill=color, width=6)


def qr(d, x, y, size, seed=7):
    """A generic square code pattern (not a real, scannable code)."""
    rnd = random.Random(seed)
    n = 21
    c = size / n
    d.rectangle((x - c, y - c, x + size + c, y + size + c), fill=WHITE)
    for i in range(n):
        for j in range(n):
            if rnd.random() < 0.48:
                d.rectangle((x + i * c, y + j * c, x + (i + 1) * c, y + (j + 1) * c), fill=INK)
    for (fx, fy) in ((0, 0), (n - 7, 0), (0, n - 7)):
        X, Y = x + fx * c, y + fy * c
        d.rectangle((X, Y, X + 7 * c, Y + 7 * c), fill=INK)
        d.rectangle((X + c, Y + c, X + 6 * c, Y + 6 * c), fill=WHITE)
        d.rectangle((X + 2 * c, Y + 2 * c, X + 5 * c, Y + 5 * c), fill=INK)


def person(d, cx, cy, s=1.0, color=BLUE, face=SKIN):
    r = 34 * s
    d.ellipse((cx - r, cy - 80 * s - r, cx + r, cy - 80 * s + r), fill=face, outline=INK, width=4)
    d.pieslice((cx - 62 * s, cy - 40 * s, cx + 62 * s, cy + 84 * s), 180, 360, fill=color, outline=INK, width=4)


def padlock(d, cx, cy, s=1.0, color=ORANGE):
    d.arc((cx - 55 * s, cy - 120 * s, cx + 55 * s, cy - 10 * s), 180, 360, fill=INK, width=int(20 * s))
    d.line((cx - 55 * s + 10 * s, cy - 65 * s, cx - 55 * s + 10 * s, cy - 20 * s), fill=INK, width=int(20 * s))
    d.line((cx + 55 * s - 10 * s, cy - 65 * s, cx + 55 * s - 10 * s, cy - 20 * s), fill=INK, width=int(20 * s))
    rrect(d, (cx - 85 * s, cy - 30 * s, cx + 85 * s, cy + 100 * s), int(18 * s), fill=color, outline=INK, width=5)
    d.ellipse((cx - 16 * s, cy + 12 * s, cx + 16 * s, cy + 44 * s), fill=INK)
    d.polygon([(cx - 9 * s, cy + 36 * s), (cx + 9 * s, cy + 36 * s), (cx + 13 * s, cy + 75 * s), (cx - 13 * s, cy + 75 * s)], fill=INK)


def shield(d, cx, cy, s=1.0, color=GREEN):
    pts = [(cx, cy - 70 * s), (cx + 60 * s, cy - 45 * s), (cx + 52 * s, cy + 25 * s),
           (cx, cy + 75 * s), (cx - 52 * s, cy + 25 * s), (cx - 60 * s, cy - 45 * s)]
    d.polygon(pts, fill=color, outline=INK, width=5)
    d.line((cx - 25 * s, cy, cx - 5 * s, cy + 22 * s, cx + 28 * s, cy - 20 * s), fill=WHITE, width=int(12 * s))


def building(d, cx, cy, s=1.0, color=(255, 236, 179), flag=True):
    w, h = 180 * s, 120 * s
    x0, y0 = cx - w / 2, cy - h / 2 + 20 * s
    d.polygon([(x0 - 15 * s, y0), (cx, y0 - 55 * s), (x0 + w + 15 * s, y0)], fill=RED, outline=INK, width=4)
    d.rectangle((x0, y0, x0 + w, y0 + h), fill=color, outline=INK, width=4)
    for i in range(4):
        px = x0 + 22 * s + i * 45 * s
        d.rectangle((px, y0 + 15 * s, px + 16 * s, y0 + h), fill=WHITE, outline=INK, width=3)
    d.rectangle((x0 - 20 * s, y0 + h, x0 + w + 20 * s, y0 + h + 14 * s), fill=GREY, outline=INK, width=3)
    if flag:
        fx, fy = cx, y0 - 55 * s
        d.line((fx, fy, fx, fy - 50 * s), fill=INK, width=4)
        d.rectangle((fx, fy - 50 * s, fx + 48 * s, fy - 20 * s), fill=RED)
        star(d, fx + 24 * s, fy - 35 * s, 9 * s, YELLOW)


def star(d, cx, cy, r, color):
    pts = []
    for i in range(10):
        a = -math.pi / 2 + i * math.pi / 5
        rr = r if i % 2 == 0 else r * 0.42
        pts.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
    d.polygon(pts, fill=color)


def cart(d, cx, cy, s=1.0, color=BLUE):
    d.line((cx - 80 * s, cy - 55 * s, cx - 55 * s, cy - 55 * s, cx - 35 * s, cy + 25 * s, cx + 55 * s, cy + 25 * s),
           fill=INK, width=int(10 * s), joint="curve")
    d.polygon([(cx - 50 * s, cy - 35 * s), (cx + 75 * s, cy - 35 * s), (cx + 60 * s, cy + 10 * s), (cx - 38 * s, cy + 10 * s)],
              fill=color, outline=INK, width=4)
    for x in (cx - 25 * s, cx + 45 * s):
        d.ellipse((x - 13 * s, cy + 38 * s, x + 13 * s, cy + 64 * s), fill=INK)


def box(d, cx, cy, s=1.0):
    d.polygon([(cx - 60 * s, cy - 30 * s), (cx, cy - 55 * s), (cx + 60 * s, cy - 30 * s), (cx, cy - 5 * s)], fill=(215, 170, 110), outline=INK)
    d.polygon([(cx - 60 * s, cy - 30 * s), (cx, cy - 5 * s), (cx, cy + 60 * s), (cx - 60 * s, cy + 35 * s)], fill=(188, 140, 80), outline=INK)
    d.polygon([(cx + 60 * s, cy - 30 * s), (cx, cy - 5 * s), (cx, cy + 60 * s), (cx + 60 * s, cy + 35 * s)], fill=(160, 115, 60), outline=INK)
    d.line((cx - 30 * s, cy - 42 * s, cx + 30 * s, cy - 17 * s), fill=LGREY, width=int(8 * s))


def banknote(d, cx, cy, s=1.0):
    rrect(d, (cx - 70 * s, cy - 38 * s, cx + 70 * s, cy + 38 * s), int(8 * s), fill=(129, 199, 132), outline=INK, width=4)
    d.ellipse((cx - 22 * s, cy - 22 * s, cx + 22 * s, cy + 22 * s), outline=INK, width=4)


def magnifier(d, cx, cy, s=1.0, color=INK):
    r = 38 * s
    d.ellipse((cx - r, cy - r, cx + r, cy + r), outline=color, width=int(12 * s), fill=(255, 255, 255))
    d.line((cx + r * 0.7, cy + r * 0.7, cx + r * 1.9, cy + r * 1.9), fill=color, width=int(18 * s))


def handset(d, cx, cy, s=1.0, color=WHITE, angle=0):
    """Simple telephone handset, lying flat (as on call buttons)."""
    w = int(12 * s)
    d.arc((cx - 36 * s, cy - 22 * s, cx + 36 * s, cy + 40 * s), 200, 340, fill=color, width=w)
    for sign in (-1, 1):
        x = cx + sign * 30 * s
        d.rounded_rectangle((x - 12 * s, cy - 6 * s, x + 12 * s, cy + 14 * s), int(6 * s), fill=color)


def bubble(d, box_, fill, tail="left", outline=None):
    x0, y0, x1, y1 = box_
    rrect(d, box_, 22, fill=fill, outline=outline, width=4 if outline else 1)
    if tail == "left":
        d.polygon([(x0 + 20, y1 - 4), (x0 - 12, y1 + 22), (x0 + 52, y1 - 4)], fill=fill)
    elif tail == "right":
        d.polygon([(x1 - 20, y1 - 4), (x1 + 12, y1 + 22), (x1 - 52, y1 - 4)], fill=fill)


def mic(d, cx, cy, s=1.0, color=INK):
    rrect(d, (cx - 12 * s, cy - 30 * s, cx + 12 * s, cy + 8 * s), int(12 * s), fill=color)
    d.arc((cx - 22 * s, cy - 22 * s, cx + 22 * s, cy + 18 * s), 0, 180, fill=color, width=int(5 * s))
    d.line((cx, cy + 18 * s, cx, cy + 30 * s), fill=color, width=int(5 * s))
    d.line((cx - 12 * s, cy + 30 * s, cx + 12 * s, cy + 30 * s), fill=color, width=int(5 * s))


def picture_icon(d, cx, cy, s=1.0, color=INK):
    rrect(d, (cx - 30 * s, cy - 24 * s, cx + 30 * s, cy + 24 * s), int(6 * s), outline=color, width=int(5 * s))
    d.polygon([(cx - 24 * s, cy + 18 * s), (cx - 6 * s, cy - 4 * s), (cx + 8 * s, cy + 10 * s), (cx + 14 * s, cy + 2 * s), (cx + 24 * s, cy + 18 * s)], fill=color)
    d.ellipse((cx + 8 * s, cy - 16 * s, cx + 18 * s, cy - 6 * s), fill=color)


def camera_swap(d, cx, cy, s=1.0, color=INK):
    d.arc((cx - 28 * s, cy - 28 * s, cx + 28 * s, cy + 28 * s), 200, 340, fill=color, width=int(6 * s))
    d.arc((cx - 28 * s, cy - 28 * s, cx + 28 * s, cy + 28 * s), 20, 160, fill=color, width=int(6 * s))
    d.polygon([(cx + 28 * s, cy - 14 * s), (cx + 16 * s, cy - 2 * s), (cx + 38 * s, cy)], fill=color)
    d.polygon([(cx - 28 * s, cy + 14 * s), (cx - 16 * s, cy + 2 * s), (cx - 38 * s, cy)], fill=color)


def numbered(d, cx, cy, n, color=BLUE, r=30):
    d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=color)
    text(d, cx, cy, str(n), 40, WHITE)


def id_card(d, x, y, w, h):
    rrect(d, (x, y, x + w, y + h), 14, fill=(255, 241, 118), outline=INK, width=4)
    d.rectangle((x + 18, y + 22, x + 18 + w * 0.28, y + h - 22), fill=LBLUE, outline=INK, width=3)
    pcx = x + 18 + w * 0.14
    d.ellipse((pcx - 16, y + 38, pcx + 16, y + 70), fill=SKIN)
    d.pieslice((pcx - 28, y + 72, pcx + 28, y + 128), 180, 360, fill=BLUE)
    for i in range(3):
        d.line((x + w * 0.40, y + 34 + i * 26, x + w - 22, y + 34 + i * 26), fill=INK, width=6)
    cx0 = x + w * 0.42
    rrect(d, (cx0, y + h - 52, cx0 + 44, y + h - 18), 6, fill=(255, 193, 7), outline=INK, width=3)
    d.line((cx0 + 22, y + h - 52, cx0 + 22, y + h - 18), fill=INK, width=2)
    d.line((cx0, y + h - 35, cx0 + 44, y + h - 35), fill=INK, width=2)


# ================================================================ course 1

def p_nut_nguon():
    img, d = new()
    text(d, W / 2, 50, "Các nút ở cạnh máy", 44)
    sx = phone(d, 250, 100, 250, 470)
    # home screen hint
    for r in range(3):
        for c in range(3):
            x = sx[0] + 22 + c * 70
            y = sx[1] + 40 + r * 80
            rrect(d, (x, y, x + 52, y + 52), 12, fill=[BLUE, GREEN, ORANGE][(r + c) % 3])
    # side buttons on the right edge
    d.rectangle((500, 190, 514, 250), fill=DGREY)   # volume up
    d.rectangle((500, 262, 514, 322), fill=DGREY)   # volume down
    d.rectangle((500, 370, 514, 440), fill=RED)     # power
    arrow(d, 640, 256, 524, 256, INK, 7)
    text(d, 650, 230, "Tăng, giảm", 38, anchor="lm")
    text(d, 650, 278, "âm lượng", 38, anchor="lm")
    arrow(d, 640, 405, 524, 405, RED, 7)
    text(d, 650, 405, "Nút nguồn", 40, RED, anchor="lm")
    text(d, 650, 480, "Giữ 3 giây", 38, anchor="lm")
    text(d, 650, 528, "để bật máy", 38, anchor="lm")
    save(img, C1, "nut-nguon.png")


def p_ba_cach_cham():
    img, d = new()
    cols = [160, 480, 800]
    labels = ["Chạm", "Vuốt", "Nhấn giữ"]
    subs = ["mở ứng dụng", "lướt, chuyển trang", "xem thêm lựa chọn"]
    for i, cx in enumerate(cols):
        sx = phone(d, cx - 95, 40, 190, 340)
        if i == 0:
            rrect(d, (cx - 30, 150, cx + 30, 210), 12, fill=GREEN)
            for r in (44, 62):
                d.ellipse((cx - r, 180 - r, cx + r, 180 + r), outline=BLUE, width=5)
            hand(img, cx, 182, 10, 0.6)
        elif i == 1:
            arrow(d, cx + 60, 150, cx - 62, 150, BLUE, 9, 26)
            hand(img, cx + 20, 190, 0, 0.6)
        else:
            rrect(d, (cx - 30, 150, cx + 30, 210), 12, fill=ORANGE)
            d.arc((cx - 62, 118, cx + 62, 242), -90, 200, fill=RED, width=9)
            hand(img, cx, 182, -10, 0.6)
        d = ImageDraw.Draw(img)
        text(d, cx, 430, labels[i], 44)
        text(d, cx, 515, subs[i], 36, DGREY, bold=False, max_w=290)
    save(img, C1, "ba-cach-cham.png")


def p_man_hinh_chinh():
    img, d = new()
    sx = phone(d, 330, 40, 300, 530)
    x0, y0, x1, y1 = sx
    d.rectangle((x0, y0, x1, y0 + 34), fill=LBLUE)
    signal_bars(d, x0 + 14, y0 + 28, 0.8)
    battery(d, x1 - 60, y0 + 7, 0.9)
    colors = [BLUE, GREEN, ORANGE, RED, (142, 36, 170), (0, 151, 167)]
    for r in range(3):
        for c in range(3):
            x = x0 + 24 + c * 86
            y = y0 + 70 + r * 100
            rrect(d, (x, y, x + 60, y + 60), 14, fill=colors[(r * 3 + c) % 6])
    # navigation bar
    d.rectangle((x0, y1 - 56, x1, y1), fill=LGREY)
    cx = (x0 + x1) / 2
    d.ellipse((cx - 17, y1 - 45, cx + 17, y1 - 11), outline=INK, width=5)
    d.polygon([(x0 + 52, y1 - 28), (x0 + 72, y1 - 42), (x0 + 72, y1 - 14)], outline=INK, width=4)
    d.rectangle((x1 - 72, y1 - 42, x1 - 46, y1 - 14), outline=INK, width=4)
    # labels
    text(d, 150, 150, "Giờ, sóng,", 38)
    text(d, 150, 196, "pin", 38)
    arrow(d, 200, 110, x0 + 30, y0 + 24, INK, 6)
    text(d, 810, 300, "Biểu tượng", 38)
    text(d, 810, 346, "ứng dụng", 38)
    arrow(d, 800, 265, x1 - 40, y0 + 210, INK, 6)
    text(d, 160, 420, "Về màn", 38, BLUE)
    text(d, 160, 466, "hình chính", 38, BLUE)
    arrow(d, 250, 500, cx - 24, y1 - 28, BLUE, 6)
    save(img, C1, "man-hinh-chinh.png")


def p_sac_pin():
    img, d = new()
    d.rectangle((0, 0, W / 2 - 4, H), fill=LGREEN)
    d.rectangle((W / 2 + 4, 0, W, H), fill=LRED)
    # left: on a table
    d.rectangle((60, 330, 420, 350), fill=BROWN)
    d.rectangle((90, 350, 110, 460), fill=BROWN)
    d.rectangle((370, 350, 390, 460), fill=BROWN)
    rrect(d, (150, 300, 300, 330), 8, fill=INK)
    battery(d, 195, 306, 1.0, 0.6)
    d.line((300, 315, 360, 315, 360, 240, 420, 240), fill=INK, width=6)
    rrect(d, (405, 215, 440, 265), 6, fill=WHITE, outline=INK, width=4)
    check(d, 240, 90, 50)
    text(d, 240, 500, "Sạc trên mặt bàn", 38, max_w=420)
    text(d, 240, 550, "khô, thoáng", 38, max_w=420)
    # right: under a pillow on a bed
    d.rectangle((530, 330, 920, 420), fill=(255, 255, 255), outline=INK, width=4)
    d.rectangle((530, 420, 920, 440), fill=BROWN)
    rrect(d, (560, 260, 760, 340), 40, fill=LBLUE, outline=INK, width=4)
    rrect(d, (680, 310, 800, 334), 6, fill=INK)
    d.line((800, 322, 860, 322, 860, 250), fill=INK, width=6)
    for k in range(3):
        d.arc((610 + k * 40, 190, 650 + k * 40, 250), 200, 340, fill=RED, width=6)
    cross(d, 720, 90, 50)
    text(d, 720, 500, "Không sạc dưới gối,", 38, max_w=430)
    text(d, 720, 550, "trên giường", 38, max_w=430)
    save(img, C1, "sac-pin-an-toan.png")


def p_wifi_du_lieu():
    img, d = new()
    d.rectangle((0, 0, W / 2 - 4, H), fill=LBLUE)
    d.rectangle((W / 2 + 4, 0, W, H), fill=(255, 224, 178))
    # left: Wi-Fi
    text(d, 240, 50, "Wi-Fi", 48, BLUE)
    wifi_icon(d, 240, 220, 1.0, BLUE, LBLUE)
    house(d, 150, 260, 180, 150)
    router(d, 240, 370, 0.6)
    text(d, 240, 470, "Cục phát trong nhà", 38, max_w=440)
    text(d, 240, 530, "Không trừ gói cước", 38, GREEN, max_w=440)
    # right: mobile data
    text(d, 720, 50, "Dữ liệu di động", 44, ORANGE)
    data_icon(d, 620, 200, 1.2, ORANGE)
    tower(d, 780, 150, 410)
    text(d, 720, 470, "Trạm phát, qua SIM", 38, max_w=440)
    text(d, 720, 530, "Trừ vào gói cước", 38, RED, max_w=440)
    save(img, C1, "wifi-va-du-lieu.png")


def p_bat_wifi():
    img, d = new()
    sx = phone(d, 90, 30, 330, 550)
    x0, y0, x1, y1 = sx
    d.rectangle((x0, y0, x1, y0 + 250), fill=(69, 90, 100))
    icons = [(x0 + 60, y0 + 90, "wifi", True), (x0 + 150, y0 + 90, "data", True),
             (x0 + 240, y0 + 90, "plane", False), (x0 + 60, y0 + 190, "light", False)]
    for cx, cy, kind, on in icons:
        col = BLUE if on else GREY
        d.ellipse((cx - 36, cy - 36, cx + 36, cy + 36), fill=col)
        if kind == "wifi":
            wifi_icon(d, cx, cy + 20, 0.34, WHITE, col)
        elif kind == "data":
            data_icon(d, cx, cy, 0.5, WHITE)
        elif kind == "plane":
            d.polygon([(cx, cy - 24), (cx + 5, cy - 6), (cx + 24, cy + 4), (cx + 5, cy + 2), (cx + 4, cy + 18),
                       (cx + 10, cy + 24), (cx - 10, cy + 24), (cx - 4, cy + 18), (cx - 5, cy + 2),
                       (cx - 24, cy + 4), (cx - 5, cy - 6)], fill=INK)
        else:
            d.polygon([(cx - 12, cy - 22), (cx + 12, cy - 22), (cx + 6, cy + 22), (cx - 6, cy + 22)], fill=INK)
    arrow(d, 330, y0 + 10, 330, y0 + 170, YELLOW, 10, 28)
    hand(img, 330, y0 + 200, 0, 0.55)
    d = ImageDraw.Draw(img)
    numbered(d, 480, 110, 1)
    text(d, 525, 110, "Vuốt từ mép trên", 38, anchor="lm")
    text(d, 525, 158, "xuống", 38, anchor="lm")
    numbered(d, 480, 260, 2)
    text(d, 525, 260, "Chạm biểu tượng", 38, anchor="lm")
    text(d, 525, 308, "để bật hoặc tắt", 38, anchor="lm")
    d.ellipse((460, 400, 520, 460), fill=BLUE)
    text(d, 535, 430, "Màu sáng: đang bật", 36, anchor="lm")
    d.ellipse((460, 490, 520, 550), fill=GREY)
    text(d, 535, 520, "Màu xám: đang tắt", 36, anchor="lm")
    save(img, C1, "bat-wifi-du-lieu.png")


def p_cai_ung_dung():
    img, d = new()
    d.rectangle((0, 0, W / 2 - 4, H), fill=LGREEN)
    d.rectangle((W / 2 + 4, 0, W, H), fill=LRED)
    # left: official store (generic bag icon)
    sx = phone(d, 140, 40, 200, 330)
    cx, cy = 240, 200
    rrect(d, (cx - 55, cy - 30, cx + 55, cy + 60), 12, fill=GREEN)
    d.arc((cx - 30, cy - 70, cx + 30, cy - 10), 180, 360, fill=INK, width=8)
    star(d, cx, cy + 15, 28, WHITE)
    check(d, 390, 90, 44)
    text(d, 240, 450, "Kho ứng dụng", 40)
    text(d, 240, 505, "chính thức của máy", 36, max_w=440)
    # right: link and file sent by message
    bubble(d, (520, 60, 935, 190), WHITE, "left", INK)
    for k in range(2):
        d.ellipse((540 + k * 36, 102, 592 + k * 36, 148), outline=BLUE, width=9)
    text(d, 650, 125, "Bấm vào đây", 36, BLUE, anchor="lm")
    # file icon
    d.polygon([(640, 230), (740, 230), (780, 270), (780, 380), (640, 380)], fill=WHITE, outline=INK)
    d.polygon([(740, 230), (740, 270), (780, 270)], fill=GREY)
    text(d, 710, 330, ".apk", 36, RED)
    cross(d, 850, 310, 44)
    text(d, 720, 450, "Đường dẫn, tệp cài", 38, max_w=440)
    text(d, 720, 505, "gửi qua tin nhắn", 38, max_w=440)
    save(img, C1, "cai-ung-dung-an-toan.png")


def p_nhan_tin():
    img, d = new()
    sx = phone(d, 200, 20, 380, 560)
    x0, y0, x1, y1 = sx
    d.rectangle((x0, y0, x1, y0 + 70), fill=BLUE)
    d.line((x0 + 20, y0 + 35, x0 + 40, y0 + 18), fill=WHITE, width=6)
    d.line((x0 + 20, y0 + 35, x0 + 40, y0 + 52), fill=WHITE, width=6)
    text(d, x0 + 60, y0 + 35, "Chị Lan", 38, WHITE, anchor="lm")
    bubble(d, (x0 + 20, y0 + 100, x0 + 310, y0 + 170), WHITE, "left")
    text(d, x0 + 40, y0 + 135, "Mai họp thôn", 36, anchor="lm")
    bubble(d, (x1 - 190, y0 + 220, x1 - 20, y0 + 290), LBLUE, "right")
    text(d, x1 - 170, y0 + 255, "Vâng ạ", 36, anchor="lm")
    # voice message bubble
    bubble(d, (x1 - 250, y0 + 330, x1 - 20, y0 + 390), LBLUE, "right")
    d.polygon([(x1 - 225, y0 + 345), (x1 - 225, y0 + 375), (x1 - 200, y0 + 360)], fill=BLUE)
    for k in range(7):
        h = [10, 22, 14, 26, 12, 20, 8][k]
        d.line((x1 - 180 + k * 20, y0 + 360 - h, x1 - 180 + k * 20, y0 + 360 + h), fill=BLUE, width=6)
    # bottom bar
    d.rectangle((x0, y1 - 80, x1, y1), fill=WHITE)
    rrect(d, (x0 + 12, y1 - 66, x0 + 190, y1 - 14), 24, fill=LGREY, outline=GREY, width=3)
    mic(d, x0 + 240, y1 - 42, 1.0, INK)
    picture_icon(d, x0 + 310, y1 - 40, 0.9, INK)
    # labels
    text(d, 100, 330, "Ô gõ", 40)
    text(d, 100, 380, "chữ", 40)
    arrow(d, 100, 410, x0 + 60, y1 - 60, INK, 7)
    text(d, 775, 180, "Tin nhắn", 38, BLUE)
    text(d, 775, 226, "thoại", 38, BLUE)
    arrow(d, 720, 250, x1 - 10, y0 + 355, BLUE, 7)
    text(d, 790, 390, "Micro:", 40, RED)
    text(d, 790, 440, "ghi âm", 40, RED)
    arrow(d, 700, 440, x0 + 262, y1 - 50, RED, 7)
    text(d, 800, 540, "Gửi ảnh", 40, GREEN)
    arrow(d, 710, 540, x0 + 345, y1 - 40, GREEN, 7)
    save(img, C1, "man-hinh-nhan-tin.png")


def p_goi_video():
    img, d = new()
    sx = phone(d, 30, 20, 320, 560, screen=(55, 71, 79))
    x0, y0, x1, y1 = sx
    # the relative on screen
    person(d, (x0 + x1) / 2, y0 + 300, 1.7, ORANGE)
    # small self view
    rrect(d, (x1 - 100, y0 + 20, x1 - 20, y0 + 130), 10, fill=LBLUE, outline=WHITE, width=3)
    person(d, x1 - 60, y0 + 120, 0.45, BLUE)
    # buttons
    by = y1 - 60
    d.ellipse((x0 + 30, by - 34, x0 + 98, by + 34), fill=GREY)
    mic(d, x0 + 64, by, 0.8, INK)
    d.ellipse(((x0 + x1) / 2 - 40, by - 40, (x0 + x1) / 2 + 40, by + 40), fill=RED)
    handset(d, (x0 + x1) / 2, by, 0.8, WHITE)
    d.ellipse((x1 - 98, by - 34, x1 - 30, by + 34), fill=GREY)
    camera_swap(d, x1 - 64, by, 0.7, INK)
    # legend
    rows = [(RED, "Kết thúc cuộc gọi", "end"), (GREY, "Tắt hoặc bật tiếng", "mic"),
            (GREY, "Đổi camera trước, sau", "swap")]
    for i, (col, label, kind) in enumerate(rows):
        cy = 130 + i * 150
        d.ellipse((390, cy - 40, 470, cy + 40), fill=col)
        if kind == "end":
            handset(d, 430, cy, 0.8, WHITE)
        elif kind == "mic":
            mic(d, 430, cy, 0.9, INK)
        else:
            camera_swap(d, 430, cy, 0.8, INK)
        text(d, 490, cy, label, 36, anchor="lm")
    save(img, C1, "cuoc-goi-video.png")


def p_chup_anh():
    img, d = new()
    sx = phone(d, 60, 20, 360, 560, screen=INK)
    x0, y0, x1, y1 = sx
    # viewfinder: a field with the sun
    d.rectangle((x0, y0 + 20, x1, y1 - 130), fill=(129, 212, 250))
    d.ellipse((x1 - 110, y0 + 50, x1 - 40, y0 + 120), fill=YELLOW)
    d.polygon([(x0, y1 - 240), (x0 + 150, y1 - 300), (x1, y1 - 250), (x1, y1 - 130), (x0, y1 - 130)], fill=(104, 159, 56))
    for k in range(5):
        d.line((x0 + 30 + k * 60, y1 - 140, x0 + 40 + k * 60, y1 - 200), fill=(51, 105, 30), width=6)
    # grid lines help to hold the phone straight
    for k in (1, 2):
        d.line((x0 + (x1 - x0) * k / 3, y0 + 20, x0 + (x1 - x0) * k / 3, y1 - 130), fill=WHITE, width=2)
    # controls
    cy = y1 - 65
    cx = (x0 + x1) / 2
    d.ellipse((cx - 42, cy - 42, cx + 42, cy + 42), fill=WHITE)
    d.ellipse((cx - 34, cy - 34, cx + 34, cy + 34), outline=INK, width=4)
    rrect(d, (x0 + 24, cy - 28, x0 + 80, cy + 28), 8, fill=(104, 159, 56), outline=WHITE, width=3)
    camera_swap(d, x1 - 55, cy, 0.7, WHITE)
    # legend
    rows = [("Nút tròn to: chụp", cx, cy - 44, RED), ("Ảnh nhỏ: xem lại", x0 + 52, cy - 30, BLUE),
            ("Mũi tên vòng:", x1 - 55, cy - 30, GREEN)]
    text(d, 690, 110, "Nút tròn to:", 40, RED)
    text(d, 690, 160, "bấm để chụp", 40, RED)
    arrow(d, 600, 190, cx + 30, cy - 40, RED, 7)
    text(d, 690, 290, "Ô ảnh nhỏ:", 40, BLUE)
    text(d, 690, 340, "xem ảnh vừa chụp", 38, BLUE)
    arrow(d, 540, 370, x0 + 70, cy - 32, BLUE, 7)
    text(d, 700, 470, "Mũi tên vòng:", 40, GREEN)
    text(d, 700, 520, "đổi camera", 40, GREEN)
    arrow(d, 560, 510, x1 - 30, cy, GREEN, 7)
    save(img, C1, "chup-anh.png")


# ================================================================ course 2

def p_nam_ky_nang():
    img, d = new()
    cells = [(170, 135, "Dịch vụ công", "building"), (480, 135, "Mua sắm", "cart"),
             (790, 135, "Thanh toán", "qr"), (320, 405, "Tự bảo vệ", "shield"),
             (640, 405, "Nền tảng số của xã", "village")]
    for i, (cx, cy, label, kind) in enumerate(cells):
        d.ellipse((cx - 95, cy - 105, cx + 95, cy + 85), fill=WHITE, outline=GREY, width=4)
        if kind == "building":
            building(d, cx, cy - 10, 0.7, flag=False)
        elif kind == "cart":
            cart(d, cx, cy - 20, 0.9)
        elif kind == "qr":
            qr(d, cx - 55, cy - 75, 110, seed=3)
        elif kind == "shield":
            shield(d, cx, cy - 10, 1.0)
        else:
            house(d, cx - 70, cy - 70, 70, 70)
            house(d, cx + 5, cy - 50, 65, 60, wall=(200, 230, 201))
            bubble(d, (cx - 30, cy + 20, cx + 40, cy + 60), LBLUE, "left")
        numbered(d, cx - 95, cy - 95, i + 1, ORANGE, 28)
        text(d, cx, cy + 120, label, 38, max_w=330)
    save(img, C2, "nam-ky-nang-so.png")


def p_muc_1_muc_2():
    img, d = new()
    d.rectangle((0, 0, W / 2 - 4, H), fill=LBLUE)
    d.rectangle((W / 2 + 4, 0, W, H), fill=LGREEN)
    text(d, 240, 50, "Mức 1", 48, BLUE)
    sx = phone(d, 160, 100, 160, 270)
    person(d, 240, 290, 0.9, BLUE)
    d.rectangle((sx[0] + 10, sx[1] + 10, sx[2] - 10, sx[3] - 10), outline=ORANGE, width=4)
    text(d, 240, 450, "Tự đăng ký", 38)
    text(d, 240, 500, "trên điện thoại", 38)
    text(d, 720, 50, "Mức 2", 48, GREEN)
    building(d, 620, 230, 0.8, flag=True)
    id_card(d, 720, 200, 200, 140)
    text(d, 720, 420, "Đăng ký tại công an", 36, max_w=440)
    text(d, 720, 475, "mang thẻ căn cước", 36, max_w=440)
    text(d, 720, 525, "gắn chip", 36, max_w=440)
    save(img, C2, "muc-1-muc-2.png")


def p_vneid_giay_to():
    img, d = new()
    sx = phone(d, 70, 20, 330, 560)
    x0, y0, x1, y1 = sx
    id_card(d, x0 + 20, y0 + 30, x1 - x0 - 40, 170)
    docs = [(LGREEN, GREEN), (LBLUE, BLUE), ((255, 224, 178), ORANGE)]
    for i, (fill, line) in enumerate(docs):
        yy = y0 + 240 + i * 80
        rrect(d, (x0 + 20, yy, x1 - 20, yy + 64), 10, fill=fill, outline=line, width=4)
        d.line((x0 + 90, yy + 22, x1 - 50, yy + 22), fill=line, width=6)
        d.line((x0 + 90, yy + 42, x1 - 110, yy + 42), fill=line, width=6)
        d.rectangle((x0 + 34, yy + 14, x0 + 70, yy + 50), fill=line)
    rows = [("Thẻ căn cước", (255, 241, 118)), ("Thẻ bảo hiểm y tế", LGREEN),
            ("Giấy phép lái xe", LBLUE), ("Giấy tờ khác", (255, 224, 178))]
    for i, (label, col) in enumerate(rows):
        cy = 110 + i * 120
        rrect(d, (450, cy - 30, 510, cy + 30), 8, fill=col, outline=INK, width=3)
        text(d, 535, cy, label, 38, anchor="lm")
    save(img, C2, "vneid-giay-to.png")


def p_nop_ho_so():
    img, d = new()
    cells = [(240, 150, "Đăng nhập bằng VNeID", "login"), (720, 150, "Chọn thủ tục", "list"),
             (240, 440, "Điền, gửi hồ sơ", "send"), (720, 440, "Theo dõi kết quả", "watch")]
    for i, (cx, cy, label, kind) in enumerate(cells):
        rrect(d, (cx - 205, cy - 115, cx + 205, cy + 115), 24, fill=WHITE, outline=GREY, width=4)
        ix = cx - 120
        if kind == "login":
            person(d, ix, cy + 10, 0.8, BLUE)
            padlock(d, ix + 60, cy + 30, 0.32)
        elif kind == "list":
            for k in range(3):
                d.rectangle((ix - 60, cy - 50 + k * 40, ix - 36, cy - 26 + k * 40), fill=BLUE)
                d.line((ix - 20, cy - 38 + k * 40, ix + 60, cy - 38 + k * 40), fill=INK, width=8)
        elif kind == "send":
            d.rectangle((ix - 45, cy - 60, ix + 45, cy + 60), fill=LGREY, outline=INK, width=4)
            for k in range(3):
                d.line((ix - 30, cy - 35 + k * 25, ix + 30, cy - 35 + k * 25), fill=DGREY, width=5)
            arrow(d, ix + 50, cy + 40, ix + 95, cy - 10, GREEN, 9, 24)
        else:
            magnifier(d, ix - 10, cy - 15, 1.0, INK)
        numbered(d, cx - 180, cy - 90, i + 1)
        text(d, cx + 85, cy, label, 36, max_w=220)
    arrow(d, 440, 150, 520, 150, ORANGE, 12, 30)
    arrow(d, 720, 262, 720, 328, ORANGE, 12, 30)
    arrow(d, 520, 440, 440, 440, ORANGE, 12, 30)
    save(img, C2, "nop-ho-so-truc-tuyen.png")


def p_thanh_toan_qr():
    img, d = new()
    xs = [160, 480, 800]
    # step 1: scan
    sx = phone(d, 70, 80, 180, 320)
    d.rectangle((sx[0], sx[1], sx[2], sx[3]), fill=INK)
    qr(d, sx[0] + 25, sx[1] + 60, 100, seed=11)
    for (ax, ay, bx, by) in ((sx[0] + 12, sx[1] + 40, 1, 1), (sx[2] - 12, sx[1] + 40, -1, 1),
                             (sx[0] + 12, sx[1] + 190, 1, -1), (sx[2] - 12, sx[1] + 190, -1, -1)):
        d.line((ax, ay, ax + 30 * bx, ay), fill=YELLOW, width=6)
        d.line((ax, ay, ax, ay + 30 * by), fill=YELLOW, width=6)
    numbered(d, 160, 40, 1)
    text(d, 160, 450, "Quét mã", 40)
    text(d, 160, 500, "của cửa hàng", 36, max_w=300)
    # step 2: check the name (highlighted)
    rrect(d, (320, 10, 640, 590), 24, fill=(255, 249, 196), outline=RED, width=8)
    sx = phone(d, 390, 80, 180, 320)
    d.rectangle((sx[0] + 8, sx[1] + 50, sx[2] - 8, sx[1] + 130), fill=YELLOW, outline=RED, width=4)
    d.line((sx[0] + 24, sx[1] + 75, sx[2] - 30, sx[1] + 75), fill=INK, width=9)
    d.line((sx[0] + 24, sx[1] + 105, sx[2] - 60, sx[1] + 105), fill=INK, width=9)
    person(d, 480, sx[1] + 215, 0.6, BLUE)
    magnifier(d, 560, 180, 0.9, RED)
    numbered(d, 480, 40, 2, RED)
    text(d, 480, 450, "Kiểm tra tên", 40, RED)
    text(d, 480, 500, "người nhận", 40, RED)
    text(d, 480, 548, "và số tiền", 36, INK)
    # step 3: confirm
    sx = phone(d, 710, 80, 180, 320)
    check(d, 800, 240, 55)
    numbered(d, 800, 40, 3)
    text(d, 800, 450, "Xác nhận", 40)
    text(d, 800, 500, "khi đã đúng", 36, max_w=300)
    arrow(d, 262, 240, 318, 240, ORANGE, 9, 22)
    arrow(d, 644, 240, 700, 240, ORANGE, 9, 22)
    save(img, C2, "thanh-toan-qr.png")


def p_mua_sam():
    img, d = new()
    rows = ["Đọc đánh giá người mua", "Trả tiền khi nhận hàng", "Xem hàng rồi mới trả tiền"]
    for i, label in enumerate(rows):
        cy = 100 + i * 200
        rrect(d, (30, cy - 85, 930, cy + 85), 24, fill=WHITE, outline=GREY, width=4)
        cx = 150
        if i == 0:
            for k in range(5):
                star(d, cx - 95 + k * 40, cy, 21, YELLOW if k < 4 else GREY)
        elif i == 1:
            box(d, cx - 40, cy + 5, 0.8)
            banknote(d, cx + 45, cy + 20, 0.6)
        else:
            box(d, cx - 20, cy + 5, 0.8)
            magnifier(d, cx + 40, cy - 20, 0.7, BLUE)
        numbered(d, 275, cy, i + 1, GREEN)
        text(d, 320, cy, label, 38, anchor="lm")
    save(img, C2, "mua-sam-an-toan.png")


def p_nen_tang_xa():
    img, d = new()
    building(d, 180, 250, 1.1, flag=True)
    text(d, 180, 420, "Ủy ban nhân dân", 36)
    text(d, 180, 470, "xã, phường", 36)
    arrow(d, 310, 260, 415, 260, ORANGE, 10, 28)
    sx = phone(d, 430, 40, 330, 520)
    x0, y0, x1, y1 = sx
    d.rectangle((x0, y0, x1, y0 + 60), fill=BLUE)
    for k in range(2):
        d.ellipse((x0 + 14 + k * 26, y0 + 14, x0 + 46 + k * 26, y0 + 46), fill=SKIN, outline=WHITE, width=3)
    text(d, x0 + 90, y0 + 30, "Nhóm xã", 36, WHITE, anchor="lm")
    bubble(d, (x0 + 16, y0 + 90, x1 - 16, y0 + 230), WHITE, "left")
    # megaphone
    mx, my = x0 + 55, y0 + 160
    d.polygon([(mx - 22, my - 12), (mx + 22, my - 34), (mx + 22, my + 34), (mx - 22, my + 12)], fill=ORANGE, outline=INK)
    d.rectangle((mx - 34, my - 12, mx - 22, my + 12), fill=INK)
    text(d, x0 + 88, my, "Thông báo", 36, INK, anchor="lm")
    bubble(d, (x0 + 16, y0 + 270, x1 - 60, y0 + 340), LGREY, "left")
    bubble(d, (x0 + 60, y0 + 380, x1 - 16, y0 + 450), LBLUE, "right")
    check(d, 860, 150, 48)
    text(d, 860, 250, "Vào", 36)
    text(d, 860, 300, "đúng", 36)
    text(d, 860, 350, "nhóm", 36)
    text(d, 860, 400, "do xã", 36)
    text(d, 860, 450, "báo", 36)
    save(img, C2, "nen-tang-so-cua-xa.png")


# ================================================================ course 3

def p_cuoc_goi_gia():
    img, d = new()
    sx = phone(d, 40, 110, 220, 420)
    x0, y0, x1, y1 = sx
    person(d, (x0 + x1) / 2, y0 + 150, 0.9, DGREY)
    text(d, (x0 + x1) / 2, y0 + 210, "Số lạ", 36, INK)
    d.ellipse(((x0 + x1) / 2 - 40, y1 - 100, (x0 + x1) / 2 + 40, y1 - 20), fill=GREEN)
    handset(d, (x0 + x1) / 2, y1 - 60, 0.8, WHITE)
    for r in (50, 80):
        d.arc((150 - r, 110 - r, 150 + r, 110 + r), 215, 325, fill=RED, width=7)
    bubble(d, (300, 40, 935, 250), LRED, "left", RED)
    text(d, 617, 100, "«Tôi là công an.", 40, RED)
    text(d, 617, 150, "Anh có liên quan vụ án.", 36, INK)
    text(d, 617, 200, "Chuyển tiền ngay!»", 40, RED)
    rrect(d, (300, 300, 935, 560), 24, fill=LGREEN, outline=GREEN, width=6)
    check(d, 350, 360, 36)
    text(d, 400, 360, "Tắt máy, không chuyển", 36, anchor="lm")
    text(d, 400, 420, "tiền, không cài gì.", 36, anchor="lm")
    text(d, 400, 490, "Hỏi công an xã, phường.", 36, GREEN, anchor="lm")
    save(img, C3, "cuoc-goi-gia-danh.png")


def p_ba_loi_de_doa():
    img, d = new()
    items = [("«Tài khoản sắp bị khóa»", "bank"), ("«Sắp cắt điện nhà anh»", "power"),
             ("«Sim sắp bị khóa»", "sim")]
    for i, (label, kind) in enumerate(items):
        cy = 100 + i * 190
        bubble(d, (120, cy - 60, 620, cy + 60), LRED, "left", RED)
        ix = 60
        if kind == "bank":
            d.polygon([(ix - 40, cy - 20), (ix, cy - 50), (ix + 40, cy - 20)], fill=DGREY)
            for k in range(3):
                d.rectangle((ix - 32 + k * 26, cy - 18, ix - 20 + k * 26, cy + 30), fill=DGREY)
            d.rectangle((ix - 44, cy + 30, ix + 44, cy + 42), fill=DGREY)
        elif kind == "power":
            d.polygon([(ix + 10, cy - 55), (ix - 30, cy + 8), (ix - 2, cy + 8), (ix - 12, cy + 55),
                       (ix + 30, cy - 10), (ix + 2, cy - 10)], fill=YELLOW, outline=INK)
        else:
            d.polygon([(ix - 30, cy - 45), (ix + 15, cy - 45), (ix + 32, cy - 28), (ix + 32, cy + 45), (ix - 30, cy + 45)],
                      fill=(255, 193, 7), outline=INK)
            d.rectangle((ix - 16, cy - 14, ix + 18, cy + 26), fill=(255, 224, 130), outline=INK, width=3)
        text(d, 370, cy, label, 36, INK)
        arrow(d, 630, cy, 690, 300 + (cy - 290) * 0.3, DGREY, 6)
    # stop sign
    cx, cy, r = 810, 230, 110
    pts = [(cx + r * math.cos(math.pi / 8 + k * math.pi / 4), cy + r * math.sin(math.pi / 8 + k * math.pi / 4)) for k in range(8)]
    d.polygon(pts, fill=RED, outline=WHITE)
    text(d, cx, cy, "DỪNG", 48, WHITE)
    text(d, 810, 400, "Tự gọi số", 38, GREEN)
    text(d, 810, 450, "chính thức", 38, GREEN)
    text(d, 810, 500, "in trên hóa", 36, INK)
    text(d, 810, 545, "đơn, trên thẻ", 36, INK)
    save(img, C3, "gia-danh-nhan-vien.png")


def p_link_apk():
    img, d = new()
    sx = phone(d, 30, 30, 370, 540)
    x0, y0, x1, y1 = sx
    bubble(d, (x0 + 16, y0 + 30, x1 - 16, y0 + 220), WHITE, "left")
    star(d, x0 + 60, y0 + 80, 30, YELLOW)
    text(d, x0 + 100, y0 + 80, "Bạn trúng", 36, RED, anchor="lm")
    text(d, x0 + 100, y0 + 126, "thưởng!", 36, RED, anchor="lm")
    for k in range(2):
        d.ellipse((x0 + 40 + k * 34, y0 + 160, x0 + 90 + k * 34, y0 + 200), outline=BLUE, width=8)
    text(d, x0 + 140, y0 + 180, "Bấm đây", 36, BLUE, anchor="lm")
    bubble(d, (x0 + 16, y0 + 270, x1 - 16, y0 + 420), WHITE, "left")
    d.polygon([(x0 + 40, y0 + 290), (x0 + 100, y0 + 290), (x0 + 124, y0 + 314), (x0 + 124, y0 + 400), (x0 + 40, y0 + 400)],
              fill=LGREY, outline=INK)
    text(d, x0 + 145, y0 + 320, "Tệp cài", 36, anchor="lm")
    text(d, x0 + 145, y0 + 366, "đặt .apk", 36, anchor="lm")
    cross(d, 460, 160, 46)
    cross(d, 460, 400, 46)
    text(d, 730, 150, "Không bấm", 44, RED)
    text(d, 730, 210, "đường dẫn lạ", 40, RED)
    text(d, 730, 380, "Không cài", 44, RED)
    text(d, 730, 440, "tệp gửi qua", 40, RED)
    text(d, 730, 490, "tin nhắn", 40, RED)
    save(img, C3, "duong-dan-va-tep-la.png")


def p_otp():
    img, d = new()
    sx = phone(d, 60, 30, 360, 540)
    x0, y0, x1, y1 = sx
    bubble(d, (x0 + 16, y0 + 60, x1 - 16, y0 + 300), WHITE, "left")
    text(d, (x0 + x1) / 2, y0 + 110, "Mã xác thực", 36, DGREY)
    text(d, (x0 + x1) / 2, y0 + 180, "482 913", 56, INK)
    text(d, (x0 + x1) / 2, y0 + 250, "Không cung cấp", 36, RED)
    padlock(d, (x0 + x1) / 2, y0 + 380, 0.55)
    # big sign
    rrect(d, (470, 50, 920, 410), 30, fill=RED)
    rrect(d, (486, 66, 904, 394), 24, outline=WHITE, width=6)
    text(d, 695, 150, "KHÔNG", 60, WHITE)
    text(d, 695, 230, "ĐƯA", 60, WHITE)
    text(d, 695, 310, "CHO AI", 60, WHITE)
    text(d, 695, 470, "Kể cả người xưng", 36, INK)
    text(d, 695, 525, "ngân hàng, công an", 36, INK)
    save(img, C3, "ma-otp-khong-dua-cho-ai.png")


def p_mat_khau():
    img, d = new()
    padlock(d, 150, 260, 1.1)
    text(d, 150, 480, "Mỗi tài khoản", 36)
    text(d, 150, 530, "một mật khẩu", 36)
    rrect(d, (310, 40, 930, 250), 24, fill=LRED, outline=RED, width=5)
    cross(d, 370, 100, 40)
    text(d, 430, 100, "Yếu, dễ đoán:", 38, RED, anchor="lm")
    text(d, 340, 170, "123456", 40, INK, anchor="lm")
    text(d, 570, 170, "ngày sinh", 40, INK, anchor="lm")
    rrect(d, (310, 290, 930, 560), 24, fill=LGREEN, outline=GREEN, width=5)
    check(d, 370, 350, 40)
    text(d, 430, 350, "Mạnh: một câu dài", 38, GREEN, anchor="lm")
    text(d, 620, 425, "Câu dễ nhớ, gõ không dấu:", 36, INK, bold=False)
    text(d, 620, 478, "Muaroitren3ruongngo", 40, INK)
    text(d, 620, 530, "(chỉ là ví dụ, đừng dùng)", 36, DGREY, bold=False)
    save(img, C3, "mat-khau-cau-dai.png")


def p_tin_gia():
    img, d = new()
    # a phone with a shocking post
    sx = phone(d, 25, 40, 300, 520)
    x0, y0, x1, y1 = sx
    d.rectangle((x0 + 12, y0 + 30, x1 - 12, y0 + 200), fill=LRED)
    text(d, (x0 + x1) / 2, y0 + 80, "TIN SỐC!", 48, RED)
    text(d, (x0 + x1) / 2, y0 + 150, "Chia sẻ ngay!", 36, INK)
    for k in range(4):
        d.line((x0 + 30, y0 + 250 + k * 40, x1 - 30 - (k % 2) * 60, y0 + 250 + k * 40), fill=GREY, width=12)
    magnifier(d, x1 - 40, y0 + 340, 1.1, BLUE)
    rows = ["Ai đăng tin này?", "Đăng ngày nào?", "Trang chính thức nói gì?", "Bình tĩnh, chưa chia sẻ"]
    for i, label in enumerate(rows):
        cy = 100 + i * 130
        numbered(d, 385, cy, i + 1, BLUE if i < 3 else GREEN)
        text(d, 430, cy, label, 36, anchor="lm")
    save(img, C3, "kiem-tra-tin.png")


def p_deepfake():
    img, d = new()
    sx = phone(d, 30, 40, 340, 520, screen=(55, 71, 79))
    x0, y0, x1, y1 = sx
    person(d, (x0 + x1) / 2, y0 + 200, 1.3, ORANGE)
    # glitch stripes: the picture is not natural
    for k, yy in enumerate((y0 + 90, y0 + 160, y0 + 220)):
        d.rectangle((x0 + 40 + k * 20, yy, x1 - 60 + k * 10, yy + 10), fill=(0, 229, 255))
    bubble(d, (x0 + 16, y0 + 290, x1 - 16, y0 + 360), WHITE, "left")
    text(d, (x0 + x1) / 2, y0 + 325, "Cần tiền gấp!", 36, RED)
    d.ellipse(((x0 + x1) / 2 - 38, y1 - 86, (x0 + x1) / 2 + 38, y1 - 10), fill=RED)
    handset(d, (x0 + x1) / 2, y1 - 48, 0.75, WHITE)
    numbered(d, 440, 120, 1, RED)
    text(d, 485, 120, "Tắt cuộc gọi", 38, anchor="lm")
    numbered(d, 440, 275, 2, GREEN)
    text(d, 485, 250, "Tự gọi lại số", 38, anchor="lm")
    text(d, 485, 300, "đã lưu trong máy", 38, anchor="lm")
    numbered(d, 440, 445, 3, BLUE)
    text(d, 485, 420, "Hỏi một điều chỉ", 38, anchor="lm")
    text(d, 485, 470, "người nhà mới biết", 38, anchor="lm")
    save(img, C3, "cuoc-goi-gia-mao-nguoi-than.png")


def p_khi_bi_lua():
    img, d = new()
    rows = [("Gọi ngay ngân hàng", "theo số in trên thẻ"), ("Báo công an", "nơi gần nhất"),
            ("Giữ lại tin nhắn,", "biên lai chuyển tiền")]
    for i, label in enumerate(rows):
        cy = 100 + i * 200
        rrect(d, (30, cy - 85, 930, cy + 85), 24, fill=WHITE, outline=GREY, width=4)
        cx = 140
        if i == 0:
            rrect(d, (cx - 75, cy - 48, cx + 75, cy + 48), 12, fill=BLUE, outline=INK, width=4)
            d.rectangle((cx - 75, cy - 25, cx + 75, cy - 5), fill=INK)
            d.line((cx - 55, cy + 25, cx + 20, cy + 25), fill=WHITE, width=8)
        elif i == 1:
            shield(d, cx, cy, 0.95, (21, 101, 192))
        else:
            for k in range(2):
                d.rectangle((cx - 50 + k * 30, cy - 60 + k * 20, cx + 20 + k * 30, cy + 50 + k * 20 - 20), fill=LGREY, outline=INK, width=4)
            for k in range(3):
                d.line((cx - 10, cy - 20 + k * 22, cx + 40, cy - 20 + k * 22), fill=DGREY, width=5)
        numbered(d, 270, cy, i + 1, RED)
        text(d, 315, cy - 24, label[0], 38, anchor="lm")
        text(d, 315, cy + 26, label[1], 36, DGREY, anchor="lm")
    save(img, C3, "khi-bi-lua-dao.png")


def main():
    for f in (p_nut_nguon, p_ba_cach_cham, p_man_hinh_chinh, p_sac_pin, p_wifi_du_lieu, p_bat_wifi,
              p_cai_ung_dung, p_nhan_tin, p_goi_video, p_chup_anh,
              p_nam_ky_nang, p_muc_1_muc_2, p_vneid_giay_to, p_nop_ho_so, p_thanh_toan_qr, p_mua_sam,
              p_nen_tang_xa,
              p_cuoc_goi_gia, p_ba_loi_de_doa, p_link_apk, p_otp, p_mat_khau, p_tin_gia, p_deepfake,
              p_khi_bi_lua):
        f()


if __name__ == "__main__":
    main()
