"""The "Figures" menu: measures, breakdown lists, reporting years, and the entry form."""

from django.contrib import admin
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, ObjectList
from wagtail_modeladmin.helpers import ButtonHelper, PermissionHelper
from wagtail_modeladmin.options import ModelAdminGroup

from wagtail_minimum_standards.compliance import dates
from wagtail_minimum_standards.compliance.admin_views.modeladmins import TrackerModelAdmin

from ..models import BreakdownList, Measure, ReportingYear
from . import entry, history, years
from .access import can_run
from .measure_form import MeasureForm

# (route under /admin/minimum_standards_figures/, view, URL name after
# "minimum_standards_figures_")
EXTRA_VIEWS = [
    ("enter/", entry.enter_figures, "enter"),
    ("measure/<int:pk>/history/", history.measure_history, "measure_history"),
    ("list/<int:pk>/history/", history.list_history, "list_history"),
    ("year/<int:pk>/history/", history.year_history, "year_history"),
    ("year/<int:pk>/unlock/", years.unlock, "year_unlock"),
]


def history_link(url_name, obj):
    return format_html('<a href="{}">{}</a>', reverse(url_name, args=[obj.pk]), _("History"))


class MeasureAdmin(TrackerModelAdmin):
    model = Measure
    menu_label = gettext_lazy("Measures")
    menu_item_name = "measures"  # a name for code: the same in every language
    menu_icon = "table"
    list_display = ("name_and_definition", "table", "counted_by", "breakdown", "target", "public",
                    "links")  # fmt: skip
    list_filter = ("period", "public", "breakdown")
    list_select_related = ("breakdown",)
    search_fields = ("name", "key", "definition", "group")
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("key"),
            FieldPanel("definition"),
            FieldRowPanel([FieldPanel("unit"), FieldPanel("decimal_places")]),
            FieldRowPanel([FieldPanel("period"), FieldPanel("yearly")]),
            FieldPanel("breakdown"),
            FieldPanel("target"),
            FieldRowPanel([FieldPanel("group"), FieldPanel("position")]),
            FieldPanel("public"),
            # a heading short enough for a phone: Wagtail's panel headings do not wrap
            FieldPanel("counted_from_enquiries", heading=gettext_lazy("Counted from enquiries")),
            FieldPanel("counted_from_feedback", heading=gettext_lazy("Counted from feedback")),
            FieldPanel("standards"),
        ],
        base_form_class=MeasureForm,
    )

    @admin.display(description=gettext_lazy("Measure"), ordering="name")
    def name_and_definition(self, obj):
        if not obj.definition:
            return obj.name
        return format_html('{}<div class="help">{}</div>', obj.name, obj.definition)

    @admin.display(description=gettext_lazy("Table"), ordering="group")
    def table(self, obj):
        return obj.group or "—"

    @admin.display(description=gettext_lazy("Counted by"), ordering="period")
    def counted_by(self, obj):
        return obj.get_period_display()

    @admin.display(description=gettext_lazy("History"))
    def links(self, obj):
        return history_link("minimum_standards_figures_measure_history", obj)

    def get_admin_urls_for_registration(self):
        label = self.opts.app_label  # the URLs are the app's own, like modeladmin's
        extra = [
            path(f"{label}/{route}", view, name=f"{label}_{name}")
            for route, view, name in EXTRA_VIEWS
        ]
        return (*super().get_admin_urls_for_registration(), *extra)


class BreakdownListAdmin(TrackerModelAdmin):
    model = BreakdownList
    menu_label = gettext_lazy("Breakdown lists")
    menu_item_name = "breakdown-lists"
    menu_icon = "list-ul"
    list_display = ("name", "key", "values_in_order", "links")
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("key"),
            InlinePanel(
                "values",
                label=gettext_lazy("Values"),
                help_text=gettext_lazy(
                    "The list's values in the order its tables show them; move one up or down "
                    "to reorder."
                ),
                panels=[FieldPanel("label")],
            ),
        ]
    )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("values")

    @admin.display(description=gettext_lazy("Values"))
    def values_in_order(self, obj):
        return "; ".join(value.label for value in obj.values.all())

    @admin.display(description=gettext_lazy("History"))
    def links(self, obj):
        return history_link("minimum_standards_figures_list_history", obj)


class ReportingYearPermissionHelper(PermissionHelper):
    """A year is started with its first day; its status changes only by approving its annual
    report and by the Unlock action, each recorded: there is nothing else to edit."""

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return not obj.is_locked and super().user_can_delete_obj(user, obj)  # approved: kept


class ReportingYearButtonHelper(ButtonHelper):
    """Each year's figures and history; Unlock for the manager, on a locked year only."""

    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, classnames_exclude=None):
        def button(url, label, title, classname="button button-small button-secondary"):
            return {"url": url, "label": label, "classname": classname, "title": title}

        year = {"year": obj.label}
        buttons = [
            button(
                reverse("minimum_standards_figures_enter") + f"?year={obj.starts_on.year}",
                _("Figures"),
                _("The figures for %(year)s") % year,
            ),
            button(
                reverse("minimum_standards_figures_year_history", args=[obj.pk]),
                _("History"),
                _("The history of %(year)s") % year,
            ),
        ]
        if obj.is_locked and can_run(self.request.user):
            buttons.append(
                button(
                    reverse("minimum_standards_figures_year_unlock", args=[obj.pk]),
                    _("Unlock"),
                    _("Unlock the figures for %(year)s") % year,
                )
            )
        others = super().get_buttons_for_obj(obj, exclude, ["button-small"], classnames_exclude)
        return [*buttons, *others]


class ReportingYearAdmin(TrackerModelAdmin):
    model = ReportingYear
    menu_label = gettext_lazy("Reporting years")
    menu_item_name = "reporting-years"
    menu_icon = "date"
    permission_helper_class = ReportingYearPermissionHelper
    button_helper_class = ReportingYearButtonHelper
    list_display = ("year", "status", "approved", "approved_at")
    approved = dates.column("approved_on", gettext_lazy("Report approved on"))
    list_filter = ("status",)
    list_select_related = ("approved_at",)
    panels = [FieldPanel("starts_on")]

    @admin.display(description=gettext_lazy("Year"), ordering="starts_on")
    def year(self, obj):
        return obj.label


class FiguresGroup(ModelAdminGroup):
    menu_label = gettext_lazy("Figures")
    menu_item_name = "figures"
    menu_icon = "table"
    menu_order = 270
    items = (MeasureAdmin, BreakdownListAdmin, ReportingYearAdmin)

    def get_submenu_items(self):
        return [
            entry.FiguresScreenMenuItem(),
            entry.EnterFiguresMenuItem(),
            entry.FiguresSpreadsheetsMenuItem(),
            entry.FiguresByPeriodMenuItem(),
            *super().get_submenu_items(),
        ]
