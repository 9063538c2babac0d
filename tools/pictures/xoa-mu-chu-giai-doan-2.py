#!/usr/bin/env python3
"""Draw the pictures of the programme «Xóa mù chữ – Giai đoạn 2».

Deterministic: only Pillow, no randomness, no downloads. Run from anywhere:

    python tools/pictures/xoa-mu-chu-giai-doan-2.py

Every picture is 960×600 (or 800×800), flat colours, thick lines and large
DejaVu Sans text, saved as an optimised palette PNG under 120 KB into the
`media/` folder of its course.
"""
import math
import os

from PIL import Image, ImageDraw, ImageFont

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
PROG = os.path.join(ROOT, "content", "xoa-mu-chu-giai-doan-2")
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_B = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"

W, H = 960, 600
BG = (255, 250, 240)
INK = (40, 44, 52)
WHITE = (255, 255, 255)
RED = (214, 48, 49)
GREEN = (39, 160, 90)
LGREEN = (186, 230, 180)
BLUE = (41, 118, 185)
LBLUE = (190, 222, 245)
SEA = (170, 212, 240)
YELLOW = (253, 210, 90)
LYELLOW = (255, 240, 170)
ORANGE = (235, 130, 40)
LORANGE = (250, 205, 160)
GREY = (170, 175, 180)
LGREY = (225, 225, 222)
BROWN = (150, 95, 50)
LBROWN = (215, 180, 140)
PURPLE = (130, 80, 170)
LPURPLE = (215, 195, 235)
PAPER = (255, 255, 252)
NOTE = (255, 246, 190)
SKIN = (240, 195, 150)

_fonts = {}


def font(size=36, bold=False):
    assert size >= 36, "text in pictures must be at least 36 px"
    key = (size, bold)
    if key not in _fonts:
        _fonts[key] = ImageFont.truetype(FONT_B if bold else FONT, size)
    return _fonts[key]


def new(w=W, h=H, bg=BG):
    img = Image.new("RGB", (w, h), bg)
    return img, ImageDraw.Draw(img)


def text_size(d, s, f):
    b = d.textbbox((0, 0), s, font=f)
    return b[2] - b[0], b[3] - b[1]


def text(d, xy, s, size=36, bold=False, fill=INK, anchor="la"):
    d.text(xy, s, font=font(size, bold), fill=fill, anchor=anchor)


def ctext(d, cx, cy, s, size=36, bold=False, fill=INK):
    d.text((cx, cy), s, font=font(size, bold), fill=fill, anchor="mm")


def label_box(d, cx, cy, s, size=36, bold=False, fill=WHITE, outline=INK, fg=INK, pad=10, width=3):
    f = font(size, bold)
    tw, th = text_size(d, s, f)
    box = (cx - tw / 2 - pad, cy - th / 2 - pad, cx + tw / 2 + pad, cy + th / 2 + pad)
    d.rounded_rectangle(box, radius=10, fill=fill, outline=outline, width=width)
    d.text((cx, cy), s, font=f, fill=fg, anchor="mm")
    return box


def arrow(d, p1, p2, fill=INK, width=6, head=20):
    x1, y1 = p1
    x2, y2 = p2
    ang = math.atan2(y2 - y1, x2 - x1)
    bx, by = x2 - head * math.cos(ang), y2 - head * math.sin(ang)
    d.line((x1, y1, bx, by), fill=fill, width=width)
    left = (bx + head * 0.6 * math.sin(ang), by - head * 0.6 * math.cos(ang))
    right = (bx - head * 0.6 * math.sin(ang), by + head * 0.6 * math.cos(ang))
    d.polygon([(x2, y2), left, right], fill=fill)


def cross(d, cx, cy, r=40, fill=RED, width=12):
    d.line((cx - r, cy - r, cx + r, cy + r), fill=fill, width=width)
    d.line((cx - r, cy + r, cx + r, cy - r), fill=fill, width=width)


def check(d, cx, cy, r=40, fill=GREEN, width=12):
    d.line((cx - r, cy, cx - r / 3, cy + r * 0.7, cx + r, cy - r * 0.7), fill=fill, width=width, joint="curve")


def save(img, course, name):
    folder = os.path.join(PROG, course, "media")
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, name)
    out = img.convert("P", palette=Image.ADAPTIVE, colors=32)
    out.save(path, optimize=True)
    size = os.path.getsize(path)
    assert size <= 120 * 1024, (path, size)
    print(f"{os.path.relpath(path, ROOT)}  {size // 1024} KB")


# ---------------------------------------------------------------- Tiếng Việt
TV = "01-tieng-viet"


def y_chinh():
    img, d = new()
    text(d, (60, 30), "Đoạn văn", 40, True)
    d.rounded_rectangle((40, 90, 560, 560), 16, fill=PAPER, outline=INK, width=4)
    ys = [130, 215, 300, 385, 470]
    for i, y in enumerate(ys):
        fill = YELLOW if i == 0 else LGREY
        d.rounded_rectangle((80, y, 520, y + 50), 12, fill=fill, outline=INK if i == 0 else GREY, width=3)
        ctext(d, 115, y + 25, str(i + 1), 36, True)
    # main idea label
    label_box(d, 780, 155, "Ý chính", 44, True, fill=YELLOW)
    arrow(d, (660, 155), (530, 155), width=7)
    # details bracket
    d.line((575, 215, 600, 215, 600, 520, 575, 520), fill=INK, width=5)
    label_box(d, 780, 430, "Chi tiết", 40, True, fill=LGREY)
    d.line((600, 400, 660, 430), fill=INK, width=5)
    arrow(d, (780, 385), (780, 205), fill=GREEN, width=7)
    text(d, (800, 295), "làm rõ", 36, False, GREEN, "lm")
    save(img, TV, "y-chinh.png")


def giay_nhan_tin():
    img, d = new()
    d.polygon([(40, 40), (560, 30), (575, 570), (50, 580)], fill=NOTE, outline=INK)
    d.line((40, 40, 560, 30, 575, 570, 50, 580, 40, 40), fill=INK, width=4)
    lines = [
        (1, 95, "8 giờ sáng, 12/3", False),
        (2, 180, "Anh Tư ơi,", True),
        (3, 265, "Chiều nay 2 giờ,", False),
        (None, 320, "thôn họp ở", False),
        (None, 375, "nhà văn hóa.", False),
        (4, 490, "Em: Hoa", True),
    ]
    colors = {1: ORANGE, 2: BLUE, 3: GREEN, 4: PURPLE}
    for n, y, s, b in lines:
        x = 330 if n == 4 else 130
        text(d, (x, y), s, 38, b, INK, "lm")
        if n:
            d.ellipse((70, y - 24, 118, y + 24), fill=colors[n])
            ctext(d, 94, y, str(n), 36, True, WHITE)
    labels = [(1, 95, "Thời gian"), (2, 180, "Gửi ai"), (3, 320, "Nội dung"), (4, 490, "Người viết")]
    for n, y, s in labels:
        d.ellipse((620, y - 28, 676, y + 28), fill=colors[n])
        ctext(d, 648, y, str(n), 38, True, WHITE)
        text(d, (695, y), s, 40, True, colors[n], "lm")
    d.line((600, 265, 610, 265, 610, 380, 600, 380), fill=GREEN, width=5)
    save(img, TV, "giay-nhan-tin.png")


