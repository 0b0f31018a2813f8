"""intake.register.store."""
