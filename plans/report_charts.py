"""The figures' charts (figures.charts) drawn as PNG images for the annual report, with
matplotlib's Agg backend (no display, no GUI): a bar for each category, a colour for each year.
A chart's words (title, description) are the Chart's own; the image only draws them, and the
figures themselves are in the table beside it.

Drawn for speed as well as for reading (a report of 50 measures has 50 charts, bench/
annual_report.py): the margins are worked out from the labels rather than by a layout engine,
and the PNG is compressed lightly."""

import io

import matplotlib

matplotlib.use("Agg")  # before pyplot could be imported anywhere: drawing to files only

from matplotlib.figure import Figure  # noqa: E402  (after choosing the backend)
from matplotlib.ticker import MaxNLocator  # noqa: E402

WIDTH = 6.3  # inches: the width of an A4 page's text
DOTS = 96  # dots an inch
BAR = 0.2  # inches a bar
EDGE = 0.35  # inches above (the legend) and below (the axis) the bars
LABEL_CHARACTER = 0.06  # inches a character of a category's label takes, at 8 points
# Last year's grey and this year's blue: told apart in greyscale and by colour-blind readers,
# each darker than 3:1 against white.
COLOURS = ["#6b6b6b", "#1d4f91", "#b35900", "#2e7d32"]


def chart_png(chart) -> bytes:
    """The chart as a PNG image: horizontal bars (long category names stay readable), the
    years' bars side by side within each category, the latest year first."""
    categories, series = chart.categories, chart.series
    bars = max(1, len(series))
    height = 2 * EDGE + BAR * max(2, len(categories) * bars)
    figure = Figure(figsize=(WIDTH, height), dpi=DOTS)
    longest = max((len(category) for category in categories), default=0)
    left = min(0.45, (0.15 + LABEL_CHARACTER * longest) / WIDTH)
    axes = figure.add_axes((left, EDGE / height, 0.95 - left, 1 - 2 * EDGE / height))
    band = 0.8 / bars
    positions = range(len(categories))
    for n, each in enumerate(series):
        offset = (bars - 1 - n) * band - 0.4 + band / 2  # the latest year on top
        axes.barh(
            [p + offset for p in positions],
            [float(v) if v is not None else 0.0 for v in each.values],
            band,
            label=each.name,
            color=COLOURS[n % len(COLOURS)],
        )
    axes.set_yticks(list(positions), categories, fontsize=8)
    axes.invert_yaxis()  # the first category at the top, as the table lists them
    axes.xaxis.set_major_locator(MaxNLocator(6, integer=chart.places == 0))
    axes.tick_params(axis="x", labelsize=7)
    axes.grid(axis="x", color="#dddddd", linewidth=0.6)
    axes.set_axisbelow(True)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    if len(series) > 1:
        figure.legend(loc="upper center", ncols=len(series), fontsize=7, frameon=False)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", pil_kwargs={"compress_level": 1})
    return buffer.getvalue()