def bo_cuc_don():
    img, d = new(800, 800)
    d.rectangle((40, 20, 760, 780), fill=PAPER, outline=INK, width=4)
    rows = [
        ("c", "Quốc hiệu", True, LBLUE),
        ("c", "Tiêu ngữ", False, LBLUE),
        ("r", "Nơi viết, ngày viết", False, LGREY),
        ("c", "TÊN ĐƠN", True, YELLOW),
        ("l", "Kính gửi: ...", True, LORANGE),
        ("l", "Thông tin người viết", False, LGREEN),
        ("l", "Lý do", False, LGREEN),
        ("l", "Đề nghị", False, LGREEN),
        ("l", "Lời cảm ơn", False, LGREEN),
        ("r", "Chữ ký, họ tên", True, LPURPLE),
    ]
    y = 62
    for align, s, b, col in rows:
        f = font(36, b)
        tw, th = text_size(d, s, f)
        if align == "c":
            x0 = 400 - tw / 2
        elif align == "r":
            x0 = 720 - tw - 20
        else:
            x0 = 100
        d.rounded_rectangle((x0 - 16, y - 28, x0 + tw + 16, y + 28), 10, fill=col, outline=INK, width=2)
        d.text((x0, y), s, font=f, fill=INK, anchor="lm")
        if s == "Tiêu ngữ":
            d.line((x0, y + 22, x0 + tw, y + 22), fill=INK, width=3)
        if align == "l":
            d.line((x0 + tw + 30, y + 14, 720, y + 14), fill=GREY, width=3)
        y += 72
    # signature squiggle
    d.line((500, 765, 525, 748, 545, 770, 570, 746, 595, 768, 640, 752), fill=BLUE, width=4, joint="curve")
    save(img, TV, "bo-cuc-don.png")


def phone_body(d, box, screen_fill=WHITE):
    x0, y0, x1, y1 = box
    d.rounded_rectangle(box, 40, fill=(50, 55, 65))
    d.rounded_rectangle((x0 + 16, y0 + 50, x1 - 16, y1 - 40), 14, fill=screen_fill)
    d.ellipse(((x0 + x1) / 2 - 8, y0 + 18, (x0 + x1) / 2 + 8, y0 + 34), fill=(120, 125, 135))
    return (x0 + 16, y0 + 50, x1 - 16, y1 - 40)


def tin_nhan():
    img, d = new()
    sx0, sy0, sx1, sy1 = phone_body(d, (30, 10, 490, 590), (236, 240, 245))
    d.rectangle((sx0, sy0, sx1, sy0 + 60), fill=BLUE)
    text(d, (sx0 + 20, sy0 + 30), "Cô Mai", 36, True, WHITE, "lm")
    lines = ["Chào cô Mai,", "em là Hương.", "Tối nay em sốt,", "xin nghỉ học.", "Em cảm ơn cô ạ."]
    top = sy0 + 90
    d.rounded_rectangle((sx0 + 14, top, sx1 - 14, top + 5 * 66 + 30), 22, fill=(200, 240, 200), outline=GREEN, width=3)
    ys = []
    for i, s in enumerate(lines):
        y = top + 48 + i * 66
        ys.append(y)
        text(d, (sx0 + 36, y), s, 36, False, INK, "lm")
    labels = [("Chào hỏi", ys[0], ORANGE), ("Mình là ai", ys[1], BLUE),
              ("Nội dung", (ys[2] + ys[3]) / 2, GREEN), ("Cảm ơn", ys[4], PURPLE)]
    for s, y, col in labels:
        ly = y
        arrow(d, (640, ly), (470, y), fill=col, width=6)
        label_box(d, 775, ly, s, 38, True, fill=WHITE, outline=col, fg=col)
    d.line((455, ys[2], 462, ys[2], 462, ys[3], 455, ys[3]), fill=GREEN, width=5)
    save(img, TV, "tin-nhan-lich-su.png")


def thong_bao():
    img, d = new()
    d.rectangle((20, 20, 530, 580), fill=PAPER, outline=INK, width=4)
    rows = [
        (70, "UBND XÃ TÂN LẬP", True, INK, LBLUE),
        (145, "THÔNG BÁO", True, RED, None),
        (220, "Tiêm chủng trẻ em", False, INK, LYELLOW),
        (305, "7 giờ 30, ngày 10/4", False, INK, LORANGE),
        (390, "Trạm Y tế xã", False, INK, LGREEN),
        (475, "Mang sổ tiêm chủng", False, INK, LPURPLE),
    ]
    for y, s, b, fg, hl in rows:
        f = font(38 if b else 36, b)
        tw, th = text_size(d, s, f)
        if hl:
            d.rounded_rectangle((275 - tw / 2 - 14, y - 30, 275 + tw / 2 + 14, y + 30), 8, fill=hl)
        d.text((275, y), s, font=f, fill=fg, anchor="mm")
    # signature and red seal
    d.line((330, 545, 350, 525, 370, 550, 395, 522, 420, 548), fill=BLUE, width=4, joint="curve")
    d.ellipse((400, 515, 495, 572), outline=RED, width=4)
    labels = [
        (70, "Ai ra thông báo?", BLUE),
        (220, "Việc gì?", (180, 140, 0)),
        (305, "Khi nào?", ORANGE),
        (390, "Ở đâu?", GREEN),
        (475, "Mang gì?", PURPLE),
    ]
    for y, s, col in labels:
        arrow(d, (595, y), (540, y), fill=col, width=6, head=18)
        text(d, (603, y), s, 36, True, col, "lm")
    save(img, TV, "thong-bao-xa.png")


# ---------------------------------------------------------------------- Toán
TOAN = "02-toan"


def bang_nhan():
    img, d = new(800, 800)
    n, cell, x0, y0 = 10, 76, 20, 20
    hr, hc = 3, 4
    for r in range(n):
        for c in range(n):
            box = (x0 + c * cell, y0 + r * cell, x0 + (c + 1) * cell, y0 + (r + 1) * cell)
            if r == 0 or c == 0:
                fill = LBLUE
            else:
                fill = WHITE
            if (r == hr and c <= hc) or (c == hc and r <= hr):
                fill = LYELLOW
            if r == hr and c == hc:
                fill = YELLOW
            d.rectangle(box, fill=fill, outline=GREY, width=2)
            cx, cy = box[0] + cell / 2, box[1] + cell / 2
            if r == 0 and c == 0:
                ctext(d, cx, cy, "×", 44, True, RED)
            elif r == 0:
                ctext(d, cx, cy, str(c), 38, True, BLUE)
            elif c == 0:
                ctext(d, cx, cy, str(r), 38, True, BLUE)
            else:
                ctext(d, cx, cy, str(r * c), 36, r == hr and c == hc, INK)
    bx = x0 + hc * cell
    by = y0 + hr * cell
    d.ellipse((bx + 4, by + 4, bx + cell - 4, by + cell - 4), outline=RED, width=6)
    d.rectangle((x0, y0, x0 + n * cell, y0 + n * cell), outline=INK, width=4)
    d.line((x0 + cell, y0, x0 + cell, y0 + n * cell), fill=INK, width=4)
    d.line((x0, y0 + cell, x0 + n * cell, y0 + cell), fill=INK, width=4)
    save(img, TOAN, "bang-nhan.png")


def egg(d, cx, cy, r=17):
    d.ellipse((cx - r, cy - r * 1.25, cx + r, cy + r * 1.25), fill=(250, 240, 220), outline=BROWN, width=3)


def vi_trung():
    img, d = new()
    for t in range(3):
        x0 = 40 + t * 300
        d.rounded_rectangle((x0, 140, x0 + 280, 320), 18, fill=LBROWN, outline=BROWN, width=4)
        for r in range(2):
            for c in range(5):
                egg(d, x0 + 40 + c * 50, 190 + r * 80)
        ctext(d, x0 + 140, 90, "10 quả", 38, True, BROWN)
    for t in range(3):
        ctext(d, 40 + t * 300 + 140, 370, f"vỉ {t + 1}", 36, False, INK)
    ctext(d, 480, 500, "10 × 3 = 30", 72, True, RED)
    save(img, TOAN, "vi-trung.png")


def mango(d, cx, cy, s=1.0):
    d.ellipse((cx - 22 * s, cy - 16 * s, cx + 22 * s, cy + 16 * s), fill=(250, 190, 40), outline=(190, 120, 20), width=3)
    d.line((cx + 16 * s, cy - 12 * s, cx + 24 * s, cy - 22 * s), fill=GREEN, width=4)


