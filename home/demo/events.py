"""Demo events, from the outreach the service's reports describe: Parent Champions' coffee and
chat sessions (online ones since the pandemic), information sessions for parent groups,
workshops planned from the questions to the helpline, and drop-ins.

Their dates are counted from the day `load_demo` runs, so that the demo always has events to
come and events that have passed. An event that exists (same slug) is left as it is.
"""

import datetime

from django.utils import timezone

from ..models import EventIndexPage, EventPage

INDEX = {
    "title": "Events",
    "slug": "events",
    "introduction": (
        "Coffee mornings, workshops and drop-ins for parents, carers and young people. "
        "They are free. Come along to meet us and other families, and to ask your questions."
    ),
    "show_in_menus": True,
}

# Example addresses, as the demo's contact details are (home/demo/__init__.py).
LIBRARY = "Example Library\n4 Example Street\nBath\nBA1 0XX"
COMMUNITY_CENTRE = "Example Community Centre\n2 Example Road\nMidsomer Norton\nBA3 0XX"
FAMILY_HUB = "Example Family Hub\n3 Example Lane\nKeynsham\nBS31 0XX"
ONLINE = "https://meet.example/sendias-bathnes"  # example: a reserved domain

STEP_FREE = (
    "The room is on the ground floor with step-free access and an accessible toilet. "
    "There is a hearing loop. Tell us if you need anything else, such as an interpreter."
)
ONLINE_ACCESS = (
    "Captions are turned on. You can keep your camera off and ask questions in the chat. "
    "We send the slides by email afterwards if you ask."
)
BOOKING_LINK = "https://book.example/sendias-bathnes"  # example: a reserved domain
NO_BOOKING = "<p>No need to book. Just come along.</p>"
BOOK_BY_EMAIL = (
    "<p>Places are limited. Book online, or by email or text, and tell us about any "
    "access needs.</p>"
)

# (slug, title, days from today, start, hours long, place, online link, who for, summary,
#  booking, accessibility)
EVENTS = [
    (
        "coffee-and-chat-bath",
        "Coffee and chat in Bath",
        9,
        "10:00",
        2,
        LIBRARY,
        "",
        "Parents and carers of children and young people with SEND",
        "Meet our Parent Champions and other families over a cup of coffee, and ask us "
        "anything about SEND.",
        NO_BOOKING,
        STEP_FREE,
    ),
    (
        "ehc-needs-assessments-workshop",
        "Workshop: asking for an EHC needs assessment",
        16,
        "18:30",
        1.5,
        "",
        ONLINE,
        "Parents and carers thinking about an EHC needs assessment",
        "What an EHC needs assessment is, who can ask for one, and what happens at each step. "
        "Planned from the questions parents ask our helpline most.",
        BOOK_BY_EMAIL,
        ONLINE_ACCESS,
    ),
    (
        "drop-in-midsomer-norton",
        "Drop-in at Midsomer Norton",
        23,
        "13:00",
        3,
        COMMUNITY_CENTRE,
        "",
        "Parents, carers and young people aged 16 to 25",
        "Come and talk to one of our advisers in person, in confidence. Bring any letters or "
        "reports you would like us to look at.",
        NO_BOOKING,
        STEP_FREE,
    ),
    (
        "annual-reviews-information-session",
        "Information session: annual reviews of EHC plans",
        30,
        "10:00",
        1.5,
        FAMILY_HUB,
        ONLINE,
        "Parents and carers of a child or young person with an EHC plan",
        "How an annual review works, how to get ready for the meeting, and what you can do "
        "if you disagree with the changes. Come in person or join online.",
        BOOK_BY_EMAIL,
        STEP_FREE + " " + ONLINE_ACCESS,
    ),
    (
        "online-coffee-and-chat",
        "Online coffee and chat",
        37,
        "19:30",
        1,
        "",
        ONLINE,
        "Parents and carers who cannot get to a daytime group",
        "An evening chat online with our Parent Champions, for families who find the daytime "
        "groups hard to get to.",
        NO_BOOKING,
        ONLINE_ACCESS,
    ),
    (
        "young-peoples-drop-in",
        "Young people's drop-in: moving on after school",
        44,
        "16:00",
        2,
        LIBRARY,
        "",
        "Young people aged 16 to 25 with SEND",
        "Talk to us about college, apprenticeships and your support after 16. Your views "
        "matter, and you can come without your parents.",
        NO_BOOKING,
        STEP_FREE + " There is a quiet space if you need a break.",
    ),
    (
        "sen-support-in-school-workshop",
        "Workshop: SEN support in school",
        -12,
        "10:00",
        2,
        FAMILY_HUB,
        "",
        "Parents and carers of children at primary school",
        "What SEN support is, what the school should do, and how to work with the SENCO.",
        BOOK_BY_EMAIL,
        STEP_FREE,
    ),
    (
        "coffee-and-chat-keynsham",
        "Coffee and chat in Keynsham",
        -26,
        "10:00",
        2,
        FAMILY_HUB,
        "",
        "Parents and carers of children and young people with SEND",
        "A relaxed morning with our Parent Champions at the family hub.",
        NO_BOOKING,
        STEP_FREE,
    ),
    (
        "exclusions-online-session",
        "Online session: exclusions from school",
        -40,
        "18:30",
        1,
        "",
        ONLINE,
        "Parents and carers whose child has been excluded, or might be",
        "What the law says about exclusions, your rights, and where to get help.",
        BOOK_BY_EMAIL,
        ONLINE_ACCESS,
    ),
]


def load(home) -> EventIndexPage:
    index = EventIndexPage.objects.child_of(home).filter(slug=INDEX["slug"]).first()
    if index is None:
        index = home.add_child(instance=EventIndexPage(**INDEX))
        index.save_revision().publish()
    today = timezone.localdate()
    for slug, title, days, start, hours, place, link, audience, summary, booking, access in EVENTS:
        if EventPage.objects.child_of(index).filter(slug=slug).exists():
            continue
        hour, minute = map(int, start.split(":"))
        starts = timezone.make_aware(
            datetime.datetime.combine(
                today + datetime.timedelta(days=days), datetime.time(hour, minute)
            )
        )
        event = EventPage(
            slug=slug,
            title=title,
            start=starts,
            end=starts + datetime.timedelta(hours=hours),
            place=place,
            online_link=link,
            audience=audience,
            summary=summary,
            booking=booking,
            booking_link=BOOKING_LINK if booking == BOOK_BY_EMAIL else "",
            accessibility=access,
        )
        index.add_child(instance=event)
        event.save_revision().publish()
    return index
