"""The quality checks (compliance.quality_checks) on a decision to ratify a self-assessment.
A blocker refuses it; warnings are ratified past only with the meeting's reason, which the
decision keeps with the warnings as they stood, for its history and its minutes."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from wagtail_minimum_standards.compliance.quality_checks import Findings, findings_for

ACKNOWLEDGEMENT = "acknowledgement"  # the ValidationError's code: the form's field of that name


@dataclass
class Acknowledged:
    checks: str  # the warnings, one a line (Finding.as_text)
    reason: str

    @property
    def history_reason(self) -> str:
        """As the self-assessment's history gives it, after "Ratified at …"."""
        if not self.checks:
            return ""
        return _("Warnings acknowledged: %(checks)s. Why: %(reason)s") % {
            "checks": "; ".join(self.checks.splitlines()),
            "reason": self.reason,
        }


def blocked_message(findings: Findings) -> str:
    return _("This self-assessment cannot be ratified until these are put right: %(found)s.") % {
        "found": "; ".join(f"{f.standard.code}: {f.check.title}" for f in findings.blockers)
    }


def acknowledge(assessment, reason: str, user=None) -> Acknowledged:
    """The checks run on `assessment` as stored: refused (ValidationError) if any blocker, or
    if there are warnings and `reason` is blank."""
    findings = findings_for(assessment, user=user)
    if findings.blockers:
        raise ValidationError(blocked_message(findings), code="blocked")
    reason = (reason or "").strip()
    warnings = findings.warnings
    if warnings and not reason:
        raise ValidationError(
            _(
                "Say why the Advisory Group ratifies despite the quality checks' warnings: "
                "the reason is kept in the minutes and the self-assessment's history."
            ),
            code=ACKNOWLEDGEMENT,
        )
    if not warnings:
        return Acknowledged("", "")
    return Acknowledged("\n".join(f.as_text() for f in warnings), reason)
