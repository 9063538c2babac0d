"""Finding lessons by a few typed words, with or without Vietnamese accents: the one seam for search.

Two backends answer the same calls, chosen by LMS_SEARCH_BACKEND: Whoosh (an index folder per server; the
default, for one server) and PostgreSQL full-text search (one index in the shared database, for several
application servers). Either way the index is derived data: it proposes candidates and the database decides
who may see them, so a stale index can miss a lesson but never shows one to someone who may not see it.

Callers need three functions: `search`; `lessons_changed`, called wherever a lesson is published, unpublished,
edited or deleted (the index follows when the transaction commits); and `reindex`.
"""
import heapq
import html
import logging
import os
import re
import shutil
import threading
import time
import unicodedata
import uuid
from dataclasses import dataclass, field
from math import log
from pathlib import Path
from typing import Iterable, Iterator, Optional

from flask import current_app, has_app_context
from markupsafe import Markup, escape
from sqlalchemy import (
    Column, Integer, MetaData, String, Table, Text, and_, bindparam, event, false, func, literal_column, or_,
    select, text, true,
)
from sqlalchemy.dialects.postgresql import TSVECTOR, insert as pg_insert
from sqlalchemy.orm import Session
from whoosh import index as whoosh_index
from whoosh.analysis import Token, Tokenizer
from whoosh.fields import ID, NUMERIC, STORED, TEXT, Schema
from whoosh.util.filelock import FileLock, try_for

from lms.extensions import db
from lms.models import (
    Course, DraftChoice, DraftQuestion, Lesson, LessonDraft, LessonStatus, LessonVersion, Programme, QuizChoice,
    QuizQuestion, Role, User,
)
from lms.services import catalog

logger = logging.getLogger(__name__)

BACKENDS = ("whoosh", "postgres")
PER_PAGE = 10
MAX_WORDS = 12
MAX_QUERY_CHARS = 200
SNIPPET_CHARS = 160
MIN_PREFIX = 3  # a shorter last word is taken as typed: "đi", "ăn", "mẹ" are whole Vietnamese words


class SearchUnavailable(Exception):
    """The index is being rebuilt by another process and could not be waited for."""


# --- text: Vietnamese normalisation and accent folding ------------------------------------------------

WORD = re.compile(r"[^\W_]+")  # letters and digits; Vietnamese syllables are separated by spaces
_TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook above, dot below (decomposed)
# The tone of an open "oa", "oe", "uy" syllable is written on either vowel ("hòa" and "hoà", "thủy" and "thuỷ");
# both spellings are correct, so both are brought to one, on the first vowel, before comparing.
_END = r"(?![\w\u0300-\u036f])"  # no letter and no further mark: "hoặc" is a + dot below + breve, then c
_OPEN_OA_OE = re.compile(rf"(o)([ae])([{_TONES}]){_END}")
_OPEN_UY = re.compile(rf"(?<!q)(u)(y)([{_TONES}]){_END}")
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def _fold_char(c: str) -> str:
    bare = "".join(x for x in unicodedata.normalize("NFD", c) if not unicodedata.combining(x))
    return {"đ": "d", "Đ": "D"}.get(bare, bare)


# Every accented Latin letter (Vietnamese ones included) to its base letter, one character for one.
_FOLD = {cp: _fold_char(chr(cp)) for r in (range(0xC0, 0x250), range(0x1E00, 0x1F00))
         for cp in r if len(_fold_char(chr(cp))) == 1 and _fold_char(chr(cp)) != chr(cp)}


def normalize(value: str) -> str:
    """Lower case, composed characters, one placement of tone marks: the "exact" form of Vietnamese text."""
    decomposed = unicodedata.normalize("NFD", value.lower())
    decomposed = _OPEN_UY.sub(r"\1\3\2", _OPEN_OA_OE.sub(r"\1\3\2", decomposed))
    return unicodedata.normalize("NFC", decomposed)


def fold(value: str) -> str:
    """Text without accents or tone marks and with đ written d: what people type without a Vietnamese keyboard.

    Composed text keeps its length, so positions found in the folded text hold in the original.
    """
    folded = value.translate(_FOLD)
    if _COMBINING.search(folded):  # decomposed input: fold it the slow way
        folded = "".join(_fold_char(c) for c in unicodedata.normalize("NFC", folded))
    return folded


@dataclass(frozen=True)
class Words:
    """What someone typed, as words in exact form; the last may be a word still being typed."""

    exact: tuple[str, ...]
    prefix: bool

    @property
    def folded(self) -> tuple[str, ...]:
        return tuple(fold(w) for w in self.exact)

    @property
    def accented(self) -> bool:
        return self.exact != self.folded

    def __bool__(self) -> bool:
        return bool(self.exact)


def parse(value: str) -> Words:
    """Split a typed query into words; the last one is a prefix unless a space or punctuation ends it."""
    value = unicodedata.normalize("NFC", value or "")[:MAX_QUERY_CHARS]
    words = tuple(WORD.findall(normalize(value)))[:MAX_WORDS]
    typing = bool(words) and bool(WORD.fullmatch(value[-1:])) and len(fold(words[-1])) >= MIN_PREFIX
    return Words(words, prefix=typing)


def html_to_text(value: str) -> str:
    """The readable text of a lesson's HTML, pictures' descriptions included."""
    value = re.sub(r"<img\b[^>]*?\balt=\"([^\"]*)\"[^>]*>", r" \1 ", value)
    value = re.sub(r"<(br|/p|/li|/h\d|/tr|/figcaption|/blockquote)\b[^>]*>", "\n", value)
    value = html.unescape(re.sub(r"<[^>]+>", " ", value))
    return unicodedata.normalize("NFC", re.sub(r"[ \t\r\f\v]+", " ", re.sub(r"\s*\n\s*", "\n", value)).strip())


