"""Draw the pictures of the programme «Sức khỏe và dinh dưỡng gia đình».

Run from anywhere: python tools/pictures/suc-khoe-gia-dinh.py
Uses only Pillow; the output is deterministic (no randomness).
"""

import math
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[2]
PROG = ROOT / "content" / "suc-khoe-gia-dinh"
NUTRITION = PROG / "01-dinh-duong" / "media"
PREVENTION = PROG / "02-phong-benh" / "media"

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"

S = 2  # drawn at twice the size, then reduced: smooth edges

BG = (255, 248, 236)
INK = (40, 40, 48)
GREY = (150, 150, 150)
GREY_L = (222, 222, 222)
GREY_D = (95, 95, 100)
WHITE = (255, 255, 255)
GREEN = (86, 166, 74)
GREEN_D = (46, 120, 50)
GREEN_L = (190, 228, 170)
YELLOW = (246, 204, 80)
YELLOW_L = (252, 234, 170)
RED = (212, 62, 52)
RED_L = (240, 170, 160)
ORANGE = (242, 148, 40)
BLUE = (52, 124, 200)
BLUE_L = (168, 214, 242)
BLUE_D = (30, 80, 150)
BROWN = (150, 96, 52)
BROWN_L = (214, 170, 120)
SKIN = (238, 194, 156)
SKIN_D = (170, 112, 76)
PINK = (226, 106, 146)
PINK_L = (248, 212, 224)
HL = (150, 210, 245)  # soapy part of the hand

# colours of the four food groups, the same in every picture
G_BOT = YELLOW
G_DAM = (206, 84, 70)
G_BEO = ORANGE
G_VIT = GREEN

_fonts = {}


def font(size, bold=False):
    key = (size, bold)
    if key not in _fonts:
        _fonts[key] = ImageFont.truetype(FONT_BOLD if bold else FONT, size * S)
    return _fonts[key]


class Canvas:
    """A picture drawn in logical pixels, stored at S times the size."""

    def __init__(self, w=960, h=600, bg=BG, mode="RGB"):
        self.w, self.h = w, h
        self.img = Image.new(mode, (w * S, h * S), bg)
        self.d = ImageDraw.Draw(self.img)

    @staticmethod
    def _p(pts):
        return [(x * S, y * S) for x, y in pts]

    def rect(self, x0, y0, x1, y1, fill=None, outline=None, w=0, r=0):
        box = [x0 * S, y0 * S, x1 * S, y1 * S]
        if r:
            self.d.rounded_rectangle(box, r * S, fill=fill, outline=outline, width=w * S)
        else:
            self.d.rectangle(box, fill=fill, outline=outline, width=w * S)

    def ell(self, x0, y0, x1, y1, fill=None, outline=None, w=0):
        self.d.ellipse([x0 * S, y0 * S, x1 * S, y1 * S], fill=fill, outline=outline, width=w * S)

    def circ(self, cx, cy, r, fill=None, outline=None, w=0):
        self.ell(cx - r, cy - r, cx + r, cy + r, fill, outline, w)

    def poly(self, pts, fill=None, outline=None, w=0):
        self.d.polygon(self._p(pts), fill=fill, outline=outline, width=w * S)

    def line(self, pts, fill=INK, w=4):
        self.d.line(self._p(pts), fill=fill, width=int(w * S), joint="curve")

    def cap(self, p0, p1, w, fill):
        """A thick line with round ends."""
        self.line([p0, p1], fill, w)
        self.circ(p0[0], p0[1], w / 2, fill)
        self.circ(p1[0], p1[1], w / 2, fill)

    def arc(self, x0, y0, x1, y1, a0, a1, fill=INK, w=4):
        self.d.arc([x0 * S, y0 * S, x1 * S, y1 * S], a0, a1, fill=fill, width=int(w * S))

    def pie(self, cx, cy, r, a0, a1, fill, outline=None, w=0):
        self.d.pieslice([(cx - r) * S, (cy - r) * S, (cx + r) * S, (cy + r) * S], a0, a1,
                        fill=fill, outline=outline, width=w * S)

    def tw(self, s, size, bold=False):
        return font(size, bold).getlength(s) / S

    def text(self, x, y, s, size=40, bold=False, fill=INK, anchor="la", maxw=None):
        assert size >= 36, f"text too small: {s!r}"
        width = self.tw(s, size, bold)
        if maxw is not None and width > maxw:
            raise ValueError(f"text too wide ({width:.0f} > {maxw}): {s!r}")
        if not (0 <= x - (width if anchor[0] == "r" else width / 2 if anchor[0] == "m" else 0)
                and x + (0 if anchor[0] == "r" else width / 2 if anchor[0] == "m" else width) <= self.w):
            raise ValueError(f"text outside the picture: {s!r}")
        self.d.text((x * S, y * S), s, font=font(size, bold), fill=fill, anchor=anchor)

    def arrow(self, p0, p1, fill=INK, w=8, head=26):
        dx, dy = p1[0] - p0[0], p1[1] - p0[1]
        n = math.hypot(dx, dy)
        ux, uy = dx / n, dy / n
        base = (p1[0] - ux * head, p1[1] - uy * head)
        self.line([p0, base], fill, w)
        self.poly([p1, (base[0] - uy * head * 0.6, base[1] + ux * head * 0.6),
                   (base[0] + uy * head * 0.6, base[1] - ux * head * 0.6)], fill)

    def arrow2(self, p0, p1, fill=INK, w=8, head=26):
        mid = ((p0[0] + p1[0]) / 2, (p0[1] + p1[1]) / 2)
        self.arrow(mid, p1, fill, w, head)
        self.arrow(mid, p0, fill, w, head)

    def carrow(self, cx, cy, r, a0, a1, fill=BLUE_D, w=7, head=22):
        """A curved arrow along a circle, clockwise from a0 to a1 (degrees)."""
        self.arc(cx - r, cy - r, cx + r, cy + r, a0, a1, fill, w)
        a = math.radians(a1)
        px, py = cx + r * math.cos(a), cy + r * math.sin(a)
        tx, ty = -math.sin(a), math.cos(a)
        nx, ny = math.cos(a), math.sin(a)
        self.poly([(px + tx * head * 0.7, py + ty * head * 0.7),
                   (px - tx * head * 0.3 + nx * head * 0.55, py - ty * head * 0.3 + ny * head * 0.55),
                   (px - tx * head * 0.3 - nx * head * 0.55, py - ty * head * 0.3 - ny * head * 0.55)], fill)

    def check(self, cx, cy, r=34):
        self.circ(cx, cy, r, GREEN_D)
        self.line([(cx - r * 0.5, cy + r * 0.02), (cx - r * 0.12, cy + r * 0.4), (cx + r * 0.52, cy - r * 0.38)],
                  WHITE, r * 0.24)

    def cross(self, cx, cy, r=34):
        self.circ(cx, cy, r, RED)
        k = r * 0.42
        self.line([(cx - k, cy - k), (cx + k, cy + k)], WHITE, r * 0.24)
        self.line([(cx - k, cy + k), (cx + k, cy - k)], WHITE, r * 0.24)

    def num(self, cx, cy, n, r=28, fill=BLUE):
        self.circ(cx, cy, r, fill)
        self.text(cx, cy + 1, str(n), 36, True, WHITE, "mm")

    def tag(self, x, y, s, color, size=36, tcolor=INK, anchor="l", pad=12):
        """A rounded label; x is its left edge, centre or right edge, y its middle."""
        w = self.tw(s, size, True) + 2 * pad
        h = size + 2 * pad - 4
        x0 = x if anchor == "l" else x - w / 2 if anchor == "m" else x - w
        self.rect(x0, y - h / 2, x0 + w, y + h / 2, fill=color, r=12)
        self.text(x0 + pad, y, s, size, True, tcolor, "lm")
        return x0, y - h / 2, x0 + w, y + h / 2

    def leaf(self, p0, p1, width, fill=GREEN, vein=GREEN_D):
        (x0, y0), (x1, y1) = p0, p1
        dx, dy = x1 - x0, y1 - y0
        n = math.hypot(dx, dy)
        nx, ny = -dy / n, dx / n
        side1, side2 = [], []
        for i in range(13):
            t = i / 12
            hw = width / 2 * math.sin(math.pi * t)
            cx, cy = x0 + dx * t, y0 + dy * t
            side1.append((cx + nx * hw, cy + ny * hw))
            side2.append((cx - nx * hw, cy - ny * hw))
        self.poly(side1 + side2[::-1], fill)
        self.line([p0, p1], vein, 3)

    def drop(self, cx, cy, r, fill=BLUE, outline=None, w=0):
        pts = [(cx, cy - 2.1 * r)]
        for a in range(-30, 211, 10):
            pts.append((cx + r * math.cos(math.radians(a)), cy + r * math.sin(math.radians(a))))
        self.poly(pts, fill, outline, w)

    def save(self, path):
        path.parent.mkdir(parents=True, exist_ok=True)
        img = self.img.resize((self.w, self.h), Image.LANCZOS).convert("RGB")
        img = img.convert("P", palette=Image.ADAPTIVE, colors=64)
        img.save(path, optimize=True)
        size = path.stat().st_size
        assert size < 120_000, f"{path} is {size} bytes"
        print(f"{path.relative_to(ROOT)}  {size // 1024} KB")