def chia_deu():
    img, d = new()
    for i in range(12):
        mango(d, 150 + i * 60, 70)
    ctext(d, 480, 130, "12 quả xoài", 38, True, INK)
    for b in range(3):
        cx = 180 + b * 300
        arrow(d, (480, 160), (cx, 235), fill=GREY, width=5)
        d.polygon([(cx - 120, 300), (cx + 120, 300), (cx + 95, 400), (cx - 95, 400)], fill=LBROWN, outline=BROWN)
        d.line((cx - 120, 300, cx + 120, 300), fill=BROWN, width=6)
        for k in range(4):
            mango(d, cx - 75 + k * 50, 285)
        ctext(d, cx, 352, "4 quả", 36, True, BROWN)
        ctext(d, cx, 440, f"người {b + 1}", 36, False, INK)
    ctext(d, 480, 540, "12 : 3 = 4", 72, True, RED)
    save(img, TOAN, "chia-deu.png")


def frac(d, cx, cy, num, den, size=48, fill=INK):
    f = font(size, True)
    ctext(d, cx, cy - size * 0.62, str(num), size, True, fill)
    tw, _ = text_size(d, str(den), f)
    d.line((cx - max(tw, 30) / 2 - 8, cy, cx + max(tw, 30) / 2 + 8, cy), fill=fill, width=5)
    ctext(d, cx, cy + size * 0.62, str(den), size, True, fill)


def phan_so_tron():
    img, d = new()
    specs = [(2, 1, "một nửa"), (4, 1, "một phần tư"), (4, 3, "ba phần tư")]
    for i, (den, num, word) in enumerate(specs):
        cx, cy, r = 165 + i * 315, 200, 130
        box = (cx - r, cy - r, cx + r, cy + r)
        d.ellipse(box, fill=WHITE)
        for k in range(den):
            a0 = -90 + k * 360 / den
            col = ORANGE if k < num else WHITE
            d.pieslice(box, a0, a0 + 360 / den, fill=col, outline=INK, width=4)
        d.ellipse(box, outline=INK, width=5)
        frac(d, cx, 430, num, den, 52, RED)
        ctext(d, cx, 545, word, 38, True, INK)
    save(img, TOAN, "phan-so-hinh-tron.png")


def phan_so_ruong():
    img, d = new()
    ctext(d, 480, 45, "Thửa ruộng 1.000 m²", 44, True, INK)
    x0, y0, w, h = 60, 100, 840, 300
    for k in range(4):
        box = (x0 + k * w / 4, y0, x0 + (k + 1) * w / 4, y0 + h)
        d.rectangle(box, fill=GREEN if k == 0 else LGREEN, outline=INK, width=4)
        cx = (box[0] + box[2]) / 2
        frac(d, cx, y0 + h / 2, 1, 4, 48, WHITE if k == 0 else INK)
    d.rectangle((x0, y0, x0 + w, y0 + h), outline=INK, width=6)
    ctext(d, x0 + w / 8, y0 + h + 40, "250 m²", 40, True, GREEN)
    ctext(d, 480, 540, "1.000 : 4 = 250 m²", 56, True, RED)
    save(img, TOAN, "phan-so-thua-ruong.png")


def phan_tram():
    img, d = new()
    cell, x0, y0 = 46, 40, 40
    for r in range(10):
        for c in range(10):
            box = (x0 + c * cell, y0 + r * cell, x0 + (c + 1) * cell, y0 + (r + 1) * cell)
            d.rectangle(box, fill=ORANGE if r == 0 else WHITE, outline=GREY, width=2)
    d.rectangle((x0, y0, x0 + 10 * cell, y0 + 10 * cell), outline=INK, width=4)
    ctext(d, x0 + 5 * cell, 540, "10 ô trong 100 ô = 10%", 38, True, ORANGE)
    # price tag
    tag = [(560, 120), (900, 120), (930, 300), (900, 480), (560, 480)]
    d.polygon(tag, fill=LYELLOW, outline=INK)
    d.line(tag + [tag[0]], fill=INK, width=4)
    d.ellipse((880, 285, 910, 315), fill=BG, outline=INK, width=3)
    ctext(d, 725, 170, "200.000 đồng", 38, False, INK)
    d.line((600, 172, 850, 168), fill=RED, width=5)
    ctext(d, 725, 240, "Giảm 10%", 44, True, RED)
    ctext(d, 725, 305, "− 20.000", 38, False, INK)
    ctext(d, 725, 380, "Còn", 36, False, INK)
    ctext(d, 725, 430, "180.000 đồng", 40, True, GREEN)
    save(img, TOAN, "phan-tram-luoi.png")


def dien_tich():
    img, d = new()
    ctext(d, 480, 40, "Chiều dài × chiều rộng", 40, True, INK)
    u = 22
    x0, y0 = 160, 100
    w, h = 20 * u, 15 * u
    d.rectangle((x0, y0, x0 + w, y0 + h), fill=LGREEN)
    for i in range(21):
        d.line((x0 + i * u, y0, x0 + i * u, y0 + h), fill=GREEN, width=1)
    for j in range(16):
        d.line((x0, y0 + j * u, x0 + w, y0 + j * u), fill=GREEN, width=1)
    d.rectangle((x0, y0, x0 + u, y0 + u), fill=YELLOW)
    d.rectangle((x0, y0, x0 + w, y0 + h), outline=INK, width=5)
    # dimension marks
    arrow(d, (x0 + w / 2 - 60, y0 + h + 30), (x0, y0 + h + 30), width=4, head=14)
    arrow(d, (x0 + w / 2 + 60, y0 + h + 30), (x0 + w, y0 + h + 30), width=4, head=14)
    ctext(d, x0 + w / 2, y0 + h + 30, "20 m", 36, True)
    arrow(d, (x0 - 18, y0 + h / 2 - 30), (x0 - 18, y0), width=4, head=14)
    arrow(d, (x0 - 18, y0 + h / 2 + 30), (x0 - 18, y0 + h), width=4, head=14)
    ctext(d, x0 - 85, y0 + h / 2, "15 m", 36, True)
    # 1 m² inset
    d.rectangle((700, 150, 820, 270), fill=YELLOW, outline=INK, width=4)
    ctext(d, 760, 210, "1 m²", 38, True)
    ctext(d, 760, 300, "cạnh 1 m", 36, False)
    arrow(d, (690, 190), (x0 + u + 4, y0 + u / 2), fill=ORANGE, width=4, head=14)
    ctext(d, 480, 545, "20 × 15 = 300 m²", 60, True, RED)
    save(img, TOAN, "dien-tich-ruong.png")


# ------------------------------------------------------------------ Khoa học
KH = "03-khoa-hoc"


def lam_sach_nuoc():
    img, d = new()
    xs = [120, 360, 600, 840]
    names = ["Để lắng", "Lọc", "Đun sôi", "Đậy kín"]
    for i, (cx, s) in enumerate(zip(xs, names)):
        d.ellipse((cx - 26, 20, cx + 26, 72), fill=BLUE)
        ctext(d, cx, 46, str(i + 1), 36, True, WHITE)
        ctext(d, cx, 440, s, 40, True, INK)
        if i < 3:
            arrow(d, (cx + 80, 250), (cx + 160, 250), fill=GREY, width=8, head=22)
    # 1 settling jar
    cx = xs[0]
    d.polygon([(cx - 70, 130), (cx + 70, 130), (cx + 85, 190), (cx + 75, 370), (cx - 75, 370), (cx - 85, 190)], fill=LBLUE, outline=INK)
    d.rectangle((cx - 74, 330, cx + 74, 368), fill=LBROWN)
    d.line([(cx - 70, 130), (cx + 70, 130), (cx + 85, 190), (cx + 75, 370), (cx - 75, 370), (cx - 85, 190), (cx - 70, 130)], fill=INK, width=4)
    # 2 filter column
    cx = xs[1]
    layers = [(LGREY, "sỏi"), (LYELLOW, "cát"), ((70, 70, 70), "than")]
    d.rectangle((cx - 60, 110, cx + 60, 320), fill=LBLUE, outline=INK, width=4)
    for k, (col, _) in enumerate(layers):
        d.rectangle((cx - 57, 170 + k * 50, cx + 57, 218 + k * 50), fill=col)
    for k in range(5):
        for j in range(4):
            if k % 2 == j % 2:
                d.ellipse((cx - 50 + j * 28, 176 + k * 8, cx - 38 + j * 28, 186 + k * 8), fill=GREY)
    d.polygon([(cx - 20, 320), (cx + 20, 320), (cx, 345)], fill=INK)
    for k in range(2):
        d.ellipse((cx - 8, 355 + k * 26, cx + 8, 375 + k * 26), fill=BLUE)
    # 3 pot on fire
    cx = xs[2]
    d.rectangle((cx - 85, 200, cx + 85, 320), fill=GREY, outline=INK, width=4)
    d.rectangle((cx - 100, 195, cx + 100, 212), fill=(120, 120, 120))
    for k in range(3):
        d.ellipse((cx - 60 + k * 50, 150 - k % 2 * 20, cx - 40 + k * 50, 170 - k % 2 * 20), outline=BLUE, width=4)
    for k in range(3):
        fx = cx - 55 + k * 55
        d.polygon([(fx - 22, 380), (fx, 325), (fx + 22, 380)], fill=ORANGE)
        d.polygon([(fx - 10, 380), (fx, 350), (fx + 10, 380)], fill=YELLOW)
    # 4 closed bottle
    cx = xs[3]
    d.rounded_rectangle((cx - 60, 170, cx + 60, 370), 20, fill=LBLUE, outline=INK, width=4)
    d.rectangle((cx - 30, 130, cx + 30, 172), fill=LBLUE, outline=INK, width=4)
    d.rectangle((cx - 38, 110, cx + 38, 138), fill=RED, outline=INK, width=3)
    check(d, cx, 270, 35, GREEN, 10)
    d.rounded_rectangle((90, 500, 870, 575), 14, fill=LYELLOW, outline=ORANGE, width=3)
    ctext(d, 480, 537, "Chỉ đun sôi mới diệt được vi khuẩn", 38, True, RED)
    save(img, KH, "lam-sach-nuoc.png")


