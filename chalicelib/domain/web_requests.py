"""The web request engine: a request type is a declaration (its steps, each a pydantic
model of fields, who may file it and whether it concerns a case); this module validates
a step, reviews a whole request and never knows one type from another.

Every type starts with the same two steps, as the Alaska portal's requests do: "About"
(what the request is; the parent confirms they read it) and "Your Information" (name,
contact and mailing address, filled in from the profile). Its own steps follow; then
review and submit."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field, ValidationError

from chalicelib.domain import field_words
from chalicelib.domain.fields import AddressIn, Name, PhoneNumber

DRAFT_DAYS = 30
Filer = Literal["obligor", "obligee", "anyone"]


class Fields(BaseModel):
    """A step's fields: unknown ones refused, nothing coerced from strings."""
    model_config = ConfigDict(extra="forbid", str_max_length=2000, str_strip_whitespace=True)


class About(Fields):
    understood: Literal[True] = Field(description="I have read what this request is for.")


class YourInformation(Fields):
    first_name: Name
    last_name: Name
    phone: PhoneNumber | None = None
    email: EmailStr
    mailing_address: AddressIn


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    fields: type[Fields]


COMMON_STEPS = (Step("about", "About", About), Step("your_information", "Your Information",
                                                     YourInformation))


@dataclass(frozen=True)
class RequestType:
    id: str
    group: str
    title: str
    about: str  # the About step's text
    filers: tuple[Filer, ...]
    needs_case: bool
    own_steps: tuple[Step, ...] = ()
    # what happens by itself: "on_submit" effects are done at once ("processed
    # immediately"): the name of a service function
    on_submit: str | None = None
    # a change done at once that the agency still carries into its own system: it waits
    # in the worklist's "to record" queue until staff mark it recorded
    agency_records: bool = False
    keywords: tuple[str, ...] = field(default=())
    formal: str = ""  # the agency's own name of the form, where the title is a plainer one

    @property
    def steps(self) -> tuple[Step, ...]:
        return COMMON_STEPS + self.own_steps

    def step(self, step_id: str) -> Step | None:
        return next((s for s in self.steps if s.id == step_id), None)

    def may_file(self, role: str | None) -> bool:
        """Whether a parent with this role on the case (None: no case) may file it."""
        if "anyone" in self.filers:
            return True
        return role in self.filers


class StepInvalid(ValueError):
    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__("invalid step")
        self.problems = problems


def validate_step(step: Step, data: Any, language: str = "en") -> dict[str, Any]:
    """The step's fields as stored (JSON types), or StepInvalid with a message per field,
    in the project's words (field_words.py) and the language."""
    try:
        return step.fields.model_validate(data).model_dump(mode="json")
    except ValidationError as error:
        problems: dict[str, str] = {}
        for item in error.errors(include_url=False, include_input=False):
            where = ".".join(str(part) for part in item["loc"]) or "step"
            problems.setdefault(where, field_words.message(item, language))
        raise StepInvalid(problems) from None


def review(request_type: RequestType, answers: dict[str, dict[str, Any]],
           language: str = "en") -> dict[str, dict[str, str]]:
    """What is missing or wrong, by step (empty when the request can be submitted).
    Saved answers are checked again: a rule may have changed since they were saved."""
    problems: dict[str, dict[str, str]] = {}
    for step in request_type.steps:
        if step.id not in answers:
            problems[step.id] = {"step": "This step is not complete."}
            continue
        try:
            validate_step(step, answers[step.id], language)
        except StepInvalid as invalid:
            problems[step.id] = invalid.problems
    return problems


def schema(step: Step) -> dict[str, Any]:
    """The step's fields as JSON Schema, for a client to draw the form."""
    return step.fields.model_json_schema()
