"""Event coding: ACLED events with actors, date, location, fatalities and evidence."""
