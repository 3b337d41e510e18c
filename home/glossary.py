"""The jargon buster on every page: the first use of each glossary word (`<dfn>`) or
abbreviation (`<abbr title="...">`) in a page's main content is linked to its entry on the A to
Z page, and "Words explained on this page" at the end of the content gives each meaning in full,
so nobody needs to hover or run JavaScript to read it.

base.html wraps every page's content in {% explain_words %} (templatetags/explaining.py); the
breadcrumb, the menu and the footer are outside it. A page type sets `explains_words = False`
to be left alone (the glossary page itself), or `explains_in_easy_read = True` to give each
word's easy-read meaning where it has one (easy-read pages).

How it stays fast with hundreds of words:

- the words are read from the database once per content version (home.cache: saving or
  deleting a word moves it on), and each worker builds one matcher for them (a regular
  expression shaped as a tree of the words' letters, so each place in the text is tried once,
  not once per word), kept while the words are the same;
- the rendered content is read once by Python's HTML parser (html.parser): tags, attributes
  and comments are copied as they were written, and only text outside headings, links,
  buttons, labels, code and the like is searched;
- a worker keeps its last few results (the content marked and the words explained after it),
  so a page shown again with the same content and words is not searched again.
"""

import hashlib
import re
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from html.parser import HTMLParser

from django.template.loader import render_to_string
from django.utils.translation import get_language

from .kept import kept

# Text inside these is never marked: headings, links and controls (a link inside would break
# them), code, words already marked, navigation, and what is not shown as text.
NOT_INSIDE = frozenset(
    {
        *(f"h{level}" for level in range(1, 7)),
        *("a", "button", "label", "legend", "summary", "select", "option", "textarea"),
        *("code", "pre", "kbd", "samp", "abbr", "dfn", "nav"),
        *("script", "style", "template", "noscript", "svg", "math", "title"),
        *("iframe", "object", "video", "audio", "canvas"),
    }
)
RAW_TEXT = frozenset({"script", "style"})  # their text is not HTML-escaped


@dataclass(frozen=True)
class Entry:
    slug: str
    term: str
    abbreviation: str
    meaning: str
    easy_read_meaning: str = ""

    @property
    def anchor(self) -> str:
        return f"term-{self.slug}"


# The words -------------------------------------------------------------------------------------


def _entries() -> tuple[Entry, ...]:
    from .models.glossary import GlossaryTerm

    return tuple(
        Entry(*row)
        for row in GlossaryTerm.objects.values_list(
            "slug", "term", "abbreviation", "meaning", "easy_read_meaning"
        )
    )


def glossary_for(site_content) -> "Explainer":
    """This site's explainer, for its words as they are in this content version: one small
    value from the cache a request (the words' fingerprint), the words themselves only when
    this worker has not built a matcher for them yet."""
    version = site_content.version
    site = getattr(site_content.site, "pk", None)

    def fingerprint() -> str:
        entries = kept(version, "glossary-entries", _entries)
        digest = hashlib.sha256(repr(entries).encode()).hexdigest()[:16]
        return f"{digest}:{glossary_url(site_content)}"

    key = kept(version, "glossary-fingerprint", fingerprint, site)
    return _explainer(key, lambda: kept(version, "glossary-entries", _entries))


def glossary_url(site_content) -> str:
    """The address of the site's live A to Z page, or "" when it has none."""
    from .models.glossary import GlossaryPage

    if site_content.site is None:
        return ""
    page = GlossaryPage.objects.live().public().descendant_of(site_content.site.root_page).first()
    return page.get_url(site_content.request) if page else ""


_EXPLAINERS: "OrderedDict[str, Explainer]" = OrderedDict()


def _explainer(key: str, entries) -> "Explainer":
    found = _EXPLAINERS.get(key)
    if found is None:
        found = _EXPLAINERS[key] = Explainer(entries(), key.split(":", 1)[1])
        while len(_EXPLAINERS) > 4:  # this content version's and the last few
            _EXPLAINERS.popitem(last=False)
    return found


# Finding them in text ------------------------------------------------------------------------


def _tree_pattern(words) -> str:
    """A regular expression matching any of `words`, the longest first, shaped as a tree of
    their letters (a space in a word matches any run of white space)."""
    tree: dict = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def branch(node) -> str:
        ends = "" in node
        ways = [
            (r"\s+" if char == " " else re.escape(char)) + branch(node[char])
            for char in sorted(c for c in node if c)
        ]
        if not ways:
            return ""
        body = ways[0] if len(ways) == 1 and not ends else f"(?:{'|'.join(ways)})"
        return f"(?:{body})?" if ends else body

    return branch(tree)


