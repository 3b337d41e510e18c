"""The jargon buster: glossary words kept once each, the A to Z page, and the first use of each
word or abbreviation on a page marked, linked and explained at the end of the page."""

import re

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from wagtail.test.utils.form_data import inline_formset, nested_form_data
from wagtail_factories import ImageFactory

from home.kept import forget
from home.models import GlossaryTerm, GlossaryTermPage

from .factories import (
    EasyReadPageFactory,
    GlossaryPageFactory,
    GlossaryTermFactory,
    TopicPageFactory,
)
from .nu_html_checker import html_errors

ADD = "/admin/snippets/home/glossaryterm/add/"


def word_form(term, abbreviation="", meaning="What it means.", pages=()):
    return nested_form_data(
        {
            "term": term,
            "abbreviation": abbreviation,
            "meaning": meaning,
            "easy_read_meaning": "",
            "related_pages": inline_formset([{"page": page.pk} for page in pages]),
        }
    )


def topic(paragraphs, **fields):
    """A topic page whose body is a heading and these paragraphs (HTML)."""
    body = [{"type": "heading", "value": {"text": "About the EHCP", "level": "h2"}}]
    body += [{"type": "paragraph", "value": html} for html in paragraphs]
    return TopicPageFactory(body=body, **fields)


def main_of(response) -> str:
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


@pytest.fixture
def ehcp(home_page):
    return GlossaryTermFactory(
        term="Education, Health and Care plan",
        abbreviation="EHCP",
        meaning="A legal document that says what help a child must get.",
    )


# Each word once --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "term, abbreviation, refused",
    [
        ("education, health and care PLAN", "", "term"),  # the same word, another case
        ("Extra help plan", "ehcp", "abbreviation"),  # the same abbreviation, another case
        ("EHCP", "", "term"),  # a word that is another word's abbreviation
        ("Early help", " Ehcp ", "abbreviation"),  # spaces around it do not count
    ],
)
def test_a_word_defined_twice_is_refused_in_the_editor_with_a_clear_message(
    client, admin_user, ehcp, term, abbreviation, refused
):
    client.force_login(admin_user)

    response = client.post(ADD, word_form(term, abbreviation))

    assert response.status_code == 200
    page = response.content.decode()
    errors = page[page.index(f'id="panel-child-{refused}-errors"') :][:500]  # under the field
    assert "is in the glossary already: Education, Health and Care plan (EHCP)." in errors
    assert GlossaryTerm.objects.count() == 1


def test_a_new_word_is_added_with_pages_about_it_and_its_history_kept(client, admin_user, ehcp):
    client.force_login(admin_user)
    about = topic(["<p>Plans.</p>"], title="EHC plans")

    response = client.post(ADD, word_form("Annual review", pages=[about]))

    assert response.status_code == 302
    word = GlossaryTerm.objects.get(term="Annual review")
    assert word.anchor == "term-annual-review"
    assert [link.page_id for link in word.related_pages.all()] == [about.pk]
    history = client.get(f"/admin/snippets/home/glossaryterm/history/{word.pk}/")
    assert "Created" in history.content.decode()


def test_the_database_refuses_a_word_twice_whatever_its_case(ehcp):
    with pytest.raises(IntegrityError), transaction.atomic():
        GlossaryTerm.objects.create(term="EDUCATION, HEALTH AND CARE PLAN", meaning="Again.")
    with pytest.raises(IntegrityError), transaction.atomic():
        GlossaryTerm.objects.create(term="Something else", abbreviation="Ehcp", meaning="Again.")
    # Many words have no abbreviation.
    GlossaryTerm.objects.create(term="Tribunal", meaning="A court.")
    GlossaryTerm.objects.create(term="Mediation", meaning="Talking it through.")


# The A to Z ------------------------------------------------------------------------------------


def test_the_a_to_z_groups_words_by_letter_with_a_jump_list(client, ehcp):
    about = topic(["<p>Reviews.</p>"], title="Annual reviews")
    review = GlossaryTermFactory(
        term="Annual review",
        meaning="A meeting once a year to check the plan.",
        easy_read_meaning="People meet once a year.",
    )
    GlossaryTermPage.objects.create(term=review, page=about)
    glossary = GlossaryPageFactory()

    page = client.get(glossary.url).content.decode()

    jump = page[page.index('class="a-to-z"') : page.index("</nav>", page.index('class="a-to-z"'))]
    assert '<a href="#letter-a">A</a>' in jump
    assert '<a href="#letter-e">E</a>' in jump
    assert '<a href="#letter-b">' not in jump  # shown, not linked
    assert '<span class="a-to-z__empty">B<span class="visually-hidden"> (no words)' in jump
    assert page.index('id="letter-a"') < page.index('id="term-annual-review"')
    assert page.index('id="term-annual-review"') < page.index('id="letter-e"')
    assert '<div class="glossary__entry" id="term-ehcp">' in page
    assert "(EHCP)" in page
    assert "A meeting once a year to check the plan." in page
    assert "<strong>In easy words:</strong> People meet once a year." in page
    assert f'<a href="{about.url}">Annual reviews</a>' in page
    assert 'id="letter-b"' not in page
    assert "<dfn>" not in page  # the A to Z is not marked up itself
    assert "Words explained on this page" not in page


