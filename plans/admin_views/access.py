"""Who may read and who may run the delivery plans (the checks are compliance's)."""

from wagtail_minimum_standards.compliance.admin_views.access import permitted, requires

can_read = permitted(
    "minimum_standards_plans.view_planitem", "minimum_standards_plans.change_planitem"
)
can_run = permitted("minimum_standards_plans.change_planitem")

__all__ = ["can_read", "can_run", "requires"]
