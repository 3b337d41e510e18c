"""Each plan's eight headings become its columns, and its statuses its own words; the text of
each item becomes what its plan's spreadsheet showed, character for character.

- Columns: Appendix 4's eight, each with the heading the plan had, and what it holds.
- Status words: the 2018 six, each with what it means; each item's and each progress update's
  status (a code such as "on-track") becomes the word ("On track"), in its history too.
- The area of work is as the export wrote it, with its standards' codes in brackets
  ("Commissioning (1.6 and 3.3)"): the text is now kept as written, and the standards read
  from it are kept beside it.
- Each action and outcome keeps what came before it in the cell ("1. ", a line break and
  "2. "), as the export wrote them.
"""

from django.db import migrations

HEADINGS = [
    ("area_heading", "area"),
    ("objective_heading", "objective"),
    ("actions_heading", "actions"),
    ("outcomes_heading", "outcomes"),
    ("owners_heading", "owners"),
    ("timescale_heading", "timescale"),
    ("completion_heading", "completion"),
    ("status_heading", "status"),
]
WORDS = {
    "not-started": ("Not started", "open"),
    "on-track": ("On track", "open"),
    "at-risk": ("At risk", "at-risk"),
    "off-track": ("Off track", "off-track"),
    "ongoing": ("Ongoing", "ongoing"),
    "complete": ("Complete", "done"),
}


def forwards(apps, schema_editor):
    DeliveryPlan = apps.get_model("minimum_standards_plans", "DeliveryPlan")
    PlanColumn = apps.get_model("minimum_standards_plans", "PlanColumn")
    PlanStatus = apps.get_model("minimum_standards_plans", "PlanStatus")
    PlanItem = apps.get_model("minimum_standards_plans", "PlanItem")
    for plan in DeliveryPlan.objects.all():
        PlanColumn.objects.bulk_create(
            PlanColumn(plan=plan, position=n, heading=getattr(plan, field), meaning=meaning)
            for n, (field, meaning) in enumerate(HEADINGS)
        )
        PlanStatus.objects.bulk_create(
            PlanStatus(plan=plan, position=n, label=label, meaning=meaning)
            for n, (label, meaning) in enumerate(WORDS.values())
        )
    for model_name in ("PlanItem", "HistoricalPlanItem"):
        model = apps.get_model("minimum_standards_plans", model_name)
        for code, (label, meaning) in WORDS.items():
            model.objects.filter(status=code).update(status=label, status_meaning=meaning)
    for model_name in ("ProgressUpdate", "HistoricalProgressUpdate"):
        model = apps.get_model("minimum_standards_plans", model_name)
        for code, (label, _meaning) in WORDS.items():
            model.objects.filter(new_status=code).update(new_status=label)
    for item in PlanItem.objects.prefetch_related("standards__section"):
        codes = [
            s.code
            for s in sorted(item.standards.all(), key=lambda s: (s.section.position, s.position))
        ]
        if codes:
            item.area_of_work = f"{item.area_of_work} ({' and '.join(codes)})".lstrip()
            item.save(update_fields=["area_of_work"])
    for model_name in ("PlanAction", "PlanOutcome"):
        model = apps.get_model("minimum_standards_plans", model_name)
        first = {}
        for listed in model.objects.order_by("item_id", "number"):
            lead = f"{listed.number}. "
            if first.setdefault(listed.item_id, listed.pk) != listed.pk:
                lead = "\n" + lead
            model.objects.filter(pk=listed.pk).update(lead=lead)


class Migration(migrations.Migration):
    dependencies = [
        ("minimum_standards_plans", "0003_plan_shapes"),
        ("minimum_standards", "0004_self_assessment_version"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
