"""intake.classifiers.agency."""
