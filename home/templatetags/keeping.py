"""{% keep "name" %}...{% endkeep %}: markup of a page that is the same for every visitor (its
article, say), rendered once per content version and site and kept (SiteContent.kept_for_page),
built afresh in a preview. Never around anything that differs by person or request: a form's
token, the userbar, the current page in a menu."""

from django import template

register = template.Library()


@register.tag
def keep(parser, token):
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError('{% keep %} takes a name: {% keep "article" %}')
    nodelist = parser.parse(("endkeep",))
    parser.delete_first_token()
    return KeepNode(parser.compile_filter(bits[1]), nodelist)


class KeepNode(template.Node):
    def __init__(self, name, nodelist):
        self.name, self.nodelist = name, nodelist  # `nodelist`: {% block %}s inside are found

    def render(self, context):
        page, site_content = context.get("page"), context.get("site_content")
        if getattr(page, "pk", None) is None or site_content is None:
            return self.nodelist.render(context)
        return site_content.kept_for_page(
            page, f"keep-{self.name.resolve(context)}", lambda: self.nodelist.render(context)
        )
