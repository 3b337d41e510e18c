"""Quality checks on a self-assessment, before the Advisory Group ratifies it: findings such as
"met, but no evidence" or "evidence past its review-by date", each with a severity.

- A *blocker* stops the assessment from being ratified until it is put right.
- A *warning* may be ratified past, if the meeting records why (plans.meeting_record).
- A *note* is shown and asks nothing.

Each check is a small function. It is given everything an assessment's checks read, loaded once
(`Assessed`), and yields `(rating, message)` for each rating it finds wanting. The built-in
checks are in this module. An app built on the tracker adds its own with a Wagtail hook, as
plans does for "not met, and no delivery-plan item":

    @hooks.register("minimum_standards_quality_checks")
    def quality_checks() -> list[QualityCheck]: ...

A service turns a check off, or changes its severity, in settings, which `manage.py check`
validates (checks.quality_checks_setting):

    MINIMUM_STANDARDS_QUALITY_CHECKS = {"carried-over": "blocker", "reading-age": "off"}
    MINIMUM_STANDARDS_READING_AGE = 12  # the public summaries' reading age, in years

All the checks of an assessment run in a fixed number of queries, however many standards and
evidence links it has (bench/quality_checks.py).
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from . import dates, questions
from .models import EvidenceLink
from .reports import ratings_of
from .site_checks import registered_checks

HOOK = "minimum_standards_quality_checks"
SETTING = "MINIMUM_STANDARDS_QUALITY_CHECKS"
READING_AGE_SETTING = "MINIMUM_STANDARDS_READING_AGE"
DEFAULT_READING_AGE = 12

BLOCKER, WARNING, NOTE, OFF = "blocker", "warning", "note", "off"
SEVERITIES = {
    BLOCKER: pgettext_lazy("quality check", "Blocker"),
    WARNING: pgettext_lazy("quality check", "Warning"),
    NOTE: pgettext_lazy("quality check", "Note"),
}


@dataclass(frozen=True)
class Evidence:
    title: str
    review_by: datetime.date | None


@dataclass
class Assessed:
    """What the checks read about one self-assessment, loaded once."""

    assessment: object
    ratings: list  # reports.ratings_of: standard (with its checklist), level
    evidence: dict  # {rating id: [Evidence]}: each rating's evidence links, by title
    today: datetime.date
    user: object = None  # whose fix links: a site check's fix only if they may make it

    def evidence_of(self, rating) -> list[Evidence]:
        return self.evidence.get(rating.pk, [])

    @property
    def counted(self) -> list:
        """The ratings that count: all but optional standards the service did not adopt."""
        return [rating for rating in self.ratings if rating.is_counted]


@dataclass(frozen=True)
class QualityCheck:
    id: str
    severity: str  # its severity unless the setting changes it
    title: str  # what it looks for, e.g. "Met, but no evidence"
    find: Callable[[Assessed], Iterable[tuple]]  # yields (rating, message[, fix url, label])
    # Whether a delivery-plan item would put a finding right (evidence to gather, the website
    # to mend), so that plans drafts one from it; not for what the manager does in the tracker
    # itself (rating, re-checking, a public summary, answering a question).
    plan_action: bool = False


@dataclass(frozen=True)
class Finding:
    check: QualityCheck
    severity: str
    rating: object
    message: str
    fix_url: str
    fix_label: str

    @property
    def severity_words(self) -> str:
        return str(SEVERITIES[self.severity])

    @property
    def standard(self):
        return self.rating.standard

    def as_text(self) -> str:
        """One line, as the minutes and the meeting pack give it."""
        return f"{self.severity_words}, {self.standard.code}: {self.message}"


@dataclass
class Findings:
    """An assessment's findings, most severe first, then in framework order."""

    items: list[Finding] = field(default_factory=list)

    def __iter__(self):
        return iter(self.items)

    def __len__(self):
        return len(self.items)

    def of(self, severity: str) -> list[Finding]:
        return [finding for finding in self.items if finding.severity == severity]

    @property
    def blockers(self) -> list[Finding]:
        return self.of(BLOCKER)

    @property
    def warnings(self) -> list[Finding]:
        return self.of(WARNING)

    def by_rating(self) -> dict[int, list[Finding]]:
        found: dict[int, list[Finding]] = {}
        for finding in self.items:
            found.setdefault(finding.rating.pk, []).append(finding)
        return found

    def summary(self) -> list[tuple[str, str, int]]:
        """[(severity, its words, number of findings)] for each severity found."""
        return [
            (severity, str(words), len(self.of(severity)))
            for severity, words in SEVERITIES.items()
            if self.of(severity)
        ]


