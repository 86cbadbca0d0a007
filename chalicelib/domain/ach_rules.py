"""The agency's ACH origination as its bank agreed it (the state's data file, ach.json),
and the dates that follow from NACHA's rules: which day's file an entry goes in, its
effective entry date, and when a prenotified account may be debited. Pure."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from chalicelib.domain import banking_days
from chalicelib.domain.nacha import Origin

# NACHA Operating Rules, Subsection 2.6.2: after a prenotification, live entries may
# start on the third banking day after the prenote's settlement date (a return or a
# notice of change by then says the account will not take them as they are)
PRENOTE_WAIT_BANKING_DAYS = 3
# The effective entry date the agency asks for: the next banking day after the file goes
# out (Subsection 2.3.2.4 lets a debit settle no sooner than the next banking day)
EFFECTIVE_AFTER_BANKING_DAYS = 1
VALIDATIONS = ("prenote", "none")


@dataclass(frozen=True)
class Rules:
    origin: Origin
    cutoff: time  # the bank's cut-off for the day's file, in its time zone
    zone: ZoneInfo
    margin: timedelta  # the portal closes the day's file this long before the cut-off
    online_sec: str  # WEB: the parent authorized it online
    paper_sec: str | None  # PPD: debits on a written authorization; None: none taken
    description: str  # the company entry description on the parent's statement (10)
    retry_description: str  # "RETRY PYMT": 2.12.4 requires it on a reinitiated entry
    validation: str  # prenote | none (the state's own validation service: none here)
    first_debit_waits: bool  # a debit from an account not yet validated waits for it
    reinitiations: int  # R01/R09 re-presentments the agency makes, 0 to 2 (2.12.4)

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> "Rules":
        bank = data["bank"]
        hours, minutes = (int(part) for part in str(data["cutoff"]).split(":"))
        rules = cls(
            origin=Origin(destination=bank["routing_number"], destination_name=bank["name"],
                          origin=data["immediate_origin"], origin_name=data["origin_name"],
                          company_name=data["company_name"], company_id=data["company_id"],
                          odfi=bank["routing_number"][:8]),
            cutoff=time(hours, minutes), zone=ZoneInfo(data["cutoff_timezone"]),
            margin=timedelta(minutes=int(data["close_minutes_before_cutoff"])),
            online_sec=data.get("online_sec", "WEB"), paper_sec=data.get("paper_sec"),
            description=data["entry_description"],
            retry_description=data.get("retry_description", "RETRY PYMT"),
            validation=data["validation"],
            first_debit_waits=bool(data["first_debit_waits_for_validation"]),
            reinitiations=int(data["reinitiations"]))
        if rules.validation not in VALIDATIONS:
            raise ValueError(f"validation must be one of {VALIDATIONS}")
        if not 0 <= rules.reinitiations <= 2:
            raise ValueError("reinitiations must be 0, 1 or 2 (NACHA 2.12.4)")
        return rules

    def closes(self, day: date) -> datetime:
        """When the portal closes `day`'s file: the bank's cut-off less the margin."""
        return datetime.combine(day, self.cutoff, self.zone) - self.margin

    def file_day(self, now: datetime) -> date:
        """The file an entry made now goes in: today's if it is a banking day and its file
        has not closed, else the next banking day's."""
        today = now.astimezone(self.zone).date()
        if banking_days.is_banking_day(today) and now < self.closes(today):
            return today
        return banking_days.after(today)

    @staticmethod
    def effective(file_day: date) -> date:
        """The effective entry date of the debits in `file_day`'s file."""
        return banking_days.after(file_day, EFFECTIVE_AFTER_BANKING_DAYS)

    @staticmethod
    def prenote_passes(prenote_effective: date) -> date:
        """The day an account prenotified with this effective (settlement) date may be
        debited, no return having come."""
        return banking_days.after(prenote_effective, PRENOTE_WAIT_BANKING_DAYS)


def ach_name(name: str, width: int = 22) -> str:
    """A name as an ACH record takes it: upper-case ASCII letters, digits and spaces
    (accents dropped, other marks removed), cut to its field."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    kept = "".join(c if c.isalnum() or c == " " else " " for c in plain.upper())
    return " ".join(kept.split())[:width]
