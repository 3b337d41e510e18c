"""Asking a question about a rating, a plan item or a meeting's review, and its thread:
the question, the replies, and a reply form for those who may write one."""

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import questions
from ..models import Question, Reply
from ..models.questions import WORDS_LIMIT
from .access import permitted, requires

may_read = permitted("minimum_standards.view_question")


class QuestionForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Your question or comment"),
        max_length=WORDS_LIMIT,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy(
            "The Service manager is told there is a new question (not its words)."
        ),
    )


class ReplyForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("This is"), widget=forms.RadioSelect)
    text = forms.CharField(
        label=gettext_lazy("Your reply"),
        max_length=WORDS_LIMIT,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(Reply.Kind.choices)
        self.fields["kind"].choices = [(kind, labels[kind]) for kind in kinds]
        self.fields["kind"].initial = kinds[0]


def _subject(name):
    kind = questions.subject_named(name)
    if kind is None:
        raise Http404(_("Questions are not asked about that."))
    return kind


@requires(questions.may_ask)
def ask(request, subject, pk):
    kind = _subject(subject)
    about = get_object_or_404(
        questions.model_of(kind)._default_manager.select_related(*kind.related), pk=pk
    )
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        question = questions.ask(about, request.user, form.cleaned_data["text"], request)
        messages.success(
            request, _("Your question is in the record; you will see the answer here.")
        )
        return redirect("minimum_standards_question", question.pk)
    context = {
        "title": _("Ask a question"),
        "form": form,
        "about_text": kind.describe(about),
        "about_url": kind.url(about),
    }
    return TemplateResponse(request, "minimum_standards/admin/question_ask.html", context)


def _reply_kinds(user, question) -> list[str]:
    if questions.may_answer(user):
        return [Reply.Kind.ANSWER, Reply.Kind.COMMENT]
    if question.asked_by_id == user.pk:
        return [Reply.Kind.COMMENT, Reply.Kind.CORRECTION]
    return [Reply.Kind.COMMENT]


@requires(may_read)
def thread(request, pk):
    question = get_object_or_404(questions.with_replies(Question.objects.all()), pk=pk)
    kind = questions.subject_of(question)
    form = None
    if questions.may_reply(request.user):
        kinds = _reply_kinds(request.user, question)
        form = ReplyForm(request.POST or None, kinds=kinds)
        if request.method == "POST" and form.is_valid():
            questions.reply(
                question,
                request.user,
                form.cleaned_data["text"],
                form.cleaned_data["kind"],
                request,
            )
            messages.success(request, _("Your reply is in the record."))
            return redirect("minimum_standards_question", question.pk)
    about = question.subject
    context = {
        "question": question,
        "form": form,
        "about_text": kind.describe(about) if kind and about else "—",
        "about_url": kind.url(about) if kind and about else "",
    }
    return TemplateResponse(request, "minimum_standards/admin/question.html", context)
