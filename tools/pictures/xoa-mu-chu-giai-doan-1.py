#!/usr/bin/env python3
"""Draw the pictures of the programme "Xóa mù chữ – Giai đoạn 1".

Deterministic: uses only Pillow and fixed coordinates, no randomness.
Run from anywhere:

    python tools/pictures/xoa-mu-chu-giai-doan-1.py

It writes PNG files into the media/ folder of each course under
content/xoa-mu-chu-giai-doan-1/.
"""
import math
import os

from PIL import Image, ImageDraw, ImageFont

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", "content", "xoa-mu-chu-giai-doan-1"))
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"

W, H = 960, 600

BG = (255, 252, 243)
INK = (33, 33, 33)
GREY = (120, 120, 120)
LIGHT = (225, 225, 225)
RED = (205, 40, 40)
LRED = (253, 224, 220)
BLUE = (30, 90, 180)
LBLUE = (215, 230, 250)
GREEN = (35, 135, 70)
LGREEN = (215, 240, 215)
ORANGE = (230, 120, 20)
LORANGE = (255, 232, 200)
YELLOW = (248, 200, 40)
BROWN = (140, 90, 50)
SKIN = (240, 200, 160)
SKIN2 = (215, 165, 120)
WATER = (120, 180, 230)
WHITE = (255, 255, 255)

_fonts = {}


def font(size, bold=False):
    key = (size, bold)
    if key not in _fonts:
        _fonts[key] = ImageFont.truetype(BOLD if bold else FONT, size)
    return _fonts[key]


def canvas(w=W, h=H, bg=BG):
    img = Image.new("RGB", (w, h), bg)
    return img, ImageDraw.Draw(img)


def text(d, xy, s, size=40, fill=INK, bold=False, anchor="mm"):
    d.text(xy, s, font=font(size, bold), fill=fill, anchor=anchor)


def text_width(s, size, bold=False):
    return font(size, bold).getlength(s)


def box(d, xy, fill=WHITE, outline=INK, width=4, radius=16):
    d.rounded_rectangle(xy, radius=radius, fill=fill, outline=outline, width=width)


def arrow(d, p1, p2, fill=INK, width=6, head=20):
    x1, y1 = p1
    x2, y2 = p2
    ang = math.atan2(y2 - y1, x2 - x1)
    bx = x2 - head * math.cos(ang)
    by = y2 - head * math.sin(ang)
    d.line([(x1, y1), (bx, by)], fill=fill, width=width)
    left = (bx + head * 0.6 * math.cos(ang + math.pi / 2), by + head * 0.6 * math.sin(ang + math.pi / 2))
    right = (bx + head * 0.6 * math.cos(ang - math.pi / 2), by + head * 0.6 * math.sin(ang - math.pi / 2))
    d.polygon([(x2, y2), left, right], fill=fill)


def arc_arrow(d, center, r, start, end, fill=INK, width=6):
    """Arc from angle start to end (degrees, clockwise in screen coords) with a head at the end."""
    cx, cy = center
    d.arc([cx - r, cy - r, cx + r, cy + r], start, end, fill=fill, width=width)
    a = math.radians(end)
    px, py = cx + r * math.cos(a), cy + r * math.sin(a)
    t = a + math.pi / 2  # tangent direction (clockwise)
    tip = (px + 16 * math.cos(t), py + 16 * math.sin(t))
    l = (px + 12 * math.cos(a), py + 12 * math.sin(a))
    rr = (px - 12 * math.cos(a), py - 12 * math.sin(a))
    d.polygon([tip, l, rr], fill=fill)


def check_mark(d, cx, cy, s=30, fill=GREEN, width=10):
    d.line([(cx - s, cy), (cx - s / 3, cy + s * 0.7), (cx + s, cy - s * 0.8)], fill=fill, width=width, joint="curve")


def cross_mark(d, cx, cy, s=28, fill=RED, width=10):
    d.line([(cx - s, cy - s), (cx + s, cy + s)], fill=fill, width=width)
    d.line([(cx - s, cy + s), (cx + s, cy - s)], fill=fill, width=width)


def person(d, cx, feet_y, h=160, body=BLUE, head=SKIN, hair=INK, skirt=False):
    """A simple standing person: head circle, rounded body, legs."""
    hr = h * 0.14
    head_cy = feet_y - h + hr
    body_top = head_cy + hr + 4
    body_bot = feet_y - h * 0.32
    bw = h * 0.2
    # legs
    d.line([(cx - bw * 0.45, body_bot - 4), (cx - bw * 0.45, feet_y)], fill=INK, width=max(6, int(h * 0.06)))
    d.line([(cx + bw * 0.45, body_bot - 4), (cx + bw * 0.45, feet_y)], fill=INK, width=max(6, int(h * 0.06)))
    if skirt:
        d.polygon([(cx - bw * 0.8, body_top + 10), (cx + bw * 0.8, body_top + 10),
                   (cx + bw * 1.2, body_bot + h * 0.08), (cx - bw * 1.2, body_bot + h * 0.08)], fill=body)
    d.rounded_rectangle([cx - bw, body_top, cx + bw, body_bot], radius=int(bw * 0.6), fill=body)
    d.ellipse([cx - hr, head_cy - hr, cx + hr, head_cy + hr], fill=head, outline=INK, width=3)
    if hair is not None:
        d.chord([cx - hr, head_cy - hr, cx + hr, head_cy + hr], 180, 360, fill=hair)


def save(img, course, name):
    folder = os.path.join(ROOT, course, "media")
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, name)
    pal = img.convert("P", palette=Image.ADAPTIVE, colors=32)
    pal.save(path, optimize=True)
    return path


TV = "01-tieng-viet"
TOAN = "02-toan"
XH = "03-tu-nhien-va-xa-hoi"

# --------------------------------------------------------------------------
# Tiếng Việt
# --------------------------------------------------------------------------

