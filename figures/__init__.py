"""The service's figures: measures (what is counted, by what breakdown, against what target),
the figures entered or counted for each reporting year, and what is derived from them."""