def _pattern(forms: tuple[str, ...], prefix: bool) -> re.Pattern:
    """The typed words in text of the same form, the last one as the start of a word while it is being typed."""
    parts = [re.escape(w) + (r"\w*" if prefix and i == len(forms) - 1 else "") for i, w in enumerate(forms)]
    return re.compile(r"(?<!\w)(?:" + "|".join(sorted(parts, key=len, reverse=True)) + r")(?!\w)")


def _spans(value: str, words: Words) -> list[tuple[int, int, str]]:
    """Where the typed words are in the text: with their accents if typed so and found, else whatever accents."""
    exact = normalize(value)
    if len(exact) != len(value):
        return []
    if words.accented:
        found = [(m.start(), m.end(), m.group()) for m in _pattern(words.exact, words.prefix).finditer(exact)]
        if found:
            return found[:200]
    return [(m.start(), m.end(), m.group()) for m in _pattern(words.folded, words.prefix).finditer(fold(exact))][:200]


def _marked(value: str, spans, begin: int = 0, end: Optional[int] = None) -> Markup:
    end = len(value) if end is None else end
    out, position = [], begin
    for start, stop, _word in spans:
        if start >= begin and stop <= end:
            out += [str(escape(value[position:start])), "<mark>", str(escape(value[start:stop])), "</mark>"]
            position = stop
    out.append(str(escape(value[position:end])))
    return Markup("".join(out))


def highlight(value: str, words: Words) -> Markup:
    """The text, escaped, with the typed words marked whatever their accents."""
    return _marked(value, _spans(value, words))


def snippet(value: str, words: Words, limit: int = SNIPPET_CHARS) -> Optional[Markup]:
    """The passage of at most `limit` characters with the most different typed words, marked; None if none."""
    value = value.replace("\n", " ")
    spans = _spans(value, words)
    if not spans:
        return None
    best, best_key = 0, None
    for i, (start, _stop, _word) in enumerate(spans):
        key = len({w for s, e, w in spans[i:] if e <= start + limit - 30})
        if best_key is None or key > best_key:
            best, best_key = i, key
    first = spans[best][0]
    begin = max(0, first - 30)
    if begin:
        begin = value.find(" ", begin, first) + 1 or begin
    end = min(len(value), begin + limit)
    cut = value.rfind(" ", first, end)
    if end < len(value) and cut > first:
        end = cut
    return Markup("… " if begin else "") + _marked(value, spans, begin, end) + Markup(" …" if end < len(value) else "")


def _shorten(value: str, limit: int = SNIPPET_CHARS) -> str:
    value = " ".join(value.split())
    return value if len(value) <= limit else value[:limit].rsplit(" ", 1)[0] + " …"


# --- documents: what is searched, read from the database ----------------------------------------------

@dataclass
class Document:
    """One lesson as an index sees it: its published version, the latest one of a lesson not published, or the
    working draft of a lesson never published (version_id 0), so that its authors find it."""

    lesson_id: int
    version_id: int
    course_id: int
    programme_id: int
    status: str
    language: str
    title: str
    body: str
    quiz: str
    meta: str  # tags, course, programme, language: found, but weighed below the lesson's own words


def _language_names(code: str) -> str:
    """A language's names, so that "hmong" finds lessons in Hmong; Vietnamese, the default, adds none."""
    if code == "vi":
        return ""
    from babel import Locale, UnknownLocaleError
    names = {code}
    for locale in ("vi", "en"):
        try:
            names.add(Locale.parse(locale).languages.get(code, code))
        except (UnknownLocaleError, ValueError):
            pass
    return " ".join(sorted(names))


def documents(session: Session, lesson_ids: Optional[Iterable[int]] = None, batch: int = 500) -> Iterator[Document]:
    """The documents of these lessons (of every lesson when None).

    Reads columns, not ORM objects, so a document is what the database holds when it is read.
    """
    if lesson_ids is None:
        ids = session.scalars(select(Lesson.id).order_by(Lesson.id)).all()
    else:
        ids = sorted(set(lesson_ids))
    for start in range(0, len(ids), batch):
        yield from _documents_batch(session, ids[start:start + batch])


def _documents_batch(session: Session, ids: list[int]) -> Iterator[Document]:
    latest = (select(LessonVersion.lesson_id, func.max(LessonVersion.id).label("id"))
              .where(LessonVersion.lesson_id.in_(ids)).group_by(LessonVersion.lesson_id).subquery())
    rows = session.execute(
        select(Lesson.id, Lesson.course_id, Lesson.status, Course.programme_id, Course.title, Course.subject,
               Programme.title.label("programme_title"),
               func.coalesce(Lesson.published_version_id, latest.c.id).label("version_id"))
        .join(Course, Course.id == Lesson.course_id).join(Programme, Programme.id == Course.programme_id)
        .outerjoin(latest, latest.c.lesson_id == Lesson.id)
        .where(Lesson.id.in_(ids))).all()
    version_ids = [r.version_id for r in rows if r.version_id is not None]
    versions = {v.id: v for v in session.execute(
        select(LessonVersion.id, LessonVersion.title, LessonVersion.language, LessonVersion.tags, LessonVersion.html)
        .where(LessonVersion.id.in_(version_ids)))}
    quiz: dict[int, list[str]] = {}
    for version_id, question, explanation in session.execute(
            select(QuizQuestion.version_id, QuizQuestion.text, QuizQuestion.explanation)
            .where(QuizQuestion.version_id.in_(version_ids)).order_by(QuizQuestion.version_id, QuizQuestion.position)):
        quiz.setdefault(version_id, []).extend([question, explanation])
    for version_id, choice in session.execute(
            select(QuizQuestion.version_id, QuizChoice.text).join(QuizChoice, QuizChoice.question_id == QuizQuestion.id)
            .where(QuizQuestion.version_id.in_(version_ids)).order_by(QuizQuestion.position, QuizChoice.position)):
        quiz.setdefault(version_id, []).append(choice)
    nfc = lambda value: unicodedata.normalize("NFC", value or "")  # noqa: E731
    drafts = _draft_texts(session, [r.id for r in rows if r.version_id is None])
    for row in rows:
        version = versions.get(row.version_id)
        if version is None:
            draft = drafts.get(row.id)
            if draft is not None:
                yield Document(
                    lesson_id=row.id, version_id=0, course_id=row.course_id, programme_id=row.programme_id,
                    status=LessonStatus(row.status).value, language=draft["language"], title=nfc(draft["title"]),
                    body=nfc(draft["markdown"]), quiz=nfc("\n".join(t for t in draft["quiz"] if t)),
                    meta=nfc(" · ".join(p for p in (draft["tags"], row.title, row.subject, row.programme_title) if p)))
            continue
        meta = [version.tags.replace(",", ", "), row.title, row.subject, row.programme_title,
                _language_names(version.language)]
        yield Document(
            lesson_id=row.id, version_id=version.id, course_id=row.course_id, programme_id=row.programme_id,
            status=LessonStatus(row.status).value, language=version.language, title=nfc(version.title),
            body=html_to_text(version.html), quiz=nfc("\n".join(t for t in quiz.get(version.id, []) if t)),
            meta=nfc(" · ".join(part for part in meta if part)))


