"""Lesson Markdown to safe HTML: rendered once per version, pictures made responsive, then sanitised."""
import posixpath
import re
import xml.etree.ElementTree as etree
from html import escape
from typing import Callable, Optional

import markdown
import nh3
from flask_babel import gettext as _
from markdown.treeprocessors import Treeprocessor

from lms.models import MediaAsset
from lms.services.media import relative_name

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "strong", "em", "b", "i", "u", "s", "del", "sub", "sup", "small",
    "ul", "ol", "li", "blockquote", "a", "img", "picture", "source", "figure", "figcaption",
    "table", "thead", "tbody", "tr", "th", "td", "code", "pre", "abbr", "mark", "span",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "srcset", "sizes", "alt", "width", "height", "loading", "decoding", "title"},
    "source": {"srcset", "sizes", "type"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "abbr": {"title"},
    "ol": {"start"},
}
# The lesson column is at most 40rem wide; on a phone the picture fills the screen.
PICTURE_SIZES = "(max-width: 40rem) 100vw, 40rem"

MediaResolver = Callable[[str], Optional[MediaAsset]]
LinkResolver = Callable[[str], Optional[str]]


class _LessonTree(Treeprocessor):
    """Turns `media/...` pictures into responsive <picture>s and `.md` links into lesson URLs."""

    def __init__(self, md, media: MediaResolver, link: LinkResolver, media_url: str):
        super().__init__(md)
        self.media, self.link, self.media_url = media, link, media_url

    def run(self, root):
        for parent in root.iter():
            for index, child in enumerate(list(parent)):
                if child.tag == "img":
                    picture = self._picture(child)
                    if picture is not None:
                        parent.remove(child)
                        parent.insert(index, picture)
                elif child.tag == "a":
                    href = child.get("href", "")
                    if href.endswith(".md") and "://" not in href:
                        child.set("href", self.link(href) or "#")

    def _picture(self, img):
        asset = self.media(img.get("src", ""))
        if asset is None or asset.kind != "image":
            return None
        widths = [int(w) for w in asset.widths.split(",")]
        url = lambda w, ext: f"{self.media_url}{relative_name(asset.sha256, f'-{w}.{ext}')}"
        picture = etree.Element("picture")
        picture.tail, img.tail = img.tail, None
        source = etree.SubElement(picture, "source")
        source.set("type", "image/webp")
        source.set("srcset", ", ".join(f"{url(w, 'webp')} {w}w" for w in widths))
        source.set("sizes", PICTURE_SIZES)
        fallback = min(widths, key=lambda w: abs(w - 720))
        height = round(asset.height * widths[-1] / asset.width)
        img.set("src", url(fallback, "jpg"))
        img.set("srcset", ", ".join(f"{url(w, 'jpg')} {w}w" for w in widths))
        img.set("sizes", PICTURE_SIZES)
        img.set("width", str(widths[-1]))
        img.set("height", str(height))
        img.set("loading", "lazy")
        img.set("decoding", "async")
        picture.append(img)
        return picture


class _LessonExtension(markdown.Extension):
    def __init__(self, media, link, media_url):
        super().__init__()
        self.args = (media, link, media_url)

    def extendMarkdown(self, md):
        md.treeprocessors.register(_LessonTree(md, *self.args), "lesson_tree", 0)


def _filter_attribute(tag: str, attribute: str, value: str) -> Optional[str]:
    # srcset is not URL-checked by the sanitiser: allow only site paths and web addresses.
    if attribute == "srcset":
        urls = [part.strip().split(" ")[0] for part in value.split(",")]
        if not all(u.startswith(("/", "https://", "http://")) for u in urls):
            return None
    return value


def sanitise(html: str) -> str:
    """Keep only the allowed tags and attributes; no script, no event handler, no javascript: URL."""
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, attribute_filter=_filter_attribute,
                     url_schemes={"http", "https", "mailto", "tel"}, link_rel="noopener noreferrer")


class TooDeep(ValueError):
    """Markdown nested deeper than the renderer can follow (a list or a quote a thousand levels deep)."""


def render(text: str, *, media: MediaResolver = lambda path: None, link: LinkResolver = lambda path: None,
           media_url: str = "/media/") -> str:
    """Render lesson Markdown to sanitised HTML (TooDeep when it cannot be)."""
    md = markdown.Markdown(extensions=["tables", "sane_lists", _LessonExtension(media, link, media_url)],
                           output_format="html")
    try:
        return sanitise(md.convert(text))
    except RecursionError:
        raise TooDeep(_("The text is nested too deeply to show: use fewer levels of lists or quotes."))


def resolve_relative(base_dir: str, href: str) -> str:
    """Join a relative link to the folder of the file it appears in, e.g. ('p/01-c', '../02-d/01-x.md')."""
    return posixpath.normpath(posixpath.join(base_dir, href))


_PICTURE = re.compile(r"(?:<p>)?(<picture>.*?</picture>)(?:</p>)?", re.S)
_ALT = re.compile(r'alt="([^"]*)"')


def tap_to_show(html: str, label: str) -> str:
    """Save-data mode: each picture waits behind a tap (a closed <details> loads no lazy image)."""
    def wrap(match):
        alt = _ALT.search(match.group(1))
        caption = f"{label}: {alt.group(1)}" if alt and alt.group(1) else label
        return f'<details class="picture"><summary>🖼 {caption}</summary>{match.group(1)}</details>'
    return _PICTURE.sub(wrap, html)


_PICTURE_BLOCK = re.compile(r"<picture>.*?</picture>(?:</details>)?", re.S)
_PICTURE_HASH = re.compile(r"/([0-9a-f]{64})-\d+\.(?:jpg|webp)")


def listen_under_pictures(html: str, clips: dict[str, str], label: str) -> str:
    """Under each picture that has a clip (`clips`: the picture's sha256 -> the clip's URL), a big listen button.

    Done when the page is shown, on HTML already sanitised, with trusted values only (a media URL and a label,
    both escaped): a machine-voice clip comes after the version's HTML is made, and the lesson's voice switch may
    hide it. app.js plays the clip when the button is pressed (nothing is fetched before); without JavaScript a
    player that fetches nothing until play is pressed (preload="none") stands in for the button."""
    if not clips:
        return html

    def add(match):
        found = _PICTURE_HASH.search(match.group(0))
        url = clips.get(found.group(1)) if found else None
        if url is None:
            return match.group(0)
        url, text = escape(url), escape(label)
        return (f'{match.group(0)}<span class="picture-listen">'
                f'<button type="button" class="listen" data-audio="{url}" hidden>🔊 {text}</button>'
                f'<noscript><audio controls preload="none" src="{url}" aria-label="{text}"></audio></noscript></span>')
    return _PICTURE_BLOCK.sub(add, html)