def dia_an():
    img, d = new()
    cx, cy, r = 265, 300, 225
    d.ellipse((cx - r - 18, cy - r - 18, cx + r + 18, cy + r + 18), fill=WHITE, outline=GREY, width=4)
    box = (cx - r, cy - r, cx + r, cy + r)
    d.pieslice(box, 90, 270, fill=(120, 200, 110), outline=INK, width=4)
    d.pieslice(box, 270, 360, fill=LYELLOW, outline=INK, width=4)
    d.pieslice(box, 0, 90, fill=(240, 150, 130), outline=INK, width=4)
    ctext(d, cx - 110, cy - 25, "Rau,", 40, True)
    ctext(d, cx - 110, cy + 25, "quả", 40, True)
    ctext(d, cx + 95, cy - 110, "Cơm", 40, True)
    ctext(d, cx + 95, cy + 85, "Thịt, cá,", 36, True)
    ctext(d, cx + 95, cy + 130, "đậu", 36, True)
    # glass of water
    d.polygon([(540, 50), (610, 50), (600, 170), (550, 170)], fill=LBLUE, outline=INK)
    d.line([(540, 50), (610, 50), (600, 170), (550, 170), (540, 50)], fill=INK, width=4)
    ctext(d, 575, 205, "Nước", 36, True, BLUE)
    # small bowl of oil and peanuts
    d.chord((500, 420, 640, 540), 0, 180, fill=LBROWN, outline=INK, width=4)
    d.line((500, 480, 640, 480), fill=INK, width=4)
    ctext(d, 570, 455, "Dầu", 36, True, BROWN)
    # legend
    leg = [((120, 200, 110), ["Vitamin,", "chất khoáng"]), (LYELLOW, ["Bột đường"]),
           ((240, 150, 130), ["Chất đạm"]), (LBROWN, ["Chất béo", "(ăn ít)"])]
    y = 70
    for col, lines in leg:
        d.rectangle((665, y - 20, 705, y + 20), fill=col, outline=INK, width=3)
        for k, s in enumerate(lines):
            text(d, (720, y + k * 46), s, 36, k == 0, INK, "lm")
        y += 46 * len(lines) + 44
    save(img, KH, "dia-an-can-doi.png")


def socket(d, cx, cy, s=1.0):
    d.rounded_rectangle((cx - 60 * s, cy - 60 * s, cx + 60 * s, cy + 60 * s), 14, fill=WHITE, outline=INK, width=4)
    d.ellipse((cx - 30 * s, cy - 12 * s, cx - 14 * s, cy + 12 * s), fill=INK)
    d.ellipse((cx + 14 * s, cy - 12 * s, cx + 30 * s, cy + 12 * s), fill=INK)


def hand(d, x, y, flip=False):
    # simple mitten pointing right (or left)
    sgn = -1 if flip else 1
    pts = [(x, y - 30), (x + sgn * 90, y - 30), (x + sgn * 110, y - 10), (x + sgn * 110, y + 10),
           (x + sgn * 90, y + 30), (x, y + 30)]
    d.polygon(pts, fill=SKIN, outline=INK)
    d.line(pts + [pts[0]], fill=INK, width=3)
    d.rectangle((x - sgn * 40, y - 34, x, y + 34) if not flip else (x, y - 34, x + 40, y + 34), fill=LBLUE, outline=INK, width=3)


def an_toan_dien():
    img, d = new()
    panels = [(0, 0), (480, 0), (0, 300), (480, 300)]
    for px, py in panels:
        d.rounded_rectangle((px + 10, py + 10, px + 470, py + 290), 16, fill=WHITE, outline=GREY, width=3)
    # 1 wet hand to socket
    px, py = panels[0]
    socket(d, px + 300, py + 110)
    hand(d, px + 100, py + 110)
    for k in range(3):
        dx = px + 130 + k * 30
        d.polygon([(dx, py + 150), (dx - 9, py + 168), (dx + 9, py + 168)], fill=BLUE)
        d.ellipse((dx - 9, py + 160, dx + 9, py + 178), fill=BLUE)
    cross(d, px + 400, py + 80, 32)
    ctext(d, px + 240, py + 245, "Tay ướt: không chạm", 36, True, RED)
    # 2 overloaded strip
    px, py = panels[1]
    d.rounded_rectangle((px + 60, py + 130, px + 360, py + 180), 10, fill=WHITE, outline=INK, width=4)
    for k in range(5):
        bx = px + 80 + k * 55
        d.rectangle((bx, py + 80, bx + 40, py + 130), fill=GREY, outline=INK, width=3)
        d.line((bx + 20, py + 80, bx + 20 + (k - 2) * 12, py + 30), fill=INK, width=5)
    d.line((px + 360, py + 155, px + 400, py + 155), fill=INK, width=5)
    d.polygon([(px + 30, py + 120), (px + 52, py + 148), (px + 36, py + 150), (px + 50, py + 182), (px + 22, py + 144), (px + 38, py + 142)], fill=ORANGE)
    cross(d, px + 420, py + 80, 32)
    ctext(d, px + 240, py + 245, "Không cắm quá nhiều", 36, True, RED)
    # 3 damaged wire
    px, py = panels[2]
    d.line((px + 40, py + 120, px + 190, py + 120), fill=(60, 60, 60), width=22)
    d.line((px + 250, py + 120, px + 380, py + 120), fill=(60, 60, 60), width=22)
    d.line((px + 185, py + 120, px + 255, py + 120), fill=(200, 120, 40), width=8)
    for a in range(6):
        ang = a * math.pi / 3
        d.line((px + 220, py + 100, px + 220 + 40 * math.cos(ang), py + 100 + 40 * math.sin(ang) - 20), fill=YELLOW, width=6)
    cross(d, px + 420, py + 80, 32)
    ctext(d, px + 240, py + 245, "Dây hở: không dùng", 36, True, RED)
    # 4 breaker
    px, py = panels[3]
    d.rounded_rectangle((px + 150, py + 40, px + 290, py + 200), 10, fill=LGREY, outline=INK, width=4)
    d.rectangle((px + 195, py + 70, px + 245, py + 170), fill=WHITE, outline=INK, width=3)
    d.rectangle((px + 202, py + 125, px + 238, py + 165), fill=RED, outline=INK, width=3)
    arrow(d, (px + 330, py + 90), (px + 330, py + 170), fill=INK, width=6)
    check(d, px + 410, py + 90, 32)
    ctext(d, px + 240, py + 245, "Sự cố: ngắt cầu dao", 36, True, GREEN)
    save(img, KH, "an-toan-dien.png")