def _draft_texts(session: Session, lesson_ids: list[int]) -> dict[int, dict]:
    """The working drafts of lessons never published: title, Markdown, tags and quiz words, by lesson."""
    if not lesson_ids:
        return {}
    drafts = {row.lesson_id: dict(id=row.id, title=row.title, markdown=row.markdown, language=row.language,
                                  tags=(row.tags or "").replace(",", ", "), quiz=[])
              for row in session.execute(select(LessonDraft.id, LessonDraft.lesson_id, LessonDraft.title,
                                                LessonDraft.markdown, LessonDraft.language, LessonDraft.tags)
                                         .where(LessonDraft.lesson_id.in_(lesson_ids)))}
    by_draft = {d["id"]: d for d in drafts.values()}
    for draft_id, question, explanation in session.execute(
            select(DraftQuestion.draft_id, DraftQuestion.text, DraftQuestion.explanation)
            .where(DraftQuestion.draft_id.in_(by_draft)).order_by(DraftQuestion.position)):
        by_draft[draft_id]["quiz"].extend([question, explanation])
    for draft_id, choice in session.execute(
            select(DraftQuestion.draft_id, DraftChoice.text).join(DraftChoice, DraftChoice.question_id == DraftQuestion.id)
            .where(DraftQuestion.draft_id.in_(by_draft)).order_by(DraftQuestion.position, DraftChoice.position)):
        by_draft[draft_id]["quiz"].append(choice)
    return drafts


# --- who finds what -----------------------------------------------------------------------------------

def _finds_every_lesson(user: User) -> bool:
    return user.role is Role.ADMIN


def _writes_lessons(user: User) -> bool:
    """Who works in the lesson library (lms/author) and so also finds lessons that are not published."""
    return user.role in (Role.TEACHER, Role.MANAGER, Role.ADMIN)


def _authoring_scope(user: User):
    """Lessons in any state that a person finds as an author: their own and their center's; administrators all."""
    if _finds_every_lesson(user):
        return true()
    if not _writes_lessons(user):
        return false()
    own = Lesson.author_id == user.id
    return or_(own, Course.center_id == user.center_id) if user.center_id is not None else own


def findable(user: User):
    """Who finds what, as a condition on Lesson joined with Course: published lessons of the catalogue this
    person browses (the catalogue's own rule, lms/services/catalog.py), and what they may find as an author."""
    published = and_(Lesson.status == LessonStatus.PUBLISHED, Lesson.published_version_id.is_not(None),
                     catalog._visible_to(user))
    return or_(published, _authoring_scope(user))


@dataclass(frozen=True)
class _Allowed:
    """The same rule as sets, for an index that cannot join: published lessons of these courses, and these lessons."""

    everything: bool
    courses: frozenset
    lessons: frozenset


def _allowed(session: Session, user: User) -> _Allowed:
    if _finds_every_lesson(user):
        return _Allowed(True, frozenset(), frozenset())
    courses = session.scalars(select(Course.id).where(catalog._visible_to(user))).all()
    lessons = session.scalars(select(Lesson.id).join(Course, Course.id == Lesson.course_id)
                              .where(_authoring_scope(user))).all() if _writes_lessons(user) else []
    return _Allowed(False, frozenset(courses), frozenset(lessons))


# --- results ------------------------------------------------------------------------------------------

@dataclass
class Hit:
    """One lesson found, ready to show: title and passage marked and escaped, where it belongs, its state."""

    lesson_id: int
    title: Markup
    snippet: Markup
    status: str = ""
    course: str = ""
    programme: str = ""

    @property
    def published(self) -> bool:
        return self.status == LessonStatus.PUBLISHED.value


@dataclass
class Results:
    """One page of lessons found, how many in all, and maybe the query with its misspelt words corrected."""

    query: str
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    page: int = 1
    per_page: int = PER_PAGE
    suggestion: Optional[str] = None

    @property
    def has_next(self) -> bool:
        return self.page * self.per_page < self.total

    @property
    def has_prev(self) -> bool:
        return self.page > 1


@dataclass
class _Candidate:
    lesson_id: int
    title: str
    body: str
    quiz: str


@dataclass
class _Found:
    """What a backend answers: one page of ranked candidates, how many matched, and maybe a correction."""

    candidates: list[_Candidate]
    total: int
    suggestion: Optional[str] = None


# --- the seam -----------------------------------------------------------------------------------------

