"""intake.office."""