# ---------------------------------------------------------------- small things

def fish(c, cx, cy, L, body=(120, 150, 170), eye=True):
    c.poly([(cx + L * 0.35, cy), (cx + L * 0.6, cy - L * 0.2), (cx + L * 0.6, cy + L * 0.2)], body)
    c.ell(cx - L * 0.45, cy - L * 0.2, cx + L * 0.42, cy + L * 0.2, body)
    if eye:
        c.circ(cx - L * 0.28, cy - L * 0.04, L * 0.045, INK)


def egg(c, cx, cy, r):
    c.ell(cx - r, cy - r * 0.8, cx + r, cy + r * 0.8, WHITE, GREY, 2)
    c.circ(cx + r * 0.05, cy, r * 0.45, YELLOW)


def tofu(c, cx, cy, s):
    for dx, dy in ((-1, -1), (1, -1), (-1, 1), (1, 1)):
        c.rect(cx + dx * s * 0.55 - s / 2, cy + dy * s * 0.55 - s / 2,
               cx + dx * s * 0.55 + s / 2, cy + dy * s * 0.55 + s / 2,
               fill=(250, 236, 200), outline=(200, 170, 120), w=2, r=4)


def rice(c, cx, cy, r):
    c.circ(cx, cy, r, WHITE, GREY_L, 2)
    for i in range(14):
        a = i * 2.4
        rr = r * 0.25 + (i % 4) * r * 0.17
        x, y = cx + rr * math.cos(a), cy + rr * math.sin(a)
        c.ell(x - 6, y - 3, x + 6, y + 3, (236, 232, 220))


def mushroom(c, cx, cy, s):
    c.rect(cx - s * 0.16, cy - s * 0.1, cx + s * 0.16, cy + s * 0.7, fill=(246, 240, 226), outline=GREY, w=3, r=8)
    c.ell(cx - s * 0.3, cy + s * 0.1, cx + s * 0.3, cy + s * 0.22, (236, 228, 210), GREY, 2)
    c.pie(cx, cy, s * 0.6, 180, 360, (236, 224, 196), GREY, 3)
    c.line([(cx - s * 0.6, cy), (cx + s * 0.6, cy)], GREY, 3)


def mosquito(c, cx, cy, s=1.0):
    c.ell(cx - 4 * s, cy - 30 * s, cx + 26 * s, cy - 2 * s, (225, 232, 240), GREY, 2)
    c.ell(cx + 2 * s, cy - 26 * s, cx + 34 * s, cy - 6 * s, (225, 232, 240), GREY, 2)
    for k, (dx, dy) in enumerate(((-16, 22), (-4, 26), (14, 24))):
        knee = (cx + dx * s * 0.6, cy + dy * s * 0.5)
        foot = (cx + dx * s * 1.3, cy + dy * s)
        c.line([(cx, cy), knee, foot], INK, 2.5 * s)
        c.circ(knee[0], knee[1], 2 * s, WHITE)
    c.cap((cx + 4 * s, cy + 2 * s), (cx + 34 * s, cy + 12 * s), 10 * s, INK)
    for t in (0.35, 0.6, 0.85):
        x, y = cx + 4 * s + 30 * s * t, cy + 2 * s + 10 * s * t
        c.line([(x - 2 * s, y - 5 * s), (x + 2 * s, y + 5 * s)], WHITE, 2.5 * s)
    c.circ(cx, cy, 7 * s, INK)
    c.circ(cx - 10 * s, cy - 3 * s, 5 * s, INK)
    c.line([(cx - 13 * s, cy - 2 * s), (cx - 28 * s, cy + 6 * s)], INK, 2 * s)


def larva(c, x, y, s=1.0):
    c.line([(x, y), (x + 5 * s, y + 8 * s), (x, y + 16 * s), (x + 5 * s, y + 24 * s)], (60, 50, 40), 3.5 * s)
    c.circ(x, y, 4 * s, (60, 50, 40))


def thermometer(c, x, y0, y1, w, level, color=RED):
    """A vertical thermometer from y0 to y1; level in 0..1 of the column."""
    c.cap((x, y0 + w / 2), (x, y1 - w), w + 10, GREY_D)
    c.circ(x, y1 - w * 0.6, w * 0.9 + 5, GREY_D)
    c.cap((x, y0 + w / 2), (x, y1 - w), w, WHITE)
    c.circ(x, y1 - w * 0.6, w * 0.9, color)
    top = (y1 - w) - (y1 - w - y0 - w / 2) * level
    c.cap((x, top), (x, y1 - w), w * 0.45, color)
    for i in range(1, 8):
        yy = y0 + w / 2 + (y1 - w - y0 - w / 2) * i / 8
        c.line([(x + w / 2 + 6, yy), (x + w / 2 + 20, yy)], GREY_D, 3)


