"""Agency staff routes: caseworker sessions only."""
from __future__ import annotations

from collections import Counter

from chalice import Blueprint

from chalicelib.clock import utc_now
from chalicelib.handlers.routing import route
from chalicelib.models import lazy
from chalicelib.services import association, case_data
from chalicelib.services.sessions import Caller

bp = Blueprint(__name__)
m = lazy("staff")
TAG = "Agency"


@route(bp, "/agency/records", "POST",
       summary="Load or update case data from the system of record (idempotent)", tag=TAG,
       body=m.RecordsIn, response=m.RecordsOut, auth="staff")
def load_records(caller: Caller, body):
    results = case_data.load(body.records, utc_now())
    return m.RecordsOut(results=[m.RecordResult(**r.__dict__) for r in results],
                        counts=dict(Counter(r.status for r in results)))


@route(bp, "/agency/members/{member_id}/redeem-codes", "POST",
       summary="Issue a single-use redeem code to mail to a member", tag=TAG,
       response=m.RedeemCodeOut, status=201, auth="staff", errors_=(404,))
def issue_redeem_code(caller: Caller, member_id: str):
    code, expires_at = association.issue_redeem_code(member_id, utc_now())
    return m.RedeemCodeOut(code=code, member_id=member_id, expires_at=expires_at)