LETTERS = ["a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "g", "h", "i", "k", "l", "m",
           "n", "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "x", "y"]
VOWELS = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"]
CONSONANTS = [c for c in LETTERS if c not in VOWELS]
MARKED = set("ăâđêôơư")


def pic_bang_chu_cai():
    img, d = canvas()
    text(d, (W / 2, 40), "Bảng chữ cái: 29 chữ", 44, INK, True)
    cols, cw, ch = 8, 116, 122
    x0, y0 = (W - cols * cw) / 2, 82
    for i, c in enumerate(LETTERS):
        r, k = divmod(i, cols)
        x, y = x0 + k * cw, y0 + r * ch
        marked = c in MARKED
        box(d, [x + 5, y + 5, x + cw - 5, y + ch - 5], fill=LORANGE if marked else WHITE,
            outline=ORANGE if marked else GREY, width=4, radius=14)
        text(d, (x + cw / 2, y + ch / 2 + 4), c.upper() + " " + c, 46, INK, True)
    # the three last cells explain the colour
    x, y = x0 + 5 * cw, y0 + 3 * ch
    box(d, [x + 5, y + 5, x + 3 * cw - 5, y + ch - 5], fill=LORANGE, outline=ORANGE, width=4, radius=14)
    text(d, (x + 1.5 * cw, y + ch / 2 - 18), "màu cam:", 36, INK, True)
    text(d, (x + 1.5 * cw, y + ch / 2 + 24), "có dấu phụ", 36, INK, False)
    save(img, TV, "bang-chu-cai.png")


def pic_nguyen_am_phu_am():
    img, d = canvas()
    # vowels
    box(d, [15, 15, 375, 585], fill=LRED, outline=RED, width=5)
    text(d, (195, 62), "12 nguyên âm", 38, RED, True)
    for i, c in enumerate(VOWELS):
        r, k = divmod(i, 3)
        x, y = 40 + k * 110, 105 + r * 116
        box(d, [x, y, x + 94, y + 100], fill=WHITE, outline=RED, width=4, radius=14)
        text(d, (x + 47, y + 52), c, 62, RED, True)
    # consonants
    box(d, [390, 15, 945, 585], fill=LBLUE, outline=BLUE, width=5)
    text(d, (667, 62), "17 phụ âm", 38, BLUE, True)
    for i, c in enumerate(CONSONANTS):
        r, k = divmod(i, 5)
        x, y = 410 + k * 106, 105 + r * 116
        box(d, [x, y, x + 92, y + 100], fill=WHITE, outline=BLUE, width=4, radius=14)
        text(d, (x + 46, y + 52), c, 62, BLUE, True)
    save(img, TV, "nguyen-am-phu-am.png")


def pic_phu_am_ghep():
    img, d = canvas()
    text(d, (W / 2, 40), "Phụ âm ghép: đọc thành một âm", 40, INK, True)
    items = [("nh", "à", "nhà"), ("ng", "ô", "ngô"), ("ch", "ợ", "chợ"),
             ("kh", "oai", "khoai"), ("tr", "âu", "trâu"), ("th", "óc", "thóc")]
    for i, (head, rest, _word) in enumerate(items):
        r, k = divmod(i, 3)
        x, y = 30 + k * 305, 85 + r * 255
        box(d, [x, y, x + 285, y + 235], fill=WHITE, outline=BLUE, width=5)
        text(d, (x + 142, y + 75), head, 92, RED, True)
        size = 60
        w1 = text_width(head, size, True)
        w2 = text_width(rest, size, True)
        sx = x + 142 - (w1 + w2) / 2
        d.text((sx, y + 185), head, font=font(size, True), fill=RED, anchor="ls")
        d.text((sx + w1, y + 185), rest, font=font(size, True), fill=INK, anchor="ls")
        d.line([(sx, y + 200), (sx + w1, y + 200)], fill=RED, width=5)
    save(img, TV, "phu-am-ghep.png")


def pic_sau_thanh():
    img, d = canvas()
    text(d, (W / 2, 50), "Sáu thanh: ma, má, mà, mả, mã, mạ", 40, INK, True)
    words = ["ma", "má", "mà", "mả", "mã", "mạ"]
    names = ["ngang", "sắc", "huyền", "hỏi", "ngã", "nặng"]
    cw = W / 6
    size = 76
    for i, (w, n) in enumerate(zip(words, names)):
        cx = cw * i + cw / 2
        box(d, [cx - 74, 110, cx + 74, 470], fill=WHITE, outline=GREY, width=3)
        tw = text_width(w, size, True)
        x = cx - tw / 2
        # draw the word in red, then the plain word on top: only the tone mark stays red
        d.text((x, 320), w, font=font(size, True), fill=RED, anchor="ls")
        d.text((x, 320), "ma", font=font(size, True), fill=INK, anchor="ls")
        text(d, (cx, 415), n, 36, BLUE, True)
    # a reminder line under the cards
    text(d, (W / 2, 535), "Thanh ngang không có dấu.", 40, INK, False)
    save(img, TV, "sau-thanh.png")


def pic_ghep_tieng():
    img, d = canvas()
    cols = [(125, "âm đầu", BLUE, LBLUE), (355, "vần", GREEN, LGREEN), (585, "thanh", ORANGE, LORANGE)]
    for x, label, col, _ in cols:
        text(d, (x, 50), label, 38, col, True)
    text(d, (840, 50), "tiếng", 38, INK, True)
    rows = [("nh", "a", "huyền", "nhà"), ("g", "ao", "nặng", "gạo"), ("m", "uôi", "sắc", "muối")]
    for r, parts in enumerate(rows):
        y = 165 + r * 160
        for (x, _l, col, light), part in zip(cols, parts[:3]):
            box(d, [x - 88, y - 60, x + 88, y + 60], fill=light, outline=col, width=5)
            text(d, (x, y), part, 56 if len(part) < 4 else 46, col, True)
        text(d, (240, y), "+", 56, INK, True)
        text(d, (470, y), "+", 56, INK, True)
        text(d, (705, y), "=", 56, INK, True)
        text(d, (840, y), parts[3], 64, INK, True)
    save(img, TV, "ghep-tieng.png")


def draw_words(d, y, words, size, cards=True):
    """Draw a sentence as word cards centred on the line y. Returns the card boxes."""
    gap = 22
    pad = 14
    widths = [text_width(w, size, True) + 2 * pad for w in words]
    total = sum(widths) + gap * (len(words) - 1)
    x = (W - total) / 2
    boxes = []
    for w, wd in zip(words, widths):
        if cards:
            box(d, [x, y - size * 0.85, x + wd, y + size * 0.55], fill=WHITE, outline=GREY, width=3, radius=10)
        boxes.append((x, x + wd))
        x += wd + gap
    return boxes, widths


def pic_doc_cau():
    img, d = canvas()
    size = 66
    # sentence 1
    words = ["Mẹ", "đi", "chợ", "mua", "gạo."]
    boxes, _ = draw_words(d, 250, words, size)
    for (x1, _x2), w in zip(boxes, words):
        d.text((x1 + 14, 250), w, font=font(size, True), fill=INK, anchor="ls")
    # colour the capital M and the full stop
    x1 = boxes[0][0] + 14
    d.text((x1, 250), "M", font=font(size, True), fill=RED, anchor="ls")
    last_x = boxes[-1][0] + 14 + text_width("gạo", size, True)
    d.text((last_x, 250), ".", font=font(size, True), fill=RED, anchor="ls")
    text(d, (220, 80), "chữ hoa đầu câu", 36, RED, True)
    arrow(d, (200, 105), (boxes[0][0] + 40, 175), RED, 5)
    text(d, (740, 80), "dấu chấm cuối câu", 36, RED, True)
    arrow(d, (last_x + 40, 105), (last_x + 14, 225), RED, 5)
    # sentence 2: a question
    words2 = ["Gạo", "bao", "nhiêu", "tiền?"]
    boxes2, _ = draw_words(d, 440, words2, size)
    for (x1, _x2), w in zip(boxes2, words2):
        d.text((x1 + 14, 440), w, font=font(size, True), fill=INK, anchor="ls")
    x1 = boxes2[0][0] + 14
    d.text((x1, 440), "G", font=font(size, True), fill=RED, anchor="ls")
    q_x = boxes2[-1][0] + 14 + text_width("tiền", size, True)
    d.text((q_x, 440), "?", font=font(size, True), fill=BLUE, anchor="ls")
    text(d, (640, 545), "dấu chấm hỏi cuối câu hỏi", 36, BLUE, True)
    arrow(d, (q_x + 20, 520), (q_x + 20, 470), BLUE, 5)
    save(img, TV, "doc-cau.png")


def flame(d, cx, cy, s=1.0, fill=ORANGE):
    pts = [(cx, cy - 60 * s), (cx + 30 * s, cy - 10 * s), (cx + 28 * s, cy + 25 * s),
           (cx, cy + 40 * s), (cx - 28 * s, cy + 25 * s), (cx - 30 * s, cy - 10 * s)]
    d.polygon(pts, fill=fill)
    d.polygon([(cx, cy - 20 * s), (cx + 14 * s, cy + 10 * s), (cx, cy + 30 * s), (cx - 14 * s, cy + 10 * s)], fill=YELLOW)


def pic_bien_bao():
    img, d = canvas()
    # 1. Trạm y tế
    box(d, [20, 20, 470, 285], fill=BLUE, outline=INK, width=5)
    d.rectangle([50, 135, 150, 175], fill=WHITE)
    d.rectangle([80, 105, 120, 205], fill=WHITE)
    d.rectangle([56, 141, 144, 169], fill=GREEN)
    d.rectangle([86, 111, 114, 199], fill=GREEN)
    text(d, (310, 110), "TRẠM", 60, WHITE, True)
    text(d, (310, 200), "Y TẾ", 60, WHITE, True)
    # 2. Ủy ban nhân dân xã
    box(d, [490, 20, 940, 285], fill=RED, outline=INK, width=5)
    d.polygon([(715, 42), (722, 62), (744, 62), (726, 75), (733, 96), (715, 83), (697, 96), (704, 75), (686, 62), (708, 62)], fill=YELLOW)
    text(d, (715, 150), "ỦY BAN", 44, YELLOW, True)
    text(d, (715, 205), "NHÂN DÂN", 44, YELLOW, True)
    text(d, (715, 258), "XÃ", 44, YELLOW, True)
    # 3. Cấm lửa
    box(d, [20, 310, 470, 580], fill=WHITE, outline=INK, width=5)
    flame(d, 130, 450, 1.2)
    d.ellipse([45, 365, 215, 535], outline=RED, width=14)
    d.line([(75, 395), (185, 505)], fill=RED, width=14)
    text(d, (345, 445), "CẤM", 56, RED, True)
    text(d, (345, 510), "LỬA", 56, RED, True)
    # 4. Nguy hiểm
    box(d, [490, 310, 940, 580], fill=WHITE, outline=INK, width=5)
    d.polygon([(600, 345), (690, 530), (510, 530)], fill=YELLOW, outline=INK)
    d.line([(600, 345), (690, 530), (510, 530), (600, 345)], fill=INK, width=8, joint="curve")
    text(d, (600, 465), "!", 90, INK, True)
    text(d, (820, 415), "NGUY", 52, RED, True)
    text(d, (820, 485), "HIỂM", 52, RED, True)
    save(img, TV, "bien-bao.png")


def pic_nhan_hang():
    img, d = canvas()
    # a rice bag
    d.polygon([(70, 40), (560, 40), (590, 570), (40, 570)], fill=(235, 225, 200), outline=INK)
    d.line([(70, 40), (560, 40), (590, 570), (40, 570), (70, 40)], fill=INK, width=5)
    for x in range(90, 560, 40):
        d.line([(x, 44), (x + 10, 60)], fill=GREY, width=3)
    box(d, [80, 90, 550, 540], fill=WHITE, outline=GREEN, width=6)
    text(d, (315, 150), "GẠO TẺ", 64, GREEN, True)
    d.line([(110, 200), (520, 200)], fill=GREEN, width=4)
    text(d, (110, 265), "Khối lượng tịnh:", 36, INK, False, "lm")
    text(d, (420, 320), "5 kg", 52, INK, True)
    text(d, (110, 400), "NSX: 10/03/2026", 40, INK, True, "lm")
    text(d, (110, 470), "HSD: 10/03/2027", 40, RED, True, "lm")
    # explanations on the right
    text(d, (780, 300), "hàng nặng 5 kg", 36, INK, False)
    text(d, (780, 340), "(không tính bao)", 36, GREY, False)
    arrow(d, (640, 320), (510, 320), INK, 5)
    text(d, (780, 400), "ngày làm ra", 36, INK, True)
    arrow(d, (650, 400), (505, 400), INK, 5)
    text(d, (780, 470), "hạn dùng", 36, RED, True)
    text(d, (780, 512), "(quá ngày: bỏ)", 36, RED, False)
    arrow(d, (680, 470), (505, 470), RED, 5)
    save(img, TV, "nhan-hang.png")


def pic_to_khai():
    img, d = canvas()
    d.rectangle([40, 15, 920, 590], fill=WHITE, outline=INK, width=4)
    text(d, (480, 58), "TỜ KHAI", 46, INK, True)
    lab = dict(size=36, fill=INK, bold=False, anchor="ls")
    val = dict(size=38, fill=BLUE, bold=True, anchor="ls")
    y = 140
    text(d, (70, y), "Họ và tên:", **lab)
    text(d, (270, y), "HÀ THỊ LAN", **val)
    y += 72
    text(d, (70, y), "Năm sinh:", **lab)
    text(d, (270, y), "1985", **val)
    text(d, (470, y), "Giới tính:", **lab)
    for bx, label, ticked in [(650, "Nam", False), (790, "Nữ", True)]:
        d.rectangle([bx, y - 32, bx + 34, y + 2], outline=INK, width=4)
        if ticked:
            check_mark(d, bx + 17, y - 16, 13, BLUE, 7)
        text(d, (bx + 46, y), label, **lab)
    y += 72
    text(d, (70, y), "Địa chỉ:", **lab)
    text(d, (230, y), "Thôn Đồng Tâm, xã Tân Lập,", **val)
    y += 58
    text(d, (230, y), "tỉnh Phú Thọ", **val)
    y += 72
    text(d, (70, y), "Số điện thoại:", **lab)
    d.line([(340, y + 4), (880, y + 4)], fill=GREY, width=3)
    y += 72
    text(d, (70, y), "Người khai ký:", **lab)
    # a signature scribble
    pts = [(360 + i * 6, y - 12 - 18 * math.sin(i / 3.0)) for i in range(60)]
    d.line(pts, fill=BLUE, width=5, joint="curve")
    y += 60
    text(d, (360, y), "Hà Thị Lan", **val)
    save(img, TV, "to-khai.png")


# --------------------------------------------------------------------------
# Toán
# --------------------------------------------------------------------------

def stick(d, x, y1, y2, col=BROWN):
    d.line([(x, y1), (x, y2)], fill=col, width=8)


def pic_chuc_don_vi():
    img, d = canvas()
    # three bundles of ten
    for b in range(3):
        x0 = 60 + b * 190
        for i in range(10):
            stick(d, x0 + i * 14, 90, 330)
        d.rectangle([x0 - 10, 200, x0 + 136, 222], fill=RED)
        text(d, (x0 + 63, 375), "10", 44, RED, True)
    # four single sticks
    for i in range(4):
        stick(d, 690 + i * 50, 90, 330, GREEN)
        text(d, (690 + i * 50, 375), "1", 44, GREEN, True)
    d.line([(40, 420), (920, 420)], fill=LIGHT, width=4)
    text(d, (250, 470), "3 chục", 56, RED, True)
    text(d, (765, 470), "4 đơn vị", 56, GREEN, True)
    text(d, (W / 2, 555), "34: ba mươi tư", 56, INK, True)
    save(img, TOAN, "chuc-don-vi.png")


def pic_hang_so():
    img, d = canvas()
    heads = [("Nghìn", ORANGE), ("Trăm", BLUE), ("Chục", RED), ("Đơn vị", GREEN)]
    digits = ["1", "2", "5", "0"]
    x0, cw = 80, 200
    for i, ((h, col), dg) in enumerate(zip(heads, digits)):
        x = x0 + i * cw
        d.rectangle([x, 40, x + cw, 120], fill=col, outline=INK, width=4)
        text(d, (x + cw / 2, 80), h, 40, WHITE, True)
        d.rectangle([x, 120, x + cw, 300], fill=WHITE, outline=INK, width=4)
        text(d, (x + cw / 2, 212), dg, 110, col, True)
    # the number written with a dot, coloured digit by digit
    size = 110
    parts = [("1", ORANGE), (".", INK), ("2", BLUE), ("5", RED), ("0", GREEN)]
    total = sum(text_width(p, size, True) for p, _ in parts)
    x = (W - total) / 2
    for p, col in parts:
        d.text((x, 460), p, font=font(size, True), fill=col, anchor="ls")
        x += text_width(p, size, True)
    text(d, (W / 2, 545), "một nghìn hai trăm năm mươi", 44, INK, True)
    save(img, TOAN, "hang-so.png")


def column_calc(d, cx, a, op, b, result, carry_row, title, col):
    """Column sum or difference of two 2-digit numbers. cx: centre of the panel."""
    size = 100
    xt, xu = cx - 40, cx + 100  # tens and units columns
    text(d, (cx, 45), title, 48, col, True)
    text(d, (xt, 120), "chục", 36, GREY, True)
    text(d, (xu, 120), "đơn vị", 36, GREY, True)
    rows = [(a, 265), (b, 385)]
    for num, y in rows:
        d.text((xt, y), num[0], font=font(size, True), fill=INK, anchor="ms")
        d.text((xu, y), num[1], font=font(size, True), fill=INK, anchor="ms")
    d.text((cx - 170, 385), op, font=font(size, True), fill=col, anchor="ms")
    d.line([(cx - 220, 415), (cx + 170, 415)], fill=INK, width=7)
    d.text((xt, 530), result[0], font=font(size, True), fill=col, anchor="ms")
    d.text((xu, 530), result[1], font=font(size, True), fill=col, anchor="ms")
    # the carried 1, written small beside the tens digit it is added to
    cy = rows[carry_row][1] - 75
    text(d, (xt - 72, cy + 10), "+1", 40, RED, True)
    text(d, (cx, 580), "nhớ 1 vào hàng chục", 36, RED, True)


def pic_dat_tinh():
    img, d = canvas()
    column_calc(d, 240, "45", "+", "38", "83", 0, "Cộng", BLUE)
    d.line([(480, 20), (480, 540)], fill=LIGHT, width=5)
    column_calc(d, 720, "72", "−", "25", "47", 1, "Trừ", GREEN)
    save(img, TOAN, "dat-tinh.png")


# Approximate colours of the polymer banknotes, with their lengths in mm.
POLYMER = [("10.000", (196, 150, 60), 132), ("20.000", (60, 110, 190), 136),
           ("50.000", (196, 90, 140), 140), ("100.000", (80, 150, 70), 144),
           ("200.000", (180, 70, 55), 148), ("500.000", (60, 160, 195), 152)]
PAPER = ["1.000", "2.000", "5.000"]


def banknote(d, x, y, w, h, value, col, polymer=True):
    d.rounded_rectangle([x, y, x + w, y + h], radius=10, fill=col, outline=INK, width=3)
    if polymer:
        # the small transparent window
        d.rounded_rectangle([x + w - 52, y + 16, x + w - 18, y + 56], radius=6, fill=(235, 245, 250), outline=INK, width=2)
        fg = WHITE
    else:
        fg = INK
    cx = x + (w - 62) / 2 + 8 if polymer else x + w / 2
    text(d, (cx, y + h / 2 - 14), value, 40, fg, True)
    text(d, (cx, y + h / 2 + 30), "đồng", 36, fg, False)


def pic_to_tien():
    img, d = canvas()
    scale = 1.95
    for i, (value, col, mm) in enumerate(POLYMER):
        r, k = divmod(i, 3)
        w = mm * scale
        h = (60 if mm == 132 else 65) * scale
        x = 20 + k * 315
        y = 20 + r * 150
        banknote(d, x, y, w, h, value, col, True)
    d.line([(20, 320), (940, 320)], fill=LIGHT, width=4)
    text(d, (20, 365), "Tiền giấy:", 40, INK, True, "lm")
    for k, value in enumerate(PAPER):
        banknote(d, 40 + k * 305, 405, 260, 120, value, (236, 228, 205), False)
    text(d, (W / 2, 565), "Trên: 6 tờ polymer, màu gần giống tờ thật", 36, GREY, False)
    save(img, TOAN, "to-tien.png")


def pic_tien_thua():
    img, d = canvas()
    text(d, (W / 2, 36), "Hàng 35.000 đồng. Khách đưa 50.000 đồng.", 38, INK, True)
    # number line from 30 to 50 (thousands)
    x0, x1, y = 80, 880, 275
    d.line([(x0, y), (x1, y)], fill=INK, width=6)

    def px(v):
        return x0 + (v - 30) * (x1 - x0) / 20

    for v in range(30, 51):
        tall = v % 5 == 0
        d.line([(px(v), y - (18 if tall else 9)), (px(v), y + (18 if tall else 9))], fill=INK, width=4 if tall else 2)
    for v in (30, 35, 40, 45, 50):
        text(d, (px(v), y + 48), str(v), 40, INK, True)
    d.ellipse([px(35) - 14, y - 14, px(35) + 14, y + 14], fill=RED)
    d.ellipse([px(50) - 14, y - 14, px(50) + 14, y + 14], fill=BLUE)
    # hops
    for a, b, label in [(35, 40, "+5"), (40, 50, "+10")]:
        xa, xb = px(a) + 4, px(b) - 4
        d.arc([xa, y - 110, xb, y + 110], 180, 360, fill=GREEN, width=7)
        d.polygon([(xb, y - 6), (xb - 13, y - 34), (xb + 13, y - 34)], fill=GREEN)
        text(d, ((xa + xb) / 2, y - 140), label, 44, GREEN, True)
    text(d, (W / 2, 385), "nghìn đồng", 36, GREY, False)
    # the change
    text(d, (60, 470), "Trả lại:", 40, INK, True, "lm")
    banknote(d, 230, 420, 200, 100, "5.000", (236, 228, 205), False)
    banknote(d, 450, 420, 230, 100, "10.000", POLYMER[0][1], True)
    text(d, (810, 470), "= 15.000", 44, GREEN, True)
    text(d, (810, 530), "đồng", 36, GREEN, True)
    save(img, TOAN, "tien-thua.png")


def pic_do_luong():
    img, d = canvas()
    # panel 1: a dial scale
    box(d, [15, 15, 315, 585], fill=WHITE, outline=RED, width=5)
    text(d, (165, 55), "Cân nặng", 40, RED, True)
    d.rectangle([75, 160, 255, 330], fill=(240, 240, 240), outline=INK, width=5)
    d.rectangle([95, 120, 235, 138], fill=INK)
    d.rectangle([155, 138, 175, 160], fill=INK)
    d.ellipse([100, 185, 230, 315], fill=WHITE, outline=INK, width=4)
    for i in range(8):
        a = math.radians(-90 + i * 45)
        d.line([(165 + 52 * math.cos(a), 250 + 52 * math.sin(a)), (165 + 62 * math.cos(a), 250 + 62 * math.sin(a))], fill=INK, width=3)
    d.line([(165, 250), (165 + 55 * math.cos(math.radians(-45)), 250 + 55 * math.sin(math.radians(-45)))], fill=RED, width=6)
    text(d, (165, 400), "1 kg = 1.000 g", 36, INK, False)
    text(d, (165, 460), "1 lạng = 100 g", 36, INK, False)
    text(d, (165, 520), "1 tạ = 100 kg", 36, INK, False)
    # panel 2: a bottle
    box(d, [330, 15, 630, 585], fill=WHITE, outline=BLUE, width=5)
    text(d, (480, 55), "Dung tích", 40, BLUE, True)
    d.rectangle([462, 95, 498, 125], fill=BLUE)
    d.polygon([(455, 125), (505, 125), (535, 175), (425, 175)], fill=LBLUE, outline=INK)
    d.rounded_rectangle([425, 170, 535, 345], radius=14, fill=LBLUE, outline=INK, width=4)
    d.rectangle([429, 215, 531, 341], fill=WATER)
    text(d, (480, 280), "1 l", 40, WHITE, True)
    text(d, (480, 400), "1 l = 1.000 ml", 36, INK, False)
    text(d, (480, 460), "500 ml", 36, INK, True)
    text(d, (480, 510), "= nửa lít", 36, INK, True)
    # panel 3: a ruler
    box(d, [645, 15, 945, 585], fill=WHITE, outline=GREEN, width=5)
    text(d, (795, 55), "Độ dài", 40, GREEN, True)
    d.rectangle([680, 170, 910, 250], fill=(250, 220, 120), outline=INK, width=4)
    for i in range(11):
        x = 690 + i * 21
        d.line([(x, 170), (x, 170 + (40 if i % 5 == 0 else 22))], fill=INK, width=3)
    text(d, (795, 300), "thước mét", 36, GREY, False)
    text(d, (795, 400), "1 m = 100 cm", 36, INK, False)
    text(d, (795, 460), "1 km =", 36, INK, True)
    text(d, (795, 510), "1.000 m", 36, INK, True)
    save(img, TOAN, "do-luong.png")


def clock(d, cx, cy, r, hour, minute):
    d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=WHITE, outline=INK, width=8)
    for i in range(60):
        a = math.radians(i * 6 - 90)
        inner = r - (20 if i % 5 == 0 else 10)
        d.line([(cx + inner * math.cos(a), cy + inner * math.sin(a)),
                (cx + (r - 4) * math.cos(a), cy + (r - 4) * math.sin(a))], fill=INK, width=4 if i % 5 == 0 else 2)
    for n in range(1, 13):
        a = math.radians(n * 30 - 90)
        text(d, (cx + (r - 48) * math.cos(a), cy + (r - 48) * math.sin(a)), str(n), 36, INK, True)
    ha = math.radians((hour % 12 + minute / 60) * 30 - 90)
    ma = math.radians(minute * 6 - 90)
    d.line([(cx, cy), (cx + r * 0.72 * math.cos(ma), cy + r * 0.72 * math.sin(ma))], fill=BLUE, width=9)
    d.line([(cx, cy), (cx + r * 0.45 * math.cos(ha), cy + r * 0.45 * math.sin(ha))], fill=RED, width=14)
    d.ellipse([cx - 12, cy - 12, cx + 12, cy + 12], fill=INK)


