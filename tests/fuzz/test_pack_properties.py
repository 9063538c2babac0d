"""Property tests of the content-pack reader and importer (lms/services/packs.py) on generated packs.

Generated packs, good ones and ones broken in every way a hand-edited folder or a zip can be, are imported as a
folder and as a .zip: the import either succeeds or raises PackError naming a file and saying what is wrong, never
anything else, and a refused pack leaves the database as it was. Good packs import, export and import again with
nothing changed, and read back as the same lessons."""
import io
import posixpath
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, event, given, note, settings
from hypothesis import strategies as st
from PIL import Image
from sqlalchemy import Integer, String, func, select

from lms.extensions import db as _db
from lms.models import Course, Lesson, LessonVersion, MediaAsset, Programme, ProgrammeKind
from lms.services import packs
from tests.conftest import BASIC_PACK, _clean

PROPERTIES = settings(max_examples=100, derandomize=True, database=None, deadline=None,
                      suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                             HealthCheck.data_too_large, HealthCheck.large_base_example])


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (3, 2), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


PNG = _png()
OGG = (BASIC_PACK / "chu-cai" / "01-lam-quen" / "media" / "chu-a.ogg").read_bytes()
KINDS = [k.value for k in ProgrammeKind]
CONTENT = (Programme, Course, Lesson, LessonVersion, MediaAsset)


# --- a generated pack: files by path ------------------------------------------------------------------------------

@dataclass
class Tree:
    files: dict[str, bytes] = field(default_factory=dict)
    folders: set[str] = field(default_factory=set)  # besides those that hold files (empty, or named like a file)

    def write(self, root: Path) -> Path:
        for folder in sorted(self.folders):
            (root / folder).mkdir(parents=True, exist_ok=True)
        for path, data in self.files.items():
            target = root / path
            target.parent.mkdir(parents=True, exist_ok=True)
            if not target.is_dir():
                target.write_bytes(data)
        return root

    def zip(self, archive: Path, *, prefix: str = "", extra: tuple = ()) -> Path:
        with zipfile.ZipFile(archive, "w") as z:
            for folder in sorted(self.folders):
                z.writestr(prefix + folder + "/", b"")
            for path, data in self.files.items():
                z.writestr(prefix + path, data)
            for name, data in extra:
                z.writestr(name, data)
        return archive


def dump(data) -> bytes:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8")


# Text as people type it: any letters, punctuation and spaces, Vietnamese included; no control characters, and no
# brackets, so that plain text never reads as a picture or a link by accident.
PLAIN = st.characters(blacklist_categories=("Cs", "Cc", "Co", "Cn"), blacklist_characters="[]()!\\`*_<>#&")
words = st.text(PLAIN, min_size=1, max_size=30).map(str.strip).filter(bool)
slugs = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}", fullmatch=True)
numbers = st.integers(0, 120).flatmap(lambda n: st.sampled_from([str(n), f"{n:02d}", f"{n:03d}"]))


@dataclass
class Written:
    """A good pack, and what was written in it, to compare with what comes back."""
    tree: Tree
    lessons: int


@st.composite
def question(draw):
    kind = draw(st.sampled_from(["single", "multiple", "true-false"]))
    item = {"question": draw(words)}
    if kind == "true-false":
        item["kind"] = "true-false"
        item["answer"] = draw(st.sampled_from(["Đúng", "Sai"]))
    else:
        choices = draw(st.lists(words, min_size=2, max_size=4, unique=True))
        item["choices"] = choices
        if kind == "multiple":
            item["answer"] = draw(st.lists(st.sampled_from(choices), min_size=1, unique=True))
        else:
            item["answer"] = draw(st.sampled_from(choices))
            if draw(st.booleans()):
                item["kind"] = "single"
    item["explanation"] = draw(words)
    return item


