"""intake.deadlines.periods."""