def search(user: User, query: str, *, programme_id: Optional[int] = None, language: Optional[str] = None,
           page: int = 1, per_page: int = PER_PAGE) -> Results:
    """Lessons this person may find for what they typed: exact-accent matches first, then by relevance."""
    words = parse(query)
    page = max(1, page)
    results = Results(query=query, page=page, per_page=per_page)
    if not words:
        return results
    found = _backend().search(user, words, programme_id=programme_id, language=language, page=page,
                              per_page=per_page)
    results.total, results.suggestion = found.total, found.suggestion
    # The database has the last word on who may see what: the index only proposed these.
    visible = {row.id: row for row in db.session.execute(
        select(Lesson.id, Lesson.status, Course.title.label("course"), Programme.title.label("programme"))
        .join(Course, Course.id == Lesson.course_id).join(Programme, Programme.id == Course.programme_id)
        .where(Lesson.id.in_([c.lesson_id for c in found.candidates]), findable(user)))}
    for candidate in found.candidates:
        row = visible.get(candidate.lesson_id)
        if row is None:
            continue
        results.hits.append(Hit(
            lesson_id=candidate.lesson_id, title=highlight(candidate.title, words),
            snippet=(snippet(candidate.body, words) or snippet(candidate.quiz, words)
                     or Markup(escape(_shorten(candidate.body)))),
            status=LessonStatus(row.status).value, course=row.course, programme=row.programme))
    return results


def filter_choices(user: User) -> tuple[list[tuple[int, str]], list[str]]:
    """Programmes and languages of the lessons this person may find, for the search filters."""
    mine = select(Lesson.id).join(Course, Course.id == Lesson.course_id).where(findable(user))
    programmes = db.session.execute(
        select(Programme.id, Programme.title).where(Programme.id.in_(
            select(Course.programme_id).join(Lesson, Lesson.course_id == Course.id).where(Lesson.id.in_(mine))))
        .order_by(Programme.position, Programme.id)).all()
    languages = db.session.scalars(
        select(LessonVersion.language).distinct().where(LessonVersion.lesson_id.in_(mine))
        .order_by(LessonVersion.language)).all()
    return [(p.id, p.title) for p in programmes], list(languages)


def lessons_changed(lesson_ids: Iterable[int]) -> None:
    """Note lessons whose text or state changed; their index entries follow when the session commits."""
    db.session.info.setdefault(_PENDING, set()).update(lesson_ids)


def reindex() -> int:
    """Rebuild the whole index from the database; return the number of lessons indexed."""
    return _backend().rebuild()


def _backend():
    config = current_app.config
    name = config.get("LMS_SEARCH_BACKEND", "whoosh")
    if name == "whoosh":
        return WhooshIndex(Path(config["LMS_SEARCH_DIR"]))
    if name == "postgres":
        if db.engine.dialect.name != "postgresql":
            raise RuntimeError("LMS_SEARCH_BACKEND=postgres needs a PostgreSQL LMS_DATABASE_URL")
        return PostgresIndex()
    raise RuntimeError(f"LMS_SEARCH_BACKEND must be one of {', '.join(BACKENDS)}, not {name!r}")


# --- keeping the index in step with the database ------------------------------------------------------
# Changes are noted in the session (`lessons_changed`). PostgreSQL writes them inside the same transaction, so
# they commit or roll back with the change. Whoosh cannot take part in a transaction: the ids go to a queue file
# before the commit, the file is marked ready after it, and whichever process holds the index's write lock
# applies every ready file, reading those lessons afresh (WhooshIndex.drain).

_PENDING = "lms.search.pending"
_QUEUED = "lms.search.queued"


def _before_commit(session: Session) -> None:
    ids = session.info.pop(_PENDING, None)
    if not ids or not has_app_context():
        return
    backend = _backend()
    if isinstance(backend, PostgresIndex):
        session.flush()
        backend.write(session, ids)
        return
    try:
        session.info[_QUEUED] = (backend, backend.enqueue(ids))
    except OSError:  # never refuse a lesson because of its index: `lms search reindex` catches up
        logger.exception("could not queue lessons %s for the search index", sorted(ids))


def _after_commit(session: Session) -> None:
    queued = session.info.pop(_QUEUED, None)
    if queued is None:
        return
    backend, entry = queued
    try:
        backend.mark_ready(entry)
        backend.drain()
    except Exception:  # the lesson is saved; its queue entry is applied by the next writer or search
        logger.exception("search index update failed; it will be retried")


def _after_rollback(session: Session) -> None:
    session.info.pop(_PENDING, None)
    queued = session.info.pop(_QUEUED, None)
    if queued is not None:
        queued[0].discard(queued[1])


event.listen(db.session, "before_commit", _before_commit)
event.listen(db.session, "after_commit", _after_commit)
event.listen(db.session, "after_rollback", _after_rollback)


# --- Whoosh -------------------------------------------------------------------------------------------

class VietnameseTokenizer(Tokenizer):
    """Words in exact form, each followed at the same position by its folded form when that differs.

    One field then answers both "xóa" (its exact and folded terms) and "xoa" (the folded term).
    """

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True, start_pos=0,
                 start_char=0, tokenize=True, mode="", **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        exact = normalize(value)
        folded = fold(exact)
        aligned = len(folded) == len(exact)
        spans = (m.span() for m in WORD.finditer(exact)) if tokenize else [(0, len(exact))]
        for pos, (start, end) in enumerate(spans, start_pos):
            word = exact[start:end]
            token.text, token.boost, token.stopped = word, 1.0, False
            if keeporiginal:
                token.original = word
            if positions:
                token.pos = pos
            if chars:
                token.startchar, token.endchar = start_char + start, start_char + end
            yield token
            other = folded[start:end] if aligned else fold(word)
            if other != word:
                token.text = other
                yield token


_ANALYZER = VietnameseTokenizer()
SCHEMA_VERSION = 2  # change it with the schema or the analyser: an index of another version is rebuilt
SCHEMA = Schema(
    lesson=ID(stored=True, unique=True, sortable=True),  # the lesson id as text: deleting by term needs it
    course=NUMERIC(int, sortable=True),
    programme=NUMERIC(int, sortable=True),
    status=ID(sortable=True),
    language=ID(sortable=True),
    title=TEXT(analyzer=_ANALYZER, phrase=False, stored=True),
    text=TEXT(analyzer=_ANALYZER, phrase=False),  # everything: title, quiz, body, tags, course, programme
    body=STORED,
    quiz=STORED,
)
TITLE_BOOST = 3.0
MAX_PREFIX_TERMS = 10  # a word still being typed stands for its most frequent completions
LOCK_WAIT = 30.0  # seconds a search waits for another process that rebuilds a missing index
STALE_PENDING = 300  # seconds after which a queue entry whose commit was never confirmed is applied anyway
_local = threading.local()


