"""The admin's view of enquiries: read and export for the Service manager, nobody edits."""

from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from wagtail_minimum_standards.compliance.spreadsheets.cells import safe_cell, writable

from .models import Enquiry


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Enquiries are what someone sent us: they can be read and deleted, never added or edited."""

    FORBIDDEN = {"add", "change"}

    def user_has_permission(self, user, action):
        return action not in self.FORBIDDEN and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return super().user_has_any_permission(user, set(actions) - self.FORBIDDEN)


class EnquiryIndexView(IndexView):
    def preprocess_field_value(self, field, value, export_format):
        """Whatever was sent opens: characters a workbook cannot hold are shown as �, and
        CSV cells never run as formulas (Wagtail guards the XLSX cells against formulas)."""
        value = super().preprocess_field_value(field, value, export_format)
        return safe_cell(value) if export_format == self.FORMAT_CSV else writable(value)


class EnquiryViewSet(ModelViewSet):
    model = Enquiry
    icon = "mail"
    menu_label = "Enquiries"
    add_to_admin_menu = True
    menu_order = 300
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = EnquiryIndexView
    list_display = [
        "__str__",
        "created_at",
        "role",
        "age_group",
        "contact_method",
        "staff_notified_yes_no",
    ]
    list_filter = ["topic", "role", "age_group", "staff_notified"]
    search_fields = ["reference"]
    list_export = [
        "reference",
        "created_at",
        "get_role_display",
        "get_age_group_display",
        "get_topic_display",
        "message",
        "name",
        "email",
        "phone",
        "get_contact_method_display",
        "contact_times",
        "staff_notified_yes_no",
    ]
    export_headings = {
        "reference": "Reference",
        "staff_notified_yes_no": "Staff notified",
        "get_role_display": "I am",
        "get_age_group_display": "Age of the child or young person",
        "get_topic_display": "What is it about?",
        "get_contact_method_display": "How should we contact you?",
    }
    export_filename = "enquiries"
    inspect_view_fields = [
        "reference",
        "created_at",
        "role",
        "age_group",
        "topic",
        "message",
        "name",
        "email",
        "phone",
        "contact_method",
        "contact_times",
        "consents_yes_no",
        "staff_notified_yes_no",
    ]
    form_fields = []  # no add or edit form: the permission policy refuses both
