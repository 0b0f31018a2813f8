"""Open the heavy objects of a HOME once: register, calendar, OCR engine factory."""
from __future__ import annotations

from typing import Any

from intake.config import Config
from intake.pipeline.runner import Services
from intake.register.store import Register
from intake.deadlines.workdays import WorkdayCalendar


def open_services(config: Config) -> Services:
    register = Register(config.database)
    calendar = WorkdayCalendar.load(config.home)

    def engine_factory() -> Any:
        from intake.ocr.engines.base import create_engine
        return create_engine(config.ocr_engine)

    from intake.classifiers.nlp import build_pipeline
    return Services(config=config, register=register, calendar=calendar, engine_factory=engine_factory,
                    nlp=build_pipeline())