def dien_thoai_bo_phan():
    img, d = new()
    x0, y0, x1, y1 = 340, 30, 620, 570
    d.rounded_rectangle((x0 - 8, 150, x0 + 4, 250), 4, fill=(90, 95, 105))  # volume
    d.rounded_rectangle((x1 - 4, 170, x1 + 8, 240), 4, fill=(90, 95, 105))  # power
    d.rounded_rectangle((x0, y0, x1, y1), 36, fill=(50, 55, 65))
    sx0, sy0, sx1, sy1 = x0 + 14, y0 + 60, x1 - 14, y1 - 50
    d.rounded_rectangle((sx0, sy0, sx1, sy1), 12, fill=LBLUE)
    d.ellipse((500, 42, 520, 62), fill=(20, 20, 30), outline=(140, 140, 150), width=2)  # camera
    d.rounded_rectangle((440, 48, 485, 56), 4, fill=(120, 125, 135))  # speaker
    d.rounded_rectangle((450, y1 - 28, 510, y1 - 14), 6, fill=(20, 20, 30))  # port
    # keyboard on lower screen
    ky = 330
    d.rectangle((sx0, ky, sx1, sy1), fill=WHITE)
    for r in range(4):
        n = 8 if r < 3 else 4
        kw = (sx1 - sx0 - 20) / 8
        for c in range(n):
            kx = sx0 + 10 + c * kw + (kw * 2 if r == 3 else 0)
            w = kw - 6 if r < 3 else kw * 4 - 6
            if r == 3 and c > 0:
                break
            d.rounded_rectangle((kx, ky + 14 + r * 38, kx + w, ky + 44 + r * 38), 5, fill=LGREY, outline=GREY)
    # app icons
    for r in range(2):
        for c in range(3):
            ix = sx0 + 24 + c * 78
            iy = sy0 + 30 + r * 90
            d.rounded_rectangle((ix, iy, ix + 54, iy + 54), 12, fill=[ORANGE, GREEN, PURPLE, RED, BLUE, YELLOW][r * 3 + c])
    left = [("Loa", 80, (455, 52)), ("Nút âm lượng", 200, (x0 - 8, 200)), ("Bàn phím", 420, (sx0 + 30, 420))]
    right = [("Camera", 80, (510, 52)), ("Nút nguồn", 205, (x1 + 8, 205)), ("Màn hình", 300, (sx1 - 30, 300)), ("Cổng sạc", 540, (505, y1 - 20))]
    for s, y, tgt in left:
        text(d, (20, y), s, 36, True, INK, "lm")
        tw, _ = text_size(d, s, font(36, True))
        d.line((28 + tw, y, tgt[0], tgt[1]), fill=RED, width=4)
        d.ellipse((tgt[0] - 7, tgt[1] - 7, tgt[0] + 7, tgt[1] + 7), fill=RED)
    for s, y, tgt in right:
        text(d, (940, y), s, 36, True, INK, "rm")
        tw, _ = text_size(d, s, font(36, True))
        d.line((932 - tw, y, tgt[0], tgt[1]), fill=RED, width=4)
        d.ellipse((tgt[0] - 7, tgt[1] - 7, tgt[0] + 7, tgt[1] + 7), fill=RED)
    text(d, (940, 345), "cảm ứng", 36, True, INK, "rm")
    save(img, KH, "dien-thoai-bo-phan.png")


def may_tinh_bo_phan():
    img, d = new()
    # monitor
    d.rounded_rectangle((220, 60, 640, 340), 14, fill=(50, 55, 65))
    d.rectangle((240, 80, 620, 320), fill=LBLUE)
    d.rectangle((410, 340, 450, 390), fill=GREY)
    d.rounded_rectangle((350, 385, 510, 405), 6, fill=GREY)
    # keyboard
    d.rounded_rectangle((170, 430, 620, 520), 10, fill=LGREY, outline=INK, width=4)
    for r in range(3):
        for c in range(14):
            kx = 185 + c * 30.5
            d.rectangle((kx, 442 + r * 25, kx + 24, 462 + r * 25), fill=WHITE, outline=GREY)
    # mouse
    d.ellipse((660, 440, 720, 530), fill=LGREY, outline=INK, width=4)
    d.line((690, 440, 690, 475), fill=INK, width=3)
    d.line((690, 440, 690, 400, 640, 400), fill=INK, width=3)
    # tower
    d.rounded_rectangle((760, 140, 900, 520), 10, fill=(70, 75, 85))
    d.ellipse((815, 170, 845, 200), fill=GREEN)
    d.rectangle((785, 240, 875, 255), fill=(40, 40, 45))
    # labels
    label_box(d, 130, 130, "Màn hình", 38, True, LYELLOW, INK)
    arrow(d, (130, 160), (250, 200), fill=RED, width=5)
    label_box(d, 830, 85, "Thân máy", 38, True, LYELLOW, INK)
    label_box(d, 395, 560, "Bàn phím", 36, True, LYELLOW, INK)
    arrow(d, (395, 536), (395, 522), fill=RED, width=5, head=12)
    label_box(d, 690, 560, "Chuột", 36, True, LYELLOW, INK)
    save(img, KH, "may-tinh-bo-phan.png")


def bo_nho():
    img, d = new()
    text(d, (40, 50), "Bộ nhớ điện thoại", 42, True, INK, "lm")
    segs = [("Video", 0.44, RED), ("Ảnh", 0.22, BLUE), ("Ứng dụng", 0.26, PURPLE), ("", 0.08, LGREY)]
    x, y0, y1, total = 40, 100, 190, 880
    for s, frac_, col in segs:
        w = total * frac_
        d.rectangle((x, y0, x + w, y1), fill=col)
        if s:
            ctext(d, x + w / 2, (y0 + y1) / 2, s, 36, True, WHITE)
        x += w
    d.rectangle((40, y0, 40 + total, y1), outline=INK, width=4)
    arrow(d, (880, 250), (880, 195), fill=INK, width=5, head=16)
    text(d, (910, 270), "Còn trống ít", 36, True, INK, "rm")
    # cupboard
    cx0, cy0 = 60, 320
    d.rectangle((cx0, cy0, cx0 + 300, cy0 + 250), fill=LBROWN, outline=BROWN, width=5)
    d.line((cx0, cy0 + 125, cx0 + 300, cy0 + 125), fill=BROWN, width=5)
    cols = [RED, BLUE, PURPLE, ORANGE, GREEN, RED, BLUE, YELLOW]
    for k in range(8):
        r, c = divmod(k, 4)
        bx = cx0 + 15 + c * 70
        by = cy0 + 30 + r * 125
        d.rectangle((bx, by, bx + 60, by + 85), fill=cols[k], outline=INK, width=2)
    text(d, (400, 400), "Tủ đầy:", 40, True, INK, "lm")
    text(d, (400, 450), "không cất thêm", 38, False, INK, "lm")
    text(d, (400, 500), "được nữa", 38, False, INK, "lm")
    # trash bin hint
    d.polygon([(800, 400), (900, 400), (890, 540), (810, 540)], fill=GREY, outline=INK)
    d.rectangle((790, 380, 910, 400), fill=GREY, outline=INK, width=3)
    for k in range(3):
        d.line((825 + k * 25, 420, 825 + k * 25, 520), fill=INK, width=3)
    ctext(d, 850, 575, "Xóa bớt", 36, True, RED)
    save(img, KH, "bo-nho.png")


def cloud(d, cx, cy, fill=WHITE):
    for dx, dy, r in [(-90, 20, 60), (-30, -20, 75), (50, -10, 70), (100, 25, 55), (0, 35, 65)]:
        d.ellipse((cx + dx - r, cy + dy - r, cx + dx + r, cy + dy + r), fill=fill, outline=BLUE, width=4)
    for dx, dy, r in [(-90, 20, 56), (-30, -20, 71), (50, -10, 66), (100, 25, 51), (0, 35, 61)]:
        d.ellipse((cx + dx - r, cy + dy - r, cx + dx + r, cy + dy + r), fill=fill)