def _fields(doc: Document) -> dict:
    return dict(lesson=str(doc.lesson_id), course=doc.course_id, programme=doc.programme_id, status=doc.status,
                language=doc.language, title=doc.title, body=doc.body, quiz=doc.quiz,
                text="\n".join((doc.title, doc.meta, doc.quiz, doc.body)))


class WhooshIndex:
    """A Whoosh index in one folder, safe with several processes writing at once.

    `CURRENT` names the live index folder (`v<schema>-<time>-<pid>/`); `queue/` holds the ids of lessons changed
    by transactions; `write.lock` is held by whoever writes. Every write (applying the queue, or building a new
    folder that then replaces the live one) happens under that lock and reads the lessons from the database
    only once it holds it, so the last writer always reads the last commit.
    """

    def __init__(self, root: Path):
        self.root = Path(root)
        self.queue = self.root / "queue"

    # -- the queue -----------------------------------------------------------------------------------

    def enqueue(self, ids: Iterable[int]) -> Path:
        """Write the ids to a new queue entry, not ready yet: its transaction has not committed."""
        self.queue.mkdir(parents=True, exist_ok=True)
        name = f"{time.time_ns()}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        tmp = self.queue / f".{name}.tmp"
        with open(tmp, "w") as f:
            f.write("\n".join(str(i) for i in sorted(ids)))
            f.flush()
            os.fsync(f.fileno())
        entry = self.queue / f"{name}.pending"
        os.replace(tmp, entry)
        return entry

    def mark_ready(self, entry: Path) -> None:
        try:
            os.replace(entry, entry.with_suffix(".ready"))
        except FileNotFoundError:  # already applied as stale: the lessons were read after the commit anyway
            pass

    def discard(self, entry: Path) -> None:
        entry.unlink(missing_ok=True)

    def _entries(self) -> list[Path]:
        try:
            names = os.listdir(self.queue)
        except FileNotFoundError:
            return []
        entries, now = [], time.time()
        for name in names:
            path = self.queue / name
            if name.endswith(".ready"):
                entries.append(path)
            elif name.endswith(".pending"):
                try:
                    if now - path.stat().st_mtime > STALE_PENDING:
                        entries.append(path)  # its process died between writing it and committing
                except FileNotFoundError:
                    pass
        return entries

    @staticmethod
    def _read_ids(entries: list[Path]) -> set[int]:
        ids: set[int] = set()
        for entry in entries:
            try:
                ids.update(int(line) for line in entry.read_text().split())
            except FileNotFoundError:
                pass
        return ids

    # -- writing -------------------------------------------------------------------------------------

    def _lock(self) -> FileLock:
        self.root.mkdir(parents=True, exist_ok=True)
        return FileLock(str(self.root / "write.lock"))

    def drain(self, wait: float = 0.0) -> None:
        """Apply every ready queue entry, unless another process holds the lock: then it applies them.

        A writer releases the lock and then looks at the queue again, so an entry written while it held the
        lock is applied either by that second look or by its own process, which then finds the lock free.
        """
        for _round in range(100):
            if not self._entries():
                return
            lock = self._lock()
            if not try_for(lambda: lock.acquire(blocking=False), timeout=wait, delay=0.05):
                return
            try:
                entries = self._entries()
                ix = self._open()
                if ix is None:
                    self._rebuild_locked()
                else:
                    self._apply(ix, self._read_ids(entries))
                for entry in entries:
                    entry.unlink(missing_ok=True)
            finally:
                lock.release()

    @staticmethod
    def _apply(ix, ids: set[int]) -> None:
        if not ids:
            return
        with Session(db.engine) as session:  # a new transaction: it sees every commit made before the lock
            docs = list(documents(session, ids))
        writer = ix.writer()
        try:
            for lesson_id in ids:
                writer.delete_by_term("lesson", str(lesson_id))
            for doc in docs:
                writer.add_document(**_fields(doc))
        except BaseException:
            writer.cancel()
            raise
        writer.commit()

    def rebuild(self, wait: Optional[float] = None) -> int:
        """Build a complete index from the database beside the live one, then swap; searches go on meanwhile."""
        lock = self._lock()
        acquired = lock.acquire(blocking=True) if wait is None else try_for(
            lambda: lock.acquire(blocking=False), timeout=wait, delay=0.1)
        if not acquired:
            raise SearchUnavailable
        try:
            count = self._rebuild_locked()
        finally:
            lock.release()
        self.drain()
        return count

    def _rebuild_locked(self) -> int:
        entries = self._entries()  # the lessons they name are read below, after they were listed
        name = f"v{SCHEMA_VERSION}-{time.time_ns()}-{os.getpid()}"
        path = self.root / name
        path.mkdir(parents=True)
        count = 0
        try:
            writer = whoosh_index.create_in(str(path), SCHEMA).writer(limitmb=256)
            try:
                with Session(db.engine) as session:
                    for doc in documents(session):
                        writer.add_document(**_fields(doc))
                        count += 1
            except BaseException:
                writer.cancel()
                raise
            writer.commit()
            tmp = self.root / f".CURRENT.{os.getpid()}"
            tmp.write_text(name)
            os.replace(tmp, self.root / "CURRENT")
        except BaseException:
            shutil.rmtree(path, ignore_errors=True)
            raise
        for old in self.root.glob("v*-*"):
            if old.name != name and old.is_dir():
                # Processes reading the old folder keep their open files and reopen CURRENT on their next search.
                shutil.rmtree(old, ignore_errors=True)
        for entry in entries:
            entry.unlink(missing_ok=True)
        return count

    # -- reading -------------------------------------------------------------------------------------

    def _current(self) -> Optional[str]:
        try:
            name = (self.root / "CURRENT").read_text().strip()
        except (FileNotFoundError, NotADirectoryError):
            return None
        return name if name.startswith(f"v{SCHEMA_VERSION}-") else None

    def _open(self):
        """The live index, or None when it is missing, of another schema version or unreadable."""
        name = self._current()
        if name is None:
            return None
        try:
            ix = whoosh_index.open_dir(str(self.root / name))
            ix.doc_count_all()  # reads the table of contents: fails here if it is damaged
            if ix.schema.names() != SCHEMA.names():
                raise ValueError(f"fields {ix.schema.names()} instead of {SCHEMA.names()}")
            return ix
        except Exception:
            logger.warning("search index %s is unreadable; it will be rebuilt", self.root / name, exc_info=True)
            return None

    def _searcher(self):
        """This thread's searcher on the live index: refreshed when the index changed, rebuilt when missing."""
        name = self._current()
        state = getattr(_local, "state", None)
        if name is not None and state and state[:3] == (os.getpid(), self.root, name):
            if state[3].up_to_date():
                return state[3]
            # Not Searcher.refresh(): it reuses segment readers with their old deletions, showing replaced lessons.
        self.forget()
        ix = self._open()
        if ix is None:
            self.rebuild(wait=LOCK_WAIT)
            name, ix = self._current(), self._open()
            if ix is None:
                raise SearchUnavailable
        searcher = ix.searcher()
        _local.state = (os.getpid(), self.root, name, searcher)
        return searcher

    @staticmethod
    def forget() -> None:
        """Close this thread's searcher (after a fork it belongs to the parent: just drop it)."""
        state = getattr(_local, "state", None)
        _local.state = None
        if state and state[0] == os.getpid():
            try:
                state[3].close()
            except Exception:
                pass

    def search(self, user: User, words: Words, *, programme_id, language, page, per_page) -> _Found:
        if self._entries():
            self.drain()
        try:
            return self._search(self._searcher(), user, words, programme_id, language, page, per_page)
        except SearchUnavailable:
            raise
        except Exception:
            # A folder replaced under an open searcher, or damaged files: open (or rebuild) and try once more.
            logger.warning("search failed in %s; opening the index again", self.root, exc_info=True)
            self.forget()
            if self._open() is None:
                self.rebuild(wait=LOCK_WAIT)
            return self._search(self._searcher(), user, words, programme_id, language, page, per_page)

    def _search(self, searcher, user, words, programme_id, language, page, per_page) -> _Found:
        view = _View.of(searcher)
        last = len(words.exact) - 1
        folded = [view.alternatives(w, prefix=words.prefix and i == last) for i, w in enumerate(words.folded)]
        matched = view.matching(folded)
        if matched:
            matched &= view.allowed(_allowed(db.session, user))
        if matched and (programme_id is not None or language is not None):
            matched = {d for d in matched if (programme_id is None or view.programme[d] == programme_id)
                       and (language is None or view.language[d] == language)}
        exact = set()
        if words.accented and matched:
            exact = view.matching([view.alternatives(w, prefix=words.prefix and i == last)
                                   for i, w in enumerate(words.exact)]) & matched
        ranked = view.rank(matched, folded, exact, words, page * per_page)
        candidates = []
        for docnum in ranked[(page - 1) * per_page:]:
            stored = searcher.stored_fields(docnum)
            candidates.append(_Candidate(int(stored["lesson"]), stored["title"], stored["body"], stored["quiz"]))
        suggestion = self._suggest(searcher, words) if len(matched) < per_page else None
        return _Found(candidates, len(matched), suggestion)

    @staticmethod
    def _suggest(searcher, words: Words) -> Optional[str]:
        """The query with each word that is nowhere in the index replaced by the nearest indexed word: fewest
        edits first (so the accents typed decide between "sạch" and "sach"), then the most frequent."""
        reader = searcher.reader()
        corrected, changed = [], False
        for i, (exact, folded) in enumerate(zip(words.exact, words.folded)):
            known = reader.doc_frequency("text", exact) or reader.doc_frequency("text", folded)
            if not known and words.prefix and i == len(words.exact) - 1:
                known = next(iter(reader.expand_prefix("text", folded)), None) is not None
            if known or len(folded) < 2 or folded.isdigit():
                corrected.append(exact)
                continue
            nearest = min(reader.terms_within("text", exact, 2, prefix=1), default=None,
                          key=lambda term: (_distance(term, exact), -reader.doc_frequency("text", term), term))
            corrected.append(nearest or exact)
            changed = changed or nearest is not None
        return " ".join(corrected) if changed else None


