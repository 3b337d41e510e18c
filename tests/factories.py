"""Factories for test data. Users are made in a role; pages under Wagtail's root."""

import datetime

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Page, Site

from home.models import (
    EasyReadIndexPage,
    EasyReadPage,
    EnquiryPage,
    EventIndexPage,
    EventPage,
    FeedbackPage,
    GlossaryPage,
    GlossaryTerm,
    HomePage,
    InformationPage,
    NewsArticlePage,
    NewsIndexPage,
    PolicyIndexPage,
    PolicyPage,
    ServiceSettings,
    Signpost,
    SignpostingPage,
    TopicIndexPage,
    TopicPage,
    YoungPeoplePage,
    YouSaidWeDidPage,
)
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


# Public page types. Each factory takes parent=<page>; sections default to the site's home.


def _home():
    return HomePage.objects.first()


class TopicIndexPageFactory(wagtail_factories.PageFactory):
    title = "Information about SEND"
    slug = factory.Sequence(lambda n: f"send-topics-{n}")
    introduction = "Find out about SEN support, EHC plans and more."
    parent = factory.LazyFunction(_home)

    class Meta:
        model = TopicIndexPage


class TopicPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"SEND topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")
    summary = "What this topic is about."
    parent = factory.SubFactory(TopicIndexPageFactory)
    body = factory.LazyFunction(
        lambda: [
            {"type": "heading", "value": {"text": "What happens", "level": "h2"}},
            {"type": "paragraph", "value": "<p>The local authority decides within 6 weeks.</p>"},
            {
                "type": "callout",
                "value": {"title": "Deadline", "text": "<p>Two months.</p>", "style": "important"},
            },
            {
                "type": "accordion",
                "value": {"items": [{"title": "Do I need a diagnosis?", "body": "<p>No.</p>"}]},
            },
            {
                "type": "links",
                "value": {
                    "heading": "Read more",
                    "links": [
                        {
                            "title": "IPSEA",
                            "url": "https://www.ipsea.org.uk/",
                            "page": None,
                            "description": "",
                        }
                    ],
                },
            },
        ]
    )

    class Meta:
        model = TopicPage


class PolicyIndexPageFactory(wagtail_factories.PageFactory):
    title = "Our policies"
    slug = factory.Sequence(lambda n: f"policies-{n}")
    parent = factory.LazyFunction(_home)

    class Meta:
        model = PolicyIndexPage


class PolicyPageFactory(wagtail_factories.PageFactory):
    title = "Complaints"
    slug = factory.Sequence(lambda n: f"policy-{n}")
    policy_type = PolicyPage.PolicyType.COMPLAINTS
    summary = "How to complain about our service."
    parent = factory.SubFactory(PolicyIndexPageFactory)

    class Meta:
        model = PolicyPage


class InformationPageFactory(wagtail_factories.PageFactory):
    title = "About us"
    slug = factory.Sequence(lambda n: f"about-{n}")
    summary = "Who we are."
    parent = factory.LazyFunction(_home)

    class Meta:
        model = InformationPage


class YoungPeoplePageFactory(wagtail_factories.PageFactory):
    """A page for young people aged 16 to 25 (audience="children" for children)."""

    title = factory.Sequence(lambda n: f"For young people {n}")
    slug = factory.Sequence(lambda n: f"young-people-{n}")
    summary = "Your rights and how to get help."
    parent = factory.LazyFunction(_home)
    body = factory.LazyFunction(
        lambda: [
            {"type": "heading", "value": {"text": "You decide", "level": "h2"}},
            {"type": "idea", "value": "From 16, you can make decisions about your education."},
            {"type": "idea", "value": "You can contact us yourself."},
        ]
    )

    class Meta:
        model = YoungPeoplePage


class EasyReadIndexPageFactory(wagtail_factories.PageFactory):
    title = "Easy read"
    slug = factory.Sequence(lambda n: f"easy-read-{n}")
    parent = factory.LazyFunction(_home)

    class Meta:
        model = EasyReadIndexPage


class EasyReadPageFactory(wagtail_factories.PageFactory):
    """An easy-read page with one picture and its words; give it standard_version=<page>."""

    title = factory.Sequence(lambda n: f"Easy read {n}")
    slug = factory.Sequence(lambda n: f"easy-read-page-{n}")
    summary = "In easy read."
    parent = factory.LazyFunction(
        lambda: EasyReadIndexPage.objects.first() or EasyReadIndexPageFactory()
    )
    body = factory.LazyFunction(
        lambda: [
            {
                "type": "picture_and_words",
                "value": {
                    "image": wagtail_factories.ImageFactory().pk,
                    "alt": "A person smiling",
                    "lines": ["We help you."],
                },
            }
        ]
    )

    class Meta:
        model = EasyReadPage


