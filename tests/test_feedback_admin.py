"""Feedback in the admin: who may open it (every URL, every role), tagging with themes (its
words never change, each change in its history, counted in the figures and taken off),
themes unique whatever their case, a theme made into a draft “You said, we did” entry, and
feedback deleted after the retention period with its counts kept."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from home.models import Feedback, FeedbackTheme, YouSaidWeDidPage
from wagtail_minimum_standards.figures import periods
from wagtail_minimum_standards.figures.models import Figure

from .factories import UserFactory, YouSaidWeDidPageFactory
from .tracker.figure_factories import BreakdownListFactory, MeasureFactory

LIST = "/admin/home_feedback/"
THEMES = "/admin/home_feedbacktheme/"


def make_feedback(**fields):
    values = {"rating": 2, "could_be_better": "Nobody rang back.", "consent": True, **fields}
    return Feedback.objects.create(client_key="k", **values)


@pytest.fixture
def feedback(db):
    return make_feedback(given_by="parent", email="jo@example.org")


@pytest.fixture
def phones(db):
    return FeedbackTheme.objects.create(name="Getting through on the phone")


def every_url(feedback, theme):
    return [
        LIST,
        f"{LIST}?export=csv",
        f"{LIST}inspect/{feedback.pk}/",
        f"{LIST}edit/{feedback.pk}/",
        f"{LIST}delete/{feedback.pk}/",
        f"{LIST}history/{feedback.pk}/",
        THEMES,
        f"{THEMES}new/",
        f"{THEMES}edit/{theme.pk}/",
        f"{THEMES}delete/{theme.pk}/",
        f"{THEMES}history/{theme.pk}/",
        f"{THEMES}you-said-we-did/{theme.pk}/",
    ]


@pytest.mark.parametrize("role_fixture", ["editor", "advisory_member", None])
def test_only_those_who_read_enquiries_open_any_feedback_url(
    client, feedback, phones, request, role_fixture
):
    user = request.getfixturevalue(role_fixture) if role_fixture else UserFactory()
    client.force_login(user)

    for url in every_url(feedback, phones):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert "Nobody rang back." not in response.content.decode(), url
    assert client.post(f"{LIST}delete/{feedback.pk}/").status_code in (302, 403)
    assert client.post(f"{LIST}edit/{feedback.pk}/", {"themes": [phones.pk]}).status_code in (
        302,
        403,
    )
    assert Feedback.objects.get().themes.count() == 0


def test_the_public_is_sent_to_sign_in_from_every_feedback_url(client, feedback, phones):
    for url in every_url(feedback, phones):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"], url


def test_the_service_manager_opens_every_feedback_url(
    client, home_page, feedback, phones, service_manager
):
    YouSaidWeDidPageFactory()
    client.force_login(service_manager)

    for url in every_url(feedback, phones):
        assert client.get(url).status_code == 200, url
    assert client.get(f"{LIST}new/").status_code in (302, 403)  # nobody adds feedback


def test_a_manager_without_the_enquiries_permission_sees_no_feedback(
    client, feedback, phones, service_manager
):
    from django.contrib.auth.models import Permission

    service_manager.groups.get().permissions.remove(Permission.objects.get(codename="view_enquiry"))
    client.force_login(service_manager)

    for url in every_url(feedback, phones):
        assert client.get(url).status_code in (302, 403), url


def test_the_listing_is_newest_first_and_filters_by_theme_rating_and_who(
    client, service_manager, phones
):
    old = make_feedback(rating=5, given_by="young-person", went_well="Old one")
    Feedback.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=3))
    new = make_feedback(rating=1, given_by="parent", went_well="New one")
    new.themes.add(phones)
    client.force_login(service_manager)

    html = client.get(LIST).content.decode()
    assert html.index(f"Feedback {new.pk} (Very poor)") < html.index(
        f"Feedback {old.pk} (Very good)"
    )
    by_theme = client.get(f"{LIST}?themes={phones.pk}").content.decode()
    by_rating = client.get(f"{LIST}?rating=5").content.decode()
    by_who = client.get(f"{LIST}?given_by=young-person").content.decode()
    assert f"Feedback {new.pk} " in by_theme and f"Feedback {old.pk} " not in by_theme
    assert f"Feedback {old.pk} " in by_rating and f"Feedback {new.pk} " not in by_rating
    assert f"Feedback {old.pk} " in by_who and f"Feedback {new.pk} " not in by_who


@pytest.mark.parametrize("rows", [1, 500])
def test_the_listing_asks_the_same_few_queries_for_1_or_500(client, service_manager, phones, rows):
    Feedback.objects.bulk_create(
        [Feedback(rating=3, client_key="k", consent=True) for _ in range(rows)]
    )
    for tagged in Feedback.objects.all()[:rows]:
        tagged.themes.add(phones)
    client.force_login(service_manager)
    client.get(LIST)  # permissions and sessions cached

    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"{LIST}?p=1").status_code == 200
    assert len(queries) <= 25


@pytest.fixture
def theme_counts(db):
    themes = BreakdownListFactory(
        key="feedback-theme", labels=["Getting through on the phone", "Waiting for a reply"]
    )
    ratings = BreakdownListFactory(
        key="feedback-rating", labels=["Very good", "Good", "All right", "Poor", "Very poor"]
    )
    return {
        "themes": MeasureFactory(
            key="feedback-by-theme", period=periods.MONTH, breakdown=themes,
            counted_from_feedback=True,
        ),
        "ratings": MeasureFactory(
            key="feedback-by-rating", period=periods.MONTH, breakdown=ratings,
            counted_from_feedback=True,
        ),
        "all": MeasureFactory(key="feedback-received", counted_from_feedback=True),
    }  # fmt: skip


def counted(measure, label=None):
    figures = Figure.objects.filter(measure=measure)
    if label:
        figures = figures.filter(breakdown_value__label=label)
    return sum(figure.value for figure in figures)


def test_tagging_changes_only_the_themes_keeps_a_history_and_counts_them(
    client, feedback, phones, service_manager, theme_counts
):
    waiting = FeedbackTheme.objects.create(name="Waiting for a reply")
    client.force_login(service_manager)

    response = client.post(
        f"{LIST}edit/{feedback.pk}/",
        {"themes": [phones.pk, waiting.pk], "could_be_better": "Changed!", "rating": "5"},
    )
    assert response.status_code == 302
    assert counted(theme_counts["themes"], "Getting through on the phone") == 1
    assert counted(theme_counts["themes"], "Waiting for a reply") == 1
    client.post(f"{LIST}edit/{feedback.pk}/", {"themes": [waiting.pk]})

    feedback.refresh_from_db()
    assert list(feedback.themes.all()) == [waiting]
    assert feedback.could_be_better == "Nobody rang back." and feedback.rating == 2
    assert counted(theme_counts["themes"], "Getting through on the phone") == 0
    assert counted(theme_counts["themes"], "Waiting for a reply") == 1
    assert counted(theme_counts["ratings"]) == 0  # made directly: never sent through the form
    history = client.get(f"{LIST}history/{feedback.pk}/").content.decode()
    assert "Tagged with: Getting through on the phone, Waiting for a reply" in history
    assert "Untagged: Getting through on the phone" in history
    edit = client.get(f"{LIST}edit/{feedback.pk}/").content.decode()
    assert 'type="checkbox" name="themes"' in edit and 'name="could_be_better"' not in edit


def test_feedback_sent_through_the_form_counts_its_rating_and_once_in_all(
    client, home_page, theme_counts
):
    from .factories import FeedbackPageFactory

    page = FeedbackPageFactory()
    form = {"rating": "1", "consent": "on", "website": ""}
    client.post(page.url, form)
    client.post(page.url, {**form, "rating": "5"})

    assert counted(theme_counts["ratings"], "Very poor") == 1
    assert counted(theme_counts["ratings"], "Very good") == 1
    assert counted(theme_counts["all"]) == 2
    assert counted(theme_counts["themes"]) == 0  # themes count when tagged


def test_a_theme_is_unique_whatever_its_case_and_joins_the_themes_list(
    client, phones, service_manager, theme_counts
):
    client.force_login(service_manager)

    twice = client.post(f"{THEMES}new/", {"name": "GETTING THROUGH ON THE PHONE"})
    new = client.post(f"{THEMES}new/", {"name": "Help at meetings"})

    assert twice.status_code == 200
    assert "There is already a theme with this name." in twice.content.decode()
    assert new.status_code == 302
    assert FeedbackTheme.objects.count() == 2
    labels = theme_counts["themes"].breakdown.values.values_list("label", flat=True)
    assert "Help at meetings" in labels


def test_a_theme_becomes_a_draft_you_said_we_did_entry(client, home_page, phones, service_manager):
    page = YouSaidWeDidPageFactory()
    for _ in range(3):
        make_feedback(could_be_better="Secret words of one person").themes.add(phones)
    client.force_login(service_manager)
    url = f"{THEMES}you-said-we-did/{phones.pk}/"

    form = client.get(url).content.decode()
    assert "3 people told us about “Getting through on the phone”." in form
    assert 'value="Getting through on the phone"' in form
    assert "Secret words of one person" not in form
    refused = client.post(url, {"page": page.pk, "theme": "Phones", "you_said": "x", "we_did": ""})
    assert refused.status_code == 400
    response = client.post(
        url,
        {
            "page": page.pk,
            "theme": "Getting through on the phone",
            "period": "2026-27",
            "you_said": "Many of you could not get through.\nSome waited a week.",
            "we_did": "We added a call-back service.",
        },
        follow=True,
    )

    html = response.content.decode()
    assert "is in a new draft of “You said, we did”, not yet published" in html
    assert f'href="/admin/pages/{page.pk}/edit/"' in html
    page = YouSaidWeDidPage.objects.get(pk=page.pk)
    assert [block.value["theme"] for block in page.themes] == ["Phone lines"]  # live: unchanged
    assert page.has_unpublished_changes
    draft = page.get_latest_revision_as_object()
    entry = draft.themes[-1].value
    assert entry["theme"] == "Getting through on the phone" and entry["period"] == "2026-27"
    assert entry["you_said"].source == (
        "<p>Many of you could not get through.</p><p>Some waited a week.</p>"
    )
    assert entry["we_did"].source == "<p>We added a call-back service.</p>"
    assert "We added a call-back service." not in client.get(page.url).content.decode()


def test_old_feedback_is_deleted_and_its_counts_stay(client, home_page, theme_counts):
    from .factories import FeedbackPageFactory

    page = FeedbackPageFactory()
    for _ in range(2):
        client.post(page.url, {"rating": "4", "consent": "on", "website": ""})
    old, recent = Feedback.objects.order_by("pk")
    Feedback.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=366))
    out = io.StringIO()

    call_command("delete_old_enquiries", "--dry-run", stdout=out)
    assert Feedback.objects.count() == 2
    assert "Would delete 1 feedback older than 365 days." in out.getvalue()

    call_command("delete_old_enquiries", stdout=out)
    assert list(Feedback.objects.values_list("pk", flat=True)) == [recent.pk]
    assert "Deleted 1 feedback older than 365 days." in out.getvalue()
    assert counted(theme_counts["ratings"], "Good") == 2
