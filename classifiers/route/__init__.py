"""What a document is: application, petition, complaint, report, consultation or other (Art. 39)."""
from intake.classifiers.route.model import RouteModel
from intake.classifiers.route.rules import classify, is_marked

__all__ = ["RouteModel", "classify", "is_marked"]
