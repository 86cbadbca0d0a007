"""A simulated bank for the local stage and the tests: what the agency's bank (the ODFI)
sends back after a file went out. `return_file` writes a NACHA return file for chosen
entries of a file the rail sent: each a return (R01...) or a notification of change
(C01...) with its corrected data, as an RDFI's would come through the ACH network
(NACHA Operating Rules, Appendix Four and Five; the layout of moov-io/ach's return and
COR samples, tests/unit/data/nacha)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from chalicelib.domain import nacha

# a debit's (or prenote's) return or NOC: transaction codes 26 and 36, counted as debits
# in the controls, under service class 200 (moov-io/ach's return-WEB.ach)
RETURN_CODES = {"27": "26", "28": "26", "37": "36", "38": "36"}
MIXED = "200"


@dataclass(frozen=True)
class Answer:
    """What the receiving bank says of one entry: a return code, or a change code with
    its corrected data (Appendix Five's layout: C01 the account number...)."""
    code: str
    corrected: str = ""


def _a(value: str, width: int) -> str:
    return str(value)[:width].ljust(width)


def _n(value: int, width: int) -> str:
    return str(int(value)).rjust(width, "0")


def return_file(sent: str, answers: dict[str, Answer], created: datetime,
                bank_routing: str = "091000019") -> str:
    """The bank's file answering the entries of `sent` whose traces `answers` names, a
    batch for the returns of each of its batches and one (SEC COR) for its changes."""
    lines = nacha.records(sent)
    header = lines[0]
    out = ["1" + "01" + header[3:13] + " " + bank_routing + created.strftime("%y%m%d%H%M")
           + "A094101" + _a(header[40:63], 23) + _a("SIMULATED BANK", 23) + " " * 8]
    Pairs = list[tuple[str, str]]  # an entry and its addenda
    batches: list[tuple[str, Pairs, Pairs]] = []  # a sent batch's header, returns, changes
    sequence = 0
    for line in lines[1:]:
        if line[0] == "5":
            batches.append((line, [], []))
        elif line[0] == "6" and line[79:94] in answers and batches:
            answer = answers[line[79:94]]
            sequence += 1
            trace = bank_routing[:8] + _n(sequence, 7)
            change = answer.code.startswith("C")
            entry = ("6" + RETURN_CODES[line[1:3]] + header[4:12] + header[12]
                     + line[12:29] + (_n(0, 10) if change else line[29:39])
                     + line[39:54] + line[54:76] + line[76:78] + "1" + trace)
            if change:
                batches[-1][2].append((entry, "798" + _a(answer.code, 3) + line[79:94]
                                       + " " * 6 + line[3:11] + _a(answer.corrected, 29)
                                       + " " * 15 + trace))
            else:
                batches[-1][1].append((entry, "799" + _a(answer.code, 3) + line[79:94]
                                       + " " * 6 + line[3:11] + " " * 44 + trace))
    totals = {"count": 0, "hash": 0, "debits": 0}
    number = 0
    for header5, batch_returns, batch_changes in batches:
        for pairs, sec, description in ((batch_returns, header5[50:53], header5[53:63]),
                                        (batch_changes, "COR", header5[53:63])):
            if not pairs:
                continue
            number += 1
            out.append("5" + MIXED + header5[4:50] + sec + description + header5[63:78]
                       + "1" + bank_routing[:8] + _n(number, 7))
            amount = sum(int(entry[29:39]) for entry, _ in pairs)
            hashed = nacha.entry_hash([entry[3:12] for entry, _ in pairs])
            for entry, addenda in pairs:
                out += [entry, addenda]
            out.append("8" + MIXED + _n(2 * len(pairs), 6) + _n(hashed, 10)
                       + _n(amount, 12) + _n(0, 12) + header5[40:50] + " " * 25
                       + bank_routing[:8] + _n(number, 7))
            totals["count"] += 2 * len(pairs)
            totals["hash"] = (totals["hash"] + hashed) % 10**10
            totals["debits"] += amount
    blocks = -(-(len(out) + 1) // nacha.BLOCK)
    out.append("9" + _n(number, 6) + _n(blocks, 6) + _n(totals["count"], 8)
               + _n(totals["hash"], 10) + _n(totals["debits"], 12) + _n(0, 12) + " " * 39)
    out += ["9" * nacha.RECORD] * (blocks * nacha.BLOCK - len(out))
    if any(len(line) != nacha.RECORD for line in out):
        raise ValueError("a record is not 94 characters")
    return "\n".join(out) + "\n"
