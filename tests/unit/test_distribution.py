"""The distribution engine (chalicelib/domain/distribution.py) against the statute text:
42 U.S.C. 657(a) and 45 CFR 302.51 for the order, 42 U.S.C. 664 and 45 CFR 303.72(h)
for tax refund offsets. Integer cents."""
from hypothesis import given
from hypothesis import strategies as st

from chalicelib.domain.distribution import (
    INTERCEPTS,
    SOURCES,
    CaseOwed,
    Debt,
    Rules,
    distribute,
    prorate,
)

NOW = "2026-03"


def support(period: str, cents: int, owner: str = "family") -> Debt:
    return Debt("support", period, owner, cents)


def paid_to(allocation, period: str, owner: str | None = None) -> int:
    return sum(p.cents for p in allocation.paid if p.debt.period == period
               and (owner is None or p.debt.owner == owner))


def test_an_offset_pays_past_due_support_only_42_usc_664_and_45_cfr_303_72():
    """"...the amount of any past-due support owed" (42 U.S.C. 664(a)(1)): a federal or
    state tax refund offset never pays the month's current support."""
    debts = [support(NOW, 50000), support("2026-01", 20000)]
    for source in ("federal_tax_offset", "state_tax_offset", "unemployment_intercept",
                   "lottery_intercept", "pfd_garnishment"):
        allocation = distribute(debts, "never", source, 60000, NOW)
        assert paid_to(allocation, NOW) == 0, source
        assert paid_to(allocation, "2026-01") == 20000
        assert allocation.left_over == 40000  # not current support: the state's rule says


def test_a_check_pays_current_support_first_then_the_oldest_arrears_45_cfr_302_51():
    debts = [support(NOW, 50000), support("2025-12", 10000), support("2026-01", 20000)]
    allocation = distribute(debts, "never", "check", 65000, NOW)
    assert paid_to(allocation, NOW) == 50000
    assert paid_to(allocation, "2025-12") == 10000  # the oldest arrears next
    assert paid_to(allocation, "2026-01") == 5000
    assert allocation.left_over == 0 and allocation.to("family") == 65000


# a former-assistance case: this month's support, arrears assigned to the state in 2024
# and newer ones owed to the family
FORMER = [support(NOW, 30000), support("2024-06", 40000, "state"),
          support("2025-11", 25000, "family")]


def test_former_assistance_pays_the_family_before_the_state_42_usc_657_a_2_b():
    """657(a)(2)(B)(i)-(ii): for a family that no longer receives assistance, arrears owed
    to the family are paid before the arrears assigned to the state, even older ones."""
    debts = FORMER
    allocation = distribute(debts, "former", "income_withholding", 60000, NOW)
    assert paid_to(allocation, NOW) == 30000
    assert paid_to(allocation, "2025-11", "family") == 25000
    assert paid_to(allocation, "2024-06", "state") == 5000
    assert allocation.to("family") == 55000 and allocation.to("state") == 5000


def test_a_federal_offset_pays_the_state_first_for_former_assistance_42_usc_657_a_2_b_iv():
    """657(a)(2)(B)(iv): an amount collected by federal tax refund offset is retained by the
    state to the extent of assigned arrears, then paid to the family."""
    debts = FORMER
    allocation = distribute(debts, "former", "federal_tax_offset", 50000, NOW)
    assert paid_to(allocation, NOW) == 0
    assert paid_to(allocation, "2024-06", "state") == 40000
    assert paid_to(allocation, "2025-11", "family") == 10000
    # a state intercept keeps the family-first order
    state = distribute(debts, "former", "state_tax_offset", 50000, NOW)
    assert paid_to(state, "2025-11", "family") == 25000 and state.to("state") == 25000


def test_current_assistance_is_retained_by_the_state_42_usc_657_a_1():
    """657(a)(1)(A): while the family receives assistance, current support and assigned
    arrears reimburse the state; nothing reaches the family without a pass-through."""
    debts = [support(NOW, 30000, "state"), support("2025-10", 20000, "state")]
    allocation = distribute(debts, "current", "income_withholding", 40000, NOW)
    assert allocation.to("family") == 0 and allocation.to("state") == 40000
    assert all(p.kept_by == "state" for p in allocation.paid)


def test_a_pass_through_gives_the_family_its_share_of_current_support_42_usc_657_a_6_b():
    debts = [support(NOW, 30000, "state"), support("2025-10", 20000, "state")]
    allocation = distribute(debts, "current", "check", 40000, NOW,
                            Rules(pass_through_cents=5000))
    assert allocation.to("family") == 5000 and allocation.to("state") == 35000
    current = [p for p in allocation.paid if p.current]
    assert sorted(p.cents for p in current) == [5000, 25000]


def test_interest_and_fees_are_their_own_buckets_in_the_states_order():
    debts = [Debt("interest", "2025-12", "family", 300), support("2025-12", 10000),
             Debt("fee", "2025-11", "family", 2500)]
    principal_first = distribute(debts, "never", "check", 10200, NOW)
    assert [(p.debt.kind, p.cents) for p in principal_first.paid] == [
        ("support", 10000), ("interest", 200)]
    interest_first = distribute(debts, "never", "check", 10200, NOW,
                                Rules(kind_order=("interest", "fee", "support")))
    assert [(p.debt.kind, p.cents) for p in interest_first.paid] == [
        ("interest", 300), ("fee", 2500), ("support", 7400)]


