"""The forms of an Advisory Group meeting's decisions (meeting_record.decision shows them):
ratifying a self-assessment (with its quality checks), agreeing a new action, changing or
closing a plan item, approving an earlier meeting's minutes."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from wagtail_minimum_standards.compliance import roles
from wagtail_minimum_standards.compliance.concurrency import (
    DrawnVersionsMixin,
)
from wagtail_minimum_standards.compliance.models import (
    AdvisoryGroupMeeting,
    Rating,
    SelfAssessment,
    Standard,
)
from wagtail_minimum_standards.compliance.people import PeopleChoiceField
from wagtail_minimum_standards.compliance.quality_checks import findings_for, is_on

from ..meeting_record import NewAction, previous_meeting
from ..models import OPEN_MEANINGS, Decision, DeliveryPlan, PlanItem
from .upload_forms import DescribedFieldsMixin

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def tracker_people():
    groups = [*roles.group_names(roles.RUN), *roles.group_names(roles.READ)]
    return get_user_model().objects.filter(groups__name__in=groups, is_active=True).distinct()


class DecisionForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("What was decided"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("As the minutes will say it."),
    )

    def __init__(self, *args, meeting, **kwargs):
        self.meeting = meeting
        super().__init__(*args, **kwargs)

    def targets(self) -> dict:
        return {}


class RatifyForm(DescribedFieldsMixin, DrawnVersionsMixin, DecisionForm):
    decides_on = "assessment"
    assessment = forms.ModelChoiceField(
        SelfAssessment.objects.exclude(status=SelfAssessment.Status.RATIFIED),
        label=gettext_lazy("Self-assessment"),
    )
    ratify_carried_over = forms.BooleanField(
        label=gettext_lazy(
            "Ratify it with the ratings carried over from the previous self-assessment, "
            "not re-checked"
        ),
        required=False,
    )
    acknowledgement = forms.CharField(
        label=gettext_lazy("Why the Advisory Group ratifies despite these warnings"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Kept with the warnings in the minutes and in the self-assessment's history."
        ),
        error_messages={
            "required": gettext_lazy(
                "Say why the Advisory Group ratifies despite the quality checks' warnings."
            )
        },
    )

    def __init__(self, *args, carried_over=0, findings=None, **kwargs):
        super().__init__(*args, **kwargs)
        if is_on("carried-over"):
            # The quality check asks instead: a warning the meeting gives its reason for.
            del self.fields["ratify_carried_over"]
        elif not carried_over:  # asked only when it applies; clean() checks the choice made
            self.fields["ratify_carried_over"].widget = forms.HiddenInput()
        if not (findings and findings.warnings):  # asked only when there are warnings
            del self.fields["acknowledgement"]

    def clean(self):
        cleaned = super().clean()
        assessment = cleaned.get("assessment")
        if assessment is None:
            return cleaned
        if assessment.assessed_on > self.meeting.date:
            assessed_on = date_format(assessment.assessed_on, "j F Y")
            self.add_error(
                "assessment",
                _("It was assessed on %(date)s, after this meeting.") % {"date": assessed_on},
            )
        carried = carried_over_codes(assessment.pk) if self.asks_to_tick else []
        if carried and not cleaned.get("ratify_carried_over"):
            # The English says "rating(s)" whatever the number, as it always has; a language
            # with plural forms gives each its own.
            message = ngettext(
                "%(count)d rating(s) were carried over and not re-checked: %(codes)s. Re-check "
                "the ratings listed, or tick to ratify them as they are.",
                "%(count)d rating(s) were carried over and not re-checked: %(codes)s. Re-check "
                "the ratings listed, or tick to ratify them as they are.",
                len(carried),
            )
            # On the box itself, so the message is said once, beside what it asks for (the
            # page's note about carried-over ratings gives way to it).
            self.fields["ratify_carried_over"].widget = forms.CheckboxInput()
            codes = ", ".join(carried)
            self.add_error("ratify_carried_over", message % {"count": len(carried), "codes": codes})
        return cleaned

    @property
    def asks_to_tick(self) -> bool:
        """Whether the form asks to ratify carried-over ratings by a tick (only where the
        carried-over quality check is turned off)."""
        return "ratify_carried_over" in self.fields

    def targets(self):
        assessment = self.cleaned_data["assessment"]
        return {
            "assessment": assessment,
            "drawn_version": self.drawn_version(assessment),
            "acknowledgement": self.cleaned_data.get("acknowledgement", ""),
        }


def checks_before_ratifying(assessment_id, user):
    """The quality checks' findings on a self-assessment that may yet be ratified, or None."""
    assessment = SelfAssessment.objects.exclude(status=SelfAssessment.Status.RATIFIED).filter(
        pk=assessment_id
    )
    found = assessment.first()
    return findings_for(found, user=user) if found else None


