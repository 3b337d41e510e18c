"""The "Delivery plans" admin: the plan as Appendix 4 shows it, items, meetings and reviews."""
