"""Asking and answering: the Advisory Group's questions, who hears of them, and what each is
about (see models/questions.py).

What a question may be about is registered by name, so that an app built on this one adds its
own without this one importing it (plans registers its plan items and its meetings' reviews):

    questions.register_subject(
        "planitem", "minimum_standards_plans.PlanItem", describe=str, url=item_url
    )
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext as _

from . import emails, links, roles
from .lookups import by_pk
from .models import EmailChoice, Question, Reply


@dataclass(frozen=True)
class Subject:
    name: str
    model: str  # "app_label.ModelName"
    describe: Callable  # describe(obj) -> "Standard 1.3 in Self-assessment 2024"
    url: Callable  # url(obj) -> where the thing is shown, with its open questions
    related: tuple = ()  # what describe and url read, fetched with the objects


SUBJECTS: dict[str, Subject] = {}


def register_subject(name: str, model: str, describe: Callable, url: Callable, related=()):
    SUBJECTS[name] = Subject(name, model, describe, url, tuple(related))


def subject_named(name: str) -> Subject | None:
    return SUBJECTS.get(name)


def subject_of_type(content_type) -> Subject | None:
    model = f"{content_type.app_label}.{content_type.model}"
    return next((s for s in SUBJECTS.values() if s.model.lower() == model), None)


def subject_of(question) -> Subject | None:
    """The registered kind of thing a question is about."""
    return subject_of_type(question.subject_type)


def model_of(subject: Subject):
    return apps.get_model(subject.model)


def may_ask(user) -> bool:
    return user.has_perm("minimum_standards.add_question")


def may_reply(user) -> bool:
    return user.has_perm("minimum_standards.add_reply")


def may_answer(user) -> bool:
    return user.has_perm("minimum_standards.answer_question")


@transaction.atomic
def ask(subject_object, user, text: str, request=None) -> Question:
    """Keep a question; those who answer are emailed a link to it (built from `request`'s
    address where the site sets no WAGTAILADMIN_BASE_URL: links.base_url)."""
    question = Question.objects.create(subject=subject_object, asked_by=user, text=text)
    base = links.base_url(request)
    transaction.on_commit(lambda: _tell_those_who_answer(question, base))
    return question


@transaction.atomic
def reply(question: Question, user, text: str, kind: str, request=None) -> Reply:
    question = Question.objects.select_for_update().get(pk=question.pk)
    entry = Reply.objects.create(question=question, written_by=user, text=text, kind=kind)
    if kind == Reply.Kind.ANSWER and question.answered_at is None:
        question.answered_at = entry.written_at
        question.save(update_fields=["answered_at"])
        base = links.base_url(request)
        transaction.on_commit(lambda: _tell_who_asked(question, base))
    return entry


def with_replies(questions):
    """Questions, each with its replies and their writers as `thread`, in two queries however
    many (a list, not a manager: no queryset is built per question)."""
    return questions.select_related("asked_by", "subject_type").prefetch_related(
        Prefetch("replies", queryset=Reply.objects.select_related("written_by"), to_attr="thread")
    )


def about(objects, open_only=True) -> dict[int, list[Question]]:
    """{object's pk: [its questions]} for objects of one model, in a fixed number of queries."""
    objects = list(objects)
    if not objects:
        return {}
    found = Question.objects.filter(
        subject_type=ContentType.objects.get_for_model(objects[0]),
        subject_id__in=[o.pk for o in objects],
    )
    if open_only:
        found = found.filter(answered_at__isnull=True)
    questions = {}
    for question in with_replies(found).order_by("asked_at", "pk"):
        questions.setdefault(question.subject_id, []).append(question)
    return questions


def raised(start, end) -> list[Question]:
    """Questions asked after `start` (None: ever) until `end`, open ones first, each with its
    subject, described and linked: one query per kind of subject, however many questions."""
    found = Question.objects.filter(asked_at__lte=end)
    if start is not None:
        found = found.filter(asked_at__gt=start)
    return sorted(described(found), key=lambda q: q.answered_at is not None)


def described(found) -> list[Question]:
    """The questions of a queryset, oldest first, each with its replies (`thread`) and its
    subject (`about`), described (`about_text`) and linked (`about_url`): a fixed number of
    queries (one per kind of subject), however many questions."""
    questions = list(with_replies(found).order_by("asked_at", "pk"))
    by_type = {}
    for question in questions:
        by_type.setdefault(question.subject_type, set()).add(question.subject_id)
    subjects = {}
    for content_type, ids in by_type.items():
        kind = subject_of_type(content_type)
        found = content_type.model_class()._default_manager.select_related(
            *(kind.related if kind else ())
        )
        subjects[content_type.pk] = by_pk(found, ids)
    for question in questions:
        question.about = subjects[question.subject_type_id].get(question.subject_id)
        kind = subject_of(question)
        question.about_text = kind.describe(question.about) if kind and question.about else "—"
        question.about_url = kind.url(question.about) if kind and question.about else ""
    return questions


def wants_emails(users) -> list:
    """Those of `users` with an email address who have not turned the emails off."""
    users = [user for user in users if user.email and user.is_active]
    off = set(
        EmailChoice.objects.filter(user__in=users, question_emails=False).values_list(
            "user_id", flat=True
        )
    )
    return [user for user in users if user.pk not in off]


def _link(question, base: str) -> str:
    return base + reverse("minimum_standards_question", args=[question.pk])


def _tell_those_who_answer(question, base: str) -> None:
    """A new question: to those who answer them (the tracker's RUN role), a link only."""
    people = wants_emails(u for u in roles.members(roles.RUN) if u.pk != question.asked_by_id)

    def write():
        body = _(
            "The Advisory Group has raised a new question in the tracker. Read it and answer it "
            "here:\n%(link)s\n\nTurn these emails off in your account settings."
        ) % {"link": _link(question, base)}
        return _("A new question from the Advisory Group"), body

    # The question is kept whatever mail does.
    emails.send_to_each(people, write, fail_silently=True)


def _tell_who_asked(question, base: str) -> None:
    asker = wants_emails([question.asked_by] if question.asked_by else [])

    def write():
        body = _(
            "Your question in the tracker has been answered. Read the answer here:\n"
            "%(link)s\n\nTurn these emails off in your account settings."
        ) % {"link": _link(question, base)}
        return _("Your question has been answered"), body

    emails.send_to_each(asker, write, fail_silently=True)