def pic_dong_ho():
    img, d = canvas()
    clock(d, 240, 235, 190, 8, 0)
    clock(d, 720, 235, 190, 8, 30)
    text(d, (240, 470), "8 giờ", 48, INK, True)
    text(d, (720, 470), "8 giờ 30 phút", 48, INK, True)
    d.line([(60, 555), (140, 555)], fill=RED, width=14)
    text(d, (155, 555), "kim ngắn: giờ", 36, RED, True, "lm")
    d.line([(530, 555), (610, 555)], fill=BLUE, width=9)
    text(d, (625, 555), "kim dài: phút", 36, BLUE, True, "lm")
    save(img, TOAN, "dong-ho.png")


def pic_to_lich():
    img, d = canvas()
    # a tear-off calendar page: Tết 2026 fell on Tuesday 17 February 2026,
    # the first day of the first lunar month.
    d.rectangle([60, 40, 520, 570], fill=WHITE, outline=INK, width=5)
    d.rectangle([60, 40, 520, 120], fill=RED)
    text(d, (290, 80), "Tháng 2 - 2026", 44, WHITE, True)
    for x in range(100, 500, 50):
        d.ellipse([x - 8, 22, x + 8, 38], fill=GREY)
    text(d, (290, 170), "Thứ Ba", 44, INK, True)
    text(d, (290, 300), "17", 190, RED, True)
    d.line([(90, 420), (490, 420)], fill=LIGHT, width=4)
    text(d, (290, 465), "Âm lịch: mùng 1", 38, BLUE, True)
    text(d, (290, 520), "tháng Giêng", 38, BLUE, True)
    # explanations
    text(d, (745, 250), "số to:", 40, RED, True)
    text(d, (745, 300), "ngày dương lịch", 36, RED, False)
    arrow(d, (610, 280), (430, 290), RED, 6)
    text(d, (745, 440), "số nhỏ:", 40, BLUE, True)
    text(d, (745, 490), "ngày âm lịch", 36, BLUE, False)
    arrow(d, (630, 470), (530, 470), BLUE, 6)
    text(d, (745, 100), "Tết Nguyên đán", 40, INK, True)
    save(img, TOAN, "to-lich.png")