def _distance(a: str, b: str) -> int:
    """Levenshtein's edit distance."""
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]


class _View:
    """What one searcher needs to answer queries fast, kept with it until the index changes.

    Whoosh's general query machinery costs microseconds per posting in Python: too slow for the most common
    Vietnamese syllables in ten thousand lessons. Queries are evaluated here instead: posting lists read a block
    at a time, sets for matching and visibility, and BM25 (as Whoosh computes it) over the matches only.
    """

    K1, B = 1.2, 0.75
    CACHED_TERMS = 256

    def __init__(self, searcher):
        self.searcher = searcher
        self.reader = reader = searcher.reader()
        self.count = max(1, reader.doc_count())
        self.average = max(1.0, reader.field_length("text") / max(1, reader.doc_count_all()))
        self.alive = set(reader.all_doc_ids())
        columns = {name: list(reader.column_reader(name)) for name in
                   ("lesson", "course", "programme", "status", "language")}
        self.programme, self.language = columns["programme"], columns["language"]
        self.by_course: dict[int, list[int]] = {}
        self.by_lesson: dict[int, int] = {}
        for docnum in self.alive:
            self.by_lesson[int(columns["lesson"][docnum])] = docnum
            if columns["status"][docnum] == LessonStatus.PUBLISHED.value:
                self.by_course.setdefault(columns["course"][docnum], []).append(docnum)
        self.cache: dict[tuple[str, str], dict[int, float]] = {}
        self.norms: Optional[list[float]] = None

    @classmethod
    def of(cls, searcher) -> "_View":
        view = getattr(searcher, "_lms_view", None)
        if view is None:
            view = searcher._lms_view = cls(searcher)
        return view

    def allowed(self, allowed: _Allowed) -> set:
        """The documents this rule lets a person find."""
        if allowed.everything:
            return self.alive
        docs = {self.by_lesson[lesson] for lesson in allowed.lessons if lesson in self.by_lesson}
        for course in allowed.courses:
            docs.update(self.by_course.get(course, ()))
        return docs

    def alternatives(self, word: str, prefix: bool) -> list[str]:
        """The indexed words standing for a typed one: itself or, while it is being typed, its most frequent
        completions."""
        reader = self.reader
        if not prefix:
            return [word] if reader.doc_frequency("text", word) else []
        terms = (t.decode("utf-8") if isinstance(t, bytes) else t for t in reader.expand_prefix("text", word))
        found = sorted(((reader.doc_frequency("text", term), term) for term in terms), reverse=True)
        return [term for _frequency, term in found[:MAX_PREFIX_TERMS]]

    def postings(self, field: str, term: str) -> dict[int, float]:
        """Document number → weight (term frequency) of a term, read a block at a time."""
        key = (field, term)
        cached = self.cache.get(key)
        if cached is not None:
            return cached
        ids, weights = [], []
        for leaf, offset in self.reader.leaf_readers():
            if not leaf.doc_frequency(field, term):
                continue
            matcher = leaf.postings(field, term)
            matcher = getattr(matcher, "child", matcher)  # unwrap the deletion filter: `alive` drops those
            if all(hasattr(matcher, name) for name in ("_read_ids", "_read_weights", "_next_block", "_ids")):
                while matcher.is_active():
                    matcher._read_ids()
                    matcher._read_weights()
                    ids.extend(i + offset for i in matcher._ids) if offset else ids.extend(matcher._ids)
                    weights.extend(matcher._weights)
                    matcher._next_block()
            else:  # another posting format: the public, slower way
                while matcher.is_active():
                    ids.append(matcher.id() + offset)
                    weights.append(matcher.weight())
                    matcher.next()
        if len(self.cache) >= self.CACHED_TERMS:
            self.cache.pop(next(iter(self.cache)))
        found = self.cache[key] = dict(zip(ids, weights))
        return found

    def matching(self, words: list[list[str]]) -> set:
        """Documents having, for every typed word, one of the indexed words standing for it."""
        matched = None
        frequency = self.reader.doc_frequency
        for alternatives in sorted(words, key=lambda terms: sum(frequency("text", t) for t in terms)):
            docs = set()
            for term in alternatives:
                docs.update(self.postings("text", term).keys())
            matched = docs if matched is None else matched & docs
            if not matched:
                return set()
        return (matched or set()) & self.alive

    def _norms(self) -> list[float]:
        """BM25's length normalisation of each document's text."""
        if self.norms is None:
            k1, b, average, length = self.K1, self.B, self.average, self.reader.doc_field_length
            self.norms = [k1 * (1 - b + b * length(d, "text", 1) / average) for d in range(self.reader.doc_count_all())]
        return self.norms

    def _score(self, term: str, matched: set) -> dict[int, float]:
        """BM25 of a term in the documents' text, plus a bonus where it is in the title."""
        idf = log(self.count / (self.reader.doc_frequency("text", term) + 1)) + 1
        postings, norms, factor = self.postings("text", term), self._norms(), idf * (self.K1 + 1)
        found = {d: factor * tf / (tf + norms[d]) for d in matched if (tf := postings.get(d))}
        for d in self.postings("title", term).keys() & found.keys():
            found[d] += TITLE_BOOST * idf
        return found

    def rank(self, matched: set, words: list[list[str]], exact: set, typed: Words, wanted: int) -> list[int]:
        """The best `wanted` documents: exact-accent matches first, then by BM25 over all the text (the words as
        typed, accents included, counting twice), with a bonus for the words in the title and side by side."""
        if not matched:
            return []
        scores = dict.fromkeys(matched, 0.0)
        for i, alternatives in enumerate(words):
            best: dict[int, float] = {}
            for term in alternatives:
                for d, v in self._score(term, matched).items():
                    if v > best.get(d, 0.0):
                        best[d] = v
            if typed.exact[i] != typed.folded[i] and len(alternatives) == 1:
                for d, v in self._score(typed.exact[i], matched).items():
                    best[d] = best.get(d, 0.0) + v
            for d, v in best.items():
                scores[d] += v
        # The best few of each tier by score, then reordered with a bonus read from their stored text.
        shortlist = []
        for tier in ((exact, matched - exact) if exact else (matched,)):
            if len(shortlist) < max(wanted, 50):
                shortlist += heapq.nlargest(max(wanted, 50) - len(shortlist), tier, key=scores.__getitem__)
        if len(typed.folded) > 1:
            phrase = " ".join(typed.folded)
            for docnum in shortlist:
                stored = self.searcher.stored_fields(docnum)
                if phrase in fold(normalize(stored["title"])):
                    scores[docnum] *= 2.0
                elif phrase in fold(normalize(stored["body"])):
                    scores[docnum] *= 1.5
        shortlist.sort(key=lambda d: (d in exact, scores[d], -d), reverse=True)
        return shortlist[:wanted]


