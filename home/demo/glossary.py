"""The demo jargon buster (glossary.json): SEND words and abbreviations, with meanings written
here in plain words, a few with easy-read meanings and the demo topic pages about them (by
slug). A word already in the glossary is left as an editor left it."""

import json
from pathlib import Path

from wagtail.models import Page

from ..models.glossary import GlossaryTerm, GlossaryTermPage

WORDS_FILE = Path(__file__).with_name("glossary.json")


def load_glossary(home: Page) -> None:
    pages = {page.slug: page for page in home.get_descendants()}
    for row in json.loads(WORDS_FILE.read_text(encoding="utf-8")):
        if GlossaryTerm.objects.filter(term__iexact=row["term"]).exists():
            continue
        word = GlossaryTerm(
            term=row["term"],
            abbreviation=row["abbreviation"],
            meaning=row["meaning"],
            easy_read_meaning=row["easy_read_meaning"],
        )
        word.related_pages = [
            GlossaryTermPage(page=pages[slug]) for slug in row["pages"] if slug in pages
        ]
        word.save()