def warning(c, cx, cy, s=26, fill=RED):
    c.poly([(cx, cy - s), (cx + s * 1.1, cy + s * 0.8), (cx - s * 1.1, cy + s * 0.8)], fill)
    c.line([(cx, cy - s * 0.4), (cx, cy + s * 0.25)], WHITE, s * 0.22)
    c.circ(cx, cy + s * 0.52, s * 0.12, WHITE)


def bubbles(c, pts):
    for x, y, r in pts:
        c.circ(x, y, r, WHITE, BLUE, 2)


# ---------------------------------------------------------------- a hand

FINGER_BASE = [(44, 120), (68, 116), (92, 118), (116, 124)]
FINGER_LEN = [92, 106, 98, 78]


def hand(c, ox, oy, k=1.0, back=False, spread=0.0, soap=()):
    """An upright right hand in a 160 x 240 box at (ox, oy), scaled by k.

    back: seen from the back (nails show); soap: parts drawn as soapy,
    among "palm", "fingers", "gaps", "thumb", "tips".
    """
    sign = -1 if back else 1

    def P(x, y):
        if back:
            x = 160 - x
        return (ox + x * k, oy + y * k)

    fw = 23 * k
    fingers = []
    for i, ((bx, by), L) in enumerate(zip(FINGER_BASE, FINGER_LEN)):
        a = math.radians(spread * (i - 1.5))
        fingers.append((P(bx, by), P(bx + L * math.sin(a), by - L * math.cos(a))))
    thumb = (P(38, 178), P(2, 122))

    # outline first, fill on top: one silhouette with a single outline
    for col, extra in ((SKIN_D, 8 * k), (SKIN, 0)):
        x0, y0 = P(28, 104)
        x1, y1 = P(132, 206)
        xa, xb = sorted((x0, x1))
        c.rect(xa - extra / 2, y0 - extra / 2, xb + extra / 2, y1 + extra / 2, fill=col, r=30 * k)
        x0, _ = P(46, 0)
        x1, _ = P(114, 0)
        xa, xb = sorted((x0, x1))
        c.rect(xa - extra / 2, oy + 190 * k, xb + extra / 2, oy + 240 * k, fill=col)
        if "gaps" in soap and col == SKIN:
            for (b0, t0), (b1, t1) in zip(fingers, fingers[1:]):
                m0 = (b0[0] + (t0[0] - b0[0]) * 0.75, b0[1] + (t0[1] - b0[1]) * 0.75)
                m1 = (b1[0] + (t1[0] - b1[0]) * 0.75, b1[1] + (t1[1] - b1[1]) * 0.75)
                c.poly([b0, m0, m1, b1], HL)
        for b, t in fingers:
            c.cap(b, t, fw + extra, col)
        c.cap(thumb[0], thumb[1], fw * 1.08 + extra, col)

    if "fingers" in soap:
        for b, t in fingers:
            c.cap(b, t, fw, HL)
    if "thumb" in soap:
        c.cap(thumb[0], thumb[1], fw * 1.08, HL)
    if "tips" in soap:
        for b, t in fingers:
            u = ((b[0] - t[0]) * 0.28, (b[1] - t[1]) * 0.28)
            c.cap(t, (t[0] + u[0], t[1] + u[1]), fw, HL)
    if "palm" in soap:
        x0, y0 = P(36, 112)
        x1, y1 = P(124, 198)
        xa, xb = sorted((x0, x1))
        c.rect(xa, y0, xb, y1, fill=HL, r=26 * k)

    # lines between the fingers where they meet the palm
    for (b0, _), (b1, _) in zip(fingers, fingers[1:]):
        mx, my = (b0[0] + b1[0]) / 2, (b0[1] + b1[1]) / 2
        if spread < 4:
            c.line([(mx, my - 34 * k), (mx, my + 2 * k)], SKIN_D, 2.5 * k)
    if back:
        for b, t in fingers:
            u = ((b[0] - t[0]), (b[1] - t[1]))
            n = math.hypot(*u)
            cx, cy = t[0] + u[0] / n * 10 * k, t[1] + u[1] / n * 10 * k
            c.rect(cx - 7 * k, cy - 9 * k, cx + 7 * k, cy + 7 * k, fill=(250, 222, 214), outline=SKIN_D, w=1, r=5 * k)
        # knuckles
        for b, _ in fingers:
            c.arc(b[0] - 8 * k, b[1] - 6 * k, b[0] + 8 * k, b[1] + 6 * k, 200, 340, SKIN_D, 2.5 * k)
    else:
        # palm creases
        c.arc(*_box(P(40, 130), P(150, 200)), 180 if sign > 0 else 270, 270 if sign > 0 else 360, SKIN_D, 3 * k)
        c.arc(*_box(P(60, 150), P(140, 230)), 200, 300, SKIN_D, 3 * k)


def _box(p0, p1):
    return min(p0[0], p1[0]), min(p0[1], p1[1]), max(p0[0], p1[0]), max(p0[1], p1[1])


# ================================================================ course 1

def dia_bon_nhom_chat():
    c = Canvas()
    c.text(30, 20, "Một đĩa ăn đủ chất", 44, True)
    cx, cy = 250, 335
    c.circ(cx, cy, 228, WHITE, GREY, 5)
    c.circ(cx, cy, 200, (245, 245, 245))
    parts = [(-90, 60, G_VIT), (60, 165, G_BOT), (165, 250, G_DAM), (250, 270, G_BEO)]
    for a0, a1, col in parts:
        c.pie(cx, cy, 196, a0, a1, col, WHITE, 5)

    def at(angle, r):
        a = math.radians(angle)
        return cx + r * math.cos(a), cy + r * math.sin(a)

    # vegetables and fruit
    x, y = at(-30, 115)
    c.leaf((x - 60, y + 40), (x + 10, y - 60), 44, (60, 140, 60), (30, 90, 30))
    c.leaf((x - 20, y + 50), (x + 70, y - 10), 44, (160, 214, 110), (60, 130, 50))
    x, y = at(30, 120)
    c.circ(x, y, 30, (225, 70, 50))
    c.leaf((x - 4, y - 26), (x + 20, y - 44), 14, (40, 110, 40), (40, 110, 40))
    x, y = at(-75, 140)
    c.circ(x + 10, y + 10, 24, ORANGE)
    # rice and sweet potato
    x, y = at(110, 115)
    rice(c, x, y, 55)
    x, y = at(150, 155)
    c.ell(x - 30, y - 18, x + 30, y + 18, (160, 90, 140))
    # fish and egg
    x, y = at(195, 120)
    fish(c, x, y, 110, (130, 150, 170))
    x, y = at(230, 115)
    egg(c, x + 8, y + 6, 30)
    # oil
    x, y = at(260, 150)
    c.drop(x, y + 10, 14, (255, 214, 90), (180, 110, 20), 2)

    items = [("Rau, quả", "vitamin, khoáng chất", G_VIT),
             ("Cơm, ngô, khoai", "bột đường", G_BOT),
             ("Thịt, cá, đậu", "đạm", G_DAM),
             ("Dầu, mỡ, vừng", "béo", G_BEO)]
    for i, (name, group, col) in enumerate(items):
        y = 105 + i * 122
        c.circ(528, y + 42, 24, col, WHITE, 3)
        c.text(560, y, name, 38, True, INK, maxw=395)
        c.text(560, y + 50, group, 36, False, GREY_D, maxw=395)
    c.save(NUTRITION / "dia-bon-nhom-chat.png")


