"""Label → value pairs of forms and letters, the labels they use, and wrapped lines joined again."""
from intake.classifiers.fields.labels import all_labels
from intake.classifiers.fields.pairs import Pair, read_pairs
from intake.classifiers.fields.reflow import collapse_spaced_letters, reflow

__all__ = ["Pair", "all_labels", "collapse_spaced_letters", "read_pairs", "reflow"]
