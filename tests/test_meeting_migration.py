"""Advisory Group meetings moved from plans to compliance: a database made before the move
keeps every meeting, its history, the self-assessments ratified at it, and who may see it."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("compliance", "0003_standard_public_wording"), ("plans", "0003_cell_limits")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_meetings_and_their_ratifications_survive_the_move():
    old = migrate(BEFORE)
    Meeting = old.get_model("plans", "AdvisoryGroupMeeting")
    HistoricalMeeting = old.get_model("plans", "HistoricalAdvisoryGroupMeeting")
    Framework = old.get_model("compliance", "Framework")
    Assessment = old.get_model("compliance", "SelfAssessment")
    # As the demo has them: two meetings, the August 2022 self-assessment ratified at one.
    october = Meeting.objects.create(date=datetime.date(2022, 10, 12), title="Autumn meeting")
    january = Meeting.objects.create(date=datetime.date(2023, 1, 18), title="Winter meeting")
    HistoricalMeeting.objects.create(
        id=october.pk, date=october.date, title=october.title, notes="",
        history_date=datetime.datetime(2022, 9, 1, tzinfo=datetime.UTC), history_type="+",
    )  # fmt: skip
    framework = Framework.objects.create(code="iass-2018", name="Minimum Standards", version="2018")
    august = Assessment.objects.create(
        framework=framework, title="August 2022", assessed_on=datetime.date(2022, 8, 31),
        status="ratified", ratified_at=october, ratified_on=october.date,
    )  # fmt: skip
    meeting_type, _ = ContentType.objects.get_or_create(
        app_label="plans", model="advisorygroupmeeting"
    )
    view, _ = Permission.objects.get_or_create(
        content_type=meeting_type, codename="view_advisorygroupmeeting",
        defaults={"name": "Can view advisory group meeting"},
    )  # fmt: skip
    readers = Group.objects.create(name="Readers before the move")
    readers.permissions.add(view)

    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    from compliance.models import AdvisoryGroupMeeting, SelfAssessment

    assert list(AdvisoryGroupMeeting.objects.order_by("date").values_list("pk", "title")) == [
        (october.pk, "Autumn meeting"),
        (january.pk, "Winter meeting"),
    ]
    assert AdvisoryGroupMeeting.history.get(id=october.pk).title == "Autumn meeting"
    assert SelfAssessment.objects.get(pk=august.pk).ratified_at.title == "Autumn meeting"
    assert AdvisoryGroupMeeting._meta.db_table == "compliance_advisorygroupmeeting"
    moved = ContentType.objects.get_for_model(AdvisoryGroupMeeting)
    assert moved.pk == meeting_type.pk and moved.app_label == "compliance"
    assert (
        Group.objects.get(name="Readers before the move")
        .permissions.filter(content_type=moved, codename="view_advisorygroupmeeting")
        .exists()
    )
