"""A framework downloads from the admin in its import template, and imports back the same."""

import io

from django.urls import reverse
from openpyxl import load_workbook

from wagtail_minimum_standards.compliance.models import Framework
from wagtail_minimum_standards.compliance.spreadsheets.frameworks import import_framework


def test_the_manager_downloads_the_2018_framework_and_it_imports_back_the_same(
    client, manager, framework
):
    client.force_login(manager)
    listing = client.get(reverse("minimum_standards_framework_modeladmin_index")).content.decode()
    url = reverse("minimum_standards_framework_export", args=[framework.pk])
    assert f'href="{url}"' in listing
    assert "Download iass-2018 (.xlsx)" in listing

    download = client.get(url)

    assert download["Content-Disposition"] == 'attachment; filename="iass-2018.xlsx"'
    book = load_workbook(io.BytesIO(download.content), read_only=True)
    assert book.sheetnames == ["Framework", "Scale", "Standards", "Checklist"]
    standards = list(book["Standards"].iter_rows(values_only=True))
    assert standards[0] == (
        "section",
        "section title",
        "code",
        "wording",
        "public wording",
        "optional",
    )
    assert standards[1][:3] == ("1", "Commissioning, governance and management arrangements", "1.1")
    before = {
        s.code: (s.text, s.public_text, [i.text for i in s.checklist.all()])
        for section in framework.sections.all()
        for s in section.standards.all()
    }
    Framework.objects.all().delete()

    again = import_framework(io.BytesIO(download.content))

    assert again.code == "iass-2018"
    assert {
        s.code: (s.text, s.public_text, [i.text for i in s.checklist.all()])
        for section in again.sections.all()
        for s in section.standards.all()
    } == before
    assert [(lv.code, lv.counts_as_met) for lv in again.levels.all()] == [
        ("C", True),
        ("P/C", False),
        ("NC", False),
        ("NYR", False),
    ]


def test_the_public_cannot_download_a_framework(client, framework):
    url = reverse("minimum_standards_framework_export", args=[framework.pk])

    assert client.get(url).status_code == 302  # sent to sign in
