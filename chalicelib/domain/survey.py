"""The portal's short survey (Arizona's "Customer Portal Survey: Have feedback on our
website?"): how easy the portal was, what the person came to do and whether they got it
done, and what else they want to say. Anonymous: no name, no logon, no address. A
month's answers add up to the report staff read."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

RATINGS = (1, 2, 3, 4, 5)  # 1 very hard to use ... 5 very easy
TASKS = ("pay", "balance", "request", "message", "link_case", "other")
OUTCOMES = ("yes", "partly", "no")
COMMENTS_SHOWN = 100  # a report's newest comments
THANKS = {"en": "Thank you. We read every answer to make the portal better.",
          "es": "Gracias. Leemos cada respuesta para mejorar el portal."}


@dataclass(frozen=True)
class Answer:
    rating: int
    task: str
    done: str
    comments: str | None
    language: str
    answered_at: str  # ISO 8601


@dataclass
class Report:
    month: str
    answers: int = 0
    ratings: dict[int, int] = field(default_factory=lambda: dict.fromkeys(RATINGS, 0))
    tasks: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TASKS, 0))
    done: dict[str, int] = field(default_factory=lambda: dict.fromkeys(OUTCOMES, 0))
    comments: list[Answer] = field(default_factory=list)

    @property
    def average_tenths(self) -> int | None:
        """The average rating in tenths, rounded half up (42: 4.2); None with no answers."""
        if not self.answers:
            return None
        total = sum(r * n for r, n in self.ratings.items())
        return (total * 20 + self.answers) // (self.answers * 2)


def report(month: str, answers: Iterable[Answer]) -> Report:
    """A month's answers added up, its newest comments first."""
    made = Report(month)
    with_comments = []
    for a in answers:
        made.answers += 1
        made.ratings[a.rating] += 1
        made.tasks[a.task] += 1
        made.done[a.done] += 1
        if a.comments:
            with_comments.append(a)
    with_comments.sort(key=lambda a: a.answered_at, reverse=True)
    made.comments = with_comments[:COMMENTS_SHOWN]
    return made
