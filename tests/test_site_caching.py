"""What the app keeps of the public site (settings, menu, footer, breadcrumbs, the way to each
page, the userbar) is never stale or someone else's: each change a visitor could see shows on
the next request, and each person gets their own userbar."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import PageViewRestriction, Site
from wagtail.test.utils.form_data import nested_form_data, streamfield

from home.models import (
    ContentVersion,
    HomePage,
    InformationPage,
    NewsArticlePage,
    ServiceSettings,
    Signpost,
)

from .factories import (
    DocumentFactory,
    InformationPageFactory,
    NewsArticlePageFactory,
    NewsIndexPageFactory,
    PolicyIndexPageFactory,
    SignpostingPageFactory,
    TopicIndexPageFactory,
    TopicPageFactory,
    UserFactory,
)


@pytest.fixture
def about(home_page):
    page = home_page.add_child(instance=HomePage(title="About us", slug="about", introduction="x"))
    page.show_in_menus = True
    page.save_revision().publish()
    return page


def test_unpublishing_moving_and_renaming_a_page_show_at_once(client, home_page, about):
    child = about.add_child(
        instance=InformationPage(title="Our team", slug="team", summary="Who works here.")
    )
    child.save_revision().publish()
    assert client.get("/about/team/").status_code == 200
    assert "Our team" in client.get("/about/team/").content.decode()  # kept now

    child.slug = "people"
    child.save_revision().publish()
    renamed = (client.get("/about/team/").status_code, client.get("/about/people/").status_code)
    child.refresh_from_db()
    child.move(home_page, pos="last-child")
    old_address = client.get("/about/people/")
    moved = (old_address.status_code, old_address["Location"], client.get("/people/").status_code)
    child.refresh_from_db()
    child.unpublish()
    unpublished = client.get("/people/").status_code

    assert renamed == (404, 200)
    assert moved == (301, "/people/", 200)  # Wagtail's redirect from where it was
    assert unpublished == 404


def test_the_menu_and_breadcrumbs_follow_a_new_title(client, about):
    child = about.add_child(
        instance=InformationPage(title="Our team", slug="team", summary="Who works here.")
    )
    child.save_revision().publish()
    client.get("/about/team/")

    about.title = "Who we are"
    about.save_revision().publish()
    page = client.get("/about/team/").content.decode()

    assert page.count("Who we are") >= 2  # in the menu and in the breadcrumbs
    assert "About us" not in page


def test_a_page_made_private_is_not_shown_from_what_was_kept(client, about):
    assert client.get("/about/").status_code == 200

    PageViewRestriction.objects.create(page=about, restriction_type="login")
    private = client.get("/about/")
    menu = client.get("/").content.decode()

    assert private.status_code == 302 and "/login/" in private["Location"]
    assert 'href="/about/"' not in menu  # the menu lists public pages only


def test_who_may_see_a_page_follows_its_restrictions_and_those_above_it(client, about):
    """The view restrictions Wagtail checks are kept too: each change applies at once, to the
    page and the pages under it, and a password given is still honoured."""
    child = about.add_child(
        instance=InformationPage(title="Our team", slug="team", summary="Who works here.")
    )
    child.save_revision().publish()
    assert client.get("/about/team/").status_code == 200  # kept: no restrictions

    restriction = PageViewRestriction.objects.create(
        page=about, restriction_type="password", password="let-me-in"
    )
    asked = client.get("/about/team/")
    client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{child.pk}/",
        {"password": "let-me-in", "return_url": "/about/team/"},
    )
    after_password = Client().get("/about/team/"), client.get("/about/team/")
    restriction.delete()
    public_again = Client().get("/about/team/")

    assert asked.status_code == 200 and 'name="password"' in asked.content.decode()
    assert 'name="password"' in after_password[0].content.decode()  # someone else: asked
    assert "Who works here." in after_password[1].content.decode()  # who gave it: the page
    assert public_again.status_code == 200
    assert 'name="password"' not in public_again.content.decode()


def test_each_person_gets_their_own_userbar(client, about, editor):
    client.force_login(editor)
    editors = client.get("/about/").content.decode()
    without_admin = Client()
    without_admin.force_login(UserFactory())
    others = without_admin.get("/about/").content.decode()
    anonymous = Client().get("/about/").content.decode()

    assert "wagtail-userbar" in editors
    assert "wagtail-userbar" not in others and "wagtail-userbar" not in anonymous


def test_lists_on_pages_follow_what_is_published_under_them(client, home_page):
    """Section lists, news listings and signposts are kept between requests: each publish
    or unpublish shows on the next one."""
    about = home_page.add_child(
        instance=InformationPage(title="About us", slug="about", summary="Who we are.")
    )
    about.save_revision().publish()
    news = NewsIndexPageFactory()
    NewsArticlePageFactory.create_batch(11, parent=news)
    signposting = SignpostingPageFactory()
    pages = ("/about/", news.url, news.url + "?page=2", signposting.url)
    before = [client.get(url).content.decode() for url in pages]  # all kept now

    child = about.add_child(
        instance=InformationPage(title="Our team", slug="team", summary="Who works here.")
    )
    child.save_revision().publish()
    section = client.get("/about/").content.decode()
    article = news.add_child(
        instance=NewsArticlePage(
            title="Newest news", slug="newest", summary="New.", date=datetime.date(2030, 1, 1)
        )
    )
    article.save_revision().publish()
    first, second = (client.get(url).content.decode() for url in pages[1:3])
    article.unpublish()
    after_unpublishing = client.get(news.url).content.decode()
    signposting.signposts.add(Signpost(group="parent-groups", name="New group", description="x"))
    signposting.save_revision().publish()
    signposts = client.get(signposting.url).content.decode()

    assert "Our team" not in before[0] and "Our team" in section
    assert "Newest news" in first and "Page 1 of 2" in first
    assert "Page 2 of 2" in second and second != before[2]  # everything moved down one
    assert "Newest news" not in after_unpublishing
    assert "New group" not in before[3] and "New group" in signposts


def test_a_preview_shows_the_draft_not_the_kept_copy(client, home_page):
    signposting = SignpostingPageFactory()
    client.get(signposting.url)  # kept
    signposting.signposts.add(Signpost(group="parent-groups", name="Draft group", description="x"))

    preview = signposting.make_preview_request().content.decode()
    live = client.get(signposting.url).content.decode()

    assert "Draft group" in preview  # not the kept copy of the live page
    assert "Draft group" not in live  # and the draft did not become the kept copy


def test_an_alias_shows_in_the_menu_and_the_section_list_at_once(client, home_page):
    """Wagtail creates an alias live without a page_published signal."""
    section = home_page.add_child(
        instance=InformationPage(title="The service", slug="service", summary="What we do.")
    )
    section.save_revision().publish()
    team = section.add_child(
        instance=InformationPage(title="Our team", slug="team", summary="Who works here.")
    )
    team.show_in_menus = True
    team.save_revision().publish()
    assert 'href="/service/team/"' in client.get("/service/").content.decode()
    assert 'href="/team/"' not in client.get("/").content.decode()  # the menu, kept

    team.create_alias(parent=home_page, update_slug="team")  # the admin's "Publish as an alias"
    team.create_alias(parent=section, update_slug="staff")

    assert 'href="/team/"' in client.get("/").content.decode()
    assert 'href="/service/staff/"' in client.get("/service/").content.decode()


def test_a_database_restored_from_a_backup_never_reads_copies_made_after_the_backup(about):
    """A restore takes the content version back with the rows; the next change must not land
    on a version whose copies were made in the timeline the restore undid."""
    PageViewRestriction.objects.create(page=about, restriction_type="login")
    backed_up = ContentVersion.current()  # the nightly backup: "About us" is private
    PageViewRestriction.objects.filter(page=about).delete()  # made public later that day
    assert Client().get("/about/").status_code == 200  # kept: no restrictions

    PageViewRestriction.objects.bulk_create(  # the restore: the rows as they were, no signals
        [PageViewRestriction(page=about, restriction_type="login")]
    )
    ContentVersion.objects.update(number=backed_up)
    restored = Client().get("/about/").status_code
    ServiceSettings.objects.get().save()  # the next change, whatever it is
    after_a_change = Client().get("/about/").status_code

    assert restored == after_a_change == 302  # to sign in: private, as the backup says


def test_the_userbar_is_built_for_the_host_it_is_shown_on(client, about, editor):
    client.force_login(editor)

    first = client.get("/about/", HTTP_HOST="localhost").content.decode()
    second = client.get("/about/", HTTP_HOST="127.0.0.1").content.decode()

    assert "//localhost/admin/pages/" in first
    assert "//127.0.0.1/admin/pages/" in second and "//localhost/" not in second


def test_a_new_sites_first_visitor_gets_its_home_page(client, home_page):
    """Its service settings are made on that first visit, and kept."""
    landing = home_page.add_child(
        instance=InformationPage(title="Second service", slug="second", summary="Another.")
    )
    landing.save_revision().publish()
    Site.objects.create(hostname="127.0.0.1", port=80, root_page=landing)

    first, again = (client.get("/", HTTP_HOST="127.0.0.1") for _ in range(2))

    assert first.status_code == again.status_code == 200
    assert "Second service" in again.content.decode()


def test_each_new_pages_preview_shows_its_own_breadcrumbs(client, home_page, admin_user):
    """A page being added has no id yet: nothing of its preview is kept for the next one."""
    topics = TopicIndexPageFactory(title="Information about SEND")
    policies = PolicyIndexPageFactory(title="Our policies")
    client.force_login(admin_user)

    def breadcrumbs_of_preview(model, parent, **fields):
        url = reverse("wagtailadmin_pages:preview_on_add", args=("home", model, parent.pk))
        data = nested_form_data(
            {"title": "Draft", "slug": "draft", "summary": "x", "body": streamfield([]), **fields}
        )
        assert client.post(url, data).json()["is_valid"]
        html = client.get(url).content.decode()
        start = html.index('aria-label="Breadcrumb"')
        return html[start : html.index("</nav>", start)]

    topic = breadcrumbs_of_preview("topicpage", topics)
    policy = breadcrumbs_of_preview("policypage", policies, policy_type="other")

    assert "Information about SEND" in topic
    assert "Our policies" in policy and "Information about SEND" not in policy


def test_a_path_is_only_the_way_to_a_page_from_where_it_starts(client, about):
    """About us is a home page too: the way from it to its own pages is not the site's."""
    about.add_child(
        instance=InformationPage(title="Our team", slug="team", summary="Who works here.")
    ).save_revision().publish()

    assert client.get("/about/team/").status_code == 200  # kept: the way to "Our team"
    assert client.get("/team/").status_code == 404


