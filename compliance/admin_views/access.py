"""Who may do what in the tracker's admin, checked on the server for every view. Both apps'
views use these: `requires(check)` refuses the view (403) unless `check(user)`.

Service manager: runs it (the tracker's RUN role: compliance.roles). Advisory Group: reads
and exports (READ). Editors and the public: nothing.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied


def permitted(*permissions):
    """A check: does the user hold any of these permissions?"""

    def check(user) -> bool:
        return any(user.has_perm(permission) for permission in permissions)

    return check


can_read = permitted("minimum_standards.view_selfassessment", "minimum_standards.change_rating")
can_run = permitted("minimum_standards.change_rating")
can_import_framework = permitted("minimum_standards.add_framework")
can_edit_mappings = permitted("minimum_standards.change_frameworkmapping")


def requires(check):
    """Refuse the view (403) unless check(request.user)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not check(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
