"""The tracker speaks the site's language. A Welsh catalogue of a few of its strings, compiled
here with gettext's msgfmt, is used by a screen, by a spreadsheet export and by that export's
import back; and the English catalogues it ships are complete and clean (its own makemessages
finds nothing they lack and warns of nothing). Needs gettext (msgfmt, xgettext), which CI
installs; elsewhere these tests are skipped, saying so."""

import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook
from wagtail.users.models import UserProfile

import wagtail_minimum_standards.compliance
import wagtail_minimum_standards.figures
import wagtail_minimum_standards.plans
from wagtail_minimum_standards.compliance.spreadsheets.assessments import import_assessment

WELSH = {
    "Ratings": "Graddau",
    "Download spreadsheet (annual report layout)": "Lawrlwytho taenlen (cynllun yr adroddiad)",
    "Self-assessment": "Hunanasesiad",
    "Standard": "Safon",
    "Notes": "Nodiadau",
    "A new question from the Advisory Group": "Cwestiwn newydd gan y Grŵp Cynghori",
}
APPS = [
    wagtail_minimum_standards.compliance,
    wagtail_minimum_standards.figures,
    wagtail_minimum_standards.plans,
]


def needs(*tools):
    missing = [tool for tool in tools if not shutil.which(tool)]
    if missing:
        message = f"needs gettext's {', '.join(missing)} (apt-get install gettext)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def po(entries: dict) -> str:
    header = (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: cy\\n"\n'
    )
    return header + "".join(f'\nmsgid "{k}"\nmsgstr "{v}"\n' for k, v in entries.items())


@pytest.fixture
def welsh(tmp_path):
    """A Welsh catalogue in the site's LOCALE_PATHS, compiled as a translator would."""
    needs("msgfmt")
    messages = tmp_path / "locale" / "cy" / "LC_MESSAGES"
    messages.mkdir(parents=True)
    (messages / "django.po").write_text(po(WELSH))
    subprocess.run(
        ["msgfmt", "--check", "-o", messages / "django.mo", messages / "django.po"], check=True
    )
    languages = [("en", "English"), ("cy", "Cymraeg")]
    locale_paths = [tmp_path / "locale"]
    with (
        override_settings(LOCALE_PATHS=locale_paths, LANGUAGES=languages),
        translation.override("cy"),
    ):
        yield


def prefers_welsh(user):
    """Account → Language: the admin speaks Welsh to this person."""
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "cy"
    profile.save()


def test_a_screen_is_in_the_sites_language(client, manager, assessment, welsh):
    prefers_welsh(manager)
    client.force_login(manager)

    html = client.get(reverse("minimum_standards_assessment_report", args=[assessment.pk]))
    html = html.content.decode()

    assert ">Graddau</h2>" in html and ">Ratings</h2>" not in html
    assert WELSH["Download spreadsheet (annual report layout)"] in html
    assert assessment.title in html  # data is as it was written


def test_an_export_is_in_the_sites_language_and_imports_back(client, manager, assessment, welsh):
    prefers_welsh(manager)
    client.force_login(manager)

    response = client.get(reverse("minimum_standards_assessment_export", args=[assessment.pk]))
    content = b"".join(response.streaming_content) if response.streaming else response.content
    sheet = load_workbook(io.BytesIO(content)).active

    assert sheet.title == "Hunanasesiad"
    assert [sheet["A2"].value, sheet["C2"].value] == ["Safon", "Nodiadau"]
    again = import_assessment(io.BytesIO(content), assessment.framework, title="Eto")
    assert {r.standard.code: r.level.code for r in again.ratings.all()} == {
        r.standard.code: r.level.code for r in assessment.ratings.all()
    }


def test_a_welsh_export_imports_back_for_someone_who_works_in_english(
    client, manager, assessment, welsh
):
    prefers_welsh(manager)
    client.force_login(manager)
    response = client.get(reverse("minimum_standards_assessment_export", args=[assessment.pk]))
    content = b"".join(response.streaming_content) if response.streaming else response.content

    with translation.override("en"):
        again = import_assessment(io.BytesIO(content), assessment.framework, title="Again")

    assert again.ratings.count() == assessment.ratings.count()


def test_each_email_is_in_its_readers_language(
    client, reader, manager, assessment, welsh, mailoutbox, django_capture_on_commit_callbacks
):
    prefers_welsh(manager)
    english = get_user_model().objects.create_user(username="english", email="en@tracker.example")
    english.groups.add(*manager.groups.all())
    client.force_login(reader)
    rating = assessment.ratings.get(standard__code="1.3")

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("minimum_standards_question_ask", args=["rating", rating.pk]), {"text": "?"}
        )

    subjects = {email.to[0]: email.subject for email in mailoutbox}
    assert subjects == {
        manager.email: "Cwestiwn newydd gan y Grŵp Cynghori",
        "en@tracker.example": "A new question from the Advisory Group",
    }


def catalogue(app) -> Path:
    return Path(app.__file__).parent / "locale" / "en" / "LC_MESSAGES" / "django.po"


def without_dates(text: str) -> str:
    return re.sub(r'"POT-Creation-Date: .*\\n"\n', "", text)


@pytest.mark.parametrize("app", APPS, ids=lambda app: app.__name__.rsplit(".", 1)[-1])
def test_the_english_catalogue_is_complete_and_makemessages_runs_clean(app, tmp_path):
    needs("xgettext", "msgmerge")
    shipped = catalogue(app)
    copy = tmp_path / "app"
    shutil.copytree(Path(app.__file__).parent, copy, ignore=shutil.ignore_patterns("__pycache__"))
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    django_admin = [sys.executable, "-m", "django"]

    made = subprocess.run(
        [
            *django_admin,
            "makemessages",
            "--locale",
            "en",
            "--no-obsolete",
            "--add-location",
            "file",
        ],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
    )

    assert made.returncode == 0 and made.stderr == "", made.stderr
    found = (copy / "locale" / "en" / "LC_MESSAGES" / "django.po").read_text()
    assert without_dates(found) == without_dates(shipped.read_text()), "run make messages"
    assert shipped.with_suffix(".mo").exists()
