"""The figures' charts (figures.charts) drawn as PNG images for the annual report, with
matplotlib's Agg backend (no display, no GUI): a bar for each category, a colour for each year,
each bar labelled with its figure. A chart's words (title, description) are the Chart's own;
the image only draws them."""

import io

import matplotlib

matplotlib.use("Agg")  # before pyplot could be imported anywhere: drawing to files only

from matplotlib.figure import Figure  # noqa: E402  (after choosing the backend)

from wagtail_minimum_standards.figures.tables import number  # noqa: E402

WIDTH = 6.3  # inches: the width of an A4 page's text
DOTS = 110  # dots an inch: sharp in print, small in the document
# Last year's grey and this year's blue: told apart in greyscale and by colour-blind readers,
# and each darker than 3:1 against white.
COLOURS = ["#6b6b6b", "#1d4f91", "#b35900", "#2e7d32"]


def chart_png(chart) -> bytes:
    """The chart as a PNG image: horizontal bars (long category names stay readable), the
    years' bars side by side within each category, in the order of chart.series."""
    categories = chart.categories
    series = chart.series
    height = max(1.6, 0.5 + 0.22 * len(categories) * max(1, len(series)))
    figure = Figure(figsize=(WIDTH, height), dpi=DOTS, layout="constrained")
    axes = figure.add_subplot()
    band = 0.8 / max(1, len(series))
    positions = range(len(categories))
    for n, each in enumerate(series):
        # the latest year on top within each category, as the legend lists it
        offset = (len(series) - 1 - n) * band - 0.4 + band / 2
        values = [float(v) if v is not None else 0.0 for v in each.values]
        bars = axes.barh(
            [p + offset for p in positions],
            values,
            band,
            label=each.name,
            color=COLOURS[n % len(COLOURS)],
        )
        axes.bar_label(
            bars,
            [number(v, chart.places) for v in each.values],
            padding=2,
            fontsize=7,
        )
    axes.set_yticks(list(positions), categories, fontsize=8)
    axes.invert_yaxis()  # the first category at the top, as the table lists them
    axes.tick_params(axis="x", labelsize=7)
    axes.set_xlabel(chart.unit, fontsize=8)
    axes.margins(x=0.12)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    if len(series) > 1:
        handles, labels = axes.get_legend_handles_labels()
        figure.legend(
            handles,
            labels,
            loc="outside upper center",
            ncols=len(series),
            fontsize=7,
            frameon=False,
        )
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()
