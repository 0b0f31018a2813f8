"""intake.reports."""