def test_a_pages_article_follows_everything_it_shows(client, home_page):
    """The article is kept: a new revision, a page it links to moved, a document it offers
    retitled each show on the next request."""
    target = InformationPageFactory(title="Tribunals", slug="tribunals")
    document = DocumentFactory(title="Guide to EHC plans")
    link = {"heading": "", "links": [{"title": "Appeals", "url": "", "page": target.pk}]}
    topic = TopicPageFactory(
        body=[
            {"type": "links", "value": link},
            {"type": "document", "value": {"document": document.pk, "title": ""}},
        ]
    )
    before = client.get(topic.url).content.decode()

    target.slug = "appeals"
    target.save_revision().publish()
    document.title = "Guide to EHC plans (2026)"
    document.save()
    moved_and_retitled = client.get(topic.url).content.decode()
    topic.body = [{"type": "paragraph", "value": "<p>Written again.</p>"}]
    topic.save_revision().publish()
    revised = client.get(topic.url).content.decode()

    assert 'href="/tribunals/">Appeals' in before and ">Guide to EHC plans</a>" in before
    assert 'href="/appeals/">Appeals' in moved_and_retitled
    assert ">Guide to EHC plans (2026)</a>" in moved_and_retitled
    assert "Written again." in revised and "Appeals" not in revised


