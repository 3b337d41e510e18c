"""Factories for test data. Users are made in a role; pages under Wagtail's root."""

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Page, Site

from home.models import HomePage, ServiceSettings
from home.roles import ADVISORY_GROUP, EDITOR, SERVICE_MANAGER

PASSWORD = "correct horse battery staple"


def in_role(default):
    """A post-generation hook that puts the user in a role's group.

    `UserFactory(role="Editor")` names the role; subclasses give a default.
    """

    @factory.post_generation
    def role(user, create, extracted, **kwargs):
        name = extracted or default
        if create and name:
            user.groups.add(Group.objects.get(name=name))

    return role


class UserFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password(PASSWORD)
    role = in_role(None)

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True


class ServiceManagerFactory(UserFactory):
    role = in_role(SERVICE_MANAGER)


class EditorFactory(UserFactory):
    role = in_role(EDITOR)


class AdvisoryGroupMemberFactory(UserFactory):
    role = in_role(ADVISORY_GROUP)


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Free, impartial SEND advice"
    slug = factory.Sequence(lambda n: f"home-{n}")
    introduction = "Help for children and young people with SEND, and their parents."
    parent = factory.LazyFunction(Page.get_first_root_node)

    class Meta:
        model = HomePage


class ServiceSettingsFactory(factory.django.DjangoModelFactory):
    site = factory.LazyFunction(lambda: Site.objects.get(is_default_site=True))
    service_name = "Sendias Test"
    phone = "01632 960 001"
    text_number = "07700 900 001"
    email = "help@sendias.example"
    postal_address = "1 Test Street\nBath"
    opening_hours = factory.LazyFunction(
        lambda: [
            {
                "type": "period",
                "value": {"days": "Monday to Friday", "opens": "09:00", "closes": "17:00"},
            }
        ]
    )
    answerphone = "Leave a message at any time and we will call you back."
    response_times = "We reply within 3 working days."
    local_offer_url = "https://local-offer.example/"
    national_helpline_name = "National SEND helpline"
    national_helpline_phone = "0808 000 0000"

    class Meta:
        model = ServiceSettings
        django_get_or_create = ["site"]
