"""Who may read and who may enter the figures (the checks are compliance's)."""

from wagtail_minimum_standards.compliance.admin_views.access import permitted, requires

can_read = permitted(
    "minimum_standards_figures.view_figure", "minimum_standards_figures.change_figure"
)
can_run = permitted("minimum_standards_figures.change_figure")

__all__ = ["can_read", "can_run", "requires"]
