"""Build demo pages from the JSON files in `pages/`, one file per section of the site.

Each file holds one page (with its children) to put under the home page:

    {"type": "home.TopicIndexPage", "slug": "send-topics",
     "fields": {"title": "...", "introduction": "...", "show_in_menus": true},
     "inlines": {"signposts": [{"group": "...", "name": "..."}]},
     "children": [ ...pages of the same shape... ]}

A field whose value is {"document": "file name in files/"} gets that document.
A page that exists already (same slug, same parent) is left as it is: running
`load_demo` again never duplicates a page or overwrites an editor's change.
"""

import json
from pathlib import Path

from django.apps import apps
from django.core.files import File
from wagtail.documents import get_document_model
from wagtail.models import Page

PAGES_DIR = Path(__file__).parent / "pages"
FILES_DIR = Path(__file__).parent / "files"


def load_sections(home: Page) -> list[Page]:
    """Every section in pages/*.json, in file-name order, under the home page."""
    return [
        ensure_page(home, json.loads(path.read_text(encoding="utf-8")))
        for path in sorted(PAGES_DIR.glob("*.json"))
    ]


def ensure_page(parent: Page, spec: dict) -> Page:
    model = apps.get_model(spec["type"])
    page = model.objects.child_of(parent).filter(slug=spec["slug"]).first()
    if page is None:
        page = model(slug=spec["slug"], **_values(spec.get("fields", {})))
        for relation, rows in spec.get("inlines", {}).items():
            related = getattr(model, relation).rel.related_model
            setattr(page, relation, [related(**_values(row)) for row in rows])
        parent.add_child(instance=page)
        page.save_revision().publish()
    for child in spec.get("children", []):
        ensure_page(page, child)
    return page


def _values(fields: dict) -> dict:
    return {name: _value(value) for name, value in fields.items()}


def _value(value):
    if isinstance(value, dict) and set(value) == {"document"}:
        return demo_document(value["document"])
    return value


def website_collection():
    from wagtail.models import Collection

    from home.roles import WEBSITE

    return Collection.objects.filter(name=WEBSITE).first() or Collection.get_first_root_node()


def demo_document(file_name: str):
    """The Wagtail document for a file in files/, uploaded once."""
    Document = get_document_model()
    title = Path(file_name).stem.replace("-", " ").capitalize()
    document = Document.objects.filter(title=title).first()
    if document is None:
        with (FILES_DIR / file_name).open("rb") as handle:
            document = Document(title=title, collection=website_collection())
            document.file.save(file_name, File(handle), save=False)
            document.save()
    return document