def test_the_a_to_z_stays_flat_in_queries_with_500_words(client, home_page):
    glossary = GlossaryPageFactory()
    pages = [topic([f"<p>Page {n}.</p>"]) for n in range(3)]

    def queries(count):
        for n in range(GlossaryTerm.objects.count(), count):
            word = GlossaryTermFactory(term=f"{'ABCDEFGHIJKLMNOPQRSTUVWXYZ'[n % 26]} word {n}")
            GlossaryTermPage.objects.create(term=word, page=pages[n % 3])
            GlossaryTermPage.objects.create(term=word, page=pages[(n + 1) % 3])
        forget()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(glossary.url)
        assert response.status_code == 200
        assert response.content.decode().count('class="glossary__entry"') == count
        return len(captured)

    assert queries(1) == queries(500)


def test_the_glossary_page_is_one_per_site(home_page):
    from home.models import GlossaryPage

    assert GlossaryPage.can_create_at(home_page)
    GlossaryPageFactory()
    home_page.refresh_from_db()  # its count of children

    assert not GlossaryPage.can_create_at(home_page)


# Words explained on pages ----------------------------------------------------------------------


def test_the_first_use_of_each_word_is_marked_linked_and_explained_at_the_end(client, ehcp):
    GlossaryTermFactory(term="Annual review", meaning="A meeting once a year.")
    glossary = GlossaryPageFactory()
    page = topic(
        [
            "<p>Your EHCP is checked at an annual review. Another EHCP line.</p>",
            "<p>The ANNUAL REVIEW happens once a year; annual reviews differ.</p>",
        ]
    )

    main = main_of(client.get(page.url))

    link = f'<a class="glossary-word" href="{glossary.url}#term-ehcp">'
    abbr = '<abbr title="Education, Health and Care plan">EHCP</abbr>'
    assert f"Your {link}{abbr}</a> is checked" in main
    assert main.count("<abbr") == 1  # the first use only
    assert main.count("<dfn>") == 1
    assert f'href="{glossary.url}#term-annual-review"><dfn>annual review</dfn></a>' in main
    assert "Another EHCP line." in main
    assert "The ANNUAL REVIEW happens" in main
    words = main[main.index('<section class="words-explained"') :]
    assert '<h2 id="words-explained">Words explained on this page</h2>' in words
    assert "<dt>Education, Health and Care plan (EHCP)</dt>" in words
    assert "A legal document that says what help a child must get." in words
    assert "<dt>Annual review</dt>" in words
    assert words.index("(EHCP)") < words.index("Annual review")  # in the order the page uses
    assert main.index("annual reviews differ.") < main.index('<section class="words-explained"')


def test_an_easy_read_page_explains_words_in_easy_words_where_they_have_them(client, ehcp):
    ehcp.easy_read_meaning = "A plan that says what help you get."
    ehcp.save()
    GlossaryTermFactory(term="Annual review", meaning="A meeting once a year to check a plan.")
    standard = topic(["<p>Your EHCP is checked at an annual review.</p>"])
    easy = EasyReadPageFactory(
        standard_version=standard,
        body=[
            {
                "type": "picture_and_words",
                "value": {
                    "image": ImageFactory().pk,
                    "alt": "A plan",
                    "lines": ["Your EHCP is checked.", "This is the annual review."],
                },
            }
        ],
    )

    easy_words = main_of(client.get(easy.url))
    standard_words = main_of(client.get(standard.url))

    assert "<dd>A plan that says what help you get." in easy_words
    assert "A legal document" not in easy_words
    assert "<dd>A meeting once a year to check a plan." in easy_words  # none in easy words
    assert "<dd>A legal document that says what help a child must get." in standard_words
    assert "A plan that says what help you get." not in standard_words


def test_words_are_never_marked_in_headings_links_code_or_the_navigation(client, ehcp):
    GlossaryPageFactory()
    section = topic(["<p>Nothing here.</p>"], title="EHCP questions").get_parent()
    page = topic(
        [
            '<p><a href="/elsewhere/">Read about the EHCP</a> and <code>EHCP</code>.</p>',
            "<p>Nor <b>ehcp</b> in small letters, nor EHCPs or XEHCP as part of a word.</p>",
            "<p>Last, the EHCP itself.</p>",
        ],
        title="All about the EHCP",
        parent=section,
    )

    main = main_of(client.get(page.url))

    assert "<h1>All about the EHCP</h1>" in main
    assert re.search(r"<h2[^>]*>About the EHCP</h2>", main)
    assert '<a href="/elsewhere/">Read about the EHCP</a>' in main
    assert "<code>EHCP</code>" in main
    assert "<b>ehcp</b>" in main  # an abbreviation is matched as written
    assert "EHCPs or XEHCP" in main
    assert 'the <a class="glossary-word"' in main and main.count("<abbr") == 1
    breadcrumb = main[: main.index("</nav>")]
    assert "glossary-word" not in breadcrumb


