"""intake: document intake for government information disclosure applications."""
__version__ = "0.1.0"