@st.composite
def body(draw, siblings: list[str], pictures: list[str]):
    """Markdown: paragraphs, headings, lists, pictures of the course's media and links to its other lessons."""
    parts = []
    for _ in range(draw(st.integers(0, 6))):
        what = draw(st.sampled_from(["text", "heading", "list", "picture", "link", "emphasis"]))
        if what == "heading":
            parts.append("#" * draw(st.integers(1, 4)) + " " + draw(words))
        elif what == "list":
            parts.append("\n".join("- " + w for w in draw(st.lists(words, min_size=1, max_size=3))))
        elif what == "picture" and pictures:
            parts.append(f"![{draw(words)}]({draw(st.sampled_from(pictures))})")
        elif what == "link" and siblings:
            parts.append(f"Đọc [{draw(words)}]({draw(st.sampled_from(siblings))}).")
        elif what == "emphasis":
            parts.append(f"**{draw(words)}** và *{draw(words)}*")
        else:
            parts.append(" ".join(draw(st.lists(words, min_size=1, max_size=5))))
    return "\n\n".join(parts) + draw(st.sampled_from(["", "\n", "\n\n"]))


@st.composite
def good_packs(draw) -> Written:
    tree, count = Tree(), 0
    for p_slug in draw(st.lists(slugs, min_size=1, max_size=2, unique=True)):
        programme = {"title": draw(words), "kind": draw(st.sampled_from(KINDS)), "order": draw(st.integers(0, 99))}
        if draw(st.booleans()):
            programme["description"] = draw(words)
        tree.files[f"{p_slug}/programme.yml"] = dump(programme)
        for c_slug in draw(st.lists(slugs, min_size=1, max_size=2, unique=True)):
            course_dir = f"{p_slug}/{draw(numbers)}-{c_slug}"
            course = {"title": draw(words)}
            for key, value in (("description", words), ("subject", words), ("term", st.integers(1, 5)),
                               ("language", st.sampled_from(["vi", "hmn", "km", "en"]))):
                if draw(st.booleans()):
                    course[key] = draw(value)
            tree.files[f"{course_dir}/course.yml"] = dump(course)
            pictures = [f"media/{name}.png" for name in draw(st.lists(slugs, max_size=2, unique=True))]
            for picture in pictures:
                tree.files[f"{course_dir}/{picture}"] = PNG
            names = [f"{draw(numbers)}-{slug}.md" for slug in draw(st.lists(slugs, min_size=1, max_size=3,
                                                                             unique=True))]
            for name in names:
                front = {"title": draw(words), "minutes": draw(st.integers(1, 120))}
                if draw(st.booleans()):
                    front["language"] = draw(st.sampled_from(["vi", "hmn", "en"]))
                if draw(st.booleans()):
                    front["tags"] = draw(st.lists(words, max_size=3))
                if draw(st.booleans()):
                    front["narration"] = "media/voice.ogg"
                    tree.files[f"{course_dir}/media/voice.ogg"] = OGG
                if draw(st.booleans()):
                    quiz = {"questions": draw(st.lists(question(), min_size=1, max_size=3))}
                    if draw(st.booleans()):
                        quiz["pass_mark"] = draw(st.integers(1, 100))
                    front["quiz"] = quiz
                text = draw(body([n for n in names if n != name], pictures))
                tree.files[f"{course_dir}/{name}"] = b"---\n" + dump(front) + b"---\n" + text.encode("utf-8")
                count += 1
    return Written(tree, count)


# --- breaking a good pack ------------------------------------------------------------------------------------------

ODD = st.sampled_from([float("inf"), float("-inf"), float("nan"), 1e300, -5, 0, 2 ** 31, 2 ** 63, 10 ** 30, "abc",
                       "", " ", "x" * 1000, [1], {"a": 1}, True, False, None, "5", "5.5", "٣"])
JUNK = st.recursive(
    ODD | st.booleans() | st.integers() | st.floats() | st.text(max_size=20) | st.dates(),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3),
    max_leaves=6)