def mam_com_gia_dinh():
    c = Canvas()
    cx, cy = 480, 300
    c.circ(cx, cy, 232, (132, 80, 40))
    c.circ(cx, cy, 214, (176, 112, 60))
    # rice bowl
    rice_c = (395, 185)
    c.circ(*rice_c, 70, (90, 140, 200))
    rice(c, rice_c[0], rice_c[1], 58)
    # fish plate
    fish_c = (575, 190)
    c.ell(fish_c[0] - 90, fish_c[1] - 52, fish_c[0] + 90, fish_c[1] + 52, WHITE, GREY, 3)
    fish(c, fish_c[0] - 8, fish_c[1], 118, (130, 70, 30))
    # soup bowl
    soup_c = (470, 330)
    c.circ(*soup_c, 80, (90, 140, 200))
    c.circ(*soup_c, 66, (210, 226, 170))
    for a in range(0, 360, 60):
        r = math.radians(a)
        p0 = (soup_c[0] + 10 * math.cos(r), soup_c[1] + 10 * math.sin(r))
        p1 = (soup_c[0] + 52 * math.cos(r), soup_c[1] + 52 * math.sin(r))
        c.leaf(p0, p1, 22, (70, 150, 60), (40, 100, 40))
    # tofu bowl
    tofu_c = (605, 405)
    c.circ(*tofu_c, 58, WHITE, GREY, 3)
    tofu(c, tofu_c[0], tofu_c[1], 30)
    # bananas
    ban_c = (350, 410)
    c.ell(ban_c[0] - 80, ban_c[1] - 50, ban_c[0] + 80, ban_c[1] + 50, WHITE, GREY, 3)
    for dy in (-18, 0, 18):
        c.arc(ban_c[0] - 60, ban_c[1] - 70 + dy, ban_c[0] + 60, ban_c[1] + 20 + dy, 20, 160, (240, 200, 40), 16)
    # chopsticks
    c.line([(660, 300), (760, 240)], (120, 70, 30), 6)
    c.line([(665, 312), (768, 256)], (120, 70, 30), 6)

    def label(text, col, tx, ty, target, anchor):
        box = c.tag(tx, ty, text, col, anchor=anchor)
        ex = box[2] if anchor == "l" else box[0]
        c.line([(ex, ty), target], INK, 3)
        c.circ(target[0], target[1], 6, INK)

    label("Cơm", G_BOT, 30, 120, (340, 160), "l")
    label("Chuối", G_VIT, 30, 470, (300, 420), "l")
    label("Canh rau", G_VIT, 30, 300, (400, 320), "l")
    label("Cá kho", G_DAM, 930, 110, (640, 175), "r")
    label("Đậu phụ", G_DAM, 930, 470, (640, 420), "r")
    # cooking oil bottle, outside the tray
    c.rect(832, 202, 868, 222, fill=(200, 60, 40), r=4)
    c.rect(815, 220, 885, 350, fill=(252, 220, 110), outline=(180, 120, 30), w=3, r=14)
    c.rect(822, 270, 878, 310, fill=WHITE, r=6)
    c.tag(930, 390, "Dầu ăn", G_BEO, anchor="r")
    c.save(NUTRITION / "mam-com-gia-dinh.png")


def sua_me_va_an_bo_sung():
    c = Canvas()
    # mother, drawn simply
    body = (70, 125, 185)
    sleeve = (52, 98, 156)
    c.rect(200 - 26, 180, 200 + 26, 240, fill=(196, 148, 108))
    c.rect(70, 220, 330, 600, fill=body, r=90)
    c.circ(200, 140, 62, (196, 148, 108))
    c.circ(250, 92, 28, (60, 44, 40))
    c.pie(200, 132, 66, 180, 360, (60, 44, 40))
    c.circ(200, 150, 52, (196, 148, 108))
    # baby in a wrap, head at the mother's breast
    c.ell(120, 290, 330, 385, (252, 232, 170), (200, 170, 100), 4)
    c.circ(150, 320, 42, (214, 168, 130), (170, 120, 90), 3)
    c.arc(112, 282, 188, 358, 190, 290, (80, 60, 50), 7)
    # the arm holding the baby
    c.cap((310, 260), (325, 370), 46, sleeve)
    c.cap((322, 385), (170, 395), 46, sleeve)
    c.circ(150, 392, 22, (196, 148, 108))
    # heart
    hx, hy = 300, 175
    c.circ(hx - 12, hy, 14, PINK)
    c.circ(hx + 12, hy, 14, PINK)
    c.poly([(hx - 25, hy + 5), (hx + 25, hy + 5), (hx, hy + 32)], PINK)

    rows = [("Ngay sau sinh", ["Bú trong 1 giờ đầu"], [PINK]),
            ("0 – 6 tháng", ["Chỉ bú mẹ", "Không cần nước lọc"], [PINK]),
            ("6 tháng – 2 tuổi", ["Bú mẹ và ăn thêm", "Bú đến 2 tuổi hoặc hơn"], [PINK, G_VIT])]
    y = 22
    for i, (head, lines, cols) in enumerate(rows):
        h = 60 + 48 * len(lines)
        c.rect(420, y, 940, y + h, fill=WHITE, outline=GREY_L, w=3, r=16)
        for j, col in enumerate(cols):
            c.rect(420 + j * 16, y, 436 + j * 16, y + h, fill=col)
        c.text(462, y + 14, head, 38, True, PINK if len(cols) == 1 else GREEN_D, maxw=460)
        for j, line in enumerate(lines):
            c.text(462, y + 64 + j * 46, line, 36, False, INK, maxw=460)
        y += h
        if i < len(rows) - 1:
            c.arrow((680, y + 2), (680, y + 40), GREY_D, 7, 20)
            y += 44
    c.save(NUTRITION / "sua-me-va-an-bo-sung.png")


