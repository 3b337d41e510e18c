"""A feedback theme made into an entry on the “You said, we did” page (Minimum Standard 4.2).

Staff start from a theme: the form is filled in with its name, the period its feedback came in
and a “You said” drafted from how many people raised it (never their words: the staff member
writes what the service heard and what it did). Saving adds the entry to a new draft revision
of the page, unpublished: the page's workflow publishes it, as any other change.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Min
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View

from .models.feedback import FeedbackTheme
from .models.you_said_we_did import YouSaidWeDidPage

DATE = "%d/%m/%Y"


def _pages_for(user):
    """The “You said, we did” pages the user may edit."""
    pages = YouSaidWeDidPage.objects.order_by("path")
    return [page for page in pages if page.permissions_for_user(user).can_edit()]


class EntryForm(forms.Form):
    page = forms.ModelChoiceField(
        label=gettext_lazy("Page"), queryset=YouSaidWeDidPage.objects.none(), empty_label=None
    )
    theme = forms.CharField(label=gettext_lazy("Theme"), max_length=120)
    period = forms.CharField(
        label=gettext_lazy("Period"),
        max_length=60,
        required=False,
        help_text=gettext_lazy('When the feedback came in, for example "2026-27".'),
    )
    you_said = forms.CharField(
        label=gettext_lazy("You said"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "What people told us, in your words: a summary, never a quotation that could "
            "identify someone. One paragraph per line."
        ),
    )
    we_did = forms.CharField(
        label=gettext_lazy("We did"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("What the service changed. One paragraph per line."),
    )

    def __init__(self, *args, pages, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["page"].queryset = YouSaidWeDidPage.objects.filter(
            pk__in=[page.pk for page in pages]
        )


def drafted(theme: FeedbackTheme) -> dict:
    """The form's first answers: the theme's name, its feedback's dates and how many."""
    found = theme.feedback.aggregate(n=Count("pk"), first=Min("created_at"), last=Max("created_at"))
    if not found["n"]:
        return {"theme": theme.name, "you_said": ""}
    first = timezone.localdate(found["first"]).strftime(DATE)
    last = timezone.localdate(found["last"]).strftime(DATE)
    period = first if first == last else f"{first} to {last}"
    you_said = ngettext(
        "%(count)s person told us about “%(theme)s”.",
        "%(count)s people told us about “%(theme)s”.",
        found["n"],
    ) % {"count": found["n"], "theme": theme.name}
    return {"theme": theme.name, "period": period, "you_said": you_said}


def paragraphs(text: str) -> str:
    """Plain text as the rich text the block holds: one paragraph a line, nothing else."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return "".join(f"<p>{escape(line)}</p>" for line in lines)


class ThemeToEntryView(View):
    permission_policy = None

    def dispatch(self, request, pk):
        if not self.permission_policy.user_has_permission(request.user, "change"):
            raise PermissionDenied
        self.theme = get_object_or_404(FeedbackTheme, pk=pk)
        self.pages = _pages_for(request.user)
        return super().dispatch(request, pk)

    def get(self, request, pk):
        first = self.pages[0].pk if self.pages else None
        return self._render(
            EntryForm(initial={**drafted(self.theme), "page": first}, pages=self.pages)
        )

    def post(self, request, pk):
        form = EntryForm(request.POST, pages=self.pages)
        if not form.is_valid():
            return self._render(form, status=400)
        page = form.cleaned_data["page"].specific.get_latest_revision_as_object()
        block = page.themes.stream_block.child_blocks["theme"]
        entry = block.to_python(
            {
                "theme": form.cleaned_data["theme"],
                "period": form.cleaned_data["period"],
                "you_said": paragraphs(form.cleaned_data["you_said"]),
                "we_did": paragraphs(form.cleaned_data["we_did"]),
            }
        )
        page.themes.append(("theme", entry))
        page.save_revision(user=request.user, log_action=True)
        edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        messages.success(
            request,
            format_html(
                '{} <a href="{}">{}</a>',
                _(
                    "“%(theme)s” is in a new draft of “%(page)s”, not yet published: the "
                    "page's review and publishing publish it."
                )
                % {"theme": form.cleaned_data["theme"], "page": page.title},
                edit_url,
                _("Edit the page"),
            ),
        )
        return redirect("home_feedbacktheme:index")

    def _render(self, form, status=200):
        context = {"theme": self.theme, "form": form, "pages": self.pages}
        return TemplateResponse(
            self.request, "home/admin/you_said_we_did_entry.html", context, status=status
        )
