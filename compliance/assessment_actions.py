"""Buttons on a self-assessment's report that other apps offer (plans offers "Ratify at an
Advisory Group meeting", which it records as one of the meeting's decisions):

    @hooks.register("minimum_standards_assessment_actions")
    def ratify(assessment, user) -> list[AssessmentAction]: ...
"""

from dataclasses import dataclass

from wagtail import hooks

HOOK = "minimum_standards_assessment_actions"


@dataclass(frozen=True)
class AssessmentAction:
    label: str
    url: str


def actions_for(assessment, user) -> list[AssessmentAction]:
    return [action for hook in hooks.get_hooks(HOOK) for action in hook(assessment, user)]