SOME_RATING = 987654321  # a rating's id in the edit URL worked out once, then replaced


def rating_editor():
    """rating -> (URL, label): the usual way to put a finding right, editing the rating; the
    URL worked out once for every rating, not once a finding."""
    url = reverse("minimum_standards_rating_modeladmin_edit", args=[SOME_RATING])

    def fix(rating) -> tuple[str, str]:
        return (
            url.replace(str(SOME_RATING), str(rating.pk)),
            gettext("Edit the rating of %(code)s") % {"code": rating.standard.code},
        )

    return fix


# The built-in checks.


def not_rated(assessed):
    for rating in assessed.counted:
        if rating.level.is_unrated:
            yield rating, gettext("Not rated yet.")


def met_without_evidence(assessed):
    for rating in assessed.counted:
        unsupported = not rating.evidence_notes.strip() and not assessed.evidence_of(rating)
        if rating.level.counts_as_met and unsupported:
            yield (
                rating,
                gettext("Rated %(level)s, with no evidence notes and no evidence links.")
                % {"level": rating.level.code},
            )


def evidence_overdue(assessed):
    for rating in assessed.ratings:
        overdue = [
            link
            for link in assessed.evidence_of(rating)
            if link.review_by and link.review_by < assessed.today
        ]
        if overdue:
            yield (
                rating,
                ngettext(
                    "Evidence past its review-by date: %(links)s.",
                    "Evidence past their review-by dates: %(links)s.",
                    len(overdue),
                )
                % {
                    "links": "; ".join(
                        f"{link.title} ({link.review_by.strftime(dates.SHOWN)})" for link in overdue
                    )
                },
            )


def carried_over(assessed):
    for rating in assessed.ratings:
        if rating.carried_over:
            yield (
                rating,
                gettext("Carried over from the last self-assessment and not re-checked since."),
            )


def no_public_summary(assessed):
    for rating in assessed.counted:
        if not rating.public_summary.strip():
            yield rating, gettext("No public summary: the public page shows the rating alone.")


@lru_cache(maxsize=4096)
def reading_age(text: str) -> int:
    """About how old a reader must be to follow `text`: its Flesch-Kincaid grade (textstat)
    plus 5, the usual reading of a US school grade as a UK reading age; at least 5."""
    import textstat  # its word list loads on first use: only when a summary is read

    return max(5, round(textstat.flesch_kincaid_grade(text) + 5))


def reading_age_limit() -> int:
    return getattr(settings, READING_AGE_SETTING, DEFAULT_READING_AGE)


def summary_reading_age(assessed):
    limit = reading_age_limit()
    for rating in assessed.counted:
        text = rating.public_summary.strip()
        if text and (age := reading_age(text)) > limit:
            yield (
                rating,
                gettext(
                    "The public summary reads at about age %(age)s; families should be able to "
                    "follow it at %(limit)s. Shorter sentences and everyday words help."
                )
                % {"age": age, "limit": limit},
            )