# --------------------------------------------------------------------------
# Tự nhiên và Xã hội
# --------------------------------------------------------------------------

def pic_ba_the_he():
    img, d = canvas()
    xs = [460, 660]
    rows = [(150, "Thế hệ 1", [("Ông", (110, 110, 110), False, GREY), ("Bà", (150, 100, 130), True, GREY)]),
            (345, "Thế hệ 2", [("Bố", BLUE, False, INK), ("Mẹ", RED, True, INK)]),
            (540, "Thế hệ 3", [("Con", GREEN, False, INK), ("Con", ORANGE, True, INK)])]
    for n, (feet, label, people) in enumerate(rows):
        text(d, (40, feet - 55), label, 40, INK, True, "lm")
        if n < 2:
            # a couple: a line between them, and a line down to their children
            d.line([(xs[0] + 30, feet - 60), (xs[1] - 30, feet - 60)], fill=GREY, width=5)
            mid = (xs[0] + xs[1]) / 2
            nf = rows[n + 1][0]
            d.line([(mid, feet - 60), (mid, nf - 135)], fill=GREY, width=5)
            if n == 1:
                d.line([(xs[0], nf - 135), (xs[1], nf - 135)], fill=GREY, width=5)
                for x in xs:
                    d.line([(x, nf - 135), (x, nf - 110)], fill=GREY, width=5)
            else:
                d.line([(mid, nf - 135), (mid, nf - 60)], fill=GREY, width=5)
                d.line([(xs[0] + 30, nf - 60), (xs[1] - 30, nf - 60)], fill=GREY, width=5)
        for x, (name, col, skirt, hair) in zip(xs, people):
            h = 115 if n < 2 else 95
            person(d, x, feet, h, col, SKIN, hair, skirt)
            text(d, (x + 110 if x == xs[1] else x - 110, feet - 55), name, 40, INK, True)
    save(img, XH, "ba-the-he.png")


