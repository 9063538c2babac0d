"""Quality checks of a content pack for teachers and CI, beyond what an import needs."""
import re
from dataclasses import dataclass

from flask_babel import gettext as _

from lms.services.packs import IMAGE_SUFFIXES, Pack, Problem

# Letters that only Vietnamese written with its diacritics has.
VIETNAMESE_MARKS = set("àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ")
MARKDOWN_NOISE = [
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), " "),        # pictures
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),      # links keep their text
    (re.compile(r"^\s{0,3}(#{1,6}|[-*+]|\d+[.)]|>)\s+", re.M), ""),  # headings, lists, quotes
    (re.compile(r"[*_`|]"), " "),
]
# A sentence ends at . ! ? or … (maybe inside a closing quote) before a space, and at a line break.
SENTENCE_END = re.compile(r"(?<=[.!?…][»\"”’)])\s+|(?<=[.!?…])\s+|\n+")


@dataclass(frozen=True)
class Limits:
    """What a phone-length lesson for new readers may hold; the CLI can change them."""

    max_sentence_words: int = 25
    max_lesson_words: int = 600
    minutes: tuple[int, int] = (3, 8)
    questions: tuple[int, int] = (3, 5)
    max_picture_kb: int = 150


def plain_text(markdown: str) -> str:
    for pattern, replacement in MARKDOWN_NOISE:
        markdown = pattern.sub(replacement, markdown)
    return markdown


def sentences(text: str) -> list[str]:
    return [s.strip() for s in SENTENCE_END.split(plain_text(text)) if s.strip()]


def lacks_diacritics(text: str) -> bool:
    """Vietnamese of six words or more in which (almost) no word carries a Vietnamese mark has lost its accents."""
    words = [w for w in re.findall(r"[^\W\d_]+", text.lower()) if len(w) > 1]
    if len(words) < 6:
        return False
    marked = sum(1 for w in words if VIETNAMESE_MARKS & set(w))
    return marked / len(words) < 0.1


def check(pack: Pack, limits: Limits = Limits()) -> list[Problem]:
    """Every problem in the pack: the reader's errors plus these checks (errors and warnings)."""
    problems = list(pack.problems)

    def error(path, message):
        problems.append(Problem(path, message, "error"))

    def warn(path, message):
        problems.append(Problem(path, message, "warning"))

    for programme, course, lesson in pack.lessons():
        path = lesson.path
        for alt, href in lesson.images:
            if not alt:
                error(path, _("the picture %(file)s has no alt text", file=href))
        for name, file in lesson.media.items():
            kb = file.stat().st_size / 1024
            if file.suffix.lower() in IMAGE_SUFFIXES and kb > limits.max_picture_kb:  # sounds are not pictures
                error(path, _("the picture %(file)s is %(kb)s KB, more than %(max)s KB",
                              file=name, kb=round(kb), max=limits.max_picture_kb))
        for n, question in enumerate(lesson.questions, 1):
            if not question.explanation:
                error(path, _("question %(n)s has no explanation", n=n))
        if not lesson.questions:
            warn(path, _("the lesson has no quiz"))
        elif not limits.questions[0] <= len(lesson.questions) <= limits.questions[1]:
            warn(path, _("the quiz has %(count)s questions; %(low)s to %(high)s are best",
                         count=len(lesson.questions), low=limits.questions[0], high=limits.questions[1]))
        if programme.kind in ("literacy-1", "literacy-2") and not lesson.images:
            warn(path, _("a literacy lesson should have at least one picture"))
        words = len(plain_text(lesson.body).split())
        if words > limits.max_lesson_words:
            warn(path, _("%(words)s words is longer than a phone-length read (%(max)s)",
                         words=words, max=limits.max_lesson_words))
        if not limits.minutes[0] <= lesson.minutes <= limits.minutes[1]:
            warn(path, _("%(minutes)s minutes: lessons of %(low)s to %(high)s minutes suit a phone",
                         minutes=lesson.minutes, low=limits.minutes[0], high=limits.minutes[1]))
        texts = [lesson.title, lesson.body] + [part for q in lesson.questions
                                              for part in (q.text, q.explanation, *q.choices)]
        for sentence in (s for text in texts for s in sentences(text)):
            if len(sentence.split()) > limits.max_sentence_words:
                warn(path, _("a sentence of %(words)s words is long for new readers: «%(start)s…»",
                             words=len(sentence.split()), start=" ".join(sentence.split()[:8])))
        if lesson.language == "vi":
            for paragraph in [p for p in lesson.body.split("\n\n")] + [q.text for q in lesson.questions]:
                if lacks_diacritics(plain_text(paragraph)):
                    warn(path, _("this text seems to have lost its Vietnamese accents: «%(start)s…»",
                                 start=" ".join(paragraph.split()[:8])))
    return problems
