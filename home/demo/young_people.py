"""The demo's films (in the pages for young people, from 15_young_people.json) and its
easy-read pages, with the pictograms in files/ loaded as Wagtail images once.

The annual report 2021-22 tells of three short films made by young people with SEND from
Bath and North East Somerset and from Bournemouth, Christchurch and Poole. Their addresses are
not in the seeds: the demo keeps an example placeholder for each, as Wagtail keeps an embed
after asking YouTube once, so no page asks the network.
"""

from django.core.files import File
from django.utils.html import escape
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.images import get_image_model
from wagtail.models import Page

from ..models import EasyReadIndexPage, EasyReadPage, HomePage
from .pages import FILES_DIR, website_collection

FILMS = {
    "https://www.youtube.com/watch?v=sendias-demo-our-voices": "Our voices",
    "https://www.youtube.com/watch?v=sendias-demo-getting-help": "Getting help",
    "https://www.youtube.com/watch?v=sendias-demo-after-school": "After school",
}
VIDEO_WIDTH = 800  # home.blocks.VideoBlock's

# file name in files/: its alt text (the picture's title in the image library).
PICTURES = {
    "easy-read-person.png": "A person",
    "easy-read-phone.png": "A phone",
    "easy-read-school.png": "A school",
    "easy-read-document.png": "A document",
    "easy-read-question.png": "A question mark",
    "easy-read-speech.png": "A speech bubble",
    "easy-read-calendar.png": "A calendar",
    "easy-read-tick.png": "A tick",
}


def load(home: HomePage) -> None:
    _films()
    index = _easy_read_index(home)
    for spec in _easy_read_pages(home):
        _easy_read_page(index, spec)


def _films() -> None:
    for url, title in FILMS.items():
        words = (
            '<!DOCTYPE html><html lang="en-GB"><title>Example film</title>'
            "<body>"
            f"<p>Film: {title}. This demonstration site shows an example here: the service's "
            "real film is on its YouTube channel. Read the transcript below.</p></body></html>"
        )
        Embed.objects.get_or_create(
            hash=get_embed_hash(url, VIDEO_WIDTH),
            defaults={
                "url": url,
                "max_width": VIDEO_WIDTH,
                "type": "video",
                "html": (
                    f'<iframe title="Film: {title} (example)" srcdoc="{escape(words)}"></iframe>'
                ),
                "provider_name": "YouTube",
                "title": title,
            },
        )


def picture(file_name: str):
    """The Wagtail image for a pictogram in files/, uploaded once."""
    Image = get_image_model()
    title = PICTURES[file_name]
    image = Image.objects.filter(title=title).first()
    if image is None:
        with (FILES_DIR / file_name).open("rb") as handle:
            image = Image(title=title, collection=website_collection())
            image.file.save(file_name, File(handle), save=False)
            image.save()
    return image


def _easy_read_index(home: HomePage) -> EasyReadIndexPage:
    index = EasyReadIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(
            instance=EasyReadIndexPage(
                title="Easy read",
                slug="easy-read",
                introduction="Our pages in easy read: short sentences with pictures.",
            )
        )
        index.save_revision().publish()
    return index


def _easy_read_page(index: EasyReadIndexPage, spec: dict) -> None:
    if spec["standard"] is None or EasyReadPage.objects.filter(slug=spec["slug"]).exists():
        return
    body = []
    for item in spec["body"]:
        if isinstance(item, str):
            body.append(("heading", {"text": item, "level": "h2"}))
        else:
            file_name, lines = item
            alt = PICTURES[file_name]
            body.append(
                ("picture_and_words", {"image": picture(file_name), "alt": alt, "lines": lines})
            )
    page = index.add_child(
        instance=EasyReadPage(
            title=spec["title"],
            slug=spec["slug"],
            summary=spec["summary"],
            standard_version=spec["standard"],
            body=body,
        )
    )
    page.save_revision().publish()


def _find(home: HomePage, path: str) -> Page | None:
    return Page.objects.filter(url_path=f"{home.url_path}{path}/").first()


def _easy_read_pages(home: HomePage) -> list[dict]:
    return [
        {
            "slug": "about-sendias-bathnes",
            "title": "About Sendias Bathnes",
            "summary": "Who we are and how we help, in easy read.",
            "standard": home,
            "body": [
                "Who we are",
                ("easy-read-person.png", ["We are Sendias Bathnes."]),
                (
                    "easy-read-school.png",
                    [
                        "We help children and young people who need extra help to learn.",
                        "We help their families too.",
                    ],
                ),
                ("easy-read-tick.png", ["Our help is free.", "We are on nobody's side."]),
                ("easy-read-speech.png", ["We keep what you tell us private."]),
                "How to get help",
                ("easy-read-phone.png", ["You can phone us, text us or email us."]),
                ("easy-read-calendar.png", ["We reply within 2 working days."]),
            ],
        },
        {
            "slug": "what-is-an-ehcp",
            "title": "What is an EHCP?",
            "summary": "What an education, health and care plan is, in easy read.",
            "standard": _find(home, "send-topics/ehc-plans-and-annual-reviews"),
            "body": [
                "What an EHCP is",
                (
                    "easy-read-document.png",
                    [
                        "EHCP means education, health and care plan.",
                        "It is a plan written down by the council.",
                    ],
                ),
                ("easy-read-person.png", ["It says what help a child or young person needs."]),
                ("easy-read-school.png", ["It says which school or college they go to."]),
                "Checking the plan",
                (
                    "easy-read-calendar.png",
                    ["The plan is checked every year.", "This is called an annual review."],
                ),
                ("easy-read-speech.png", ["You can say what you think at the review."]),
                ("easy-read-question.png", ["Not happy with the plan?", "We can help you."]),
            ],
        },
        {
            "slug": "how-to-complain",
            "title": "How to complain about us",
            "summary": "What to do if you are not happy with our help, in easy read.",
            "standard": _find(home, "policies/complaints"),
            "body": [
                "If you are not happy",
                ("easy-read-speech.png", ["Tell the person who helped you."]),
                ("easy-read-document.png", ["Still not happy?", "Write to our manager."]),
                ("easy-read-calendar.png", ["We say we got your letter within 5 working days."]),
                ("easy-read-tick.png", ["We send a full answer within 20 working days."]),
                ("easy-read-person.png", ["Complaining will not change the help you get from us."]),
            ],
        },
    ]