def hand(d, cx, cy, s=1.0, angle=0.0, mirror=False, fill=SKIN, outline=INK):
    """A simple open hand, fingers up when angle is 0. angle in degrees."""
    a = math.radians(angle)
    m = -1 if mirror else 1

    def tr(x, y):
        x *= m * s
        y *= s
        return (cx + x * math.cos(a) - y * math.sin(a), cy + x * math.sin(a) + y * math.cos(a))

    # palm
    palm = [tr(-34, -30), tr(34, -30), tr(36, 30), tr(22, 52), tr(-22, 52), tr(-36, 30)]
    fingers = [(-25, -30, -25, -82), (-8, -30, -8, -96), (9, -30, 9, -92), (26, -30, 26, -74)]
    thumb = (-34, 10, -66, -22)
    w = int(17 * s)
    for x1, y1, x2, y2 in fingers + [thumb]:
        p1, p2 = tr(x1, y1), tr(x2, y2)
        d.line([p1, p2], fill=outline, width=w + 6)
        r = (w + 6) / 2
        d.ellipse([p2[0] - r, p2[1] - r, p2[0] + r, p2[1] + r], fill=outline)
    d.polygon(palm, fill=fill, outline=outline)
    d.line(palm + [palm[0]], fill=outline, width=3)
    for x1, y1, x2, y2 in fingers + [thumb]:
        p1, p2 = tr(x1, y1), tr(x2, y2)
        d.line([p1, p2], fill=fill, width=w)
        r = w / 2
        d.ellipse([p2[0] - r, p2[1] - r, p2[0] + r, p2[1] + r], fill=fill)
    d.polygon([tr(-30, -24), tr(30, -24), tr(32, 28), tr(20, 46), tr(-20, 46), tr(-32, 28)], fill=fill)


