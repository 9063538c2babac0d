"""Content packs: reading, importing and exporting the folder format of docs/content-packs.md.

Every path of the format is built here and nowhere else.
"""
import hashlib
import json
import posixpath
import re
import shutil
import tempfile
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import yaml
from flask_babel import gettext as _
from sqlalchemy import func, select

from lms.extensions import db
from lms.models import (
    Course, Lesson, LessonStatus, LessonVersion, MediaAsset, Programme, ProgrammeKind, QuestionKind,
    QuizChoice, QuizQuestion, VersionMedia,
)
from lms.models.base import utcnow
from lms.services import markup, media, search

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
NUMBERED = re.compile(r"^(\d+)-(.+)$")
IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*([^)\s]+)(?:\s+\"[^\"]*\")?\s*\)")
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(\s*([^)\s]+)(?:\s+\"[^\"]*\")?\s*\)")
TRUE_FALSE_CHOICES = ["Đúng", "Sai"]
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".webp"}
AUDIO_SUFFIXES = {".ogg", ".opus", ".oga", ".mp3", ".m4a", ".webm"}  # .webm: narration recorded in a browser
MAX_PACK_BYTES = 500 * 1024 * 1024
MAX_POSITION = 99999  # the largest NN of a name, and of a programme's order
# YAML that cannot be turned into values: a syntax error, a date like 2001-13-45, nesting deeper than Python's stack.
YAML_FAILURES = (yaml.YAMLError, ValueError, RecursionError)


@dataclass
class Problem:
    """Something wrong in a pack, named by file so a teacher can find it."""

    path: str
    message: str
    severity: str = "error"  # "error" stops an import; "warning" is advice

    def __str__(self):
        return f"{self.path}: {self.message}"


