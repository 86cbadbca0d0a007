"""The Calculate Arrears Payment tool: pay a balance off over a number of months, or
at a monthly amount. Integer cents; the last payment takes what is left."""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from chalicelib.domain.money import half_up

MAX_MONTHS = 600  # 50 years
MIN_PAYMENT = 100  # $1.00


class ImpossiblePlan(ValueError):
    """The inputs cannot make a plan; the message says why, in plain words."""


@dataclass(frozen=True)
class Installment:
    month: int
    payment: int
    remaining: int


@dataclass(frozen=True)
class Plan:
    balance: int
    months: int
    monthly: int
    last_payment: int
    schedule: list[Installment]


def plan(balance: int, *, months: int | None = None, monthly: int | None = None) -> Plan:
    if balance <= 0:
        raise ImpossiblePlan("There is no arrears balance to pay.")
    if (months is None) == (monthly is None):
        raise ImpossiblePlan("Give either a number of months or a monthly amount, not both.")
    if months is not None:
        if not 1 <= months <= MAX_MONTHS:
            raise ImpossiblePlan(f"Choose from 1 to {MAX_MONTHS} months.")
        monthly = -(-balance // months)  # round up so the last payment is the smallest
    if monthly is None:  # neither was given
        raise ImpossiblePlan("Give a number of months or a monthly amount.")
    if monthly < MIN_PAYMENT:
        raise ImpossiblePlan("The monthly payment must be at least $1.00.")
    count = -(-balance // monthly)
    if count > MAX_MONTHS:
        raise ImpossiblePlan(f"At that amount it would take more than {MAX_MONTHS // 12} years. "
                             "Choose a larger monthly amount.")
    schedule, remaining = [], balance
    for month in range(1, count + 1):
        payment = min(monthly, remaining)
        remaining -= payment
        schedule.append(Installment(month, payment, remaining))
    return Plan(balance, count, monthly, schedule[-1].payment, schedule)


@dataclass(frozen=True)
class Payoff:
    months: int
    interest: int  # the interest charged meanwhile, all paid by the last month


def payoff_with_interest(balance: int, monthly: int, annual_percent: Fraction) -> Payoff:
    """How long `monthly` takes to pay `balance` of support while simple interest accrues
    on what is unpaid of it each month (the state's rate, e.g. AS 25.27.025's 6% a year,
    charged as 15 AAC 125.840(a) does), each payment paying principal first, then the
    interest (the state's order). Raises ImpossiblePlan past MAX_MONTHS."""
    if balance <= 0 or monthly < MIN_PAYMENT:
        raise ImpossiblePlan("Give an arrears balance and a monthly amount of at least $1.00.")
    principal, interest, charged = balance, 0, 0
    for month in range(1, MAX_MONTHS + 1):
        paid = min(monthly, principal)
        principal -= paid
        interest -= min(monthly - paid, interest)
        if principal == 0 and interest == 0:
            return Payoff(month, charged)
        accrued = half_up(Fraction(principal) * annual_percent / 1200)
        interest += accrued
        charged += accrued
    raise ImpossiblePlan(f"At that amount it would take more than {MAX_MONTHS // 12} years. "
                         "Choose a larger monthly amount.")