def pic_rua_tay():
    img, d = canvas()
    labels = ["Lòng bàn tay", "Mu bàn tay", "Kẽ ngón tay", "Mặt sau ngón", "Ngón cái", "Đầu ngón tay"]
    for i, lab in enumerate(labels):
        r, k = divmod(i, 3)
        x, y = 15 + k * 315, 15 + r * 290
        box(d, [x, y, x + 300, y + 275], fill=WHITE, outline=BLUE, width=4)
        d.ellipse([x + 12, y + 12, x + 62, y + 62], fill=BLUE)
        text(d, (x + 37, y + 38), str(i + 1), 36, WHITE, True)
        text(d, (x + 150, y + 245), lab, 36, INK, True)
        cx, cy = x + 150, y + 135
        if i == 0:
            hand(d, cx - 30, cy + 10, 0.95, -12, False, SKIN)
            hand(d, cx + 30, cy + 10, 0.95, 12, True, SKIN2)
            arc_arrow(d, (cx, cy - 10), 105, 200, 330, ORANGE, 6)
        elif i == 1:
            hand(d, cx - 10, cy + 15, 0.95, 0, False, SKIN2)
            hand(d, cx + 15, cy, 0.95, 0, True, SKIN)
            arrow(d, (cx + 105, cy + 40), (cx + 105, cy - 60), ORANGE, 6, 18)
            arrow(d, (cx + 105, cy - 20), (cx + 105, cy + 80), ORANGE, 6, 18)
        elif i == 2:
            hand(d, cx - 8, cy + 10, 0.95, 0, False, SKIN2)
            hand(d, cx + 8, cy + 10, 0.95, 0, True, SKIN)
            arrow(d, (cx - 90, cy - 60), (cx + 90, cy - 60), ORANGE, 6, 18)
        elif i == 3:
            # fingers bent into the other palm: two hands, one rotated sideways
            hand(d, cx - 40, cy + 20, 0.9, 90, False, SKIN2)
            hand(d, cx + 40, cy + 20, 0.9, -90, True, SKIN)
            arrow(d, (cx - 60, cy - 70), (cx + 60, cy - 70), ORANGE, 6, 18)
            arrow(d, (cx + 40, cy - 50), (cx - 60, cy - 50), ORANGE, 6, 18)
        elif i == 4:
            hand(d, cx, cy + 20, 1.0, 0, False, SKIN)
            # the other hand holds the thumb: a ring around the thumb
            tx, ty = cx - 52, cy + 8
            d.ellipse([tx - 34, ty - 34, tx + 34, ty + 34], outline=SKIN2, width=16)
            arc_arrow(d, (tx, ty), 50, 200, 470, ORANGE, 6)
        else:
            hand(d, cx, cy + 25, 1.0, 0, False, SKIN)
            # fingertips of the other hand as a bunch of dots in the palm
            for k2 in range(5):
                a = math.radians(k2 * 72)
                px, py = cx + 16 * math.cos(a), cy + 28 + 16 * math.sin(a)
                d.ellipse([px - 11, py - 11, px + 11, py + 11], fill=SKIN2, outline=INK, width=2)
            arc_arrow(d, (cx, cy + 28), 48, 180, 450, ORANGE, 6)
    save(img, XH, "rua-tay.png")


def pic_nuoc_sach():
    img, d = canvas()
    labels = [("Lấy nước", "giếng"), ("Đun sôi", "vài phút"), ("Để nguội,", "đậy nắp"), ("Rót ra", "cốc sạch")]
    for i, (l1, l2) in enumerate(labels):
        x = 15 + i * 240
        box(d, [x - 8, 60, x + 213, 540], fill=WHITE, outline=BLUE, width=4)
        text(d, (x + 102, 440), l1, 36, INK, True)
        text(d, (x + 102, 490), l2, 36, GREY, False)
        if i < 3:
            arrow(d, (x + 206, 300), (x + 240, 300), INK, 6, 16)
    # 1. a well with a bucket
    x = 15
    d.rectangle([x + 40, 250, x + 165, 380], fill=(200, 200, 200), outline=INK, width=4)
    d.ellipse([x + 40, 230, x + 165, 270], fill=WATER, outline=INK, width=4)
    d.line([(x + 50, 250), (x + 50, 130)], fill=BROWN, width=8)
    d.line([(x + 155, 250), (x + 155, 130)], fill=BROWN, width=8)
    d.line([(x + 45, 130), (x + 160, 130)], fill=BROWN, width=8)
    d.line([(x + 102, 130), (x + 102, 190)], fill=INK, width=3)
    d.rectangle([x + 86, 190, x + 118, 220], fill=GREY, outline=INK, width=3)
    # 2. a pot on a fire
    x = 255
    d.rectangle([x + 40, 220, x + 165, 320], fill=GREY, outline=INK, width=4)
    d.rectangle([x + 30, 210, x + 175, 226], fill=INK)
    for bx in (x + 70, x + 100, x + 130):
        d.ellipse([bx - 10, 170, bx + 10, 190], outline=WATER, width=4)
        d.ellipse([bx - 6, 135, bx + 6, 147], outline=WATER, width=3)
    flame(d, x + 75, 365, 0.6, ORANGE)
    flame(d, x + 130, 365, 0.6, RED)
    # 3. a jug with a lid
    x = 495
    d.rounded_rectangle([x + 50, 180, x + 155, 370], radius=20, fill=LBLUE, outline=INK, width=4)
    d.rectangle([x + 54, 230, x + 151, 366], fill=WATER)
    d.rounded_rectangle([x + 40, 160, x + 165, 185], radius=8, fill=GREEN, outline=INK, width=3)
    d.rectangle([x + 92, 142, x + 112, 162], fill=GREEN, outline=INK, width=3)
    d.arc([x + 140, 220, x + 190, 310], 270, 90, fill=INK, width=6)
    # 4. a cup
    x = 735
    d.polygon([(x + 55, 200), (x + 150, 200), (x + 138, 360), (x + 67, 360)], fill=LBLUE, outline=INK)
    d.polygon([(x + 60, 240), (x + 146, 240), (x + 138, 356), (x + 68, 356)], fill=WATER)
    check_mark(d, x + 102, 140, 30, GREEN, 10)
    text(d, (W / 2, 30), "Ăn chín, uống sôi", 40, BLUE, True)
    save(img, XH, "nuoc-sach.png")