def bat_bot_bon_nhom():
    c = Canvas()
    cx, cy, r = 260, 318, 196
    c.circ(cx, cy + 8, r + 4, (200, 200, 205))
    c.circ(cx, cy, r, WHITE, (90, 140, 200), 10)
    parts = [(-100, 50, (246, 234, 196)), (50, 140, (214, 140, 110)),
             (140, 220, (120, 186, 90)), (220, 260, (250, 190, 80))]
    for a0, a1, col in parts:
        c.pie(cx, cy, r - 22, a0, a1, col, WHITE, 4)
    # some texture
    for i in range(10):
        a = math.radians(-80 + i * 14)
        rr = 60 + (i % 3) * 35
        x, y = cx + rr * math.cos(a), cy + rr * math.sin(a)
        c.circ(x, y, 5, (230, 214, 170))
    for i in range(8):
        a = math.radians(60 + i * 10)
        rr = 70 + (i % 3) * 30
        x, y = cx + rr * math.cos(a), cy + rr * math.sin(a)
        c.circ(x, y, 7, (170, 90, 70))
    for i in range(8):
        a = math.radians(150 + i * 9)
        rr = 70 + (i % 3) * 30
        x, y = cx + rr * math.cos(a), cy + rr * math.sin(a)
        c.circ(x, y, 7, (60, 130, 50))

    def label(text, col, tx, ty, ang, anchor):
        box = c.tag(tx, ty, text, col, anchor=anchor)
        a = math.radians(ang)
        target = (cx + 110 * math.cos(a), cy + 110 * math.sin(a))
        ex = (box[0] + box[2]) / 2
        ey = box[3] if ty < cy else box[1]
        c.line([(ex, ey), target], INK, 3)
        c.circ(target[0], target[1], 6, INK)

    label("Bột gạo", G_BOT, 380, 52, -30, "m")
    label("Thịt, cá, trứng, đậu", G_DAM, 330, 565, 95, "m")
    label("Dầu, mỡ", G_BEO, 100, 52, 240, "m")
    box = c.tag(14, 480, "Rau xanh", G_VIT)
    a = math.radians(185)
    target = (cx + 120 * math.cos(a), cy + 120 * math.sin(a))
    c.line([((box[0] + box[2]) / 2, box[1]), target], INK, 3)
    c.circ(target[0], target[1], 6, INK)

    # spoon tests on the right
    def spoon(y0, thick):
        c.cap((560, y0 + 120), (700, y0 + 90), 18, (150, 150, 160))
        c.ell(680, y0 + 40, 880, y0 + 130, (170, 170, 180))
        c.ell(694, y0 + 52, 866, y0 + 118, (200, 200, 208))
        if thick:
            c.ell(700, y0 + 18, 860, y0 + 112, (246, 234, 196), (210, 190, 140), 3)
            c.ell(730, y0 + 26, 800, y0 + 56, (252, 244, 220))
        else:
            c.ell(700, y0 + 72, 860, y0 + 112, (246, 238, 214), (210, 190, 140), 2)
            for i, (dx, dy) in enumerate(((872, 140), (884, 170), (870, 196))):
                c.drop(dx, y0 + dy, 9 - i, (240, 228, 196), (200, 180, 130), 2)

    spoon(40, True)
    c.check(910, 60)
    c.text(560, 200, "Đặc: tốt", 38, True, GREEN_D)
    spoon(300, False)
    c.cross(910, 320)
    c.text(560, 500, "Loãng: thiếu chất", 38, True, RED)
    c.save(NUTRITION / "bat-bot-bon-nhom.png")


def an_toan_thuc_pham():
    c = Canvas()
    c.line([(480, 0), (480, 600)], GREY_L, 4)
    c.line([(0, 300), (960, 300)], GREY_L, 4)
    # 1. wash
    c.text(240, 20, "Rửa sạch", 40, True, INK, "ma")
    c.rect(150, 80, 260, 110, fill=(150, 150, 160), r=10)
    c.rect(230, 80, 262, 140, fill=(150, 150, 160), r=8)
    c.rect(170, 66, 190, 82, fill=(120, 120, 130))
    for i, x in enumerate((236, 246, 256)):
        c.line([(x, 145), (x - 6, 200)], BLUE, 5)
    c.leaf((170, 270), (250, 180), 60, (70, 150, 60), (40, 100, 40))
    c.leaf((210, 280), (320, 200), 60, (110, 180, 80), (40, 110, 40))
    c.circ(320, 255, 28, (225, 70, 50))
    bubbles(c, [(300, 200, 8), (188, 200, 6), (330, 225, 6)])
    # 2. separate
    c.text(720, 20, "Sống riêng, chín riêng", 36, True, INK, "ma")
    c.rect(520, 100, 700, 270, fill=(226, 188, 130), outline=(170, 130, 80), w=3, r=18)
    c.rect(540, 150, 670, 240, fill=(214, 80, 80), r=20)
    c.line([(560, 180), (650, 170)], (250, 220, 220), 6)
    c.line([(560, 210), (650, 205)], (250, 220, 220), 6)
    c.rect(750, 100, 930, 270, fill=(190, 220, 170), outline=(110, 150, 90), w=3, r=18)
    c.ell(780, 150, 880, 225, (178, 110, 50))
    c.cap((860, 200), (905, 240), 18, (230, 214, 190))
    c.line([(725, 90), (725, 285)], INK, 5)
    # 3. cook thoroughly
    c.text(240, 320, "Nấu chín kỹ", 40, True, INK, "ma")
    for i, x in enumerate((190, 240, 290)):
        c.poly([(x - 22, 585), (x, 535), (x + 22, 585)], ORANGE)
        c.poly([(x - 11, 585), (x, 558), (x + 11, 585)], YELLOW)
    c.rect(140, 430, 340, 530, fill=(100, 100, 110), r=14)
    c.rect(120, 420, 360, 440, fill=(80, 80, 90), r=8)
    for x, y, r in ((190, 410, 12), (240, 400, 16), (290, 412, 10)):
        c.circ(x, y, r, WHITE, BLUE, 2)
    for x in (200, 260):
        c.arc(x - 20, 360, x + 20, 395, 90, 270, GREY, 4)
    # 4. unknown mushrooms
    c.text(720, 320, "Nấm lạ: không ăn", 40, True, INK, "ma")
    mushroom(c, 680, 440, 100)
    mushroom(c, 790, 470, 70)
    c.cross(860, 420, 44)
    c.save(NUTRITION / "an-toan-thuc-pham.png")


