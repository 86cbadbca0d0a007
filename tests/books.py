"""The check that every case's stored book is its ledger replayed (issue #23, step 7):
what the balances show is exactly what the stored distribution paid."""
from __future__ import annotations

from chalicelib.dal import agency
from chalicelib.dal.agency import CaseItem
from chalicelib.services import case_ledger


def disagreements() -> list[str]:
    """Every case whose book is not what its ledger replays to (a test may Scan)."""
    found = []
    for case in CaseItem.scan(CaseItem.item == agency.CASE):
        items, _ = agency.case_items(case.case_id, "LEDGER#")
        book, _ = case_ledger.replayed(case, items)
        if case_ledger.book_of(case) != book:
            found.append(f"case {case.case_id}: its book is not its ledger's")
    return found
