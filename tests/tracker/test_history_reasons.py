"""A change's reason is kept whole in the history, however long: the reason given for an unlock
(up to 500 characters) and a meeting's title (up to 200) were cut, or refused with a 500 on
PostgreSQL, by a 100-character column."""

import datetime

from django.urls import reverse

from wagtail_minimum_standards.compliance.models import AdvisoryGroupMeeting


def test_a_long_unlock_reason_and_meeting_title_are_kept_whole(client, manager, assessment):
    title = "Advisory Group meeting with the parent carer forum and the SEND service " * 2
    meeting = AdvisoryGroupMeeting.objects.create(date=datetime.date(2025, 3, 5), title=title[:200])
    assessment.ratify(meeting, datetime.date(2025, 3, 5))
    reason = "The Advisory Group asked us to look again at standard 1.3, " * 8
    client.force_login(manager)

    response = client.post(
        reverse("minimum_standards_assessment_unlock", args=[assessment.pk]),
        {"reason": reason[:500]},
    )

    assert response.status_code == 302
    reasons = list(assessment.history.values_list("history_change_reason", flat=True))
    assert f"Unlocked: {reason[:500].strip()}" in reasons
    assert any(r and r.startswith("Ratified at") and title[:200] in r for r in reasons)