def building(d, x, y, w, h, wall, roof, label_lines, sign=None):
    d.rectangle([x, y, x + w, y + h], fill=wall, outline=INK, width=4)
    d.polygon([(x - 12, y), (x + w / 2, y - 50), (x + w + 12, y)], fill=roof, outline=INK)
    d.rectangle([x + w / 2 - 18, y + h - 50, x + w / 2 + 18, y + h], fill=BROWN)
    d.rectangle([x + 14, y + 20, x + 44, y + 50], fill=LBLUE, outline=INK, width=2)
    d.rectangle([x + w - 44, y + 20, x + w - 14, y + 50], fill=LBLUE, outline=INK, width=2)
    if sign == "flag":
        d.line([(x + w / 2, y - 50), (x + w / 2, y - 105)], fill=INK, width=4)
        d.rectangle([x + w / 2, y - 105, x + w / 2 + 45, y - 75], fill=RED)
        d.polygon([(x + w / 2 + 22, y - 98), (x + w / 2 + 27, y - 86), (x + w / 2 + 17, y - 86)], fill=YELLOW)
    elif sign == "cross":
        cx, cy = x + w / 2, y + 38
        d.rectangle([cx - 22, cy - 8, cx + 22, cy + 8], fill=GREEN)
        d.rectangle([cx - 8, cy - 22, cx + 8, cy + 22], fill=GREEN)
    elif sign == "book":
        cx, cy = x + w / 2, y + 38
        d.polygon([(cx - 28, cy - 16), (cx, cy - 8), (cx, cy + 20), (cx - 28, cy + 12)], fill=WHITE, outline=INK)
        d.polygon([(cx + 28, cy - 16), (cx, cy - 8), (cx, cy + 20), (cx + 28, cy + 12)], fill=WHITE, outline=INK)
    elif sign == "bell":
        cx, cy = x + w / 2, y + 38
        d.pieslice([cx - 20, cy - 20, cx + 20, cy + 20], 180, 360, fill=YELLOW, outline=INK)
        d.rectangle([cx - 20, cy, cx + 20, cy + 8], fill=YELLOW, outline=INK)
    elif sign == "star":
        cx, cy = x + w / 2, y + 38
        pts = []
        for k in range(10):
            r = 22 if k % 2 == 0 else 9
            a = math.radians(-90 + k * 36)
            pts.append((cx + r * math.cos(a), cy + r * math.sin(a)))
        d.polygon(pts, fill=YELLOW, outline=INK)
    ty = y + h + 28
    for line in label_lines:
        text(d, (x + w / 2, ty), line, 36, INK, True)
        ty += 42


def pic_xa_cua_em():
    img, d = canvas(bg=(236, 245, 225))
    # roads
    d.rectangle([0, 270, W, 330], fill=(200, 200, 200))
    d.rectangle([450, 0, 510, H], fill=(200, 200, 200))
    for x in range(0, W, 60):
        if not 440 < x < 520:
            d.line([(x + 10, 300), (x + 40, 300)], fill=WHITE, width=5)
    building(d, 60, 110, 170, 110, (250, 235, 200), RED, ["Ủy ban xã"], "flag")
    building(d, 270, 110, 150, 110, WHITE, GREEN, [], "cross")
    text(d, (345, 30), "Trạm y tế", 36, INK, True)
    building(d, 560, 110, 170, 110, (250, 240, 210), BLUE, [], "bell")
    text(d, (870, 190), "Trường", 36, INK, True)
    text(d, (870, 232), "học", 36, INK, True)
    building(d, 100, 390, 200, 100, (255, 240, 220), ORANGE, ["Trung tâm học tập", "cộng đồng"], "book")
    building(d, 640, 390, 160, 100, (220, 230, 250), (60, 80, 60), ["Công an xã"], "star")
    save(img, XH, "xa-cua-em.png")


def pic_qua_duong():
    img, d = canvas(bg=(236, 245, 225))
    # pavements and road
    d.rectangle([0, 150, W, 170], fill=(200, 200, 200))
    d.rectangle([0, 170, W, 430], fill=(90, 90, 90))
    d.rectangle([0, 430, W, 450], fill=(200, 200, 200))
    for x in range(0, W, 80):
        if not 380 < x < 590:
            d.line([(x + 10, 300), (x + 50, 300)], fill=WHITE, width=6)
    # zebra crossing
    for y in range(182, 425, 34):
        d.rectangle([400, y, 570, y + 18], fill=WHITE)
    # car in the near lane moving to the right
    d.rounded_rectangle([90, 335, 250, 405], radius=16, fill=RED, outline=INK, width=3)
    d.rectangle([140, 345, 200, 395], fill=LBLUE)
    arrow(d, (265, 370), (345, 370), YELLOW, 8, 22)
    # motorbike in the far lane moving to the left
    d.rounded_rectangle([720, 205, 830, 245], radius=14, fill=BLUE, outline=INK, width=3)
    d.ellipse([712, 235, 742, 265], fill=INK)
    d.ellipse([808, 235, 838, 265], fill=INK)
    arrow(d, (700, 230), (620, 230), YELLOW, 8, 22)
    # the pedestrian waiting at the kerb
    person(d, 485, 560, 110, GREEN, SKIN, INK)
    hx, hy = 485, 465
    text(d, (190, 505), "1. Nhìn trái", 40, INK, True)
    arrow(d, (hx - 40, 480), (330, 480), INK, 5, 16)
    text(d, (780, 505), "2. Nhìn phải", 40, INK, True)
    arrow(d, (hx + 40, 480), (640, 480), INK, 5, 16)
    text(d, (190, 560), "3. Nhìn lại trái", 36, INK, True)
    # pedestrian lights at the top
    for k, (col, lab) in enumerate([(RED, "Đỏ: đứng chờ"), (GREEN, "Xanh: được đi")]):
        x = 40 + k * 470
        d.rounded_rectangle([x, 20, x + 80, 130], radius=12, fill=INK)
        person(d, x + 40, 118, 82, col, col, None)
        text(d, (x + 100, 75), lab, 40, col, True, "lm")
    save(img, XH, "qua-duong.png")


def outlet(d, cx, cy, s=1.0):
    d.rounded_rectangle([cx - 55 * s, cy - 55 * s, cx + 55 * s, cy + 55 * s], radius=int(14 * s), fill=WHITE, outline=INK, width=4)
    d.ellipse([cx - 30 * s, cy - 10 * s, cx - 14 * s, cy + 10 * s], fill=INK)
    d.ellipse([cx + 14 * s, cy - 10 * s, cx + 30 * s, cy + 10 * s], fill=INK)


def drop(d, cx, cy, s=1.0):
    d.polygon([(cx, cy - 22 * s), (cx + 12 * s, cy), (cx - 12 * s, cy)], fill=WATER)
    d.ellipse([cx - 12 * s, cy - 10 * s, cx + 12 * s, cy + 14 * s], fill=WATER)


def bolt(d, cx, cy, s=1.0, fill=YELLOW):
    pts = [(cx + 8 * s, cy - 40 * s), (cx - 18 * s, cy + 4 * s), (cx, cy + 4 * s),
           (cx - 10 * s, cy + 40 * s), (cx + 20 * s, cy - 8 * s), (cx + 2 * s, cy - 8 * s)]
    d.polygon(pts, fill=fill, outline=INK)