class SignpostingPageFactory(wagtail_factories.PageFactory):
    title = "Other places to get help"
    slug = factory.Sequence(lambda n: f"other-help-{n}")
    parent = factory.LazyFunction(_home)
    signposts = factory.LazyFunction(
        lambda: [
            Signpost(
                group="national-helplines",
                name="Contact",
                description="Helpline.",
                phone="0808 808 3555",
            ),
            Signpost(group="parent-groups", name="Parent Carer Forum", description="Parents."),
            Signpost(
                group="local-offer",
                name="Local Offer",
                description="Services.",
                url="https://offer.example/",
            ),
        ]
    )

    class Meta:
        model = SignpostingPage


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "News"
    slug = factory.Sequence(lambda n: f"news-{n}")
    parent = factory.LazyFunction(_home)

    class Meta:
        model = NewsIndexPage


class NewsArticlePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"News item {n}")
    slug = factory.Sequence(lambda n: f"news-item-{n}")
    summary = "Something happened."
    date = factory.Sequence(lambda n: datetime.date(2022, 1, 1) + datetime.timedelta(days=n))
    parent = factory.SubFactory(NewsIndexPageFactory)

    class Meta:
        model = NewsArticlePage


class DocumentFactory(wagtail_factories.DocumentFactory):
    title = "Annual Report 2021-22"
    file = factory.django.FileField(filename="annual-report.pdf", data=b"%PDF-1.4 report")


class YouSaidWeDidPageFactory(wagtail_factories.PageFactory):
    title = "You said, we did"
    slug = factory.Sequence(lambda n: f"you-said-{n}")
    parent = factory.LazyFunction(_home)
    themes = factory.LazyFunction(
        lambda: [
            {
                "type": "theme",
                "value": {
                    "theme": "Phone lines",
                    "period": "2022",
                    "you_said": "<p>Hard to get through.</p>",
                    "we_did": "<p>Added a call-back service.</p>",
                },
            }
        ]
    )

    class Meta:
        model = YouSaidWeDidPage


class EnquiryPageFactory(wagtail_factories.PageFactory):
    title = "Ask us a question"
    slug = factory.Sequence(lambda n: f"contact-{n}")
    introduction = "Tell us what you need."
    privacy_note = "We delete enquiries after 365 days."
    notification_email = "staff@sendias.example"
    parent = factory.LazyFunction(_home)

    class Meta:
        model = EnquiryPage


class GlossaryPageFactory(wagtail_factories.PageFactory):
    title = "Jargon buster"
    slug = factory.Sequence(lambda n: f"jargon-buster-{n}")
    introduction = "SEND words in plain English."
    parent = factory.LazyFunction(_home)

    class Meta:
        model = GlossaryPage


class GlossaryTermFactory(factory.django.DjangoModelFactory):
    term = factory.Sequence(lambda n: f"Word number {n}")
    abbreviation = ""
    meaning = factory.LazyAttribute(lambda w: f"What {w.term} means, in plain words.")

    class Meta:
        model = GlossaryTerm


class FeedbackPageFactory(wagtail_factories.PageFactory):
    title = "Tell us how we did"
    slug = factory.Sequence(lambda n: f"feedback-{n}")
    introduction = "It takes two minutes."
    privacy_note = "Only our staff read feedback. We delete it after 365 days."
    notification_email = "staff@sendias.example"
    parent = factory.LazyFunction(_home)

    class Meta:
        model = FeedbackPage


class EventIndexPageFactory(wagtail_factories.PageFactory):
    title = "Events"
    slug = factory.Sequence(lambda n: f"events-{n}")
    introduction = "Coffee mornings, workshops and drop-ins."
    parent = factory.LazyFunction(_home)

    class Meta:
        model = EventIndexPage


class EventPageFactory(wagtail_factories.PageFactory):
    """An event a week from now, two hours long, at a place (start=... for another time)."""

    title = factory.Sequence(lambda n: f"Coffee morning {n}")
    slug = factory.Sequence(lambda n: f"event-{n}")
    summary = "Meet other parents and ask us about SEN support."
    start = factory.LazyFunction(
        lambda: (timezone.now() + datetime.timedelta(days=7)).replace(microsecond=0)
    )
    end = factory.LazyAttribute(lambda event: event.start + datetime.timedelta(hours=2))
    place = "Example Library\n1 Example Street\nBath"
    accessibility = "Step-free access and an accessible toilet."
    parent = factory.SubFactory(EventIndexPageFactory)

    class Meta:
        model = EventPage
