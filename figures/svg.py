"""A chart (charts.Chart) as a drawing for SVG on a web page: horizontal bars, a group for
each category (its label above, so that long labels need no room beside the bars and the
chart reads at 320 px), a bar for each series with its value written at the bar's end. The
series differ in pattern as well as colour (solid, hatched, dotted) and a legend names them.
Drawn on the server: the page needs no JavaScript.

The sizes are in the SVG's own units: it scales with its container (viewBox, width 100 %).
"""

import textwrap
from dataclasses import dataclass, field

from django.utils.text import slugify

from .tables import number

WIDTH = 360
FONT = 17  # text, in the drawing's units: 13 px when the chart is 280 px wide (a 320 px screen)
LINE = 22  # a line of a category's label
BAR = 22
BAR_GAP = 4
GROUP_GAP = 14
VALUE_ROOM = 80  # at the bars' right, for the largest value
LABEL_CHARACTERS = 38  # a category's label wraps after about this many
INK = "#0b0c0c"  # text: 19:1 on white
# Bars: each at least 3:1 against white, and different in pattern, not only in colour.
SERIES_STYLES = [
    ("solid", "#1d4f91"),  # 8.6:1
    ("hatched", "#6f2a6b"),  # 9.6:1
    ("dotted", "#0f6b4b"),  # 6.6:1
]


@dataclass
class Bar:
    y: float
    length: float
    value_text: str
    value_x: float
    fill: str  # a colour or a pattern's url()
    stroke: str

    @property
    def text_y(self) -> float:
        return self.y + 16


@dataclass
class Group:
    label_lines: list[tuple[float, str]]
    bars: list[Bar] = field(default_factory=list)


@dataclass
class LegendEntry:
    x: float
    name: str
    fill: str
    stroke: str

    @property
    def text_x(self) -> float:
        return round(self.x + 30, 1)


@dataclass
class Pattern:
    id: str
    kind: str
    colour: str


@dataclass
class Drawing:
    id: str
    width: int
    height: float
    groups: list[Group]
    legend: list[LegendEntry]
    legend_y: float
    patterns: list[Pattern]
    font: int = FONT
    ink: str = INK
    bar_height: int = BAR

    @property
    def legend_text_y(self) -> float:
        return self.legend_y + 14


def drawing(chart, prefix: str = "chart") -> Drawing:
    chart_id = f"{prefix}-{slugify(chart.title)}"[:80] or prefix
    styles = [SERIES_STYLES[i % len(SERIES_STYLES)] for i in range(len(chart.series))]
    # the latest series (this year) solid, earlier ones patterned
    styles = list(reversed(styles))
    patterns = []
    paints = []
    for index, (kind, colour) in enumerate(styles):
        if kind == "solid":
            paints.append((colour, colour))
        else:
            pattern = Pattern(f"{chart_id}-pattern-{index}", kind, colour)
            patterns.append(pattern)
            paints.append((f"url(#{pattern.id})", colour))

    largest = chart.largest or 1
    room = WIDTH - VALUE_ROOM - 2
    y = 4.0
    legend = []
    legend_y = y
    if len(chart.series) > 1:  # one series (a trend) is named by the title
        x = 0.0
        for series, (fill, stroke) in zip(chart.series, paints, strict=True):
            legend.append(LegendEntry(x, series.name, fill, stroke))
            x = round(x + 30 + len(series.name) * FONT * 0.6 + 20, 1)
        y += LINE + GROUP_GAP
    groups = []
    for index, category in enumerate(chart.categories):
        lines = textwrap.wrap(str(category), LABEL_CHARACTERS) or [""]
        label_lines = []
        for line in lines:
            y += LINE
            label_lines.append((y - 5, line))
        group = Group(label_lines)
        y += 3
        for series, (fill, stroke) in zip(chart.series, paints, strict=True):
            value = series.values[index]
            length = 0.0 if value is None else float(value) / float(largest) * room
            length = max(length, 2.0) if value else length
            length = round(length, 1)
            group.bars.append(Bar(y, length, number(value, chart.places), length + 6, fill, stroke))
            y += BAR + BAR_GAP
        y += GROUP_GAP
        groups.append(group)
    return Drawing(chart_id, WIDTH, round(y, 1), groups, legend, legend_y, patterns)