def muoi_moi_ngay():
    c = Canvas()
    # teaspoon with salt
    c.cap((60, 330), (220, 290), 20, (160, 160, 170))
    c.ell(200, 240, 380, 340, (170, 170, 180))
    c.ell(214, 252, 366, 328, (200, 200, 208))
    c.pie(290, 300, 66, 180, 360, WHITE, GREY, 2)
    c.ell(224, 290, 356, 318, WHITE)
    for i in range(12):
        x = 240 + (i * 37) % 100
        y = 270 + (i * 17) % 30
        c.circ(x, y, 3, GREY_L)
    c.text(220, 80, "Dưới 5 g", 64, True, RED, "ma")
    c.text(220, 160, "muối mỗi ngày", 38, True, INK, "ma")
    c.text(220, 390, "chưa đầy", 36, False, INK, "ma")
    c.text(220, 436, "1 thìa cà phê", 36, False, INK, "ma")
    c.line([(460, 40), (460, 560)], GREY_L, 4)
    c.text(710, 20, "Muối có cả trong:", 38, True, INK, "ma")
    # fish sauce bottle
    x, y = 590, 200
    c.rect(x - 14, y - 110, x + 14, y - 80, fill=(200, 40, 40), r=4)
    c.rect(x - 10, y - 84, x + 10, y - 56, fill=(120, 70, 30))
    c.rect(x - 38, y - 60, x + 38, y + 60, fill=(150, 90, 30), r=16)
    c.rect(x - 30, y - 20, x + 30, y + 30, fill=YELLOW_L, r=6)
    c.text(x, y + 74, "Nước mắm", 36, True, INK, "ma")
    # seasoning packet
    x, y = 830, 200
    c.rect(x - 60, y - 100, x + 60, y + 60, fill=(250, 200, 60), outline=(200, 140, 20), w=3, r=8)
    c.poly([(x - 60, y - 100), (x + 60, y - 100), (x + 50, y - 86), (x - 50, y - 86)], (220, 160, 40))
    c.circ(x, y - 15, 34, WHITE)
    c.circ(x, y - 15, 20, (240, 140, 40))
    c.text(x, y + 74, "Bột canh", 36, True, INK, "ma")
    # instant noodles
    x, y = 590, 440
    c.rect(x - 75, y - 85, x + 75, y + 45, fill=(220, 60, 50), r=10)
    for i in range(4):
        c.arc(x - 50, y - 60 + i * 14, x + 50, y - 30 + i * 14, 200, 340, YELLOW, 5)
    c.text(x, y + 60, "Mì gói", 36, True, INK, "ma")
    # pickles
    x, y = 830, 440
    c.rect(x - 48, y - 100, x + 48, y - 78, fill=(200, 60, 50), r=6)
    c.rect(x - 55, y - 80, x + 55, y + 45, fill=(225, 240, 230), outline=GREY, w=3, r=14)
    for i, (dx, dy) in enumerate(((-25, -40), (10, -30), (-10, 0), (25, 10), (-28, 25), (15, 30))):
        c.ell(x + dx - 16, y + dy - 9, x + dx + 16, y + dy + 9, (180, 200, 90))
    c.text(x, y + 60, "Dưa muối", 36, True, INK, "ma")
    c.save(NUTRITION / "muoi-moi-ngay.png")


def jar_with_tap(c, x, y, lid=True):
    """A covered water container with a small tap; (x, y) is the bottom centre."""
    c.rect(x - 70, y - 200, x + 70, y, fill=BLUE_L, outline=BLUE_D, w=4, r=26)
    c.rect(x - 66, y - 150, x + 66, y - 4, fill=(120, 180, 230), r=22)
    if lid:
        c.rect(x - 78, y - 218, x + 78, y - 192, fill=BLUE_D, r=10)
        c.rect(x - 20, y - 236, x + 20, y - 214, fill=BLUE_D, r=8)
    c.rect(x + 66, y - 50, x + 100, y - 36, fill=GREY_D, r=4)
    c.rect(x + 88, y - 60, x + 100, y - 20, fill=GREY_D, r=4)


def nuoc_uong_an_toan():
    c = Canvas()
    # 1. boil
    c.rect(50, 400, 270, 440, fill=(70, 70, 80), r=8)
    for x in (100, 160, 220):
        c.poly([(x - 24, 402), (x, 350), (x + 24, 402)], ORANGE)
        c.poly([(x - 12, 402), (x, 374), (x + 12, 402)], YELLOW)
    c.cap((236, 270), (290, 200), 22, (170, 170, 180))
    c.ell(70, 220, 250, 370, (190, 190, 200), GREY_D, 4)
    c.arc(100, 150, 220, 280, 200, 340, GREY_D, 10)
    c.ell(130, 212, 190, 232, GREY_D)
    for x in (270, 305):
        c.arc(x - 20, 110, x + 20, 160, 90, 270, GREY, 5)
        c.arc(x - 20, 70, x + 20, 120, 270, 90, GREY, 5)
    # 2. keep covered
    jar_with_tap(c, 470, 440)
    # 3. pour into a clean cup
    jar_with_tap(c, 740, 300)
    c.line([(832, 282), (832, 400)], BLUE, 8)
    c.poly([(790, 390), (874, 390), (864, 480), (800, 480)], (230, 240, 250), GREY_D, 4)
    c.poly([(797, 420), (868, 420), (864, 476), (800, 476)], BLUE_L)
    # arrows and labels
    c.arrow((310, 300), (370, 300), GREY_D, 8, 24)
    c.arrow((580, 300), (640, 300), GREY_D, 8, 24)
    for x, n, s in ((160, 1, "Đun sôi"), (470, 2, "Đậy nắp"), (790, 3, "Cốc sạch")):
        c.num(x - c.tw(s, 40, True) / 2 - 40, 535, n)
        c.text(x + 20, 535, s, 40, True, INK, "mm")
    c.save(NUTRITION / "nuoc-uong-an-toan.png")


# ================================================================ course 2