def test_without_an_a_to_z_page_the_words_link_to_their_meaning_on_the_page(client, ehcp):
    page = topic(["<p>An EHCP.</p>"])

    main = main_of(client.get(page.url))

    assert '<a class="glossary-word" href="#explained-ehcp"><abbr' in main
    assert '<div id="explained-ehcp">' in main
    assert "More about" not in main


def test_a_page_without_glossary_words_is_unchanged(client, ehcp):
    page = topic(["<p>Nothing to explain; &lt;b&gt; stays text &amp; so on.</p>"])

    main = main_of(client.get(page.url))

    assert "words-explained" not in main
    assert "Nothing to explain; &lt;b&gt; stays text &amp; so on." in main


def test_a_word_saved_or_deleted_shows_on_pages_at_once(client, ehcp):
    page = topic(["<p>A tribunal decides.</p>"])
    assert "<dfn>" not in main_of(client.get(page.url))

    tribunal = GlossaryTermFactory(term="Tribunal", meaning="A court for SEND appeals.")
    assert "<dfn>tribunal</dfn>" in main_of(client.get(page.url))

    tribunal.meaning = "An independent court."
    tribunal.save()
    assert "An independent court." in main_of(client.get(page.url))

    tribunal.delete()
    assert "<dfn>" not in main_of(client.get(page.url))


def test_pages_stay_flat_in_queries_with_500_words(client, home_page):
    GlossaryPageFactory()
    page = topic(["<p>Word 7 and word 480 and WORD 7 again.</p>"])

    def queries(count):
        GlossaryTerm.objects.bulk_create(
            GlossaryTerm(term=f"Word {n}", slug=f"word-{n}", meaning=f"Meaning {n}.")
            for n in range(GlossaryTerm.objects.count(), count)
        )
        forget()
        with CaptureQueriesContext(connection) as captured:
            main = main_of(client.get(page.url))
        return len(captured), main.count("<dfn>")

    few, many = queries(10), queries(500)
    assert few[1] == 1 and many[1] == 2
    assert few[0] == many[0]


def test_marked_pages_and_the_a_to_z_are_valid_html(client, ehcp, tmp_path):
    glossary = GlossaryPageFactory()
    GlossaryTermFactory(term="SEN support", meaning="Help in school without a plan.")
    page = topic(["<p>An EHCP, or SEN support &amp; more: EHCP&#x27;s.</p>"])

    for name, url in (("glossary.html", glossary.url), ("topic.html", page.url)):
        (tmp_path / name).write_bytes(client.get(url).content)

    assert html_errors(sorted(tmp_path.glob("*.html"))) == []
    assert re.search(r"<dfn>SEN support</dfn>", (tmp_path / "topic.html").read_text())


def test_the_demo_has_forty_words_and_its_a_to_z_is_reached_from_the_home_page(client, demo_site):
    assert GlossaryTerm.objects.count() >= 40
    assert GlossaryTerm.objects.exclude(easy_read_meaning="").count() >= 3
    assert GlossaryTermPage.objects.count() >= 10
    home = client.get("/").content.decode()
    assert 'href="/jargon-buster/"' in home

    topic_page = main_of(client.get("/send-topics/ehc-plans-and-annual-reviews/"))
    assert 'href="/jargon-buster/#term-' in topic_page
    assert "Words explained on this page" in topic_page
    glossary = client.get("/jargon-buster/").content.decode()
    assert glossary.count('class="glossary__entry"') == GlossaryTerm.objects.count()


def test_a_word_saved_or_deleted_in_the_admin_purges_the_pages_nginx_keeps(
    client, admin_user, home_page, nginx_in_front, commit
):
    glossary, page = GlossaryPageFactory(), topic(["<p>An EHCP.</p>"])
    ehcp = GlossaryTermFactory(term="Education, Health and Care plan", abbreviation="EHCP")
    client.force_login(admin_user)
    commit()

    for action, data in (
        ("edit", word_form(ehcp.term, "EHCP", meaning="Changed.")),
        ("delete", {}),
    ):
        nginx_in_front.clear()
        url = f"/admin/snippets/home/glossaryterm/{action}/{ehcp.pk}/"
        assert client.post(url, data).status_code == 302
        commit()  # nginx is purged once the change is committed
        assert any(u.endswith(page.url) for u in nginx_in_front), action
        assert any(u.endswith(glossary.url) for u in nginx_in_front), action
    assert not GlossaryTerm.objects.exists()
