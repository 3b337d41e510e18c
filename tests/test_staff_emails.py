"""Each staff email address belongs to one account, compared without regard to case: a
password reset for it reaches one person."""

import pytest
from django.contrib.auth import get_user_model

from .factories import UserFactory

PASSWORD = "a-long-enough-password-2026"


@pytest.fixture
def administrator(client, db):
    user = UserFactory(username="admin", is_superuser=True, email="admin@sendias.example")
    client.force_login(user)
    return user


def new_user(**changes):
    return {
        "username": "jo",
        "email": "jo@sendias.example",
        "first_name": "Jo",
        "last_name": "Adviser",
        "password1": PASSWORD,
        "password2": PASSWORD,
        **changes,
    }


def test_a_new_account_may_not_take_an_address_another_account_has(client, administrator):
    UserFactory(username="sam", email="Sam@Sendias.example")

    response = client.post("/admin/users/new/", new_user(email="sam@sendias.EXAMPLE"))

    assert response.status_code == 200
    assert "Another account already uses this email address" in response.content.decode()
    assert not get_user_model().objects.filter(username="jo").exists()


def test_an_account_keeps_its_own_address_when_edited(client, administrator):
    jo = UserFactory(username="jo", email="jo@sendias.example")
    UserFactory(username="sam", email="sam@sendias.example")
    fields = {
        "username": "jo",
        "email": "JO@sendias.example",
        "first_name": "Jo",
        "last_name": "Adviser",
        "is_active": "on",
    }

    kept = client.post(f"/admin/users/edit/{jo.pk}/", fields)
    taken = client.post(f"/admin/users/edit/{jo.pk}/", {**fields, "email": "sam@sendias.example"})

    assert kept.status_code == 302
    assert taken.status_code == 200
    assert "Another account already uses this email address" in taken.content.decode()
    jo.refresh_from_db()
    assert jo.email == "JO@sendias.example"


def test_a_new_account_with_an_address_of_its_own_is_made(client, administrator):
    response = client.post("/admin/users/new/", new_user())

    assert response.status_code == 302
    assert get_user_model().objects.filter(username="jo", email="jo@sendias.example").exists()
