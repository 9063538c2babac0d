"""The machine voice: it speaks the six tones apart, it is attached where no person recorded, and it stays out of exports."""
import array
import statistics
import shutil
import subprocess

import pytest
from sqlalchemy import select

from lms.models import Lesson, LessonVersion
from lms.services import packs, speech

needs_espeak = pytest.mark.skipif(speech.available_engine("espeak-ng") is None,
                                  reason="espeak-ng and opus-tools are not installed (.ci/run installs them)")


def pitch_track(word: str) -> list[float]:
    """Fundamental frequency (Hz) every 20 ms of espeak-ng's Northern voice saying a word, by autocorrelation."""
    wav = subprocess.run(["espeak-ng", "-v", "vi", "-s", "120", "--stdout", word], capture_output=True, check=True).stdout
    samples = array.array("h", wav[44:])
    rate, frame = 22050, 1024
    track = []
    for start in range(0, len(samples) - frame, 441):
        window = samples[start:start + frame]
        if max(abs(x) for x in window) < 2000:
            continue  # silence
        best, best_lag = 0.0, 0
        for lag in range(rate // 300, rate // 70):  # 70–300 Hz
            score = sum(window[i] * window[i + lag] for i in range(0, frame - lag, 2))
            if score > best:
                best, best_lag = score, lag
        if best_lag:
            track.append(rate / best_lag)
    return track


@needs_espeak
@pytest.mark.parametrize("word,shape", [("ma", "level"), ("má", "rises"), ("mà", "falls")])
def test_the_voice_gives_each_tone_its_pitch_contour(word, shape):
    """Thanh ngang stays level, thanh sắc rises, thanh huyền falls (compared after the consonant's onset)."""
    track = pitch_track(word)
    assert len(track) >= 9
    third = len(track) // 3
    middle, end = statistics.median(track[third:2 * third]), statistics.median(track[-third:])
    change = end / middle
    expected = {"level": 0.95 < change < 1.05, "rises": change > 1.1, "falls": change < 0.97}
    assert expected[shape], (word, [round(f) for f in track])


@needs_espeak
def test_six_tones_are_six_different_sounds():
    tones = {w: speech.Espeak().synthesize(w, "vi") for w in ("ma", "má", "mà", "mả", "mã", "mạ")}
    assert len(set(tones.values())) == 6
    assert all(audio.startswith(b"OggS") and len(audio) < 8000 for audio in tones.values())


def test_what_the_voice_reads():
    text = speech.speakable("Chữ a", "## Nhìn\n\n![Chữ a viết to](media/a.png)\n\n- **ba**\n- ca\n\nĐọc [bài sau](02-b.md).")
    assert text == "Chữ a.\nNhìn.\n(Chữ a viết to.)\nba.\nca.\nĐọc bài sau."


def test_no_engine_means_no_voice():
    assert speech.available_engine("none") is None
    assert speech.give_voice([], None, None, None) == 0


@needs_espeak
def test_lessons_get_a_machine_voice_where_nobody_recorded_one(make, db, app, tmp_path):
    report = make.pack()
    assert report.voiced > 10
    lessons = {l.slug: l for l in db.session.scalars(select(Lesson))}
    recorded, machine = lessons["chu-a"].published_version, lessons["chu-b"].published_version
    assert recorded.narration.machine_voice is False  # the teacher's recording wins
    assert machine.narration.machine_voice is True and machine.narration.mime == "audio/ogg"
    assert all(q.audio and q.audio.machine_voice for q in recorded.questions)
    assert all(c.audio for q in recorded.questions for c in q.choices)
    assert make.pack().voiced == 0  # nothing to do the second time
    out = tmp_path / "out"
    packs.export_pack(out, media_root=app.config["LMS_MEDIA_DIR"])
    exported = (out / "chu-cai" / "01-lam-quen" / "02-chu-b.md").read_text(encoding="utf-8")
    assert "narration" not in exported and not (out / "chu-cai" / "01-lam-quen" / "media" / "narration.ogg").exists()


@needs_espeak
def test_the_lesson_page_offers_listening_unless_the_teacher_turned_the_voice_off(make, db, client, login):
    from lms.models import Role
    make.pack()
    login(make.user(Role.LEARNER, center=make.center()))
    lesson = db.session.scalar(select(Lesson).where(Lesson.slug == "chu-b"))
    page = client.get(f"/learn/lesson/{lesson.id}").get_data(as_text=True)
    assert "<audio" in page and "(giọng máy)" in page
    a = db.session.scalar(select(Lesson).where(Lesson.slug == "chu-a"))
    assert client.get(f"/learn/lesson/{a.id}").get_data(as_text=True).count('class="listen') >= 10
    lesson.machine_voice = False
    a.machine_voice = False
    db.session.commit()
    assert "<audio" not in client.get(f"/learn/lesson/{lesson.id}").get_data(as_text=True)
    page_a = client.get(f"/learn/lesson/{a.id}").get_data(as_text=True)
    assert "<audio" in page_a and 'class="listen' not in page_a  # the recorded narration stays
