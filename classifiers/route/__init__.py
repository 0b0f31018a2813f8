"""intake.classifiers.route.rules."""