def small_phone(d, cx, cy, h=130):
    w = h * 0.52
    d.rounded_rectangle((cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2), 12, fill=(50, 55, 65))
    d.rounded_rectangle((cx - w / 2 + 6, cy - h / 2 + 16, cx + w / 2 - 6, cy + h / 2 - 14), 5, fill=LBLUE)


def internet():
    img, d = new()
    small_phone(d, 90, 300, 150)
    ctext(d, 90, 410, "Của bạn", 36, True)
    # tower
    tx = 300
    d.line((tx - 40, 250, tx, 80, tx + 40, 250), fill=INK, width=6)
    d.line((tx - 25, 185, tx + 25, 185), fill=INK, width=4)
    d.line((tx - 15, 130, tx + 15, 130), fill=INK, width=4)
    for r in (30, 55):
        d.arc((tx - r, 80 - r, tx + r, 80 + r), 200, 340, fill=RED, width=5)
    ctext(d, tx, 285, "Cột sóng", 36, True)
    # router
    d.rounded_rectangle((tx - 60, 440, tx + 60, 490), 10, fill=WHITE, outline=INK, width=4)
    d.line((tx - 40, 440, tx - 40, 395), fill=INK, width=5)
    d.line((tx + 40, 440, tx + 40, 395), fill=INK, width=5)
    for k in range(3):
        d.ellipse((tx - 30 + k * 25, 460, tx - 20 + k * 25, 470), fill=GREEN)
    ctext(d, tx, 530, "Wi-Fi", 38, True)
    arrow(d, (130, 270), (240, 190), fill=RED, width=6)
    arrow(d, (130, 330), (235, 450), fill=GREEN, width=6)
    # cloud
    cloud(d, 590, 300)
    ctext(d, 590, 310, "Internet", 40, True, BLUE)
    arrow(d, (350, 180), (480, 255), fill=RED, width=6)
    arrow(d, (370, 455), (490, 360), fill=GREEN, width=6)
    # others
    d.rounded_rectangle((800, 80, 920, 160), 8, fill=(50, 55, 65))
    d.rectangle((810, 90, 910, 150), fill=LBLUE)
    d.polygon([(785, 160), (935, 160), (945, 180), (775, 180)], fill=GREY, outline=INK)
    ctext(d, 860, 215, "Máy tính", 36, True)
    small_phone(d, 840, 410, 130)
    ctext(d, 840, 515, "Điện thoại", 36, True)
    ctext(d, 840, 562, "người khác", 36, False)
    arrow(d, (700, 250), (790, 170), fill=BLUE, width=6)
    arrow(d, (710, 340), (815, 400), fill=BLUE, width=6)
    save(img, KH, "internet.png")


def tiet_kiem():
    img, d = new()
    panels = [(0, 0), (480, 0), (0, 300), (480, 300)]
    for px, py in panels:
        d.rounded_rectangle((px + 10, py + 10, px + 470, py + 290), 16, fill=WHITE, outline=GREY, width=3)
    # 1 bulb off + switch
    px, py = panels[0]
    bx, by = px + 170, py + 110
    d.ellipse((bx - 55, by - 70, bx + 55, by + 40), fill=LGREY, outline=INK, width=4)
    d.rectangle((bx - 28, by + 35, bx + 28, by + 75), fill=GREY, outline=INK, width=3)
    d.rounded_rectangle((px + 300, py + 80, px + 370, py + 190), 10, fill=WHITE, outline=INK, width=4)
    d.rectangle((px + 318, py + 130, px + 352, py + 180), fill=INK)
    ctext(d, px + 335, py + 48, "TẮT", 36, True, RED)
    ctext(d, px + 240, py + 245, "Tắt đèn khi ra ngoài", 36, True, GREEN)
    # 2 unplugged charger
    px, py = panels[1]
    socket(d, px + 110, py + 110, 0.9)
    d.rectangle((px + 230, py + 85, px + 300, py + 135), fill=WHITE, outline=INK, width=4)
    d.line((px + 205, py + 98, px + 230, py + 98), fill=INK, width=6)
    d.line((px + 205, py + 122, px + 230, py + 122), fill=INK, width=6)
    d.line((px + 300, py + 110, px + 360, py + 110, px + 360, py + 60, px + 400, py + 60), fill=INK, width=5)
    arrow(d, (px + 240, py + 170), (px + 330, py + 170), fill=GREEN, width=6)
    ctext(d, px + 240, py + 245, "Sạc xong: rút phích", 36, True, GREEN)
    # 3 air conditioner 26
    px, py = panels[2]
    d.rounded_rectangle((px + 60, py + 50, px + 410, py + 150), 16, fill=WHITE, outline=INK, width=4)
    d.line((px + 80, py + 130, px + 390, py + 130), fill=GREY, width=4)
    d.rounded_rectangle((px + 270, py + 65, px + 390, py + 120), 8, fill=(30, 40, 50))
    ctext(d, px + 330, py + 93, "26°", 38, True, (120, 230, 140))
    for k in range(3):
        d.arc((px + 100 + k * 60, py + 150, px + 140 + k * 60, py + 200), 0, 180, fill=BLUE, width=4)
    ctext(d, px + 240, py + 245, "Điều hòa: từ 26 độ", 36, True, GREEN)
    # 4 pot with lid
    px, py = panels[3]
    d.rectangle((px + 140, py + 100, px + 340, py + 190), fill=GREY, outline=INK, width=4)
    d.chord((px + 130, py + 60, px + 350, py + 140), 180, 360, fill=(120, 120, 125), outline=INK, width=4)
    d.ellipse((px + 225, py + 45, px + 255, py + 70), fill=INK)
    d.line((px + 110, py + 120, px + 140, py + 120), fill=INK, width=6)
    d.line((px + 340, py + 120, px + 370, py + 120), fill=INK, width=6)
    check(d, px + 420, py + 80, 30)
    ctext(d, px + 240, py + 245, "Đậy vung khi nấu", 36, True, GREEN)
    save(img, KH, "tiet-kiem-dien.png")


# ------------------------------------------------------- Lịch sử và Địa lí
LD = "04-lich-su-va-dia-li"

# A deliberately simplified outline of Vietnam's mainland (longitude,
# latitude), clockwise from the far north. It is a schematic, not a survey.
VN = [
    (105.3, 23.35), (106.7, 22.85), (107.4, 22.0), (108.0, 21.55), (107.2, 21.0),
    (106.6, 20.55), (106.0, 19.95), (105.85, 19.3), (105.75, 18.7), (106.5, 17.6),
    (107.2, 16.8), (108.2, 16.1), (108.85, 15.3), (109.2, 13.8), (109.35, 12.6),
    (109.2, 11.9), (108.95, 11.35), (108.1, 10.9), (107.1, 10.4), (106.75, 9.7),
    (105.9, 8.95), (105.0, 8.6), (104.8, 9.5), (105.1, 10.0), (104.5, 10.4),
    (105.2, 10.9), (105.9, 11.0), (106.1, 11.7), (106.9, 11.95), (107.55, 12.3),
    (107.5, 13.2), (107.55, 14.6), (107.25, 15.3), (107.3, 16.0), (106.6, 16.6),
    (106.0, 17.4), (105.2, 18.3), (104.1, 19.2), (104.6, 19.9), (104.0, 20.6),
    (103.2, 20.8), (102.95, 21.4), (102.15, 22.35), (102.9, 22.75), (103.95, 22.55),
    (104.7, 22.85),
]
HAINAN = [(108.65, 19.2), (109.3, 18.3), (110.1, 18.4), (111.0, 19.6), (110.6, 20.1), (109.4, 20.05), (108.7, 19.7)]
SEA_POLY = [(108.0, 21.55), (109.8, 21.55), (110.35, 20.35), (111.3, 21.2), (116.5, 22.8), (118.0, 22.8),
            (118.0, 5.0), (99.0, 5.0), (99.0, 10.2), (103.0, 10.6), (104.5, 10.4)]
HOANG_SA = [(111.6, 16.5), (112.0, 16.85), (112.35, 16.55), (112.7, 16.1), (111.9, 16.1)]
TRUONG_SA = [(112.3, 10.3), (113.2, 10.9), (114.2, 10.4), (114.5, 9.6), (113.4, 9.0), (115.0, 10.8), (112.8, 9.7)]


