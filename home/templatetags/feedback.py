"""`{% feedback_link %}`: a link to the site's feedback form, for the footer, the contact page
and the “You said, we did” page; nothing if the site has none. Found once per content version
(home.cache), so a page asks the database nothing more for it."""

from django import template
from django.template.loader import render_to_string

from ..kept import kept

register = template.Library()


@register.simple_tag(takes_context=True)
def feedback_link(context, css_class=""):
    site_content = context.get("site_content")
    site = site_content.site if site_content is not None else None
    if site is None:
        return ""

    def find():
        from ..models.feedback_page import FeedbackPage

        page = (
            FeedbackPage.objects.live()
            .public()
            .descendant_of(site.root_page)
            .only("title", "url_path")
            .first()
        )
        return page.get_url(context.get("request")) if page is not None else ""

    url = kept(site_content.version, "feedback-page", find, site.pk)
    if not url:
        return ""
    return render_to_string("includes/feedback_link.html", {"url": url, "css_class": css_class})
