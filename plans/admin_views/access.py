"""Service manager runs the plans (change_planitem); the Advisory Group reads and exports."""

from compliance.admin_views.access import requires

READ = "plans.view_planitem"
RUN = "plans.change_planitem"


def can_read(user) -> bool:
    return user.has_perm(READ) or user.has_perm(RUN)


def can_run(user) -> bool:
    return user.has_perm(RUN)


__all__ = ["can_read", "can_run", "requires"]