def proj(lon, lat):
    return 10 + (lon - 99.5) * 44, 40 + (24.5 - lat) * 44


def poly(points):
    return [proj(*p) for p in points]


def vietnam_base(colored=True):
    img, d = new(800, 800, (236, 230, 215))
    coast_rev = []
    # coastline of the mainland from Hà Tiên back up to Móng Cái
    i_mc = VN.index((108.0, 21.55))
    i_ht = VN.index((104.5, 10.4))
    coast_rev = list(reversed(VN[i_mc:i_ht + 1]))
    d.polygon(poly(SEA_POLY + coast_rev[1:]), fill=SEA)
    d.polygon(poly(HAINAN), fill=(236, 230, 215), outline=GREY)
    mask = Image.new("L", img.size, 0)
    ImageDraw.Draw(mask).polygon(poly(VN), fill=255)
    if colored:
        regions = Image.new("RGB", img.size, LYELLOW)              # Trung Bộ
        rd = ImageDraw.Draw(regions)
        rd.polygon(poly([(99, 25), (110, 25), (110, 20.0), (106.1, 19.95), (104.5, 20.5), (103.8, 20.75), (99, 20.9)]), fill=LGREEN)  # Bắc Bộ
        rd.polygon(poly([(99, 12.05), (107.6, 12.05), (107.6, 11.45), (108.0, 10.7), (109, 7), (99, 7)]), fill=(170, 220, 215))  # Nam Bộ
        rd.polygon(poly([(107.0, 15.25), (108.25, 15.3), (108.6, 14.5), (108.85, 13.3), (108.8, 12.5), (108.6, 11.9), (108.2, 11.55), (107.6, 11.45), (107.6, 12.05), (107.0, 12.2)]), fill=LORANGE)  # Tây Nguyên
        img.paste(regions, (0, 0), mask)
    else:
        img.paste(Image.new("RGB", img.size, LGREEN), (0, 0), mask)
    d = ImageDraw.Draw(img)
    d.line(poly(VN + VN[:1]), fill=INK, width=4, joint="curve")
    for lon, lat in HOANG_SA + TRUONG_SA:
        x, y = proj(lon, lat)
        d.ellipse((x - 6, y - 6, x + 6, y + 6), fill=ORANGE, outline=INK)
    return img, d


def compass(d, cx, cy, r=50):
    d.polygon([(cx, cy - r), (cx - 18, cy), (cx + 18, cy)], fill=RED)
    d.polygon([(cx, cy + r), (cx - 18, cy), (cx + 18, cy)], fill=WHITE, outline=INK)
    ctext(d, cx, cy - r - 26, "B", 38, True, RED)


def lead(d, p_text, p_target, col=INK):
    d.line((*p_text, *p_target), fill=col, width=3)
    d.ellipse((p_target[0] - 6, p_target[1] - 6, p_target[0] + 6, p_target[1] + 6), fill=col)


def ban_do_viet_nam():
    img, d = vietnam_base(True)
    # neighbours and sea
    ctext(d, 330, 28, "TRUNG QUỐC", 38, True, (110, 100, 90))
    ctext(d, 190, 300, "LÀO", 38, True, (110, 100, 90))
    ctext(d, 185, 560, "CAM-PU-CHIA", 36, True, (110, 100, 90))
    ctext(d, 600, 500, "BIỂN ĐÔNG", 40, True, BLUE)
    # Hà Nội
    hx, hy = proj(105.85, 21.03)
    star = [(hx + 14 * math.cos(math.radians(-90 + k * 36)) * (1 if k % 2 == 0 else 0.45),
             hy + 14 * math.sin(math.radians(-90 + k * 36)) * (1 if k % 2 == 0 else 0.45)) for k in range(10)]
    d.polygon(star, fill=RED, outline=RED)
    label_box(d, hx + 85, hy + 26, "Hà Nội", 36, True, WHITE, RED, RED, 4, 2)
    # regions
    label_box(d, 225, 112, "Bắc Bộ", 36, True, LGREEN, INK, INK, 6, 2)
    b = label_box(d, 450, 345, "Trung Bộ", 36, True, LYELLOW, INK, INK, 6, 2)
    lead(d, (b[0], 345), proj(106.7, 17.15))
    b = label_box(d, 175, 445, "Tây Nguyên", 36, True, LORANGE, INK, INK, 6, 2)
    lead(d, (b[2], 445), proj(108.0, 13.9))
    b = label_box(d, 140, 700, "Nam Bộ", 36, True, (170, 220, 215), INK, INK, 6, 2)
    lead(d, (b[2], 700), proj(105.5, 9.7))
    # archipelagos
    text(d, (598, proj(113.0, 16.75)[1]), "Hoàng Sa", 36, True, INK, "lm")
    ctext(d, 640, 610, "Trường Sa", 36, True, INK)
    compass(d, 720, 120)
    save(img, LD, "ban-do-viet-nam.png")


def dan_toc_ban_do():
    img, d = vietnam_base(False)
    ctext(d, 620, 40, "54 dân tộc", 44, True, RED)
    b = label_box(d, 560, 150, "Tày, Nùng, Dao", 36, True, WHITE, INK, INK, 6, 2)
    lead(d, (b[0], 150), proj(106.3, 22.4))
    b = label_box(d, 120, 40, "Thái, Mông", 36, True, WHITE, INK, INK, 6, 2)
    lead(d, (140, b[3]), proj(103.6, 21.6))
    b = label_box(d, 110, 250, "Mường", 36, True, WHITE, INK, INK, 6, 2)
    lead(d, (b[2], 250), proj(105.2, 20.75))
    label_box(d, 150, 440, "Ê Đê, Gia Rai,", 36, True, WHITE, INK, INK, 6, 2)
    b = label_box(d, 150, 492, "Ba Na", 36, True, WHITE, INK, INK, 6, 2)
    lead(d, (b[2] + 60, 466), proj(108.05, 13.6))
    d.line((b[2], 466, b[2] + 60, 466), fill=INK, width=3)
    b = label_box(d, 560, 580, "Chăm", 36, True, WHITE, INK, INK, 6, 2)
    lead(d, (b[0], 580), proj(108.85, 11.5))
    b = label_box(d, 110, 660, "Khmer", 36, True, WHITE, INK, INK, 6, 2)
    lead(d, (b[2], 660), proj(105.8, 9.6))
    d.rounded_rectangle((440, 430, 790, 540), 14, fill=LYELLOW, outline=ORANGE, width=3)
    ctext(d, 615, 463, "Người Kinh sống", 36, True, INK)
    ctext(d, 615, 510, "khắp cả nước", 36, True, INK)
    text(d, (598, proj(113.0, 16.75)[1]), "Hoàng Sa", 36, False, INK, "lm")
    ctext(d, 640, 765, "Trường Sa", 36, False, INK)
    save(img, LD, "dan-toc-ban-do.png")


def moc_thoi_xua():
    img, d = new()
    y = 300
    arrow(d, (30, y), (940, y), fill=INK, width=8, head=28)
    items = [
        (122, "Vua Hùng", ["Văn Lang"], True),
        (290, "Năm 40", ["Hai Bà Trưng"], False),
        (480, "Năm 938", ["Ngô Quyền", "Bạch Đằng"], True),
        (670, "Năm 1288", ["Trần Hưng Đạo", "Bạch Đằng"], False),
        (820, "Năm 1789", ["Quang Trung"], True),
    ]
    cols = [GREEN, ORANGE, BLUE, PURPLE, RED]
    for (x, head, lines, up), col in zip(items, cols):
        d.ellipse((x - 18, y - 18, x + 18, y + 18), fill=col, outline=INK, width=3)
        if up:
            ys = [y - 60 - 50 * (len(lines) - k) for k in range(len(lines))]
            hy = ys[0] - 55
            d.line((x, y - 20, x, y - 50), fill=col, width=4)
        else:
            hy = y + 75
            ys = [hy + 55 + 50 * k for k in range(len(lines))]
            d.line((x, y + 20, x, y + 50), fill=col, width=4)
        ctext(d, x, hy, head, 40, True, col)
        for yy, s in zip(ys, lines):
            ctext(d, x, yy, s, 36, False, INK)
    save(img, LD, "moc-thoi-xua.png")