def site_check_failing(assessed):
    """A checklist item the live website is checked for (3.3), failing today."""
    checks = registered_checks()
    named = {
        item.site_check
        for rating in assessed.ratings
        for item in rating.standard.checklist.all()
        if item.site_check in checks
    }
    if not named:
        return
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    results = {name: checks[name](site) for name in named} if site else {}
    for rating in assessed.ratings:
        for item in rating.standard.checklist.all():
            result = results.get(item.site_check)
            if result is not None and not result.present:
                shown = result.for_user(assessed.user) if assessed.user else result
                message = gettext("The website fails “%(item)s” today: %(found)s") % {
                    "item": item.text,
                    "found": result.found,
                }
                if shown.fix_url:
                    yield rating, message, shown.fix_url, shown.fix_label
                else:
                    yield rating, message


def open_question(assessed):
    asked = questions.about(assessed.ratings)
    for rating in assessed.ratings:
        for question in asked.get(rating.pk, []):
            yield (
                rating,
                gettext("The Advisory Group's question is not answered yet: “%(text)s”")
                % {"text": question.text[:200]},
                reverse("minimum_standards_question", args=[question.pk]),
                gettext("Answer the question"),
            )


BUILT_IN = [
    QualityCheck("not-rated", BLOCKER, _("Not rated yet"), not_rated),
    QualityCheck(
        "met-without-evidence",
        BLOCKER,
        _("Met, but no evidence"),
        met_without_evidence,
        plan_action=True,
    ),
    QualityCheck(
        "evidence-overdue",
        WARNING,
        _("Evidence past its review-by date"),
        evidence_overdue,
        plan_action=True,
    ),
    QualityCheck("carried-over", WARNING, _("Carried over, never re-checked"), carried_over),
    QualityCheck("no-public-summary", WARNING, _("No public summary"), no_public_summary),
    QualityCheck(
        "reading-age", NOTE, _("Public summary above the reading age"), summary_reading_age
    ),
    QualityCheck(
        "site-check-failing",
        WARNING,
        _("The live website fails a check"),
        site_check_failing,
        plan_action=True,
    ),
    QualityCheck("open-question", WARNING, _("An open Advisory Group question"), open_question),
]


def all_checks() -> list[QualityCheck]:
    """The built-in checks, then each registered app's, each with its default severity."""
    return [*BUILT_IN, *(check for hook in hooks.get_hooks(HOOK) for check in hook())]


def configured() -> list[tuple[QualityCheck, str]]:
    """[(check, its severity)] as the setting makes them; a check turned off is left out."""
    chosen = getattr(settings, SETTING, {}) or {}
    return [
        (check, chosen.get(check.id, check.severity))
        for check in all_checks()
        if chosen.get(check.id, check.severity) != OFF
    ]


def evidence_by_rating(assessment) -> dict[int, list[Evidence]]:
    """Each rating's evidence links, title and review-by date only: one query."""
    found: dict[int, list[Evidence]] = {}
    links = EvidenceLink.objects.filter(rating__assessment=assessment).order_by("sort_order", "pk")
    for rating_id, title, review_by in links.values_list("rating_id", "title", "review_by"):
        found.setdefault(rating_id, []).append(Evidence(title, review_by))
    return found


def is_on(check_id: str) -> bool:
    """Whether the check runs (the setting has not turned it off)."""
    return any(check.id == check_id for check, _severity in configured())


def findings_for(assessment, ratings=None, user=None, today=None) -> Findings:
    """Every configured check run on `assessment` (its ratings as reports.ratings_of gives
    them, if already read), most severe first, then in framework order."""
    if ratings is None:
        ratings = ratings_of(assessment)
    assessed = Assessed(
        assessment, ratings, evidence_by_rating(assessment), today or timezone.localdate(), user
    )
    order = {rating.pk: n for n, rating in enumerate(ratings)}
    fix_rating = rating_editor()
    found = []
    for check, severity in configured():
        for rating, message, *fix in check.find(assessed):
            fix_url, fix_label = fix if fix else fix_rating(rating)
            found.append(Finding(check, severity, rating, message, fix_url, fix_label))
    ranks = list(SEVERITIES)
    found.sort(key=lambda f: (ranks.index(f.severity), order.get(f.rating.pk, 0)))
    return Findings(found)
