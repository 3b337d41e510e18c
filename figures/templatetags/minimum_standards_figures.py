"""{% figures_chart chart %}: a chart drawn as accessible SVG (figures/svg.py), its title and
text description named by the image, and its data as a table."""

from django import template

from ..svg import drawing

register = template.Library()


@register.inclusion_tag("minimum_standards_figures/chart.html")
def figures_chart(chart, prefix="chart", heading_level=3):
    return {"chart": chart, "drawing": drawing(chart, prefix), "heading_level": heading_level}