def moc_hien_dai():
    img, d = new()
    items = [("19", "tháng 8", "1945", ["Cách mạng", "tháng Tám"]),
             ("2", "tháng 9", "1945", ["Tuyên ngôn", "Độc lập"]),
             ("7", "tháng 5", "1954", ["Điện Biên", "Phủ"]),
             ("30", "tháng 4", "1975", ["Thống nhất", "đất nước"])]
    for i, (day, month, year, cap) in enumerate(items):
        x0 = 20 + i * 236
        x1 = x0 + 210
        cx = (x0 + x1) / 2
        d.rounded_rectangle((x0, 40, x1, 380), 14, fill=WHITE, outline=INK, width=4)
        d.rounded_rectangle((x0, 40, x1, 120), 14, fill=RED)
        d.rectangle((x0, 100, x1, 120), fill=RED)
        ctext(d, cx, 80, year, 44, True, WHITE)
        ctext(d, cx, 210, day, 110, True, INK)
        ctext(d, cx, 320, month, 38, False, INK)
        for k in (0, 1):
            d.ellipse((x0 + 50 + k * 90, 28, x0 + 70 + k * 90, 52), fill=GREY, outline=INK, width=2)
        for k, s in enumerate(cap):
            ctext(d, cx, 440 + k * 52, s, 36, False, BLUE)
    save(img, LD, "moc-hien-dai.png")


def chinh_quyen():
    img, d = new()
    bx0, bx1 = 130, 610
    levels = [(60, "Trung ương", LBLUE, False), (200, "34 tỉnh, thành phố", LGREEN, False),
              (380, "Xã, phường, đặc khu", LYELLOW, False), (520, "Thôn, bản, tổ dân phố", WHITE, True)]
    for y, s, col, dashed in levels:
        if dashed:
            for x in range(bx0, bx1, 30):
                d.line((x, y - 40, x + 16, y - 40), fill=INK, width=4)
                d.line((x, y + 40, x + 16, y + 40), fill=INK, width=4)
            d.line((bx0, y - 40, bx0, y + 40), fill=INK, width=4)
            d.line((bx1, y - 40, bx1, y + 40), fill=INK, width=4)
        else:
            d.rounded_rectangle((bx0, y - 40, bx1, y + 40), 14, fill=col, outline=INK, width=4)
        ctext(d, (bx0 + bx1) / 2, y, s, 38, not dashed, INK)
    arrow(d, (370, 100), (370, 158), width=6)
    arrow(d, (370, 240), (370, 338), width=6)
    ctext(d, 64, 200, "Cấp 1", 36, True, GREEN)
    ctext(d, 64, 380, "Cấp 2", 36, True, ORANGE)
    ctext(d, 780, 520, "tự quản", 36, False, INK)
    # district level: gone
    d.rounded_rectangle((650, 250, 910, 330), 14, fill=LGREY, outline=GREY, width=4)
    ctext(d, 780, 290, "Cấp huyện", 38, True, (105, 110, 115))
    d.line((660, 258, 900, 322), fill=RED, width=5)
    d.line((660, 322, 900, 258), fill=RED, width=5)
    ctext(d, 780, 370, "Không còn", 36, True, RED)
    ctext(d, 780, 415, "từ 1/7/2025", 36, False, RED)
    save(img, LD, "chinh-quyen-hai-cap.png")


def ban_do_xa():
    img, d = new()
    d.rectangle((20, 20, 640, 580), fill=(232, 244, 220), outline=INK, width=4)
    # river on the west
    pts = [(95 + 25 * math.sin(t / 40), t) for t in range(22, 580, 6)]
    d.line(pts, fill=BLUE, width=22, joint="curve")
    # roads
    d.line((150, 300, 620, 300), fill=BROWN, width=14)
    d.line((330, 40, 330, 560), fill=BROWN, width=14)

    def ubnd(cx, cy, s=1.0):
        d.polygon([(cx - 45 * s, cy - 10 * s), (cx, cy - 45 * s), (cx + 45 * s, cy - 10 * s)], fill=RED, outline=INK)
        d.rectangle((cx - 35 * s, cy - 10 * s, cx + 35 * s, cy + 35 * s), fill=LYELLOW, outline=INK, width=3)
        d.rectangle((cx - 10 * s, cy + 8 * s, cx + 10 * s, cy + 35 * s), fill=BROWN)

    def school(cx, cy, s=1.0):
        d.line((cx - 15 * s, cy + 35 * s, cx - 15 * s, cy - 35 * s), fill=INK, width=5)
        d.polygon([(cx - 13 * s, cy - 35 * s), (cx + 35 * s, cy - 22 * s), (cx - 13 * s, cy - 8 * s)], fill=BLUE, outline=INK)

    def clinic(cx, cy, s=1.0):
        d.rectangle((cx - 35 * s, cy - 35 * s, cx + 35 * s, cy + 35 * s), fill=WHITE, outline=INK, width=3)
        d.rectangle((cx - 8 * s, cy - 25 * s, cx + 8 * s, cy + 25 * s), fill=RED)
        d.rectangle((cx - 25 * s, cy - 8 * s, cx + 25 * s, cy + 8 * s), fill=RED)

    def market(cx, cy, s=1.0):
        for k in range(4):
            d.rectangle((cx - 40 * s + k * 20 * s, cy - 30 * s, cx - 20 * s + k * 20 * s, cy - 5 * s),
                        fill=ORANGE if k % 2 == 0 else WHITE, outline=INK)
        d.rectangle((cx - 35 * s, cy - 5 * s, cx + 35 * s, cy + 30 * s), fill=LBROWN, outline=INK, width=3)

    ubnd(330, 300, 1.2)
    school(330, 120, 1.2)
    clinic(510, 300, 1.1)
    market(330, 480, 1.3)
    # compass rose
    cx, cy = 545, 115
    d.polygon([(cx, cy - 48), (cx - 14, cy), (cx + 14, cy)], fill=RED)
    d.polygon([(cx, cy + 48), (cx - 14, cy), (cx + 14, cy)], fill=WHITE, outline=INK)
    d.polygon([(cx - 48, cy), (cx, cy - 14), (cx, cy + 14)], fill=WHITE, outline=INK)
    d.polygon([(cx + 48, cy), (cx, cy - 14), (cx, cy + 14)], fill=WHITE, outline=INK)
    ctext(d, cx, cy - 70, "B", 36, True, RED)
    ctext(d, cx, cy + 72, "N", 36, True)
    ctext(d, cx - 72, cy, "T", 36, True)
    ctext(d, cx + 72, cy, "Đ", 36, True)
    # legend
    d.rounded_rectangle((660, 20, 945, 580), 14, fill=WHITE, outline=INK, width=4)
    ctext(d, 802, 60, "Chú giải", 40, True)
    rows = [(ubnd, "Trụ sở xã"), (school, "Trường"), (clinic, "Trạm y tế"), (market, "Chợ"), ("river", "Sông"), ("road", "Đường")]
    for k, (sym, s) in enumerate(rows):
        y = 130 + k * 75
        if sym == "river":
            d.line((680, y, 740, y), fill=BLUE, width=14)
        elif sym == "road":
            d.line((680, y, 740, y), fill=BROWN, width=12)
        else:
            sym(710, y + 4, 0.6)
        text(d, (760, y), s, 36, False, INK, "lm")
    save(img, LD, "ban-do-xa.png")


ALL = [
    y_chinh, giay_nhan_tin, bo_cuc_don, tin_nhan, thong_bao,
    bang_nhan, vi_trung, chia_deu, phan_so_tron, phan_so_ruong, phan_tram, dien_tich,
    lam_sach_nuoc, dia_an, an_toan_dien, dien_thoai_bo_phan, may_tinh_bo_phan, bo_nho, internet, tiet_kiem,
    ban_do_viet_nam, dan_toc_ban_do, moc_thoi_xua, moc_hien_dai, chinh_quyen, ban_do_xa,
]

if __name__ == "__main__":
    for fn in ALL:
        fn()