# --- PostgreSQL ---------------------------------------------------------------------------------------
# Documents live in their own schema, lms_search (migration 0002): derived data that belongs to this seam, not
# to the application's models. Folding is PostgreSQL's `unaccent`, through the text search configuration
# lms_search.folded; the exact form is normalised here, as for Whoosh, and searched with the `simple` one.

PG_SCHEMA = "lms_search"
pg_documents = Table(
    "documents", MetaData(schema=PG_SCHEMA),
    Column("lesson_id", Integer, primary_key=True),
    Column("version_id", Integer, nullable=False),
    Column("language", String(10), nullable=False),
    Column("title", Text, nullable=False),
    Column("body", Text, nullable=False),
    Column("quiz", Text, nullable=False),
    Column("meta", Text, nullable=False),
    Column("folded", TSVECTOR, nullable=False),
    Column("exact", TSVECTOR, nullable=False),
)
_PG_LOCK = 0x6C6D7373  # "lmss": the advisory lock between document writers and a rebuild
_FOLDED = literal_column(f"'{PG_SCHEMA}.folded'::regconfig")
_SIMPLE = literal_column("'simple'::regconfig")
_WEIGHTS = (("title", "A"), ("meta", "B"), ("quiz", "C"), ("body", "D"))


def _pg_vector(config, values: dict):
    vector = None
    for name, weight in _WEIGHTS:
        part = func.setweight(func.to_tsvector(config, values[name]), literal_column(f"'{weight}'::\"char\""))
        vector = part if vector is None else vector.op("||")(part)
    return vector


