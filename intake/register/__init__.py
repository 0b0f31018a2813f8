"""The register: the SQLite book of record, its schema (migrations) and every query of it."""
from intake.register.store import (
    MAX_READ_ATTEMPTS,
    AmbiguousKey,
    DocumentRow,
    Event,
    Register,
    RegisterError,
    RouteStatusCount,
    RowState,
)

__all__ = ["AmbiguousKey", "DocumentRow", "Event", "MAX_READ_ATTEMPTS", "Register", "RegisterError",
           "RouteStatusCount", "RowState"]
