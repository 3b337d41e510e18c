"""A mapping's upload in the admin: a preview first, nothing saved until Import; a bad file
lists its problems and saves nothing."""

import pytest
from django.urls import reverse

from wagtail_minimum_standards.compliance.models import FrameworkMapping

from .mapping_books import ROWS, mapping_book, old_and_new


@pytest.fixture
def frameworks(db):
    return old_and_new()


def test_the_upload_previews_then_imports_on_a_click(client, manager, frameworks):
    client.force_login(manager)
    url = reverse("minimum_standards_mapping_import")
    book = mapping_book()
    book.name = "mapping.xlsx"

    preview = client.post(url, {"file": book})

    html = preview.content.decode()
    assert "Preview: nothing is saved until you import it" in html
    assert "This creates a new mapping." in html
    assert not FrameworkMapping.objects.exists()
    workbook = preview.context["workbook"]

    done = client.post(url, {"workbook": workbook})

    assert done.status_code == 302
    assert FrameworkMapping.objects.get().rows.count() == len(ROWS)


def test_a_bad_upload_names_its_row_and_saves_nothing(client, manager, frameworks):
    client.force_login(manager)
    book = mapping_book([*ROWS, ["9.9", "", "retired", ""]])
    book.name = "mapping.xlsx"

    response = client.post(reverse("minimum_standards_mapping_import"), {"file": book})

    assert "Sheet “Standards”, row 9, column A: there is no standard “9.9”" in (
        response.content.decode()
    )
    assert not FrameworkMapping.objects.exists()
