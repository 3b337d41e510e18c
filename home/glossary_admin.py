"""The glossary's words in the admin (Snippets → Glossary words)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet

from .models.glossary import GlossaryTerm


class GlossaryTermViewSet(SnippetViewSet):
    model = GlossaryTerm
    icon = "help"
    menu_label = _("Glossary")
    add_to_admin_menu = True
    menu_order = 250
    list_display = ["term", "abbreviation", "meaning"]
    search_fields = ["term", "abbreviation", "meaning"]
    ordering = ["term"]