BAD_YAML = st.sampled_from([
    b"", b"---", b"[", b"a: [", b"a: b: c", b"- 1\n- 2", b"just text", b"a: 2001-13-45", b"a: 2001-02-30",
    b"title: !!python/object:os.system x", b"a: &x [*x]", b"a: *missing", b"\xff\xfe\x00", b"title: \xe9t\xe9",
    b"\xef\xbb\xbftitle: BOM", b"title: x\r\nkind: digital\r\n", b"[" * 2000 + b"]" * 2000, b"{a: 1, a: 2}",
    b"a: !!binary QUJD", b"a: !!timestamp 2001-13-01", b"? [1, 2]\n: x", b"a: 1e99999", b"a: .nan", b"title: x\0",
])
BAD_NAMES = st.sampled_from([
    "x", "01-", "01-A", "-x", "01-x y", "99999999999999999999-x", "3000000000-x", "٣-x", "01-x.yml",
    "01-" + "a" * 300, "01-chữ", "_hidden", ".hidden", "01-x.md.md", "00-x", "01-" + "a" * 100,
])
BAD_HREFS = st.sampled_from([
    "../x.png", "../../../../etc/passwd.png", "/etc/x.png", "media/none.png", "media/x.txt", "media/" + "a" * 300 +
    ".png", "media/\x00.png", "media", ".", "", "media/voice.ogg", "./media/../../x.png", "C:\\x.png",
    "media/%2e%2e/x.png", "https://example.org/x.png", "media/" + "a" * 190 + ".png",
])
DEEP_MARKDOWN = st.sampled_from(["\n\n" + "- " * 1000 + "x", "\n\n" + "1. " * 1000 + "x", "\n\n" + ">" * 1000 + " x",
                                 "\n\n" + "<div>" * 500, "\n\n" + "`" * 1000, "\n\n" + "![" * 300])
BAD_LINKS = st.sampled_from(["09-none.md", "../../x.md", "/x.md", "../" * 20 + "x.md", "a" * 300 + ".md", ".md"])
KEYS = {"programme.yml": ["title", "kind", "order", "description"],
        "course.yml": ["title", "description", "subject", "term", "language"],
        ".md": ["title", "minutes", "language", "tags", "narration", "quiz", "quiz.pass_mark", "quiz.questions",
                "quiz.question", "picture_audio"]}
LONG = st.sampled_from(["x" * 81, "x" * 201, "x" * 401, "ü" * 300])


def _lesson_parts(data: bytes):
    text = data.decode("utf-8", "replace")
    try:
        front, rest = packs.split_front_matter(text)
        meta = yaml.safe_load(front)
    except (ValueError, yaml.YAMLError):
        return None, text
    return (meta if isinstance(meta, dict) else None), rest


def _kind(path: str) -> str:
    name = path.rsplit("/", 1)[-1]
    return name if name in ("programme.yml", "course.yml") else ".md" if name.endswith(".md") else "media"


