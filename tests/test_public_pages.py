"""Every public page type renders what a parent needs, and an editor can make each one."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from home.models import (
    EasyReadIndexPage,
    EnquiryPage,
    EventIndexPage,
    FeedbackPage,
    GlossaryPage,
    HomePage,
    InformationPage,
    NewsArticlePage,
    NewsAttachment,
    NewsIndexPage,
    PolicyIndexPage,
    PolicyPage,
    SignpostingPage,
    TopicIndexPage,
    TopicPage,
    YoungPeoplePage,
    YouSaidWeDidPage,
)
from wagtail_minimum_standards.compliance.pages.models import HowWeAreDoingPage

from .factories import (
    DocumentFactory,
    HomePageFactory,
    InformationPageFactory,
    NewsArticlePageFactory,
    NewsIndexPageFactory,
    PolicyPageFactory,
    ServiceSettingsFactory,
    SignpostingPageFactory,
    TopicPageFactory,
    YouSaidWeDidPageFactory,
)


def html_of(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def test_topic_page_renders_its_blocks_with_breadcrumbs(client, home_page):
    topic = TopicPageFactory(title="EHC needs assessments")

    html = html_of(client, topic)

    assert "<h1>EHC needs assessments</h1>" in html
    assert "<h2>What happens</h2>" in html
    assert 'class="callout callout--important" role="note"' in html
    assert "<details>" in html and "<summary>Do I need a diagnosis?</summary>" in html
    assert 'href="https://www.ipsea.org.uk/"' in html
    assert '<nav class="breadcrumbs" aria-label="Breadcrumb">' in html
    assert '<span aria-current="page">EHC needs assessments</span>' in html


def test_topic_index_lists_its_live_topics_only(client, home_page):
    topic = TopicPageFactory(title="Exclusions", summary="When a school excludes a child.")
    hidden = TopicPageFactory(parent=topic.get_parent(), title="Draft topic")
    hidden.unpublish()

    html = html_of(client, topic.get_parent())

    assert "Exclusions" in html and "When a school excludes a child." in html
    assert "Draft topic" not in html


def test_policy_page_offers_its_document(client, home_page):
    policy = PolicyPageFactory(title="Complaints procedure", document=DocumentFactory())

    html = html_of(client, policy)

    assert "Download the full complaints procedure (PDF)" in html


def test_information_page_lists_the_pages_under_it(client, home_page):
    about = InformationPageFactory(title="About us")
    InformationPageFactory(
        parent=about, title="Our Advisory Group", summary="Independent oversight."
    )

    html = html_of(client, about)

    assert "In this section" in html and "Our Advisory Group" in html


def test_signposting_groups_organisations_in_a_fixed_order(client, home_page):
    html = html_of(client, SignpostingPageFactory())

    local_offer = html.index("The Local Offer")
    parents = html.index("Parent and carer groups")
    helplines = html.index("National helplines and advice")
    assert local_offer < parents < helplines
    assert 'href="tel:08088083555"' in html


def test_you_said_we_did_shows_each_theme(client, home_page):
    html = html_of(client, YouSaidWeDidPageFactory())

    assert "Phone lines" in html and "<h3>You said</h3>" in html and "Added a call-back" in html


def test_news_article_lists_its_attachments(client, home_page):
    article = NewsArticlePageFactory(title="Annual Report 2021-22 published")
    NewsAttachment.objects.create(page=article, document=DocumentFactory(), title="The report")

    html = html_of(client, article)

    assert "The report</a> (PDF)" in html


def test_news_index_is_newest_first_and_paginated(client, home_page):
    news = NewsIndexPageFactory()
    articles = NewsArticlePageFactory.create_batch(12, parent=news)

    first = html_of(client, news)
    second = client.get(news.url + "?page=2").content.decode()

    newest, oldest = articles[-1].title, articles[0].title
    assert newest in first and oldest not in first
    assert first.index(articles[-1].title) < first.index(articles[-2].title)
    assert oldest in second
    assert "Page 1 of 2" in first and 'rel="next"' in first
    assert client.get(news.url + "?page=nonsense").status_code == 404  # no such page


def queries_for(client, url):
    client.get(url)  # the first request fills per-process caches
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries)


def test_news_index_query_count_does_not_grow_with_news(client, home_page):
    news = NewsIndexPageFactory()
    NewsArticlePageFactory.create_batch(3, parent=news)
    few = queries_for(client, news.url)

    NewsArticlePageFactory.create_batch(60, parent=news)

    assert queries_for(client, news.url) == few
    assert queries_for(client, news.url + "?page=4") == few


def test_home_page_links_to_every_section_in_the_menu(client, home_page):
    TopicPageFactory()
    about = InformationPageFactory(title="About us")
    about.show_in_menus = True
    about.save_revision().publish()

    html = client.get("/").content.decode()

    assert f'href="{about.url}"' in html


def test_search_finds_pages_and_says_when_nothing_matches(client, home_page):
    TopicPageFactory(title="SEND Tribunal appeals", summary="How to appeal.")

    found = client.get("/search/", {"q": "tribunal"}).content.decode()
    nothing = client.get("/search/", {"q": "zebra"}).content.decode()

    assert "1 result for “tribunal”" in found and "SEND Tribunal appeals" in found
    assert "No results for “zebra”" in nothing


def test_sitemap_and_robots(client, home_page):
    topic = TopicPageFactory()

    sitemap = client.get("/sitemap.xml").content.decode()
    robots = client.get("/robots.txt")

    assert topic.full_url in sitemap
    assert robots["Content-Type"] == "text/plain"
    assert "Disallow: /admin/" in robots.content.decode()
    assert "Sitemap: http://localhost/sitemap.xml" in robots.content.decode()  # the Site's address


def test_search_and_the_not_found_page_say_what_they_are_to_search_engines(client, home_page):
    search = client.get("/search/", {"q": "tribunal"}).content.decode()
    not_found = client.get("/no-such-page/")

    assert '<meta name="description" content="Search the pages of ' in search
    assert not_found.status_code == 404
    assert (
        '<meta name="description" content="We cannot find the page you asked for.'
        in not_found.content.decode()
    )


def test_a_browser_asking_for_favicon_ico_gets_the_sites_icon(client, home_page):
    response = client.get("/favicon.ico")

    assert response.status_code == 301
    assert response["Location"].endswith(".svg") and "/img/favicon" in response["Location"]


@pytest.mark.django_db
class TestEditorsCanCreateEveryPageType(WagtailPageTestCase):
    def setUp(self):
        self.home = HomePageFactory()
        Site.objects.filter(is_default_site=True).update(root_page=self.home)
        ServiceSettingsFactory()
        self.login()

    def body(self):
        return streamfield([("paragraph", rich_text("<p>Some words.</p>"))])

    def test_where_each_page_type_may_go(self):
        self.assertAllowedSubpageTypes(
            HomePage,
            {
                TopicIndexPage,
                PolicyIndexPage,
                InformationPage,
                SignpostingPage,
                NewsIndexPage,
                YouSaidWeDidPage,
                EnquiryPage,
                GlossaryPage,
                FeedbackPage,
                HowWeAreDoingPage,
                YoungPeoplePage,
                EasyReadIndexPage,
                EventIndexPage,
            },
        )
        self.assertAllowedParentPageTypes(TopicPage, {TopicIndexPage})
        self.assertAllowedParentPageTypes(PolicyPage, {PolicyIndexPage})
        self.assertAllowedParentPageTypes(NewsArticlePage, {NewsIndexPage})

    def test_sections_and_their_pages(self):
        article = {"summary": "In short.", "body": self.body(), "last_reviewed": ""}
        for index_model, page_model, extra in [
            (TopicIndexPage, TopicPage, {}),
            (PolicyIndexPage, PolicyPage, {"policy_type": "complaints", "document": ""}),
        ]:
            index = index_model(title=index_model.__name__, slug=index_model.__name__.lower())
            self.home.add_child(instance=index)
            data = {"title": page_model.__name__, "slug": "p", **article, **extra}
            self.assertCanCreate(index, page_model, nested_form_data(data))

    def test_information_signposting_feedback_enquiry_news(self):
        self.assertCanCreate(
            self.home,
            InformationPage,
            nested_form_data(
                {
                    "title": "About",
                    "slug": "about",
                    "summary": "Us.",
                    "body": self.body(),
                    "last_reviewed": "",
                }
            ),
        )
        self.assertCanCreate(
            self.home,
            SignpostingPage,
            nested_form_data(
                {
                    "title": "Other help",
                    "slug": "other-help",
                    "introduction": "",
                    "signposts": inline_formset(
                        [
                            {
                                "group": "youth-forums",
                                "name": "Youth forum",
                                "description": "Young people.",
                                "url": "",
                                "phone": "01632 960 123",
                            }
                        ]
                    ),
                }
            ),
        )
        self.assertCanCreate(
            self.home,
            YouSaidWeDidPage,
            nested_form_data(
                {
                    "title": "You said",
                    "slug": "you-said",
                    "introduction": "",
                    "themes": streamfield(
                        [
                            (
                                "theme",
                                {
                                    "theme": "Phones",
                                    "period": "",
                                    "you_said": rich_text("<p>a</p>"),
                                    "we_did": rich_text("<p>b</p>"),
                                },
                            )
                        ]
                    ),
                }
            ),
        )
        self.assertCanCreate(
            self.home,
            EnquiryPage,
            nested_form_data(
                {
                    "title": "Contact",
                    "slug": "contact",
                    "introduction": "",
                    "privacy_note": "Private.",
                    "notification_email": "",
                }
            ),
        )
        news = NewsIndexPage(title="News", slug="news")
        self.home.add_child(instance=news)
        self.assertCanCreate(
            news,
            NewsArticlePage,
            nested_form_data(
                {
                    "title": "Report published",
                    "slug": "report",
                    "date": "2022-10-31",
                    "summary": "Read it.",
                    "body": self.body(),
                    "attachments": inline_formset([]),
                }
            ),
        )

    def test_every_page_type_renders(self):
        for page in [
            TopicPageFactory(),
            PolicyPageFactory(),
            InformationPageFactory(),
            SignpostingPageFactory(),
            YouSaidWeDidPageFactory(),
            NewsArticlePageFactory(),
        ]:
            self.assertPageIsRenderable(page)
        self.assertPageIsRenderable(Page.objects.type(NewsIndexPage).first().specific)


def test_topic_page_shows_a_video_with_its_transcript_and_a_document(client, home_page):
    url = "https://www.youtube.com/watch?v=example"
    # The embed as Wagtail caches it after asking YouTube once; no network in tests.
    Embed.objects.create(
        url=url,
        max_width=800,
        hash=get_embed_hash(url, 800),
        type="video",
        html='<iframe title="Preparing for adulthood" src="https://www.youtube-nocookie.com/embed/example"></iframe>',
        provider_name="YouTube",
    )
    document = DocumentFactory(title="Guide to EHC plans")
    topic = TopicPageFactory(
        body=[
            {
                "type": "video",
                "value": {"video": url, "title": "Our film", "transcript": "<p>Hello.</p>"},
            },
            {"type": "document", "value": {"document": document.pk, "title": ""}},
        ]
    )

    html = html_of(client, topic)

    assert '<iframe title="Preparing for adulthood"' in html
    assert "<figcaption>Our film</figcaption>" in html
    assert 'Transcript<span class="visually-hidden">: Our film</span>' in html
    assert f'href="{document.url}">Guide to EHC plans</a> (PDF)' in html


def test_a_group_nobody_can_reach_is_refused_in_the_editor(client, home_page, service_manager):
    client.force_login(service_manager)
    unreachable = {"group": "youth-forums", "name": "Forum", "description": "Young people."}

    response = client.post(
        f"/admin/pages/add/home/signpostingpage/{home_page.pk}/",
        nested_form_data(
            {
                "title": "Other help",
                "slug": "other-help",
                "introduction": "",
                "signposts": inline_formset([{**unreachable, "url": "", "phone": " "}]),
            }
        ),
    )

    assert response.status_code == 200
    assert "Give a website or a phone number (or both)" in response.content.decode()
    assert not SignpostingPage.objects.exists()


def test_every_demo_group_can_be_reached(demo_site):
    signposts = [s for page in SignpostingPage.objects.all() for s in page.signposts.all()]

    assert len(signposts) >= 9
    assert all(s.url or s.phone for s in signposts), [s.name for s in signposts]


def test_the_sites_address_for_printed_links_is_a_stylesheet(client, demo_site):
    from wagtail.models import Site

    response = client.get("/site-address.css")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")
    root = Site.objects.get(is_default_site=True).root_url
    assert response.content.decode() == f':root {{ --site-address: "{root}"; }}\n'
    page = client.get("/").content.decode()
    assert '<link rel="stylesheet" href="/site-address.css" media="print">' in page