def pic_an_toan_dien():
    img, d = canvas()
    heads = [("Tay ướt:", "không chạm", "vào điện"), ("Dây đứt:", "tránh thật xa", ""), ("Cứu người:", "ngắt điện", "trước")]
    for i, (l1, l2, l3) in enumerate(heads):
        x = 15 + i * 315
        box(d, [x, 15, x + 300, 585], fill=WHITE, outline=RED if i < 2 else GREEN, width=5)
        text(d, (x + 150, 455), l1, 40, RED if i < 2 else GREEN, True)
        text(d, (x + 150, 505), l2, 36, INK, True)
        text(d, (x + 150, 550), l3, 36, INK, True)
    # 1. wet hand near an outlet
    outlet(d, 200, 200, 1.0)
    hand(d, 95, 270, 1.0, 60, False, SKIN)
    drop(d, 70, 160, 1.0)
    drop(d, 110, 120, 0.8)
    cross_mark(d, 160, 370, 30, RED, 12)
    # 2. a fallen wire
    x = 330
    d.rectangle([x + 40, 80, x + 60, 400], fill=GREY, outline=INK, width=3)
    d.line([(x + 50, 100), (x + 150, 250), (x + 200, 395)], fill=INK, width=6)
    bolt(d, x + 200, 360, 0.8)
    person(d, x + 265, 400, 120, BLUE, SKIN, INK)
    arrow(d, (x + 240, 420), (x + 290, 420), RED, 5, 16)
    d.line([(x + 20, 400), (x + 290, 400)], fill=BROWN, width=4)
    # 3. the switch box turned off
    x = 645
    d.rectangle([x + 70, 80, x + 230, 360], fill=(230, 230, 230), outline=INK, width=5)
    d.rectangle([x + 125, 140, x + 175, 300], fill=WHITE, outline=INK, width=4)
    d.rectangle([x + 132, 230, x + 168, 292], fill=RED, outline=INK, width=3)
    text(d, (x + 150, 112), "BẬT", 36, GREY, True)
    text(d, (x + 150, 330), "TẮT", 36, RED, True)
    arrow(d, (x + 250, 160), (x + 250, 290), GREEN, 7, 22)
    save(img, XH, "an-toan-dien.png")


def pic_duoi_nuoc():
    img, d = canvas()
    heads = [("Đậy nắp", "chum, giếng", ""), ("Rào ao,", "trông trẻ", ""), ("Cứu người:", "ném phao,", "đưa sào")]
    for i, (l1, l2, l3) in enumerate(heads):
        x = 15 + i * 315
        box(d, [x, 15, x + 300, 585], fill=WHITE, outline=BLUE, width=5)
        text(d, (x + 150, 455), l1, 40, BLUE, True)
        text(d, (x + 150, 505), l2, 36, INK, True)
        text(d, (x + 150, 550), l3, 36, INK, True)
    # 1. a water jar with a lid
    d.polygon([(95, 180), (235, 180), (255, 260), (225, 380), (105, 380), (75, 260)], fill=(190, 120, 70), outline=INK)
    d.rounded_rectangle([80, 150, 250, 185], radius=12, fill=GREEN, outline=INK, width=4)
    d.rectangle([150, 125, 180, 152], fill=GREEN, outline=INK, width=3)
    check_mark(d, 165, 80, 30, GREEN, 10)
    # 2. a pond with a fence and an adult holding a child's hand
    x = 330
    d.ellipse([x + 30, 250, x + 270, 390], fill=WATER, outline=INK, width=4)
    for fx in range(x + 30, x + 280, 30):
        d.line([(fx, 200), (fx, 260)], fill=BROWN, width=7)
    d.line([(x + 25, 215), (x + 275, 215)], fill=BROWN, width=6)
    d.line([(x + 25, 245), (x + 275, 245)], fill=BROWN, width=6)
    person(d, x + 90, 190, 120, RED, SKIN, INK, True)
    person(d, x + 150, 190, 75, ORANGE, SKIN, INK)
    d.line([(x + 110, 130), (x + 140, 145)], fill=SKIN2, width=6)
    # 3. a person on the bank holding out a pole to someone in the water
    x = 645
    d.rectangle([x + 5, 330, x + 295, 420], fill=WATER)
    d.rectangle([x + 5, 250, x + 120, 330], fill=(140, 190, 90))
    person(d, x + 60, 250, 120, BLUE, SKIN, INK)
    d.line([(x + 75, 190), (x + 230, 300)], fill=BROWN, width=8)
    d.ellipse([x + 205, 300, x + 255, 350], fill=SKIN, outline=INK, width=3)
    d.chord([x + 205, 300, x + 255, 350], 180, 360, fill=INK)
    d.ellipse([x + 150, 335, x + 200, 385], outline=ORANGE, width=10)
    save(img, XH, "duoi-nuoc.png")


def pic_cat_thuoc():
    img, d = canvas()
    # right way
    box(d, [15, 15, 470, 585], fill=WHITE, outline=GREEN, width=6)
    check_mark(d, 60, 60, 26, GREEN, 10)
    text(d, (270, 60), "ĐÚNG", 44, GREEN, True)
    d.rectangle([120, 110, 400, 300], fill=(200, 170, 120), outline=INK, width=5)
    d.line([(260, 110), (260, 300)], fill=INK, width=4)
    d.rounded_rectangle([243, 190, 277, 230], radius=6, fill=YELLOW, outline=INK, width=3)
    d.arc([248, 172, 272, 200], 180, 360, fill=INK, width=4)
    person(d, 330, 520, 120, ORANGE, SKIN, INK)
    text(d, (240, 330), "tủ có khóa, chỗ cao", 36, INK, True)
    text(d, (160, 500), "xa trẻ", 36, INK, True)
    # wrong way
    box(d, [490, 15, 945, 585], fill=WHITE, outline=RED, width=6)
    cross_mark(d, 540, 60, 24, RED, 10)
    text(d, (735, 60), "SAI", 44, RED, True)
    # a soft-drink bottle holding pesticide, on the floor next to a child
    d.rectangle([640, 215, 670, 240], fill=RED)
    d.rounded_rectangle([620, 235, 690, 440], radius=18, fill=(180, 220, 150), outline=INK, width=4)
    d.rectangle([624, 295, 686, 345], fill=WHITE)
    d.line([(632, 310), (678, 310)], fill=BLUE, width=5)
    d.line([(632, 327), (670, 327)], fill=BLUE, width=5)
    person(d, 830, 440, 110, ORANGE, SKIN, INK)
    d.line([(540, 440), (930, 440)], fill=BROWN, width=5)
    text(d, (715, 130), "trẻ dễ uống nhầm", 36, RED, True)
    text(d, (715, 495), "đựng thuốc trong", 36, RED, True)
    text(d, (715, 545), "chai nước uống", 36, RED, True)
    save(img, XH, "cat-thuoc.png")


ALL = [
    pic_bang_chu_cai, pic_nguyen_am_phu_am, pic_phu_am_ghep, pic_sau_thanh, pic_ghep_tieng,
    pic_doc_cau, pic_bien_bao, pic_nhan_hang, pic_to_khai,
    pic_chuc_don_vi, pic_hang_so, pic_dat_tinh, pic_to_tien, pic_tien_thua, pic_do_luong,
    pic_dong_ho, pic_to_lich,
    pic_ba_the_he, pic_rua_tay, pic_nuoc_sach, pic_xa_cua_em, pic_qua_duong,
    pic_an_toan_dien, pic_duoi_nuoc, pic_cat_thuoc,
]


def main():
    for fn in ALL:
        fn()
    print("drew %d pictures into %s" % (len(ALL), ROOT))


if __name__ == "__main__":
    main()
