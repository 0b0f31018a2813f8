"""Clause roles: what each clause of a letter asks the agency to do (model.py), and the clauses of a text."""
from intake.classifiers.clauses.model import ROLES, ClauseModel, ClauseModelNotFound
from intake.classifiers.clauses.segment import Clause, clauses

__all__ = ["Clause", "ClauseModel", "ClauseModelNotFound", "ROLES", "clauses"]
