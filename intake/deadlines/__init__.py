"""Deadlines in Chinese working days: the calendar (holiday notices, 调休) and the Regulations' periods."""
from intake.deadlines.periods import CORRECTION_WORKDAYS, DeadlineEvent, EXTENSION_WORKDAYS, REPLY_WORKDAYS, clock_events, compute_deadlines
from intake.deadlines.workdays import WorkdayCalendar

__all__ = ["CORRECTION_WORKDAYS", "DeadlineEvent", "EXTENSION_WORKDAYS", "REPLY_WORKDAYS", "WorkdayCalendar", "clock_events", "compute_deadlines"]
