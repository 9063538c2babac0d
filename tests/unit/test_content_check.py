"""The pack linter: each check finds its problem, and clean text passes."""
import shutil

import pytest

from lms.services import content_check, packs
from tests.conftest import BASIC_PACK

LESSON = ("chu-cai", "01-lam-quen", "01-chu-a.md")


def check(app, tmp_path, old=None, new=None, parts=LESSON, limits=content_check.Limits()):
    pack = tmp_path / "pack"
    shutil.copytree(BASIC_PACK, pack)
    if old is not None:
        path = pack.joinpath(*parts)
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new), encoding="utf-8")
    with app.test_request_context(headers={"Accept-Language": "en"}):
        return content_check.check(packs.read_pack(pack), limits)


def test_the_basic_pack_has_no_errors(app, tmp_path):
    problems = check(app, tmp_path)
    assert [p for p in problems if p.severity == "error"] == []


@pytest.mark.parametrize("old,new,severity,needle", [
    ("![Chữ a viết to màu xanh]", "![]", "error", "chu-a.png"),
    ('      explanation: "Chữ a có một vòng tròn và một nét thẳng."\n', "", "error", "1"),
    ("Đây là chữ **a**.", "Day la chu a, mot chu cai dau tien trong bang chu cai tieng Viet.", "warning", "Day la chu"),
    ("Đây là chữ **a**.", "Đây là " + "một chữ rất " * 9 + "dài.", "warning", "30"),
    ("minutes: 3", "minutes: 20", "warning", "20"),
])
def test_each_check_finds_its_problem(app, tmp_path, old, new, severity, needle):
    problems = [p for p in check(app, tmp_path, old, new) if p.path.endswith("01-chu-a.md")]
    assert any(p.severity == severity and needle in p.message for p in problems), problems


def test_a_picture_over_the_budget_is_an_error(app, tmp_path):
    problems = check(app, tmp_path, limits=content_check.Limits(max_picture_kb=1))
    assert any(p.severity == "error" and "chu-a.png" in p.message for p in problems)


def test_a_literacy_lesson_without_a_picture_is_warned_about(app, tmp_path):
    problems = check(app, tmp_path)
    assert any(p.path.endswith("02-chu-b.md") and p.severity == "warning" and "ảnh" in p.message for p in problems)


@pytest.mark.parametrize("text,lost", [
    ("Xoa mu chu cho nguoi lon o xa vung cao", True),
    ("Xóa mù chữ cho người lớn ở xã vùng cao", False),
    ("b, c, d, đ, g, h, k, l, m, n", False),
    ("Wi-Fi", False),
])
def test_lost_diacritics(text, lost):
    assert content_check.lacks_diacritics(text) is lost
