"""intake.pipeline.runner."""
