"""Evidence documents are confidential: only the Service manager and the Advisory Group open them."""

import pytest
from wagtail.models import Collection

from home.roles import EVIDENCE, WEBSITE

from .factories import DocumentFactory


@pytest.fixture
def evidence(db):
    return DocumentFactory(title="SLA draft", collection=Collection.objects.get(name=EVIDENCE))


@pytest.fixture
def leaflet(db):
    return DocumentFactory(title="Leaflet", collection=Collection.objects.get(name=WEBSITE))


def test_the_public_and_editors_cannot_download_evidence(client, evidence, editor):
    assert client.get(evidence.url).status_code != 200

    client.force_login(editor)
    assert client.get(evidence.url).status_code != 200


@pytest.mark.parametrize("role_fixture", ["service_manager", "advisory_member"])
def test_the_manager_and_the_advisory_group_can(client, evidence, request, role_fixture):
    client.force_login(request.getfixturevalue(role_fixture))

    response = client.get(evidence.url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 report"


def test_editors_manage_the_websites_documents_but_not_the_evidence(
    client, evidence, leaflet, editor
):
    client.force_login(editor)

    assert client.get(f"/admin/documents/edit/{leaflet.pk}/").status_code == 200
    assert client.get(f"/admin/documents/edit/{evidence.pk}/").status_code in (302, 403)
    listing = client.get("/admin/documents/").content.decode()
    assert "Leaflet" in listing and "SLA draft" not in listing


def test_website_documents_stay_public(client, leaflet):
    assert client.get(leaflet.url).status_code == 200


@pytest.mark.parametrize("role_fixture", ["service_manager", "advisory_member"])
def test_no_cache_keeps_a_document(client, evidence, leaflet, request, role_fixture):
    client.force_login(request.getfixturevalue(role_fixture))

    for document in (evidence, leaflet):
        response = client.get(document.url)
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
        assert "Content-Encoding" not in response  # never "None"
