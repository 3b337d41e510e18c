"""Demo content for the public site, from the service's own published facts.

Facts come from the seeds (../shared/seeds): the service's name, who it is for,
what it covers and how it works. Contact details are invented and marked as
example data: numbers in Ofcom's drama ranges, an address on a reserved
`.example` domain, and a site notice that says so on every page.
"""

from django.conf import settings
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page, Site

from ..models import HomePage, ServiceSettings
from . import events, feedback, young_people
from .glossary import load_glossary
from .pages import load_sections

EXAMPLE_DATA_NOTICE = (
    "This is a demonstration site. The phone and text numbers, email and postal "
    "address and social media links are example data, not the service's real details."
)

SERVICE_SETTINGS = {
    "service_name": "Sendias Bathnes",
    "strapline": (
        "Free, impartial and confidential SEND information, advice and support "
        "in Bath and North East Somerset"
    ),
    "phone": "01632 960 123",  # example: Ofcom drama number
    "text_number": "07700 900 123",  # example: Ofcom drama number
    "email": "help@sendias-bathnes.example",  # example: reserved domain
    "postal_address": "Sendias Bathnes\nExample House\n1 Example Street\nBath\nBA1 0XX",
    "opening_hours": [
        {
            "type": "period",
            "value": {"days": "Monday to Friday", "opens": "09:30", "closes": "16:30"},
        },
    ],
    "opening_hours_note": (
        "Open all year round, including school holidays. Closed on bank holidays."
    ),
    "answerphone": (
        "Our helpline has a 24-hour answerphone. Leave your name and number and we "
        "will call you back within 2 working days."
    ),
    "response_times": (
        "We reply to phone messages, texts, emails and online enquiries within "
        "2 working days. If there is a deadline, such as an appeal or a meeting "
        "date, please tell us in your message."
    ),
    "local_offer_url": "https://www.bathnes.gov.uk/local-offer",
    "local_offer_label": "Bath and North East Somerset Local Offer",
    "national_helpline_name": "Contact: helpline for families with disabled children",
    "national_helpline_phone": "0808 808 3555",
    "national_helpline_url": "https://contact.org.uk/",
    "social_links": [
        {"type": "link", "value": {"name": "Facebook", "url": "https://www.facebook.com/example"}},
        {"type": "link", "value": {"name": "YouTube", "url": "https://www.youtube.com/@example"}},
    ],
    "site_notice": EXAMPLE_DATA_NOTICE,
}

HOME_PAGE = {
    "title": "Free, impartial advice about special educational needs and disabilities",
    "slug": "home",
    "seo_title": "SEND information, advice and support in Bath and North East Somerset",
    "search_description": (
        "Sendias Bathnes gives free, impartial and confidential information, advice and "
        "support about SEND to children and young people aged 0 to 25 and their parents."
    ),
    "introduction": (
        "We give free, confidential and impartial information, advice and support about "
        "special educational needs and disabilities (SEND) to children and young people "
        "aged 0 to 25, and to their parents and carers, across Bath and North East "
        "Somerset. We cover education, health and social care as they relate to SEND."
    ),
    "body": (
        "<h2>How we can help</h2>"
        "<p>We explain the law, guidance and local policy on SEND so that you can take "
        "part in decisions about your child's, or your own, education, health and care. "
        "We can help with SEN support in school, education, health and care (EHC) needs "
        "assessments and plans, annual reviews, exclusions, and appeals to the SEND "
        "Tribunal.</p>"
        "<p>Our staff are trained in SEND law by IPSEA. Our Volunteer Supporters can come "
        "with you to meetings, and our Parent Champions run information sessions in local "
        "parent groups.</p>"
        "<h2>Who we are</h2>"
        "<p>We are the SEND Information, Advice and Support Service (SENDIASS) for Bath and "
        "North East Somerset, funded by the council and the NHS and run at arm's length from "
        "both. Until 1 September 2022 we were called the SEND Partnership Service.</p>"
    ),
}


# The home page's quick links: (title, description, slug of a section page).
QUICK_LINKS = [
    (
        "Information about SEND",
        "SEN support, EHC plans, exclusions, appeals and more.",
        "send-topics",
    ),
    ("Ask us a question", "Send us your question and we will get back to you.", "contact-us"),
    (
        "Other places to get help",
        "Local groups, forums, national helplines, the Local Offer.",
        "other-help",
    ),
    ("About us", "Who we help, how we work, our Advisory Group and our team.", "about-us"),
    ("News", "What is new at the service.", "news"),
    ("Our policies", "Complaints, confidentiality, impartiality, privacy and more.", "policies"),
    ("Jargon buster", "SEND words and abbreviations in plain English, A to Z.", "jargon-buster"),
]


def load() -> HomePage:
    """Build (or bring up to date) the home page, its sections and the service settings."""
    home = _home_page()
    site = _site(home)
    settings = ServiceSettings.for_site(site)
    for field, value in SERVICE_SETTINGS.items():
        setattr(settings, field, value)
    settings.save()
    load_sections(home)
    load_glossary(home)
    events.load(home)
    young_people.load(home)
    _quick_links(home)
    feedback.load()  # themes, made-up feedback and the measures that count it
    return home


def _quick_links(home: HomePage) -> None:
    """Point the home page's quick links at the sections, once."""
    if home.quick_links:
        return
    sections = {page.slug: page for page in home.get_children()}
    home.quick_links = [
        ("link", {"title": title, "description": description, "page": sections[slug], "url": ""})
        for title, description, slug in QUICK_LINKS
        if slug in sections
    ]
    home.save_revision().publish()


def _root_page() -> Page:
    """Wagtail's tree root, made again if the database was flushed (`manage.py flush`)."""
    Locale.get_default() if Locale.objects.exists() else Locale.objects.create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root", live=True))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    return root


def _home_page() -> HomePage:
    home = HomePage.objects.first()
    if home is None:
        root = _root_page()
        # Wagtail's starter "Welcome" page holds the slug "home"; it goes.
        for starter in root.get_children().filter(slug=HOME_PAGE["slug"]):
            Site.objects.filter(root_page=starter).update(root_page=root)
            starter.delete()
        home = root.add_child(instance=HomePage(**HOME_PAGE))
        home.save_revision().publish()
        return home
    if any(getattr(home, field) != value for field, value in HOME_PAGE.items()):
        for field, value in HOME_PAGE.items():
            setattr(home, field, value)
        home.save_revision().publish()
    return home


def _site(home: HomePage) -> Site:
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    site.hostname = site.hostname or "localhost"
    site.port = site.port or 80
    site.site_name = SERVICE_SETTINGS["service_name"]
    site.root_page = home
    site.save()
    return site