def test_a_preview_shows_the_draft_article_and_the_kept_one_stays_live(client, home_page):
    topic = TopicPageFactory()
    client.get(topic.url)  # kept
    topic.body = [{"type": "paragraph", "value": "<p>Draft words.</p>"}]
    topic.save_revision()

    preview = topic.get_latest_revision_as_object().make_preview_request().content.decode()
    live = client.get(topic.url).content.decode()

    assert "Draft words." in preview
    assert "Draft words." not in live and "The local authority decides" in live


def test_a_kept_article_is_not_shown_once_its_page_asks_for_a_password(client, home_page):
    topic = TopicPageFactory()
    assert "The local authority decides" in client.get(topic.url).content.decode()  # kept

    PageViewRestriction.objects.create(page=topic, restriction_type="password", password="x1")
    asked = client.get(topic.url)

    assert asked.status_code == 200 and 'name="password"' in asked.content.decode()
    assert "The local authority decides" not in asked.content.decode()


def test_the_footer_follows_the_service_settings(client, home_page):
    client.get("/")  # the footer, kept
    service = ServiceSettings.objects.get()
    service.opening_hours = [
        {"type": "period", "value": {"days": "Saturday", "opens": "10:00", "closes": "12:00"}}
    ]
    service.save()

    html = client.get("/").content.decode()
    footer = html[html.index('<footer class="site-footer">') :]

    assert "Saturday" in footer and "Monday to Friday" not in footer
