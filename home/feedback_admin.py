"""The admin's view of feedback: the roles that read enquiries read feedback, tag it with
themes (its words never change) and delete it; themes are kept apart, and a theme becomes an
entry on the “You said, we did” page (home.you_said_we_did_entry)."""

from django import forms
from django.db.models import Count
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import CreateView, EditView, IndexView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import LogFormatter, log
from wagtail.permission_policies import ModelPermissionPolicy

from . import feedback_counts
from .admin_views import EnquiryIndexView, ReadOnlyPermissionPolicy
from .models.feedback import Feedback, FeedbackTheme

READS_ENQUIRIES = "home.view_enquiry"
THEMES_LOGGED = "home.feedback.themes"


def reads_enquiries(user) -> bool:
    return user.is_active and user.has_perm(READS_ENQUIRIES)


class FeedbackPermissionPolicy(ReadOnlyPermissionPolicy):
    """Feedback is what someone sent us: read, tagged (its themes changed, nothing else) and
    deleted, never added; and only by those who may read the enquiries."""

    FORBIDDEN = {"add"}

    def user_has_permission(self, user, action):
        return reads_enquiries(user) and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return reads_enquiries(user) and super().user_has_any_permission(user, actions)


class ThemePermissionPolicy(ModelPermissionPolicy):
    """Themes, as feedback: only for those who may read the enquiries."""

    def user_has_permission(self, user, action):
        return reads_enquiries(user) and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return reads_enquiries(user) and super().user_has_any_permission(user, actions)


class ThemesLogged(LogFormatter):
    """The history's line for a change of themes: which came on, which came off."""

    label = _("Tag with themes")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        parts = []
        if data.get("added"):
            parts.append(_("Tagged with: %(themes)s") % {"themes": ", ".join(data["added"])})
        if data.get("removed"):
            parts.append(_("Untagged: %(themes)s") % {"themes": ", ".join(data["removed"])})
        return "; ".join(str(part) for part in parts)


class FeedbackIndexView(EnquiryIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().prefetch_related("themes")


class TagFeedbackView(EditView):
    """The themes of one piece of feedback: counted in the figures when added, taken off when
    removed, and each change written to the feedback's history (with the themes' names)."""

    def save_instance(self):
        before = set(FeedbackTheme.objects.filter(feedback=self.object))
        instance = super().save_instance()
        after = set(self.form.cleaned_data["themes"])
        added = sorted(after - before, key=str)
        removed = sorted(before - after, key=str)
        if added or removed:
            feedback_counts.themes_changed(instance, added, removed)
            log(
                instance,
                THEMES_LOGGED,
                user=self.request.user,
                data={"added": [t.name for t in added], "removed": [t.name for t in removed]},
            )
        return instance


class FeedbackViewSet(ModelViewSet):
    model = Feedback
    icon = "comment"
    menu_label = _("Feedback")
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = FeedbackIndexView
    edit_view_class = TagFeedbackView
    list_display = [
        "__str__",
        "created_at",
        Column("given_by", label=_("From"), accessor="get_given_by_display"),
        Column("age_group", label=_("Age group"), accessor="get_age_group_display"),
        "theme_names",
        "wants_reply",
    ]
    list_filter = ["themes", "rating", "given_by", "age_group"]
    list_export = [
        "created_at",
        "get_rating_display",
        "could_be_better",
        "went_well",
        "get_age_group_display",
        "get_given_by_display",
        "email",
        "theme_names",
    ]
    export_headings = {
        "get_rating_display": _("How did we do?"),
        "get_age_group_display": _("Age of the child or young person"),
        "get_given_by_display": _("Who gave it"),
        "theme_names": _("Themes"),
    }
    export_filename = "feedback"
    inspect_view_fields = [
        "created_at",
        "rating",
        "could_be_better",
        "went_well",
        "age_group",
        "given_by",
        "email",
        "theme_names",
    ]
    form_fields = ["themes"]  # the only thing staff change: the person's words stay as sent

    def formfield_for_dbfield(self, db_field, **kwargs):
        if db_field.name == "themes":
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_dbfield(db_field, **kwargs)


class ThemeCreateView(CreateView):
    def save_instance(self):
        instance = super().save_instance()
        feedback_counts.theme_saved(instance, None)
        return instance


class ThemeEditView(EditView):
    def save_instance(self):
        old_name = FeedbackTheme.objects.get(pk=self.object.pk).name
        instance = super().save_instance()
        feedback_counts.theme_saved(instance, old_name)
        return instance


class ThemeIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().annotate(feedback_count=Count("feedback"))


class FeedbackThemeViewSet(ModelViewSet):
    model = FeedbackTheme
    icon = "tag"
    menu_label = _("Themes")
    copy_view_enabled = False
    index_view_class = ThemeIndexView
    add_view_class = ThemeCreateView
    edit_view_class = ThemeEditView
    list_display = ["name", "feedback_tagged", "you_said_we_did_link"]
    form_fields = ["name"]

    def get_urlpatterns(self):
        from .you_said_we_did_entry import ThemeToEntryView

        return [
            *super().get_urlpatterns(),
            path(
                "you-said-we-did/<int:pk>/",
                ThemeToEntryView.as_view(permission_policy=self.permission_policy),
                name="you_said_we_did",
            ),
        ]


class FeedbackGroup(ViewSetGroup):
    menu_label = _("Feedback")
    menu_icon = "comment"
    menu_order = 310
    items = (FeedbackViewSet("home_feedback"), FeedbackThemeViewSet("home_feedbacktheme"))
