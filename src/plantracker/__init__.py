"""Plan Tracker: run the delivery of a council's plans."""
