"""The figures as spreadsheets (docs/figures.md, "Spreadsheets"): the measures template (a
service's measures and breakdown lists, exported and imported: measures.py, measures_export.py)
and the figures in long form, a row a figure (figures_export.py, figures_import.py). The
workbook checks, the cell-naming refusals and the Excel-safe writing are compliance's
(compliance/spreadsheets)."""
