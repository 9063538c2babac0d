"""The shipped library: it passes the checks, imports into an empty database, every lesson renders, every quiz can be passed."""
import uuid
from datetime import datetime, timezone

from sqlalchemy import select

from lms.config import PROJECT_ROOT
from lms.models import EventKind, Lesson, LessonProgress, ProgrammeKind, QuestionKind, Role
from lms.services import progress
from lms.services.progress import EventIn

CONTENT = PROJECT_ROOT / "content"
AT = datetime(2026, 9, 1, 2, 0, tzinfo=timezone.utc)


def test_the_shipped_library_has_no_errors_and_no_warnings(runner):
    result = runner.invoke(args=["content", "check", str(CONTENT)])
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith("0 lỗi, 0 cảnh báo.")


def test_every_lesson_renders_and_every_quiz_can_be_passed(make, db, client, login):
    report = make.pack(CONTENT)
    assert report.created >= 60
    learner = make.user(Role.LEARNER, center=make.center())
    login(learner)
    lessons = db.session.scalars(select(Lesson)).all()
    courses = {lesson.course_id for lesson in lessons}
    assert len(courses) >= 10
    kinds = {lesson.course.programme.kind for lesson in lessons}
    assert kinds == set(ProgrammeKind)
    for lesson in lessons:
        version = lesson.published_version
        page = client.get(f"/learn/lesson/{lesson.id}")
        assert page.status_code == 200, lesson.slug
        assert version.title in page.get_data(as_text=True)
        assert 3 <= len(version.questions) <= 5, lesson.slug
        if lesson.course.programme.kind in (ProgrammeKind.LITERACY_1, ProgrammeKind.LITERACY_2):
            assert "<picture>" in version.html, lesson.slug
        attempt = str(uuid.uuid4())
        events = [EventIn(uuid=str(uuid.uuid4()), kind=EventKind.READ, lesson_id=lesson.id, version_id=version.id,
                          occurred_at=AT)]
        for question in version.questions:
            right = tuple(c.id for c in question.choices if c.is_correct)
            assert right and (question.kind is QuestionKind.MULTIPLE or len(right) == 1), (lesson.slug, question.text)
            events.append(EventIn(uuid=str(uuid.uuid4()), kind=EventKind.ANSWERED, lesson_id=lesson.id,
                                  version_id=version.id, occurred_at=AT, attempt=attempt, question_id=question.id,
                                  choice_ids=right))
        results = progress.record(learner, events, now=AT, pass_mark=80)
        assert {r.status for r in results} == {"accepted"}, (lesson.slug, results)
        state = db.session.scalar(select(LessonProgress).filter_by(user_id=learner.id, lesson_id=lesson.id))
        assert state.completed_at == AT and state.best_score == 100, lesson.slug
