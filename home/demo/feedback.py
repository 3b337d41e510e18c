"""Demo feedback: a few themes, about twenty made-up pieces of feedback (clearly examples, each
starting "Example:"), some tagged, and the two figures measures that count them (by rating
and by theme), so that the figures and the annual report show them. Written here, in plain
words; loading again changes nothing."""

from datetime import timedelta

from django.utils import timezone

from wagtail_minimum_standards.figures.models import BreakdownList, BreakdownValue, Measure

from .. import feedback_counts
from ..models.feedback import Feedback, FeedbackTheme

DEMO_KEY = "demo"  # the client key of demo feedback: no real address hashes to it
THEMES = [
    "Getting through on the phone",
    "Waiting for a reply",
    "Help at meetings",
    "Information for young people",
    "Clear letters and emails",
]
TABLE = "Feedback through the website"
MEASURES = [
    (
        "feedback-by-rating",
        "Feedback by rating",
        "Feedback sent through the website's form, by how the person said we did: counted "
        "when each arrives, and kept when the feedback is deleted.",
        feedback_counts.RATING_LIST,
        "Feedback rating",
        ["Very good", "Good", "All right", "Poor", "Very poor"],
    ),
    (
        "feedback-by-theme",
        "Feedback by theme",
        "Feedback sent through the website's form, by the themes staff tag it with: counted "
        "when a theme is tagged, taken off when it is untagged.",
        feedback_counts.THEME_LIST,
        "Feedback theme",
        THEMES,
    ),
]
# (days ago, rating, who, age group, what could be better, what went well, themes)
FEEDBACK = [
    (3, 2, "parent", "5-10", "It took three tries to get through on the phone.", "", [0]),
    (5, 5, "parent", "11-15", "", "Our caseworker came to the EHCP meeting with me.", [2]),
    (8, 4, "young-person", "16-18", "", "You explained my options for college simply.", [3]),
    (12, 1, "parent", "5-10", "I waited two weeks for someone to email me back.", "", [1]),
    (15, 3, "professional", "", "Your letters use a lot of terms parents do not know.", "", [4]),
    (20, 5, "parent", "0-4", "", "Kind, patient, and we understood what to do next.", []),
    (26, 2, "parent", "11-15", "The phone line was busy every morning that week.", "", [0, 1]),
    (31, 4, "young-person", "19-25", "More information written for people my age.", "", [3]),
    (
        38,
        5,
        "parent",
        "5-10",
        "",
        "Someone at the annual review made all the difference.",
        [2],
    ),
    (45, 3, "other", "", "I did not know if my email had arrived.", "Friendly once we spoke.", [1]),
    (52, 4, "parent", "16-18", "", "Clear advice on the tribunal appeal.", []),
    (60, 2, "parent", "11-15", "Could not get through before the deadline.", "", [0]),
    (71, 5, "parent", "5-10", "", "The volunteer at the meeting helped me speak up.", [2]),
    (80, 4, "professional", "", "", "Quick answer to my question about SEN support.", []),
    (94, 1, "parent", "11-15", "Nobody called me back after I left a message.", "", [0, 1]),
    (110, 3, "young-person", "16-18", "The website is written for parents.", "", [3]),
    (125, 5, "parent", "0-4", "", "We felt listened to.", []),
    (140, 4, "parent", "5-10", "The letter after our call was hard to follow.", "", [4]),
    (160, 2, "", "", "Hard to reach you in the school holidays.", "", []),
    (190, 5, "parent", "11-15", "", "You helped us ask for an EHC needs assessment.", [2]),
]


def load() -> None:
    _measures()
    themes = [FeedbackTheme.objects.get_or_create(name=name)[0] for name in THEMES]
    if Feedback.objects.filter(client_key=DEMO_KEY).exists():
        return
    now = timezone.now()
    for days, rating, who, age, better, well, tagged in FEEDBACK:
        feedback = Feedback.objects.create(
            rating=rating,
            given_by=who,
            age_group=age,
            could_be_better=f"Example: {better}" if better else "",
            went_well=f"Example: {well}" if well else "",
            consent=True,
            client_key=DEMO_KEY,
        )
        Feedback.objects.filter(pk=feedback.pk).update(created_at=now - timedelta(days=days))
        feedback.refresh_from_db()
        feedback_counts.count(feedback)
        chosen = [themes[i] for i in tagged]
        feedback.themes.add(*chosen)
        feedback_counts.themes_changed(feedback, chosen, [])


def _measures() -> None:
    for position, (key, name, definition, list_key, list_name, labels) in enumerate(
        MEASURES, start=900
    ):
        breakdown, _ = BreakdownList.objects.get_or_create(
            key=list_key, defaults={"name": list_name}
        )
        for order, label in enumerate(labels):
            BreakdownValue.objects.get_or_create(
                breakdown=breakdown, label=label, defaults={"sort_order": order}
            )
        Measure.objects.get_or_create(
            key=key,
            defaults={
                "name": name,
                "definition": definition,
                "unit": "pieces of feedback",
                "period": "month",
                "breakdown": breakdown,
                "group": TABLE,
                "counted_from_feedback": True,
                "position": position,
            },
        )