@st.composite
def breakage(draw, tree: Tree) -> str:
    """Break the pack one way; say how (shown with a failing example, and counted in the statistics)."""
    kind = draw(st.sampled_from(["programme.yml", "course.yml", ".md", ".md", "media"]))
    paths = sorted(p for p in tree.files if _kind(p) == kind) or sorted(tree.files)
    path = draw(st.sampled_from(paths))
    kind = _kind(path)
    choices = ["bytes", "yaml", "value", "long", "delete", "rename", "folder"]
    if kind == ".md":
        choices += ["picture", "link", "body", "value", "value"]
    how = draw(st.sampled_from(choices if kind != "media" else ["bytes", "media", "delete", "rename", "folder"]))
    data = tree.files[path]
    if how == "bytes":
        tree.files[path] = draw(st.binary(max_size=200) | st.sampled_from([data[:len(data) // 2], data + b"\xff"]))
    elif how == "yaml":
        bad = draw(BAD_YAML)
        tree.files[path] = (b"---\n" + bad + b"\n---\nbody\n") if kind == ".md" else bad
    elif how in ("value", "long"):
        if kind == ".md":
            meta, rest = _lesson_parts(data)
        else:
            meta, rest = yaml.safe_load(data.decode("utf-8")), None
        meta = meta if isinstance(meta, dict) else {}
        key = draw(st.sampled_from(KEYS[kind]))
        value = draw(LONG if how == "long" else JUNK)
        how = f"{how} {key}={value!r:.40}"
        if key.startswith("quiz."):
            quiz = meta["quiz"] = meta["quiz"] if isinstance(meta.get("quiz"), dict) else {}
            if key == "quiz.question":
                item = draw(question())
                item[draw(st.sampled_from(["question", "kind", "choices", "answer", "explanation", "audio"]))] = value
                quiz["questions"] = [item]
            else:
                quiz[key[5:]] = value
        else:
            meta[key] = value
        try:
            written = dump(meta)
        except yaml.YAMLError:
            written = b"title: x\n"
        tree.files[path] = (b"---\n" + written + b"---\n" + rest.encode("utf-8")) if rest is not None else written
    elif how == "delete":
        del tree.files[path]
    elif how == "rename":
        parts = path.split("/")
        index = draw(st.integers(0, len(parts) - 1))
        parts[index] = draw(BAD_NAMES) + (".md" if parts[index].endswith(".md") and draw(st.booleans()) else "")
        tree.files["/".join(parts)] = tree.files.pop(path)
    elif how == "folder":
        # A folder where a file should be: programme.yml/, course.yml/, 01-x.md/ or media/x.png/.
        del tree.files[path]
        tree.folders.add(path)
    elif how in ("picture", "link", "body"):
        if how == "picture":
            extra = f"\n\n![{draw(st.text(max_size=5))}]({draw(BAD_HREFS)})\n"
        elif how == "link":
            extra = f"\n\n[x]({draw(BAD_LINKS)})\n"
        else:
            extra = draw(st.text(max_size=300) | DEEP_MARKDOWN)
        tree.files[path] = data + extra.encode("utf-8", "surrogatepass")
    else:  # media
        tree.files[path] = draw(st.sampled_from([b"", b"\x89PNG\r\n\x1a\nbroken", b"OggS", PNG[:40], b"GIF89a",
                                                 b"\xff\xd8\xff" + b"\x00" * 20]))
    event(f"broken: {how.split(' ')[0]} {kind}")
    return f"{how} {path}"


@st.composite
def broken_packs(draw) -> Tree:
    tree = draw(good_packs()).tree
    for _ in range(draw(st.integers(1, 3))):
        if not tree.files:
            break
        note(draw(breakage(tree)))
    return tree


# --- checks ---------------------------------------------------------------------------------------------------------

@pytest.fixture
def place(app, db, tmp_path, monkeypatch):
    """A clean database and media folder for each example; the search index is left out (it is not the reader's
    business, and rebuilding it after every example would be most of the time spent)."""
    monkeypatch.setattr(packs.search, "lessons_changed", lambda lesson_ids: None)

    class Place:
        count = 0

        def fresh(self) -> Path:
            _db.session.rollback()
            _db.session.remove()
            _clean(_db.engine)
            Place.count += 1
            folder = tmp_path / str(Place.count)
            folder.mkdir()
            return folder
    return Place()


def import_(path: Path, media_root: Path):
    """Import a pack: its report, or the PackError; anything else fails the test."""
    try:
        return packs.import_path(path, media_root=media_root / "media", media_url="/media/")
    except packs.PackError as error:
        assert error.problems, "a PackError names at least one problem"
        for problem in error.problems:
            assert isinstance(problem.path, str) and isinstance(problem.message, str) and problem.message.strip()
            assert str(problem) in str(error)
        return error


def content_counts():
    return tuple(_db.session.scalar(select(func.count()).select_from(model)) for model in CONTENT)


def check_columns_fit():
    """What SQLite lets through, PostgreSQL would refuse: every text fits its column, every number an integer."""
    for model in CONTENT:
        table = model.__table__
        for row in _db.session.execute(select(table)).all():
            for column in table.columns:
                value = getattr(row, column.name)
                if value is None:
                    continue
                if isinstance(column.type, String) and column.type.length:
                    assert len(value) <= column.type.length, (table.name, column.name, value)
                if isinstance(column.type, Integer):
                    assert -2 ** 31 <= value < 2 ** 31, (table.name, column.name, value)


@settings(PROPERTIES, max_examples=200)
@given(tree=st.one_of(broken_packs(), broken_packs(), broken_packs(), good_packs().map(lambda w: w.tree)),
       zipped=st.booleans(),
       prefix=st.sampled_from(["", "pack/"]))
def test_any_pack_imports_or_is_refused_with_problems(place, tree, zipped, prefix):
    folder = place.fresh()
    source = tree.zip(folder / "pack.zip", prefix=prefix) if zipped else tree.write(folder / "pack")
    outcome = import_(source, folder)
    event("refused" if isinstance(outcome, packs.PackError) else "imported")
    if isinstance(outcome, packs.PackError):
        assert content_counts() == (0, 0, 0, 0, 0), "a refused pack imports nothing"
    else:
        check_columns_fit()
        again = import_(source, folder)
        assert not isinstance(again, packs.PackError)
        assert (again.created, again.updated) == (0, 0), "importing the same pack twice changes nothing"


EVIL = st.sampled_from(["../x.yml", "../../etc/passwd", "/abs/x.yml", "a/../../x.yml", "p/../../x", "..",
                        "../" * 10 + "x"])


@PROPERTIES
@given(written=good_packs(), evil=st.lists(EVIL, min_size=1, max_size=3, unique=True))
def test_a_zip_with_a_name_outside_its_folder_is_refused_and_nothing_escapes(place, written, evil):
    folder = place.fresh()
    inside = folder / "a" / "b"
    inside.mkdir(parents=True)
    archive = written.tree.zip(inside / "pack.zip", extra=tuple((name, b"x") for name in evil))
    before = sorted(p.relative_to(folder) for p in folder.rglob("*"))
    outcome = import_(archive, inside)
    assert isinstance(outcome, packs.PackError)
    assert sorted(p.relative_to(folder) for p in folder.rglob("*")) == before
    assert content_counts() == (0, 0, 0, 0, 0)


def lesson_view(pack: packs.Pack) -> dict:
    """What a pack says, by slugs (file numbers only order things and may be written 1, 01 or 001)."""
    return {
        (p.slug, c.slug, lesson.slug): {
            "programme": (p.title, p.kind, p.description, p.position),
            "course": (c.title, c.description, c.subject, c.term, c.language, c.position),
            "title": lesson.title, "minutes": lesson.minutes, "language": lesson.language, "tags": lesson.tags,
            "narration": lesson.narration and posixpath.normpath(lesson.narration), "pass_mark": lesson.pass_mark,
            "questions": lesson.questions, "body": lesson.body, "position": lesson.position,
            "media": sorted(lesson.media)}
        for p, c, lesson in pack.lessons()}


def assert_same_lessons(mine: dict, theirs: dict):
    assert sorted(mine) == sorted(theirs)
    for key in mine:
        for name, value in mine[key].items():
            assert value == theirs[key][name], (key, name)


@PROPERTIES
@given(written=good_packs())
def test_a_good_pack_imports_and_round_trips_through_export(place, written):
    folder = place.fresh()
    source = written.tree.write(folder / "pack")
    first = import_(source, folder)
    assert not isinstance(first, packs.PackError), str(first)
    assert (first.created, first.updated, first.unchanged) == (written.lessons, 0, 0)
    check_columns_fit()
    out = folder / "exported"
    assert packs.export_pack(out, media_root=folder / "media") == written.lessons
    assert_same_lessons(lesson_view(packs.read_pack(out)), lesson_view(packs.read_pack(source)))
    again = import_(out, folder)
    assert not isinstance(again, packs.PackError), str(again)
    assert (again.created, again.updated, again.unchanged) == (0, 0, written.lessons)
