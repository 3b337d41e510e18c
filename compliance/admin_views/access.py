"""Who may do what in the compliance tracker, checked on the server for every view.

Service manager: runs it (change_rating and friends). Advisory Group: reads and
exports (view_selfassessment). Editors and the public: nothing.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied

READ = "compliance.view_selfassessment"
RUN = "compliance.change_rating"


def can_read(user) -> bool:
    return user.has_perm(READ) or user.has_perm(RUN)


def can_run(user) -> bool:
    return user.has_perm(RUN)


def can_import_framework(user) -> bool:
    return user.has_perm("compliance.add_framework")


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