def _pg_query(words: tuple[str, ...], prefix: bool) -> str:
    """to_tsquery text: every word required, the last a prefix while it is being typed (words are letters only)."""
    last = len(words) - 1
    return " & ".join(f"'{w}'" + (":*" if prefix and i == last else "") for i, w in enumerate(words))


class PostgresIndex:
    """Documents in a table of the shared database, written in the transaction that changes their lessons."""

    def write(self, session: Session, ids: Iterable[int]) -> None:
        """Bring these lessons' documents up to date, inside the caller's transaction."""
        ids = sorted(set(ids))
        if not ids:
            return
        # Writers share this lock and a rebuild takes it alone, before either touches a document: no deadlock.
        session.execute(text("SELECT pg_advisory_xact_lock_shared(:key)"), {"key": _PG_LOCK})
        # Two transactions changing one lesson write its document in turn, the second reading the first's commit.
        session.execute(select(Lesson.id).where(Lesson.id.in_(ids)).order_by(Lesson.id).with_for_update())
        session.execute(pg_documents.delete().where(pg_documents.c.lesson_id.in_(ids)))
        self._insert(session, documents(session, ids))

    @staticmethod
    def _insert(session: Session, docs: Iterable[Document]) -> int:
        rows = [dict(lesson_id=d.lesson_id, version_id=d.version_id, language=d.language, title=d.title, body=d.body,
                     quiz=d.quiz, meta=d.meta, title_x=normalize(d.title), body_x=normalize(d.body),
                     quiz_x=normalize(d.quiz), meta_x=normalize(d.meta)) for d in docs]
        if not rows:
            return 0
        values = {name: bindparam(name, type_=Text) for name in ("title", "body", "quiz", "meta")}
        exact = {name: bindparam(f"{name}_x", type_=Text) for name in ("title", "body", "quiz", "meta")}
        statement = pg_insert(pg_documents).values(
            lesson_id=bindparam("lesson_id"), version_id=bindparam("version_id"), language=bindparam("language"),
            **values, folded=_pg_vector(_FOLDED, values), exact=func.strip(_pg_vector(_SIMPLE, exact)))
        statement = statement.on_conflict_do_update(
            index_elements=[pg_documents.c.lesson_id],
            set_={c: statement.excluded[c] for c in ("version_id", "language", "title", "body", "quiz", "meta",
                                                     "folded", "exact")})
        session.execute(statement, rows)
        return len(rows)

    def rebuild(self) -> int:
        """Refill the documents in one transaction; searches see the old ones until it commits, writers wait."""
        with Session(db.engine) as session:
            session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK})
            session.execute(pg_documents.delete())
            count, batch = 0, []
            for doc in documents(session):
                batch.append(doc)
                if len(batch) == 500:
                    count += self._insert(session, batch)
                    batch = []
            count += self._insert(session, batch)
            session.commit()
        return count

    def search(self, user: User, words: Words, *, programme_id, language, page, per_page, _filled=False) -> _Found:
        folded = func.to_tsquery(_FOLDED, _pg_query(words.exact, words.prefix))
        d = pg_documents.c
        conditions = [d.folded.op("@@")(folded), findable(user)]
        if programme_id is not None:
            conditions.append(Course.programme_id == programme_id)
        if language is not None:
            conditions.append(d.language == language)
        # Exact-accent matches first: they rank above every match that only agrees once accents are folded.
        # Both sets come from GIN indexes; only the matches' folded vectors are read, to rank them.
        order = [func.ts_rank(d.folded, folded).desc(), d.lesson_id]
        if words.accented:
            order.insert(0, d.lesson_id.in_(select(pg_documents.c.lesson_id).where(pg_documents.c.exact.op("@@")(
                func.to_tsquery(_SIMPLE, _pg_query(words.exact, words.prefix))))).desc())
        ranked = db.session.execute(
            select(d.lesson_id, func.count().over().label("total"))
            .select_from(pg_documents.join(Lesson, Lesson.id == d.lesson_id).join(Course, Course.id == Lesson.course_id))
            .where(*conditions)
            .order_by(*order)
            .limit(per_page).offset((page - 1) * per_page)).all()
        if not ranked and page == 1 and not _filled and self._missing():
            self.rebuild()  # switched to this backend, or the documents were emptied: fill them once
            return self.search(user, words, programme_id=programme_id, language=language, page=page,
                               per_page=per_page, _filled=True)
        texts = {row.lesson_id: row for row in db.session.execute(
            select(d.lesson_id, d.title, d.body, d.quiz).where(d.lesson_id.in_([r.lesson_id for r in ranked])))}
        candidates = [_Candidate(r.lesson_id, texts[r.lesson_id].title, texts[r.lesson_id].body, texts[r.lesson_id].quiz)
                      for r in ranked if r.lesson_id in texts]
        return _Found(candidates, ranked[0].total if ranked else 0)

    @staticmethod
    def _missing() -> bool:
        """No document at all, although there are lesson versions to make them from."""
        return bool(db.session.scalar(select(~select(pg_documents.c.lesson_id).exists()
                                             & select(LessonVersion.id).exists())))
