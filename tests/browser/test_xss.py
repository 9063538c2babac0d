"""A corpus of script-injection attempts in lesson Markdown: in a real browser, nothing runs."""
import shutil

import pytest
from sqlalchemy import select

from lms.models import Lesson, Role
from tests.browser.test_learner import sign_in
from tests.conftest import BASIC_PACK
from tests.unit.test_markup import PAYLOADS

pytestmark = pytest.mark.browser

MORE = [
    "<img src=x onerror=\"document.title='pwned'\">",
    "<a href=\"javascript:document.title='pwned'\" id=js>click me</a>",
    "<details open ontoggle=\"document.title='pwned'\">x</details>",
    "<body onload=\"document.title='pwned'\">",
    "<object data=\"javascript:document.title='pwned'\"></object>",
    "<embed src=\"javascript:document.title='pwned'\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:document.title='pwned'\">",
    "<base href=\"https://evil.example/\">",
    "[x](javascript:document.title='pwned')",
    "<scr<script>ipt>document.title='pwned'</script>",
    "<svg><script>document.title='pwned'</script></svg>",
    "<noscript><p title=\"</noscript><img src=x onerror=document.title='pwned'>\"></noscript>",
    "<style>@import 'https://evil.example/x.css';</style>",
]


def test_no_injected_script_runs_and_no_handler_survives(live_server, phone, make, db, tmp_path):
    pack = tmp_path / "pack"
    shutil.copytree(BASIC_PACK, pack)
    lesson_file = pack / "chu-cai" / "01-lam-quen" / "02-chu-b.md"
    lesson_file.write_text(lesson_file.read_text(encoding="utf-8") + "\n\n" + "\n\n".join(PAYLOADS + MORE) + "\n",
                           encoding="utf-8")
    make.pack(pack)
    make.user(Role.LEARNER, center=make.center(), username="hoa", secret="2468")
    page = phone.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    sign_in(page, live_server, "hoa", "2468")
    lesson = db.session.scalar(select(Lesson).where(Lesson.slug == "chu-b"))
    page.goto(f"{live_server}/learn/lesson/{lesson.id}")
    page.wait_for_timeout(500)
    if page.locator("#js").count():
        page.locator("#js").click()
        page.wait_for_timeout(300)
    assert dialogs == []
    assert page.title() != "pwned" and "pwned" not in page.title()
    handlers = page.evaluate("""() => [...document.querySelectorAll('.body *')].flatMap(el =>
        [...el.attributes].filter(a => a.name.startsWith('on') || /javascript:/i.test(a.value)).map(a => a.name))""")
    assert handlers == []
    assert page.locator(".body script, .body iframe, .body object, .body embed, .body style, .body meta, "
                        ".body base, .body form").count() == 0


def test_a_picture_pointing_at_script_is_refused_at_import(make, db, tmp_path):
    from lms.services.packs import PackError
    pack = tmp_path / "pack"
    shutil.copytree(BASIC_PACK, pack)
    lesson_file = pack / "chu-cai" / "01-lam-quen" / "02-chu-b.md"
    lesson_file.write_text(lesson_file.read_text(encoding="utf-8") + "\n![x](javascript:alert(1))\n", encoding="utf-8")
    with pytest.raises(PackError):
        make.pack(pack)
