"""The tracker's change history (django-simple-history), and that of records edited inline
(modelcluster's ParentalKey children).

django-simple-history copies a foreign key into the historical model with the
same field class and `related_name="+"`; a ParentalKey refuses that name. The
history of a child only needs a plain foreign key to its parent's id.
"""

from django.db import models
from modelcluster.fields import ParentalKey
from simple_history.models import HistoricalRecords


class TrackerHistoricalRecords(HistoricalRecords):
    """The tracker's change history: a change's reason is kept whole, as text (simple-history's
    default keeps 100 characters, and an unlock's reason may be 500, a meeting's title 200)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("history_change_reason_field", models.TextField(null=True))
        super().__init__(*args, **kwargs)


class InlineHistoricalRecords(TrackerHistoricalRecords):
    def copy_fields(self, model):
        fields = super().copy_fields(model)
        for name, field in fields.items():
            if isinstance(field, ParentalKey):
                field.swappable = False  # as simple-history does: no app registry needed
                _, _, args, kwargs = field.deconstruct()
                plain = models.ForeignKey(*args, **kwargs)
                plain.name = name
                fields[name] = plain
        return fields
