"""`{{ user|person }}`: a person's full name, or their username (compliance.people)."""

from django import template

from ..people import name_of

register = template.Library()


@register.filter
def person(user, missing=None):
    """`{{ question.asked_by|person }}`; `{{ entry.who|person:"the system" }}` for nobody."""
    return name_of(user, missing)
