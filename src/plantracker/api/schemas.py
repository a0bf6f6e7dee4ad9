"""Response shapes. Those filled from plain dicts are pydantic models (validated in pydantic's
core, fast for lists of thousands); those filled from model instances are ninja Schemas, which
read attributes."""

from ninja import Schema
from pydantic import BaseModel, Field


class OrganisationOut(Schema):
    name: str
    slug: str


class PlanOut(BaseModel):
    slug: str
    title: str
    organisation: str
    period: str | None
    status: str


class UpdateOut(BaseModel):
    period: str
    text: str
    rag: str | None
    stage: str | None


class Withdrawn(BaseModel):
    on: str = Field(description="The day it was withdrawn, YYYY-MM-DD.")
    reason: str


class ActionOut(BaseModel):
    ref: str
    title: str
    theme: str | None
    role: str | None
    scope: str | None
    lead: str | None
    partners: list[str]
    timescale: str | None
    start: str | None
    end: str | None
    cost: str | None
    carbon: str | None
    score: float | None
    recorded_score: float | None
    stage: str | None
    rag: str | None
    objectives: list[str]
    owner: str | None
    estimated_tco2e: float | None
    success_measure: str | None
    withdrawn: Withdrawn | None = Field(
        None, description="Set when the action was withdrawn: kept, but not counted."
    )


class ActionDetailOut(ActionOut):
    updates: list[UpdateOut]


class ErrorOut(Schema):
    detail: str