def test_a_debt_not_yet_due_is_not_paid_and_more_than_owed_is_left_over():
    debts = [support("2026-04", 50000), support(NOW, 10000)]
    allocation = distribute(debts, "never", "portal", 25000, NOW)
    assert paid_to(allocation, "2026-04") == 0
    assert allocation.left_over == 15000


debt_strategy = st.builds(
    Debt, kind=st.sampled_from(["support", "interest", "fee"]),
    period=st.sampled_from(["2025-10", "2025-11", "2025-12", "2026-01", NOW, "2026-04"]),
    owner=st.sampled_from(["family", "state"]), cents=st.integers(0, 10 ** 7))


@given(debts=st.lists(debt_strategy, max_size=12), history=st.sampled_from(
    ["never", "former", "current"]), source=st.sampled_from(sorted(SOURCES)),
    cents=st.integers(0, 5 * 10 ** 7), pass_through=st.integers(0, 10 ** 5))
def test_never_more_than_the_payment_nor_more_than_a_debt(debts, history, source, cents,
                                                          pass_through):
    """Whatever the case: the parts and what is left add up to the payment, no part is
    negative, no debt is paid beyond what it owes, an intercept pays no current support
    (42 U.S.C. 664), and nothing is paid that is not yet due."""
    allocation = distribute(debts, history, source, cents, NOW,
                            Rules(pass_through_cents=pass_through))
    assert sum(p.cents for p in allocation.paid) + allocation.left_over == cents
    assert allocation.left_over >= 0 and all(p.cents > 0 for p in allocation.paid)
    for debt in set(debts):
        took = sum(p.cents for p in allocation.paid if p.debt == debt)
        assert took <= debt.cents * debts.count(debt)
    assert all(p.debt.period <= NOW for p in allocation.paid)
    if source in INTERCEPTS:
        assert not any(p.current for p in allocation.paid)
    owed = sum(d.cents for d in debts if d.period <= NOW and not (
        source in INTERCEPTS and d.period == NOW and d.kind == "support"))
    assert allocation.left_over == max(cents - owed, 0)


def test_the_familys_arrears_are_the_states_while_assistance_continues_42_usc_608_a_3():
    """608(a)(3): a family receiving assistance assigns its rights to support, arrears that
    accrued before assistance included, for as long as assistance lasts; the state keeps
    what it collects on them (657(a)(1))."""
    debts = [support(NOW, 30000, "state"), support("2024-10", 20000, "family")]
    allocation = distribute(debts, "current", "check", 50000, NOW)
    assert paid_to(allocation, "2024-10", "family") == 20000
    assert allocation.to("family") == 0 and allocation.to("state") == 50000


# -- one collection for several cases ----------------------------------------------------

THREE = [CaseOwed("100000003", 30000, (("2026-01", 10000),)),
         CaseOwed("100000001", 50000, (("2025-11", 20000),)),
         CaseOwed("100000002", 20000, ())]


def test_current_support_is_prorated_by_each_cases_current_amount_45_cfr_303_100_a_5():
    """Less than the cases' current support together ($1,000): each case gets its
    proportion of the $600 (50%, 30%, 20%), arrears nothing."""
    assert prorate(THREE, 60000) == {"100000001": 30000, "100000002": 12000,
                                     "100000003": 18000}


def test_after_current_support_arrears_oldest_first_across_the_cases_45_cfr_303_100():
    """$1,250: every case's current support ($1,000), then the oldest arrears of any case
    (November's, case 1: $200), then January's (case 3: $50)."""
    assert prorate(THREE, 125000) == {"100000001": 70000, "100000002": 20000,
                                      "100000003": 35000}


def test_more_than_all_three_owe_is_a_credit_on_the_first_case():
    assert prorate(THREE, 140000) == {"100000001": 80000, "100000002": 20000,
                                      "100000003": 40000}


def test_a_proportion_in_cents_still_adds_up():
    """$1.00 over three equal cases: 34, 33, 33 (the largest remainders, then case order)."""
    equal = [CaseOwed(f"10000000{i}", 1000) for i in (1, 2, 3)]
    assert prorate(equal, 100) == {"100000001": 34, "100000002": 33, "100000003": 33}


@given(owed=st.lists(st.tuples(st.integers(0, 10 ** 6), st.integers(0, 10 ** 6)),
                     min_size=1, max_size=6), cents=st.integers(0, 10 ** 7))
def test_a_split_never_loses_or_makes_a_cent(owed, cents):
    cases = [CaseOwed(f"20000000{i}", current, (("2026-01", arrears),))
             for i, (current, arrears) in enumerate(owed)]
    split = prorate(cases, cents)
    assert sum(split.values()) == cents and all(v >= 0 for v in split.values())
    total_current = sum(c.current for c in cases)
    if cents <= total_current:  # no case gets more than its current support
        assert all(split[c.case_id] <= c.current for c in cases)
