"""The figures' admin: measures, breakdown lists, reporting years and the entry form."""
