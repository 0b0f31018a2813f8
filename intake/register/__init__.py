"""The register: the SQLite book of record, its schema (migrations) and every query of it."""
from intake.register.store import DocumentRow, Event, Register, RegisterError, RouteStatusCount, RowState

__all__ = ["DocumentRow", "Event", "Register", "RegisterError", "RouteStatusCount", "RowState"]