class PackError(Exception):
    """A pack that cannot be imported; `problems` says where and why."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(map(str, problems)))


@dataclass
class QuestionSpec:
    text: str
    kind: str
    choices: list[str]
    answers: list[str]
    explanation: str
    audio: Optional[str] = None  # a recorded clip of the question, relative to the lesson file


@dataclass
class LessonSpec:
    slug: str
    position: int
    path: str  # relative to the pack root
    title: str
    minutes: int
    language: str
    tags: list[str]
    narration: Optional[str]
    pass_mark: Optional[int]
    questions: list[QuestionSpec]
    body: str
    media: dict[str, Path] = field(default_factory=dict)  # path as written in the lesson -> file
    links: list[str] = field(default_factory=list)  # other lessons, relative to the pack root
    images: list[tuple[str, str]] = field(default_factory=list)  # (alt, path) as written
    picture_audio: dict[str, str] = field(default_factory=dict)  # a picture's clip: picture path -> sound path


@dataclass
class CourseSpec:
    slug: str
    position: int
    path: str
    title: str
    description: str
    subject: Optional[str]
    term: Optional[int]
    language: str
    lessons: list[LessonSpec]


@dataclass
class ProgrammeSpec:
    slug: str
    path: str
    kind: str
    title: str
    description: str
    position: int
    courses: list[CourseSpec]


@dataclass
class Pack:
    root: Path
    programmes: list[ProgrammeSpec]
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def lessons(self):
        for programme in self.programmes:
            for course in programme.courses:
                for lesson in course.lessons:
                    yield programme, course, lesson


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    voiced: int = 0  # clips of machine voice added


# --- reading -------------------------------------------------------------------------------------

def _visible(path: Path) -> bool:
    return not path.name.startswith(("_", "."))


def _load_yaml(path: Path, rel: str, problems: list[Problem]) -> Optional[dict]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        problems.append(Problem(rel, _("file is missing")))
        return None
    except (*YAML_FAILURES, UnicodeDecodeError) as error:
        problems.append(Problem(rel, _("invalid YAML: %(error)s", error=str(error).replace("\n", " "))))
        return None
    if not isinstance(data, dict):
        problems.append(Problem(rel, _("expected key: value lines")))
        return None
    return data


def _text(data: dict, key: str, rel: str, problems: list[Problem], required: bool = True) -> str:
    value = data.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            problems.append(Problem(rel, _("%(key)s is missing", key=key)))
        return ""
    return str(value).strip()


def _whole(value, low: int, high: int) -> Optional[int]:
    """A whole number from low to high, or None (for a word, a list, a fraction's infinity, a number too big)."""
    try:
        number = int(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return number if low <= number <= high else None


def _short(value: Optional[str], limit: int, what: str, rel: str, problems: list[Problem]) -> Optional[str]:
    """A text that has to fit a database column of `limit` characters."""
    if value is not None and len(value) > limit:
        problems.append(Problem(rel, _("%(what)s is longer than %(limit)s characters", what=what, limit=limit)))
    return value


def _position(number: str, rel: str, problems: list[Problem]) -> int:
    position = int(number)
    if position > MAX_POSITION:
        problems.append(Problem(rel, _("the number before the name must be at most %(max)s", max=MAX_POSITION)))
        return 0
    return position


def split_front_matter(text: str) -> tuple[str, str]:
    """Split a lesson file into its YAML front matter and its Markdown body."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    if not text.startswith("---\n"):
        raise ValueError
    end = text.find("\n---\n", 3)
    if end == -1:
        if text.endswith("\n---"):
            end = len(text) - 4
        else:
            raise ValueError
    return text[4:end + 1], text[end + 5:]


def _question(raw, rel: str, number: int, problems: list[Problem]) -> Optional[QuestionSpec]:
    where = _("question %(n)s", n=number)
    if not isinstance(raw, dict):
        problems.append(Problem(rel, _("%(where)s: expected question, choices, answer, explanation", where=where)))
        return None
    text = str(raw.get("question") or "").strip()
    if not text:
        problems.append(Problem(rel, _("%(where)s: the question text is missing", where=where)))
    answer = raw.get("answer")
    kind = raw.get("kind") or ("multiple" if isinstance(answer, list) else "single")
    if not isinstance(kind, str) or kind not in {k.value for k in QuestionKind}:
        problems.append(Problem(rel, _("%(where)s: unknown kind %(kind)s", where=where, kind=kind)))
        return None
    choices = raw.get("choices", TRUE_FALSE_CHOICES if kind == QuestionKind.TRUE_FALSE.value else None)
    if not isinstance(choices, list) or len(choices) < 2:
        problems.append(Problem(rel, _("%(where)s: needs at least two choices", where=where)))
        return None
    choices = [str(c).strip() for c in choices]
    if len(set(choices)) != len(choices):
        problems.append(Problem(rel, _("%(where)s: two choices are the same", where=where)))
    answers = [str(a).strip() for a in (answer if isinstance(answer, list) else [answer] if answer is not None else [])]
    if not answers:
        problems.append(Problem(rel, _("%(where)s: the answer is missing", where=where)))
    for a in answers:
        if a not in choices:
            problems.append(Problem(rel, _("%(where)s: the answer «%(answer)s» is not among the choices",
                                           where=where, answer=a)))
    if kind != QuestionKind.MULTIPLE.value and len(answers) > 1:
        problems.append(Problem(rel, _("%(where)s: only one answer is allowed for this kind", where=where)))
    if set(answers) <= set(choices):
        # In the order of the choices, as an export writes them, so that the lesson reads back the same.
        answers = [c for c in choices if c in answers] if len(set(answers)) == len(answers) else answers
    return QuestionSpec(text, kind, choices, answers, str(raw.get("explanation") or "").strip(),
                        audio=str(raw["audio"]).strip() if raw.get("audio") else None)


def _read_lesson(path: Path, root: Path, course_language: str, problems: list[Problem]) -> Optional[LessonSpec]:
    rel = path.relative_to(root).as_posix()
    number, slug = NUMBERED.match(path.stem).groups()
    if not SLUG.match(slug):
        problems.append(Problem(rel, _("the name after the number must be a slug: a-z, 0-9 and hyphens")))
    _short(slug, 80, "slug", rel, problems)
    position = _position(number, rel, problems)
    try:
        front, body = split_front_matter(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError):
        problems.append(Problem(rel, _("a lesson starts with front matter between two --- lines")))
        return None
    try:
        meta = yaml.safe_load(front) or {}
    except YAML_FAILURES as error:
        problems.append(Problem(rel, _("invalid YAML: %(error)s", error=str(error).replace("\n", " "))))
        return None
    if not isinstance(meta, dict):
        problems.append(Problem(rel, _("expected key: value lines")))
        return None
    title = _short(_text(meta, "title", rel, problems), 200, "title", rel, problems)
    minutes = _whole(meta.get("minutes", 5), 1, 120)
    if minutes is None:
        problems.append(Problem(rel, _("minutes must be a whole number from 1 to 120")))
        minutes = 5
    quiz = meta.get("quiz") or {}
    questions, pass_mark = [], None
    if not isinstance(quiz, dict):
        problems.append(Problem(rel, _("quiz: expected pass_mark and questions")))
    else:
        if quiz.get("pass_mark") is not None:
            pass_mark = _whole(quiz["pass_mark"], 1, 100)
            if pass_mark is None:
                problems.append(Problem(rel, _("quiz: pass_mark must be a percent from 1 to 100")))
        raw_questions = quiz.get("questions") or []
        if not isinstance(raw_questions, list):
            problems.append(Problem(rel, _("quiz: questions must be a list")))
            raw_questions = []
        questions = [q for n, raw in enumerate(raw_questions, 1) if (q := _question(raw, rel, n, problems))]
    tags = meta.get("tags") or []
    if isinstance(tags, str):
        tags = [tags]
    if not isinstance(tags, list):
        problems.append(Problem(rel, _("tags: expected a list, such as [chữ cái, đọc]")))
        tags = []
    # Kept comma-separated: a tag is split at its commas and trimmed, as it reads back after an export.
    tags = [t.strip() for tag in tags for t in str(tag).split(",") if t.strip()]
    _short(",".join(tags), 400, "tags", rel, problems)
    narration = meta.get("narration")
    narration = str(narration).strip() or None if narration not in (None, False, "") else None
    lesson = LessonSpec(slug=slug, position=position, path=rel, title=title, minutes=minutes,
                        language=_short(str(meta.get("language") or course_language), 10, "language", rel, problems),
                        tags=tags, narration=narration,
                        pass_mark=pass_mark, questions=questions,
                        body=body.strip() + "\n")
    folder = path.parent
    for alt, href in IMAGE.findall(body):
        if _is_external(href):
            continue
        lesson.images.append((alt.strip(), href))
        _attach_media(lesson, href, folder, root, IMAGE_SUFFIXES, problems)
    _read_picture_audio(lesson, meta.get("picture_audio"), folder, root, problems)
    if lesson.narration:
        _attach_media(lesson, str(lesson.narration), folder, root, AUDIO_SUFFIXES, problems)
    for question in questions:
        for choice in question.choices:
            picture = picture_choice(choice)
            if picture:
                lesson.images.append(picture)
                _attach_media(lesson, picture[1], folder, root, IMAGE_SUFFIXES, problems)
        if question.audio:
            _attach_media(lesson, question.audio, folder, root, AUDIO_SUFFIXES, problems)
    for href in LINK.findall(body):
        target = href.split("#")[0]
        if target.endswith(".md") and not _is_external(target):
            lesson.links.append(markup.resolve_relative(posixpath.dirname(rel), target))
    return lesson


def _read_picture_audio(lesson: LessonSpec, raw, folder: Path, root: Path, problems: list[Problem]) -> None:
    """`picture_audio: {media/tay.png: media/tay.ogg}`: a short clip for a picture of the text."""
    if not raw:
        return
    if not isinstance(raw, dict) or not all(isinstance(v, str) and v.strip() for v in raw.values()):
        problems.append(Problem(lesson.path, _("picture_audio: expected a picture and its sound on each line")))
        return
    pictures = {posixpath.normpath(href) for _alt, href in lesson.images}
    for picture, clip in raw.items():
        if posixpath.normpath(str(picture)) not in pictures:
            problems.append(Problem(lesson.path, _("picture_audio: %(file)s is not a picture of this lesson",
                                                   file=picture)))
            continue
        lesson.picture_audio[posixpath.normpath(str(picture))] = clip.strip()
        _attach_media(lesson, clip.strip(), folder, root, AUDIO_SUFFIXES, problems)


def picture_choice(choice: str) -> Optional[tuple[str, str]]:
    """(description, path) when a quiz choice is a picture, written `![description](media/file.png)`."""
    match = IMAGE.fullmatch(choice.strip())
    if match is None or _is_external(match.group(2)):
        return None
    return match.group(1).strip(), match.group(2)


def _is_external(href: str) -> bool:
    return "://" in href or href.startswith(("/", "#", "mailto:", "tel:"))


def _attach_media(lesson: LessonSpec, href: str, folder: Path, root: Path, suffixes: set, problems) -> None:
    normal = posixpath.normpath(href)
    if normal.startswith("..") or normal.startswith("/"):
        problems.append(Problem(lesson.path, _("%(file)s must be inside the course folder", file=href)))
        return
    file = folder / normal
    try:
        exists = file.is_file() and len(normal) <= 200  # the longest path a lesson's file list keeps
    except OSError:  # a name too long for the file system
        exists = False
    if not exists:
        problems.append(Problem(lesson.path, _("the file %(file)s does not exist", file=href)))
        return
    if file.suffix.lower() not in suffixes:
        problems.append(Problem(lesson.path, _("%(file)s has a file type that cannot be used here", file=href)))
        return
    lesson.media[normal] = file


def _read_course(folder: Path, root: Path, problems: list[Problem]) -> Optional[CourseSpec]:
    rel = folder.relative_to(root).as_posix()
    number, slug = NUMBERED.match(folder.name).groups()
    if not SLUG.match(slug):
        problems.append(Problem(rel, _("the name after the number must be a slug: a-z, 0-9 and hyphens")))
    _short(slug, 80, "slug", rel, problems)
    position = _position(number, rel, problems)
    data = _load_yaml(folder / "course.yml", f"{rel}/course.yml", problems)
    if data is None:
        return None
    term, where = data.get("term"), f"{rel}/course.yml"
    course = CourseSpec(slug=slug, position=position, path=rel,
                        title=_short(_text(data, "title", where, problems), 200, "title", where, problems),
                        description=_text(data, "description", rel, problems, required=False),
                        subject=_short(_text(data, "subject", rel, problems, required=False) or None, 80, "subject",
                                       where, problems),
                        term=_whole(term, -2 ** 31, 2 ** 31 - 1) if isinstance(term, int) else None,
                        language=_short(str(data.get("language") or "vi"), 10, "language", where, problems),
                        lessons=[])
    course.lessons = _read_numbered(
        sorted(p for p in folder.glob("*.md") if _visible(p) and p.is_file()), root, problems,
        read=lambda path: _read_lesson(path, root, course.language, problems),
        misnamed=_("a lesson file is named NN-slug.md"),
        duplicate=lambda slug: _("another lesson of this course has the slug %(slug)s", slug=slug))
    return course


def _read_numbered(paths, root: Path, problems: list[Problem], *, read, misnamed: str, duplicate) -> list:
    """Read `NN-slug` course folders or lesson files in order, refusing other names and repeated slugs."""
    items, seen = [], set()
    for path in paths:
        if not NUMBERED.match(path.stem if path.is_file() else path.name):
            problems.append(Problem(path.relative_to(root).as_posix(), misnamed))
            continue
        item = read(path)
        if item is None:
            continue
        if item.slug in seen:
            problems.append(Problem(item.path, duplicate(item.slug)))
        seen.add(item.slug)
        items.append(item)
    return items


def _read_programme(folder: Path, root: Path, problems: list[Problem]) -> Optional[ProgrammeSpec]:
    rel = folder.relative_to(root).as_posix()
    if not SLUG.match(folder.name):
        problems.append(Problem(rel, _("a programme folder name must be a slug: a-z, 0-9 and hyphens")))
    data = _load_yaml(folder / "programme.yml", f"{rel}/programme.yml", problems)
    if data is None:
        return None
    kind = str(data.get("kind", ""))
    if kind not in {k.value for k in ProgrammeKind}:
        problems.append(Problem(f"{rel}/programme.yml", _("kind must be one of %(kinds)s",
                                                          kinds=", ".join(k.value for k in ProgrammeKind))))
    where = f"{rel}/programme.yml"
    order = _whole(data.get("order") or 0, 0, MAX_POSITION)
    if order is None:
        problems.append(Problem(where, _("order must be a whole number from 0 to %(max)s", max=MAX_POSITION)))
    programme = ProgrammeSpec(slug=_short(folder.name, 80, "slug", rel, problems), path=rel, kind=kind,
                              title=_short(_text(data, "title", where, problems), 200, "title", where, problems),
                              description=_text(data, "description", rel, problems, required=False),
                              position=order or 0, courses=[])
    programme.courses = _read_numbered(
        sorted(p for p in folder.iterdir() if p.is_dir() and _visible(p)), root, problems,
        read=lambda path: _read_course(path, root, problems),
        misnamed=_("a course folder is named NN-slug"),
        duplicate=lambda slug: _("another course of this programme has the slug %(slug)s", slug=slug))
    return programme


def read_pack(root: Path) -> Pack:
    """Read a pack folder into specs, collecting every problem instead of stopping at the first."""
    root = Path(root)
    problems: list[Problem] = []
    programmes = []
    if not root.is_dir():
        raise PackError([Problem(str(root), _("not a folder"))])
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and _visible(p)):
        programme = _read_programme(folder, root, problems)
        if programme:
            programmes.append(programme)
    if not programmes and not problems:
        problems.append(Problem(".", _("no programme folder with a programme.yml was found")))
    known = {_numbers_as_numbers(lesson.path) for _p, _c, lesson in Pack(root, programmes, []).lessons()}
    for _p, _c, lesson in Pack(root, programmes, []).lessons():
        for link in lesson.links:
            if _numbers_as_numbers(link) not in known:
                problems.append(Problem(lesson.path, _("the link to %(target)s leads to no lesson", target=link)))
    return Pack(root, programmes, problems)


def _numbers_as_numbers(path: str) -> str:
    """A pack path whose `NN-` numbers are read as numbers: `p/1-c/3-x.md` and `p/01-c/003-x.md` name one lesson
    (an export writes two digits, and the links in lesson bodies stay as they were written)."""
    parts = [NUMBERED.match(part) for part in path.split("/")]
    return "/".join(f"{int(m.group(1))}-{m.group(2)}" if m else part for m, part in zip(parts, path.split("/")))


@contextmanager
def opened(path: Path):
    """Yield a pack folder for a folder or a .zip file (unpacked safely into a temporary folder)."""
    path = Path(path)
    if path.is_dir():
        yield path
        return
    if not zipfile.is_zipfile(path):
        raise PackError([Problem(path.name, _("not a folder or a .zip file"))])
    with tempfile.TemporaryDirectory(prefix="lms-pack-") as tmp:
        try:
            with zipfile.ZipFile(path) as archive:
                total = 0
                for info in archive.infolist():
                    name = posixpath.normpath(info.filename)
                    total += info.file_size
                    if name.startswith(("..", "/")) or total > MAX_PACK_BYTES:
                        raise PackError([Problem(info.filename, _("this file may not be in a pack"))])
                archive.extractall(tmp)
        # Damaged, encrypted or oddly compressed, or names that cannot be files here (a file and a folder of one
        # name, a name too long).
        except (zipfile.BadZipFile, RuntimeError, NotImplementedError, EOFError, OSError):
            raise PackError([Problem(path.name, _("not a folder or a .zip file"))])
        entries = [p for p in Path(tmp).iterdir() if _visible(p)]
        # A zip of the pack folder itself holds one folder with programmes inside.
        if len(entries) == 1 and entries[0].is_dir() and not (entries[0] / "programme.yml").exists():
            yield entries[0]
        else:
            yield Path(tmp)


# --- importing -----------------------------------------------------------------------------------

def lesson_link(path: str) -> str:
    """The site address of the lesson at a pack path such as `prog/02-course/03-lesson.md`."""
    parts = path.split("/")
    programme = parts[0]
    course = NUMBERED.match(parts[1]).group(2) if len(parts) > 1 and NUMBERED.match(parts[1]) else ""
    stem = parts[-1][:-3]
    lesson = NUMBERED.match(stem).group(2) if NUMBERED.match(stem) else stem
    return f"/learn/l/{programme}/{course}/{lesson}"


def _store(file: Path, media_root: Path) -> MediaAsset:
    data = file.read_bytes()
    if file.suffix.lower() in IMAGE_SUFFIXES:
        return media.store_image(data, media_root)
    return media.store_audio(data, media_root)


def source_hash(spec: LessonSpec, assets: dict[str, MediaAsset]) -> str:
    """A hash of everything a version is made of, so that the same lesson twice makes no new version."""
    canonical = {
        "title": spec.title, "minutes": spec.minutes, "language": spec.language, "tags": spec.tags,
        "narration": spec.narration and posixpath.normpath(spec.narration), "pass_mark": spec.pass_mark,
        # A question's clip is hashed only when there is one, so lessons without clips keep their old hashes.
        "questions": [[q.text, q.kind, q.choices, q.answers, q.explanation] + ([q.audio] if q.audio else [])
                      for q in spec.questions],
        "body": spec.body, "media": sorted((path, a.sha256) for path, a in assets.items()),
    }
    if spec.picture_audio:  # only when there are picture clips, so lessons without them keep their old hashes
        canonical["picture_audio"] = sorted((posixpath.normpath(p), posixpath.normpath(c))
                                            for p, c in spec.picture_audio.items())
    return hashlib.sha256(json.dumps(canonical, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def _upsert(model, lookup: dict, values: dict):
    obj = db.session.scalar(select(model).filter_by(**lookup))
    created = obj is None
    if created:
        obj = model(**lookup)
        db.session.add(obj)
    for key, value in values.items():
        if getattr(obj, key) != value:
            setattr(obj, key, value)
    return obj, created


def render_body(body: str, path: str, assets: dict[str, MediaAsset], media_url: str) -> str:
    """A lesson's Markdown as learners get it: pictures from `assets`, links to lessons relative to its pack `path`."""
    lesson_dir = posixpath.dirname(path)
    return markup.render(
        body,
        media=lambda src: assets.get(posixpath.normpath(src)),
        link=lambda href: lesson_link(markup.resolve_relative(lesson_dir, href.split("#")[0])),
        media_url=media_url,
    )


def _choice(position: int, text: str, right: bool, assets: dict[str, MediaAsset]) -> QuizChoice:
    picture = picture_choice(text)
    if picture is not None and assets.get(posixpath.normpath(picture[1])) is not None:
        return QuizChoice(position=position, text=picture[0], is_correct=right,
                          image=assets[posixpath.normpath(picture[1])])
    return QuizChoice(position=position, text=text, is_correct=right)


def new_version(lesson: Lesson, spec: LessonSpec, assets: dict[str, MediaAsset], *, source_hash: str,
                media_url: str, author_id=None) -> LessonVersion:
    """Add the next version of a lesson from a spec, with its HTML rendered once and its quiz."""
    number = (db.session.scalar(select(func.max(LessonVersion.number)).where(LessonVersion.lesson_id == lesson.id)) or 0) + 1
    html = render_body(spec.body, spec.path, assets, media_url)
    narration = assets.get(posixpath.normpath(spec.narration)) if spec.narration else None
    version = LessonVersion(lesson_id=lesson.id, number=number, title=spec.title, minutes=spec.minutes,
                            language=spec.language, tags=",".join(spec.tags), markdown=spec.body, html=html,
                            pass_mark=spec.pass_mark, narration=narration, source_hash=source_hash,
                            created_by_id=author_id)
    for position, q in enumerate(spec.questions, 1):
        question = QuizQuestion(position=position, kind=QuestionKind(q.kind), text=q.text, explanation=q.explanation,
                                audio=assets.get(posixpath.normpath(q.audio)) if q.audio else None)
        question.choices = [_choice(i, c, c in q.answers, assets) for i, c in enumerate(q.choices, 1)]
        version.questions.append(question)
    clips = {posixpath.normpath(p): assets.get(posixpath.normpath(c)) for p, c in spec.picture_audio.items()}
    version.media = [VersionMedia(path=path, asset=asset, audio=clips.get(path))
                     for path, asset in sorted(assets.items())]
    db.session.add(version)
    db.session.flush()
    search.lessons_changed([lesson.id])
    return version


def publish(lesson: Lesson, version: LessonVersion) -> None:
    """Make a version the one learners see."""
    version.published_at = version.published_at or utcnow()
    lesson.published_version_id = version.id
    lesson.status = LessonStatus.PUBLISHED
    search.lessons_changed([lesson.id])  # the index follows when the transaction commits


def _course_slug(programme: Optional[Programme], c_spec: CourseSpec, center) -> tuple[Optional[str], Optional[Problem]]:
    """The slug a pack's course is kept under: its own, unless another owner's course has it.

    A center's copy of a course whose slug is taken (by the shared library or another center) is kept under
    `<slug>-<center code>`, the same at every import, so importing twice still changes nothing."""
    center_id = center.id if center is not None else None
    candidates = [c_spec.slug] + ([f"{c_spec.slug}-{_slug_part(center.code)}"] if center is not None else [])
    for slug in candidates:
        owner = None if programme is None else db.session.execute(
            select(Course.id, Course.center_id).where(Course.programme_id == programme.id, Course.slug == slug)).first()
        if owner is None or owner.center_id == center_id:
            return slug, None
    return None, Problem(f"{c_spec.path}/course.yml", _("another center's course has the slug %(slug)s",
                                                        slug=c_spec.slug))


def _slug_part(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "center"


def import_pack(pack: Pack, *, media_root: Path, media_url: str = "/media/", voice=None, center=None,
                author_id: Optional[int] = None) -> ImportReport:
    """Import a checked pack in one transaction: by slug, unchanged lessons untouched, edited ones as new versions.

    `voice(lessons)`, when given, adds a machine voice where a lesson has no recorded one. Without `center` the
    pack is the shared library (programmes are created and updated); with a center, its courses become that
    center's, under existing programmes only, and the programmes themselves are left as they are."""
    if pack.errors:
        raise PackError(pack.errors)
    problems, slugs = [], {}
    for p_spec in pack.programmes:
        programme = db.session.scalar(select(Programme).where(Programme.slug == p_spec.slug))
        if programme is None and center is not None:
            problems.append(Problem(f"{p_spec.path}/programme.yml",
                                    _("there is no programme %(slug)s on this site; a center adds courses to the "
                                      "programmes there are", slug=p_spec.slug)))
            continue
        for c_spec in p_spec.courses:
            slugs[c_spec.path], problem = _course_slug(programme, c_spec, center)
            problems += [problem] if problem else []
    if problems:
        raise PackError(problems)
    report = ImportReport()
    lessons = []
    try:
        for p_spec in pack.programmes:
            if center is None:
                programme, _new = _upsert(Programme, {"slug": p_spec.slug}, {
                    "kind": ProgrammeKind(p_spec.kind), "title": p_spec.title,
                    "description": p_spec.description, "position": p_spec.position})
                db.session.flush()
            else:
                programme = db.session.scalar(select(Programme).where(Programme.slug == p_spec.slug))
            for c_spec in p_spec.courses:
                course, _new = _upsert(Course, {"programme_id": programme.id, "slug": slugs[c_spec.path]}, {
                    "title": c_spec.title, "description": c_spec.description, "subject": c_spec.subject,
                    "term": c_spec.term, "language": c_spec.language, "position": c_spec.position,
                    "center_id": center.id if center is not None else None})
                db.session.flush()
                for l_spec in c_spec.lessons:
                    lessons.append(_import_lesson(course, l_spec, pack.root, media_root, media_url, report,
                                                  author_id))
        if voice is not None:
            report.voiced = voice(lessons)
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return report


def _import_lesson(course: Course, spec: LessonSpec, root: Path, media_root: Path, media_url: str,
                   report: ImportReport, author_id: Optional[int] = None) -> Lesson:
    assets = {}
    for path, file in spec.media.items():
        try:
            assets[path] = _store(file, media_root)
        except media.MediaError as error:
            raise PackError([Problem(spec.path, f"{path}: {error}")])
    digest = source_hash(spec, assets)
    lesson, created = _upsert(Lesson, {"course_id": course.id, "slug": spec.slug}, {"position": spec.position})
    if created:
        lesson.author_id = author_id
    db.session.flush()
    latest = latest_version(lesson.id)
    if latest is not None and latest.source_hash == digest:
        report.unchanged += 1
        return lesson
    try:
        version = new_version(lesson, spec, assets, source_hash=digest, media_url=media_url, author_id=author_id)
    except markup.TooDeep:
        raise PackError([Problem(spec.path, _("the text is nested too deeply to show"))])
    if lesson.status is not LessonStatus.UNPUBLISHED:
        publish(lesson, version)
    if created:
        report.created += 1
    else:
        report.updated += 1
    return lesson


def import_path(path: Path, *, media_root: Path, media_url: str = "/media/", voice=None, center=None,
                author_id: Optional[int] = None) -> ImportReport:
    """Read and import a pack folder or .zip."""
    with opened(path) as root:
        return import_pack(read_pack(root), media_root=media_root, media_url=media_url, voice=voice, center=center,
                           author_id=author_id)


# --- exporting -----------------------------------------------------------------------------------

def _dump(data: dict) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def latest_version(lesson_id: int) -> Optional[LessonVersion]:
    return db.session.scalar(select(LessonVersion).where(LessonVersion.lesson_id == lesson_id)
                             .order_by(LessonVersion.number.desc()).limit(1))


def _exported_version(lesson: Lesson) -> Optional[LessonVersion]:
    return lesson.published_version or latest_version(lesson.id)


def lesson_front_matter(version: LessonVersion) -> dict:
    """The front matter of a version, as written in a pack."""
    front: dict = {"title": version.title, "minutes": version.minutes, "language": version.language}
    if version.narration_id and not version.narration.machine_voice:  # the machine voice is made again on import
        front["narration"] = next(m.path for m in version.media if m.asset_id == version.narration_id)
    if version.tags:
        front["tags"] = version.tags.split(",")
    files = {m.asset_id: m.path for m in version.media}  # a recorded clip is one of the version's files
    picture_audio = {m.path: files[m.audio_id] for m in version.media
                     if m.audio_id in files and not m.audio.machine_voice}
    if picture_audio:
        front["picture_audio"] = picture_audio
    if version.questions:
        quiz: dict = {}
        if version.pass_mark is not None:
            quiz["pass_mark"] = version.pass_mark
        quiz["questions"] = []
        paths = {m.asset_id: m.path for m in version.media}
        for q in version.questions:
            texts = [f"![{c.text}]({paths[c.image_id]})" if c.image_id in paths else c.text for c in q.choices]
            right = [text for text, c in zip(texts, q.choices) if c.is_correct]
            item = {"question": q.text}
            if q.kind is QuestionKind.TRUE_FALSE:  # single and multiple follow from the answer's shape
                item["kind"] = q.kind.value
            item["choices"] = texts
            item["answer"] = right if q.kind is QuestionKind.MULTIPLE else right[0]
            item["explanation"] = q.explanation
            if q.audio_id in paths and not q.audio.machine_voice:
                item["audio"] = paths[q.audio_id]
            quiz["questions"].append(item)
        front["quiz"] = quiz
    return front


def export_pack(dest: Path, *, media_root: Path, programme_slugs: Optional[list[str]] = None,
                course_ids: Optional[list[int]] = None) -> int:
    """Write programmes (or some courses) back as a pack folder; return the number of lessons written."""
    dest = Path(dest)
    query = select(Programme).order_by(Programme.position, Programme.slug)
    if programme_slugs:
        query = query.where(Programme.slug.in_(programme_slugs))
    written = 0
    for programme in db.session.scalars(query):
        courses = [c for c in programme.courses if not course_ids or c.id in course_ids]
        if not courses:
            continue
        p_dir = dest / programme.slug
        p_dir.mkdir(parents=True, exist_ok=True)
        p_data = {"title": programme.title, "kind": programme.kind.value, "order": programme.position}
        if programme.description:
            p_data["description"] = programme.description
        (p_dir / "programme.yml").write_text(_dump(p_data), encoding="utf-8")
        for course in courses:
            c_dir = p_dir / f"{course.position:02d}-{course.slug}"
            c_dir.mkdir(exist_ok=True)
            c_data = {"title": course.title, "description": course.description, "subject": course.subject,
                      "term": course.term, "language": course.language}
            (c_dir / "course.yml").write_text(_dump({k: v for k, v in c_data.items() if v not in (None, "")}),
                                              encoding="utf-8")
            for lesson in course.lessons:
                version = _exported_version(lesson)
                if version is None:
                    continue
                text = f"---\n{_dump(lesson_front_matter(version))}---\n{version.markdown}"
                (c_dir / f"{lesson.position:02d}-{lesson.slug}.md").write_text(text, encoding="utf-8")
                for item in version.media:
                    target = c_dir / item.path
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(media.StoredFile(media_root, item.asset).original(), target)
                written += 1
    return written