def sau_buoc_rua_tay():
    c = Canvas(bg=WHITE)
    steps = [
        ("Lòng bàn tay", dict(soap=("palm",)), "updown"),
        ("Mu bàn tay", dict(back=True, soap=("palm",)), "updown"),
        ("Kẽ ngón tay", dict(spread=12, soap=("gaps",)), "updown"),
        ("Mu ngón tay", dict(back=True, soap=("fingers",)), "leftright"),
        ("Ngón cái", dict(soap=("thumb",)), "turn_thumb"),
        ("Đầu ngón tay", dict(soap=("tips",)), "turn_tips"),
    ]
    for i, (label, kw, motion) in enumerate(steps):
        px, py = (i % 3) * 320, (i // 3) * 300
        c.rect(px + 6, py + 6, px + 314, py + 294, fill=(240, 248, 253), outline=BLUE_L, w=3, r=18)
        c.num(px + 40, py + 40, i + 1)
        k = 0.82
        ox, oy = px + 160 - 80 * k, py + 22
        hand(c, ox, oy, k, **kw)
        if kw["soap"][0] in ("palm", "gaps"):
            bubbles(c, [(ox + 70 * k, oy + 150 * k, 8), (ox + 100 * k, oy + 170 * k, 6), (ox + 85 * k, oy + 125 * k, 5)])
        if motion == "updown":
            c.arrow2((px + 272, py + 90), (px + 272, py + 200), BLUE_D, 7, 22)
        elif motion == "leftright":
            c.arrow2((px + 100, py + 222), (px + 220, py + 222), BLUE_D, 7, 22)
        elif motion == "turn_thumb":
            tx, ty = ox + 18 * k, oy + 150 * k
            c.carrow(tx, ty, 54, 120, 420, BLUE_D, 6, 20)
        else:
            c.carrow(px + 160, py + 60, 58, 200, 500, BLUE_D, 6, 20)
        c.text(px + 160, py + 262, label, 36, True, INK, "mm", maxw=300)
    c.save(PREVENTION / "sau-buoc-rua-tay.png")


def gieng_va_nha_tieu():
    c = Canvas(bg=(214, 236, 250))
    c.rect(0, 400, 960, 600, fill=(150, 200, 110))
    # well
    c.poly([(70, 420), (330, 420), (360, 450), (40, 450)], (190, 190, 190))
    c.rect(110, 300, 290, 425, fill=(200, 200, 205), outline=GREY_D, w=4)
    for y in (340, 380):
        c.line([(110, y), (290, y)], GREY, 3)
    c.ell(110, 285, 290, 315, (150, 150, 155), GREY_D, 4)
    c.rect(96, 262, 304, 292, fill=(90, 110, 140), r=8)
    c.rect(175, 244, 225, 266, fill=(70, 90, 120), r=6)
    c.check(200, 190, 36)
    c.text(200, 480, "Giếng có nắp", 38, True, INK, "ma")
    # latrine
    c.rect(600, 230, 800, 430, fill=(222, 196, 150), outline=(150, 110, 70), w=4)
    c.poly([(580, 235), (700, 160), (820, 235)], (170, 80, 60))
    c.rect(680, 110, 696, 200, fill=GREY_D)
    c.rect(672, 102, 704, 114, fill=GREY_D)
    c.rect(660, 290, 740, 430, fill=(140, 100, 60), r=6)
    c.circ(726, 365, 6, YELLOW)
    c.text(700, 480, "Nhà tiêu kín", 38, True, INK, "ma")
    c.check(700, 60, 36)
    # hand-washing can with soap, next to the latrine
    c.rect(874, 300, 882, 430, fill=(120, 80, 50))
    c.rect(846, 300, 910, 360, fill=BLUE, r=10)
    c.rect(876, 358, 886, 378, fill=GREY_D)
    c.line([(881, 382), (881, 396)], BLUE, 4)
    c.rect(838, 420, 896, 428, fill=(120, 80, 50))
    c.ell(846, 408, 886, 422, PINK)
    c.text(880, 250, "Rửa tay", 36, True, BLUE_D, "ma")
    # distance
    c.arrow2((340, 340), (570, 340), RED, 8, 28)
    c.text(455, 270, "Xa nhau", 40, True, RED, "ma")
    c.save(PREVENTION / "gieng-va-nha-tieu.png")


def chum(c, cx, bottom, lid=True, open_water=False):
    body = (176, 100, 56)
    c.ell(cx - 130, bottom - 250, cx + 130, bottom, body, (120, 64, 30), 4)
    c.rect(cx - 78, bottom - 300, cx + 78, bottom - 220, fill=body)
    c.line([(cx - 78, bottom - 300), (cx - 78, bottom - 228)], (120, 64, 30), 4)
    c.line([(cx + 78, bottom - 300), (cx + 78, bottom - 228)], (120, 64, 30), 4)
    c.ell(cx - 90, bottom - 318, cx + 90, bottom - 282, (150, 84, 44), (120, 64, 30), 4)
    if lid:
        c.ell(cx - 100, bottom - 338, cx + 100, bottom - 296, (110, 80, 50), (70, 50, 30), 4)
        c.rect(cx - 18, bottom - 356, cx + 18, bottom - 322, fill=(70, 50, 30), r=8)
    if open_water:
        c.ell(cx - 76, bottom - 312, cx + 76, bottom - 288, (90, 150, 210))
        # a window cut in the jar to show the larvae in the water
        c.rect(cx - 80, bottom - 210, cx + 80, bottom - 50, fill=(150, 200, 235), outline=(120, 64, 30), w=4, r=20)
        for i, (dx, dy) in enumerate(((-55, -190), (-20, -160), (20, -185), (50, -150),
                                     (-45, -120), (5, -110), (40, -95))):
            larva(c, cx + dx, bottom + dy, 1.3)


def chum_co_nap_va_bo_gay():
    c = Canvas()
    c.line([(480, 30), (480, 570)], GREY_L, 4)
    chum(c, 240, 480, lid=True)
    c.check(400, 110, 40)
    c.text(240, 510, "Đậy kín", 40, True, GREEN_D, "ma")
    chum(c, 720, 480, lid=False, open_water=True)
    mosquito(c, 640, 110, 1.4)
    mosquito(c, 800, 70, 1.2)
    c.cross(880, 140, 40)
    c.text(720, 510, "Để hở: có bọ gậy", 40, True, RED, "ma")
    c.save(PREVENTION / "chum-co-nap-va-bo-gay.png")


def noi_bo_gay():
    c = Canvas()
    c.line([(480, 20), (480, 580)], GREY_L, 4)
    c.line([(20, 300), (940, 300)], GREY_L, 4)
    water = (120, 180, 230)
    # flower vase
    x, y = 240, 225
    for (fx, fy, col) in ((x - 45, y - 170, PINK), (x + 45, y - 180, YELLOW), (x, y - 200, RED)):
        c.line([(fx, fy), (x + (fx - x) * 0.2, y - 110)], GREEN_D, 6)
        c.circ(fx, fy, 24, col)
        c.circ(fx, fy, 9, YELLOW_L)
    c.poly([(x - 60, y - 110), (x + 60, y - 110), (x + 80, y - 20), (x + 55, y + 5), (x - 55, y + 5), (x - 80, y - 20)],
           (120, 160, 200), BLUE_D, 4)
    c.ell(x - 60, y - 122, x + 60, y - 98, water, BLUE_D, 3)
    c.text(x, 236, "Lọ hoa", 38, True, INK, "ma")
    # old tyre lying on the ground with rain water inside
    x, y = 720, 130
    c.ell(x - 160, y - 75, x + 160, y + 85, (40, 40, 45))
    c.ell(x - 150, y - 68, x + 150, y + 72, (70, 70, 76))
    c.ell(x - 90, y - 32, x + 90, y + 42, (90, 150, 200))
    c.ell(x - 90, y - 32, x + 90, y + 8, (40, 40, 45))
    for dx in (-45, 0, 45):
        larva(c, x + dx, y + 10, 0.9)
    c.text(x, 236, "Lốp xe cũ", 38, True, INK, "ma")
    # coconut shell
    x, y = 240, 400
    c.pie(x, y, 110, 0, 180, (120, 80, 40), (80, 50, 20), 4)
    c.ell(x - 106, y - 20, x + 106, y + 20, (110, 70, 35), (80, 50, 20), 4)
    c.ell(x - 92, y - 14, x + 92, y + 14, water)
    c.text(x, 528, "Vỏ dừa", 38, True, INK, "ma")
    # bowl of water under a cupboard leg
    x, y = 720, 430
    c.rect(560, 320, 880, 356, fill=(150, 96, 52))
    c.rect(x - 22, 340, x + 22, y + 10, fill=(130, 80, 40))
    c.pie(x, y, 86, 0, 180, WHITE, GREY, 4)
    c.ell(x - 86, y - 16, x + 86, y + 16, water, GREY, 3)
    c.rect(x - 22, y - 30, x + 22, y + 8, fill=(130, 80, 40))
    c.text(x, 528, "Bát kê chân tủ", 38, True, INK, "ma")
    c.save(PREVENTION / "noi-bo-gay.png")


def nhiet_ke_dau_hieu_canh_bao():
    c = Canvas()
    c.text(110, 20, "Sốt cao", 40, True, RED, "ma")
    thermometer(c, 110, 90, 560, 48, 0.85)
    c.text(240, 20, "Đi viện ngay nếu có:", 40, True, INK)
    signs = ["Đau bụng", "Nôn nhiều", "Chảy máu răng, mũi", "Li bì hoặc vật vã", "Tay chân lạnh", "Tiểu ít"]
    for i, s in enumerate(signs):
        y = 118 + i * 80
        c.rect(240, y - 34, 930, y + 34, fill=WHITE, outline=RED_L, w=3, r=14)
        warning(c, 282, y, 24)
        c.text(330, y, s, 38, True, INK, "lm", maxw=590)
    c.save(PREVENTION / "nhiet-ke-dau-hieu-canh-bao.png")


def phieu_tiem_chung():
    c = Canvas()
    c.rect(40, 40, 610, 570, fill=WHITE, outline=GREY, w=4, r=20)
    c.rect(40, 40, 610, 120, fill=BLUE, r=20)
    c.rect(40, 100, 610, 120, fill=BLUE)
    c.text(325, 80, "Phiếu tiêm chủng", 40, True, WHITE, "mm")
    c.text(70, 150, "Họ tên trẻ:", 36, True, INK)
    c.line([(290, 188), (580, 188)], GREY, 3)
    c.text(70, 230, "Mũi", 36, True, GREY_D)
    c.text(250, 230, "Ngày tiêm", 36, True, GREY_D)
    for i in range(3):
        y = 300 + i * 80
        c.line([(60, y - 28), (590, y - 28)], GREY_L, 3)
        c.text(70, y + 10, str(i + 1), 38, True, INK, "lm")
        for x in (250, 340, 430):
            c.line([(x, y + 30), (x + 70, y + 30)], GREY, 3)
        if i < 2:
            c.check(550, y + 10, 26)
        else:
            c.circ(550, y + 10, 26, None, GREY, 3)
    c.text(325, 522, "Mang theo khi đi tiêm", 36, True, BLUE_D, "mm")
    # calendar with the next appointment
    c.rect(660, 110, 920, 420, fill=WHITE, outline=GREY, w=4, r=16)
    c.rect(660, 110, 920, 170, fill=RED, r=16)
    c.rect(660, 150, 920, 170, fill=RED)
    for x in (720, 860):
        c.rect(x - 8, 90, x + 8, 130, fill=GREY_D, r=6)
    for row in range(4):
        for col in range(5):
            x = 682 + col * 46
            y = 190 + row * 54
            c.rect(x, y, x + 34, y + 38, fill=GREY_L, r=6)
    hx, hy = 682 + 3 * 46 + 17, 190 + 2 * 54 + 19
    c.circ(hx, hy, 34, None, RED, 6)
    c.text(790, 450, "Ngày hẹn", 40, True, RED, "ma")
    c.save(PREVENTION / "phieu-tiem-chung.png")


def baby_face(c, cx, cy, r, eyes="open"):
    c.circ(cx, cy, r, (226, 180, 140), SKIN_D, 3)
    c.arc(cx - r * 0.5, cy - r * 1.1, cx + r * 0.3, cy - r * 0.4, 190, 320, (80, 60, 50), 5)
    if eyes == "open":
        c.circ(cx - r * 0.35, cy - r * 0.05, r * 0.09, INK)
        c.circ(cx + r * 0.35, cy - r * 0.05, r * 0.09, INK)
    else:
        for ex in (-0.35, 0.35):
            c.arc(cx + r * ex - r * 0.16, cy - r * 0.15, cx + r * ex + r * 0.16, cy + r * 0.1, 20, 160, INK, 3)


def dau_hieu_nguy_hiem():
    c = Canvas()
    c.line([(480, 0), (480, 600)], GREY_L, 4)
    c.line([(0, 300), (960, 300)], GREY_L, 4)
    # 1. difficulty breathing: chest pulled in
    c.text(240, 16, "Khó thở", 40, True, INK, "ma")
    c.rect(150, 160, 330, 300, fill=(120, 170, 220), r=40)
    baby_face(c, 240, 120, 50)
    c.ell(228, 140, 252, 160, (110, 90, 160))
    c.arrow((120, 240), (200, 240), RED, 8, 24)
    c.arrow((360, 240), (280, 240), RED, 8, 24)
    for i in range(3):
        c.arc(300 + i * 18, 110, 340 + i * 18, 170, 300, 60, BLUE_D, 4)
    # 2. baby with fever
    c.text(720, 16, "Trẻ nhỏ bị sốt", 40, True, INK, "ma")
    c.ell(560, 150, 800, 270, (252, 232, 170), (200, 170, 100), 3)
    baby_face(c, 620, 170, 52, "closed")
    for i in range(3):
        x = 585 + i * 32
        c.line([(x, 80), (x + 10, 95), (x, 110)], RED, 5)
    thermometer(c, 870, 80, 285, 30, 0.9)
    # 3. diarrhoea and dehydration
    c.text(240, 316, "Tiêu chảy, mất nước", 38, True, INK, "ma")
    c.drop(200, 515, 62, WHITE, BLUE, 6)
    c.poly([(200 + 58 * math.cos(math.radians(a)), 515 + 58 * math.sin(math.radians(a)))
            for a in range(15, 166, 5)], BLUE)
    c.arrow((320, 395), (320, 570), RED, 10, 30)
    # 4. fits or very drowsy
    c.text(720, 316, "Co giật, li bì", 40, True, INK, "ma")
    baby_face(c, 720, 460, 70, "closed")
    for side in (-1, 1):
        x = 720 + side * 110
        c.line([(x, 400), (x + side * 20, 430), (x, 460), (x + side * 20, 490), (x, 520)], RED, 6)
    c.save(PREVENTION / "dau-hieu-nguy-hiem.png")


def goi_115():
    c = Canvas()
    c.rect(90, 30, 370, 570, fill=(50, 54, 64), r=36)
    c.rect(110, 80, 350, 500, fill=(236, 244, 250), r=10)
    c.rect(190, 48, 270, 58, fill=(90, 94, 104), r=5)
    c.circ(230, 535, 18, (90, 94, 104))
    c.text(230, 200, "115", 80, True, INK, "mm")
    c.circ(230, 400, 48, GREEN)
    # phone handset on the green button
    c.arc(196, 366, 264, 434, 115, 245, WHITE, 14)
    c.cap((204, 380), (224, 368), 20, WHITE)
    c.cap((204, 420), (224, 432), 20, WHITE)
    rows = [("Ở đâu?", "thôn, xã, nơi dễ thấy"),
            ("Chuyện gì?", "ai bị gì, có thở không"),
            ("Số của bạn", "để người trực gọi lại")]
    for i, (head, sub) in enumerate(rows):
        y = 70 + i * 170
        c.num(440, y + 30, i + 1, 30, RED)
        c.text(490, y, head, 42, True, INK, maxw=460)
        c.text(490, y + 60, sub, 36, False, GREY_D, maxw=460)
    c.save(PREVENTION / "goi-115.png")


def main():
    dia_bon_nhom_chat()
    mam_com_gia_dinh()
    sua_me_va_an_bo_sung()
    bat_bot_bon_nhom()
    an_toan_thuc_pham()
    muoi_moi_ngay()
    nuoc_uong_an_toan()
    sau_buoc_rua_tay()
    gieng_va_nha_tieu()
    chum_co_nap_va_bo_gay()
    noi_bo_gay()
    nhiet_ke_dau_hieu_canh_bao()
    phieu_tiem_chung()
    dau_hieu_nguy_hiem()
    goi_115()


if __name__ == "__main__":
    main()
