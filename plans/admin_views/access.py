"""Who may read and who may run the delivery plans (the checks are compliance's)."""

from compliance.admin_views.access import permitted, requires

can_read = permitted("plans.view_planitem", "plans.change_planitem")
can_run = permitted("plans.change_planitem")

__all__ = ["can_read", "can_run", "requires"]
