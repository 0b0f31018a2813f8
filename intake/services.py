"""Open the heavy objects of a HOME once: register, calendar, OCR engine factory."""
from __future__ import annotations

from typing import Any

from intake.config import Config
from intake.pipeline import Services
from intake.register import Register
from intake.workdays import WorkdayCalendar


def open_services(config: Config) -> Services:
    register = Register(config.database)
    calendar = WorkdayCalendar.load(config.home)

    def engine_factory() -> Any:
        from ocr.engine import create_engine
        return create_engine(config.ocr_engine)

    from classifiers.nlp import build_pipeline
    return Services(config=config, register=register, calendar=calendar, engine_factory=engine_factory,
                    nlp=build_pipeline())