def carried_over_codes(assessment_id) -> list[str]:
    return list(
        Rating.objects.filter(assessment_id=assessment_id, carried_over=True)
        .order_by("standard__section__position", "standard__position")
        .values_list("standard__code", flat=True)
    )


class NewActionForm(DecisionForm):
    plan = forms.ModelChoiceField(
        DeliveryPlan.objects.filter(status=DeliveryPlan.Status.ACTIVE), label=gettext_lazy("Plan")
    )
    area_of_work = forms.CharField(
        label=gettext_lazy("Area of work"), max_length=200, required=False
    )
    standards = forms.ModelMultipleChoiceField(
        Standard.objects.select_related("section__framework"),
        label=gettext_lazy("Standards"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Of the plan's framework."),
    )
    objective = forms.CharField(
        label=gettext_lazy("Objective"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=3000,
    )
    owners = forms.CharField(
        label=gettext_lazy("Owners"),
        max_length=300,
        required=False,
        help_text=gettext_lazy('As written, e.g. "Manager".'),
    )
    owner_users = PeopleChoiceField(
        get_user_model().objects.none(),
        required=False,
        label=gettext_lazy("Owners (people with an account)"),
        widget=forms.CheckboxSelectMultiple,
    )
    timescale = forms.CharField(
        label=gettext_lazy("Timescale"),
        max_length=60,
        required=False,
        help_text=gettext_lazy('e.g. "Summer 2025".'),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_users"].queryset = tracker_people()

    def clean(self):
        cleaned = super().clean()
        plan = cleaned.get("plan")
        wrong = [
            s.code
            for s in cleaned.get("standards", [])
            if plan and s.section.framework_id != plan.framework_id
        ]
        if wrong:
            self.add_error(
                "standards",
                _("Not standards of the plan's framework: %(codes)s") % {"codes": ", ".join(wrong)},
            )
        return cleaned

    def targets(self):
        data = self.cleaned_data
        fields = ["plan", "objective", "area_of_work", "owners", "timescale"]
        return {
            "new_action": NewAction(
                **{name: data[name] for name in fields},
                standards=list(data["standards"]),
                owner_users=list(data["owner_users"]),
            )
        }


class ItemForm(DrawnVersionsMixin, DecisionForm):
    decides_on = "plan_item"
    plan_item = forms.ModelChoiceField(
        PlanItem.objects.filter(
            plan__status="active", status_meaning__in=OPEN_MEANINGS
        ).select_related("plan"),
        label=gettext_lazy("Plan item"),
    )

    def targets(self):
        item = self.cleaned_data["plan_item"]
        return {"plan_item": item, "drawn_version": self.drawn_version(item)}


class ApproveMinutesForm(DrawnVersionsMixin, DecisionForm):
    decides_on = "minutes_of"
    minutes_of = forms.ModelChoiceField(
        AdvisoryGroupMeeting.objects.none(), label=gettext_lazy("Minutes of")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["minutes_of"].queryset = AdvisoryGroupMeeting.objects.filter(
            date__lt=self.meeting.date, minutes_approved_at__isnull=True
        )
        earlier = previous_meeting(self.meeting)
        if earlier and earlier.minutes_approved_at_id is None:
            self.fields["minutes_of"].initial = earlier.pk

    def targets(self):
        earlier = self.cleaned_data["minutes_of"]
        return {"minutes_of": earlier, "drawn_version": self.drawn_version(earlier)}


FORMS = {
    Decision.Kind.RATIFY: RatifyForm,
    Decision.Kind.NEW_ACTION: NewActionForm,
    Decision.Kind.CHANGE_ITEM: ItemForm,
    Decision.Kind.CLOSE_ITEM: ItemForm,
    Decision.Kind.APPROVE_MINUTES: ApproveMinutesForm,
    Decision.Kind.OTHER: DecisionForm,
}
