"""intake.kernel."""