def _spaced(text: str) -> str:
    return " ".join(text.split())


class Explainer:
    """Marks the first use of each word and abbreviation in a page's content."""

    def __init__(self, entries, url: str):
        self.url = url
        self.terms = {_spaced(e.term).lower(): e for e in entries}
        self.abbreviations = {_spaced(e.abbreviation): e for e in entries if e.abbreviation}
        patterns = []
        if self.terms:
            terms = (_spaced(e.term).lower() for e in entries)
            patterns.append(f"(?P<term>(?i:{_tree_pattern(terms)}))")
        if self.abbreviations:
            patterns.append(f"(?P<abbreviation>{_tree_pattern(self.abbreviations)})")
        self.pattern = re.compile(rf"(?<!\w)(?:{'|'.join(patterns)})(?!\w)") if patterns else None
        self.explained = lru_cache(maxsize=64)(self._explained)  # a few MB at most

    def _explained(self, html: str, language: str, easy_read: bool = False) -> str:
        """`html` marked, and "Words explained on this page" after it (in `language`), with
        each word's easy-read meaning where it has one when `easy_read`."""
        marked, used = self._explain(html)
        if not used:
            return html
        entries = [
            (entry, self.href(entry), easy_read and entry.easy_read_meaning or entry.meaning)
            for entry in used
        ]
        words = render_to_string(
            "includes/words_explained.html", {"entries": entries, "url": self.url}
        )
        return marked + words

    def _explain(self, html: str) -> tuple[str, tuple[Entry, ...]]:
        """`html` with the first use of each word and abbreviation marked, and the entries
        used, in the order the page first uses them."""
        if self.pattern is None:
            return html, ()
        marker = _Marker(self)
        marker.feed(html)
        marker.close()
        return "".join(marker.out), tuple(marker.used.values())

    def href(self, entry: Entry) -> str:
        return f"{self.url}#{entry.anchor}" if self.url else f"#explained-{entry.slug}"

    def mark(self, text: str, marked: set, used: dict) -> str:
        """`text` (plain) as HTML, with the words not marked yet marked."""
        out, start = [], 0
        for match in self.pattern.finditer(text):
            found = match.group()
            if match.group("term") is not None:
                entry, kind = self.terms.get(_spaced(found).lower()), "term"
            else:
                entry, kind = self.abbreviations.get(_spaced(found)), "abbreviation"
            if entry is None or (entry.slug, kind) in marked:
                continue
            marked.add((entry.slug, kind))
            used.setdefault(entry.slug, entry)
            word = escape(found, quote=False)
            if kind == "term":
                inner = f"<dfn>{word}</dfn>"
            else:
                inner = f'<abbr title="{escape(entry.term)}">{word}</abbr>'
            out += [
                escape(text[start : match.start()], quote=False),
                f'<a class="glossary-word" href="{escape(self.href(entry))}">{inner}</a>',
            ]
            start = match.end()
        out.append(escape(text[start:], quote=False))
        return "".join(out)


class _Marker(HTMLParser):
    """One pass over the content: markup copied as written, text outside NOT_INSIDE marked."""

    def __init__(self, explainer: Explainer):
        super().__init__(convert_charrefs=True)
        self.explainer = explainer
        self.out: list[str] = []
        self.inside: dict[str, int] = {}
        self.marked: set = set()
        self.used: dict[str, Entry] = {}

    def handle_starttag(self, tag, attrs):
        self.out.append(self.get_starttag_text())
        if tag in NOT_INSIDE:
            self.inside[tag] = self.inside.get(tag, 0) + 1

    def handle_startendtag(self, tag, attrs):
        self.out.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        self.out.append(f"</{tag}>")
        if self.inside.get(tag):
            self.inside[tag] -= 1
            if not self.inside[tag]:
                del self.inside[tag]

    def handle_data(self, data):
        if self.inside.keys() & RAW_TEXT:
            self.out.append(data)
        elif self.inside:
            self.out.append(escape(data, quote=False))
        else:
            self.out.append(self.explainer.mark(data, self.marked, self.used))

    def handle_comment(self, data):
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.out.append(f"<!{decl}>")

    def handle_pi(self, data):
        self.out.append(f"<?{data}>")

    def unknown_decl(self, data):
        self.out.append(f"<![{data}]>")


def explain_words(html: str, request, page) -> str:
    """A page's rendered main content with its glossary words marked and explained at the end
    (home.templatetags.explaining)."""
    from .site_content import SiteContent

    if not getattr(page, "explains_words", True):
        return html
    easy_read = getattr(page, "explains_in_easy_read", False)
    explainer = glossary_for(SiteContent.for_request(request))
    return explainer.explained(html, get_language(), easy_read)
