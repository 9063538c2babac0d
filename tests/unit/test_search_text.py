"""Search text handling without a database: folding, tone placement, typed words, snippets."""
import unicodedata

import pytest

from lms.services.search import (
    SCHEMA, VietnameseTokenizer, Words, fold, highlight, html_to_text, normalize, parse, snippet,
)

# What someone types without Vietnamese accents, and the text it must find.
FOLDING = [
    ("xoa mu chu", "Xóa mù chữ"),
    ("XOA MU CHU", "xóa mù chữ"),
    ("duong", "đường"),
    ("DUONG DI", "ĐƯỜNG ĐI"),
    ("dd", "Đđ"),
    ("nguoi", "người"),
    ("tieng viet", "Tiếng Việt"),
    ("dien thoai thong minh", "điện thoại thông minh"),
    ("suc khoe", "sức khỏe"),
    ("suc khoe", "sức khoẻ"),
    ("hoa binh", "hòa bình"),
    ("thuy loi", "thủy lợi"),
    ("rua tay", "rửa tay"),
    ("ma otp", "Mã OTP"),
    ("a a a e o o u", "ă â à ê ô ơ ư"),
    ("uy ban nhan dan", "Ủy ban nhân dân"),
    ("hoac", "hoặc"),
    ("nuoc sach", "nước sạch"),
    ("y te", "y tế"),
    ("vneid", "VNeID"),
]


@pytest.mark.parametrize("typed,text", FOLDING)
def test_folding_makes_typed_words_and_text_equal(typed, text):
    assert fold(normalize(typed)) == fold(normalize(text))


@pytest.mark.parametrize("text", [text for _typed, text in FOLDING])
def test_folding_keeps_every_character_in_place(text):
    assert len(fold(text)) == len(text)


def test_folding_decomposed_text_gives_the_same_as_composed():
    composed = "Xóa mù chữ, đường"
    assert fold(unicodedata.normalize("NFD", composed)) == fold(composed) == "Xoa mu chu, duong"


# Both placements of the tone in an open "oa", "oe", "uy" are correct Vietnamese: they compare equal.
TONE_PLACEMENT = [
    ("hoà", "hòa"), ("hoá", "hóa"), ("khoẻ", "khỏe"), ("loè", "lòe"), ("thuỷ", "thủy"), ("luỹ", "lũy"),
    ("Thuỷ", "thủy"), ("xoá", "xóa"),
]
# ... and nothing else moves: closed syllables, "qu", marks stacked on one vowel.
UNCHANGED = ["hoàng", "toán", "hoặc", "ngoặc", "xoắn", "hoạch", "quý", "thuyền", "khuyên", "ngoái", "quả", "uống"]


@pytest.mark.parametrize("new,old", TONE_PLACEMENT)
def test_either_tone_placement_is_the_same_word(new, old):
    assert normalize(new) == normalize(old)


@pytest.mark.parametrize("word", UNCHANGED)
def test_other_words_keep_their_marks_where_they_are(word):
    assert normalize(word) == word


def test_exact_form_keeps_accents_and_lowers_case():
    assert normalize("ĐƯỜNG Xóa") == "đường xóa"
    assert normalize("ma") != normalize("mà") != normalize("má")


@pytest.mark.parametrize("typed,words,prefix", [
    ("xoa mu ch", ("xoa", "mu", "ch"), False),  # two letters: taken as a whole word ("đi", "mẹ")
    ("rửa ta", ("rửa", "ta"), False),
    ("rửa tay ", ("rửa", "tay"), False),
    ("vne", ("vne",), True),
    ("điện tho", ("điện", "tho"), True),
    ("Mã OTP!", ("mã", "otp"), False),
    ("  ", (), False),
    ("<script>", ("script",), False),
])
def test_parsing_what_was_typed(typed, words, prefix):
    parsed = parse(typed)
    assert parsed.exact == words and parsed.prefix == prefix


def test_a_query_is_accented_only_when_some_word_has_marks():
    assert parse("xóa mù").accented and not parse("xoa mu").accented


def test_tokens_carry_the_exact_and_the_folded_form_at_the_same_place():
    tokens = [(t.text, t.pos, t.startchar, t.endchar)
              for t in VietnameseTokenizer()("Rửa tay, Wi-Fi 115", positions=True, chars=True)]
    assert tokens == [("rửa", 0, 0, 3), ("rua", 0, 0, 3), ("tay", 1, 4, 7), ("wi", 2, 9, 11), ("fi", 3, 12, 14),
                      ("115", 4, 15, 18)]


def test_the_index_schema_stores_what_results_show():
    assert {"lesson", "title", "body", "quiz"} <= {name for name in SCHEMA.names() if SCHEMA[name].stored}


def test_html_to_text_keeps_words_and_picture_descriptions():
    html = ('<h2>Rửa tay</h2><p>Dùng <strong>xà phòng</strong> &amp; nước.</p>'
            '<picture><source srcset="a.webp"><img src="a.jpg" alt="Sáu bước rửa tay"></picture>')
    assert html_to_text(html) == "Rửa tay\nDùng xà phòng & nước.\nSáu bước rửa tay"


def test_highlight_marks_typed_words_whatever_their_accents_and_escapes_the_rest():
    assert str(highlight("Rửa tay <b>sạch</b>", parse("rua tay"))) == \
        "<mark>Rửa</mark> <mark>tay</mark> &lt;b&gt;sạch&lt;/b&gt;"


def test_highlight_prefers_the_accents_typed():
    text = "Đội mũ bảo hiểm. Lớp xóa mù chữ."
    assert str(highlight(text, parse("mù "))) == "Đội mũ bảo hiểm. Lớp xóa <mark>mù</mark> chữ."
    assert str(highlight(text, parse("mu "))).count("<mark>") == 2


def test_highlight_marks_the_completions_of_a_word_being_typed():
    assert str(highlight("Ứng dụng VNeID", parse("vne"))) == "Ứng dụng <mark>VNeID</mark>"


def test_snippet_is_short_around_the_most_typed_words():
    text = ("Mở đầu dài dòng. " * 20) + "Rửa tay với xà phòng trước khi ăn. " + ("Kết thúc. " * 20)
    found = str(snippet(text, parse("rua tay xa phong")))
    assert len(found) < 260
    assert "<mark>Rửa</mark> <mark>tay</mark> với <mark>xà</mark> <mark>phòng</mark>" in found
    assert found.startswith("… ") and found.endswith(" …")
    assert snippet(text, parse("otp")) is None


def test_words_fold_one_by_one():
    assert Words(("xóa", "mù"), prefix=False).folded == ("xoa", "mu")
