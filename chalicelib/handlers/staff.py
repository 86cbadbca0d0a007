"""Staff logons, for supervisors and administrators: the list, disabling and enabling,
another role, signing out everywhere (services/staff.py; domain/staff_roles.py says who
may change whose); and the audit trail of what staff read and did (services/audit.py)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from chalicelib.handlers.routing import Routes, route
from chalicelib.models import lazy
from chalicelib.services import audit, staff
from chalicelib.services.scope import Caller

if TYPE_CHECKING:  # the checker reads the models; a request builds them (models/__init__.py)
    from chalicelib.models import staff as m
else:
    m = lazy("staff")

bp = Routes(__name__)
TAG = "Agency"


def _out(user) -> "m.StaffLogonOut":
    return m.StaffLogonOut(user_id=user.user_id, email=user.email,
                           name=f"{user.first_name} {user.last_name}", role=user.role,
                           status="disabled" if user.status == "disabled" else "active")


@route(bp, "/agency/staff", summary="Every staff logon: name, role, active or disabled",
       tag=TAG, response=m.StaffListOut, auth="staff", duty="staff")
def list_staff(caller: Caller):
    return m.StaffListOut(items=[_out(u) for u in staff.logons()])


@route(bp, "/agency/staff/{user_id}/disable", "POST",
       summary="Disable a staff logon: no sign-in, its sessions ended", tag=TAG,
       response=m.StaffLogonOut, auth="staff", duty="staff", errors_=(404, 409))
def disable_staff(caller: Caller, user_id: str):
    return _out(staff.disable(caller, user_id))


@route(bp, "/agency/staff/{user_id}/enable", "POST", summary="Enable a disabled staff logon",
       tag=TAG, response=m.StaffLogonOut, auth="staff", duty="staff", errors_=(404, 409))
def enable_staff(caller: Caller, user_id: str):
    return _out(staff.enable(caller, user_id))


@route(bp, "/agency/staff/{user_id}/role", "POST",
       summary="Move a staff logon to another role (its sessions end)", tag=TAG,
       body=m.StaffRoleIn, response=m.StaffLogonOut, auth="staff", duty="staff",
       errors_=(404, 409))
def change_staff_role(caller: Caller, user_id: str, body):
    return _out(staff.change_role(caller, user_id, body.role))


@route(bp, "/agency/staff/{user_id}/sign-out", "POST",
       summary="End every session of a staff logon", tag=TAG, response=m.SignedOutOut,
       auth="staff", duty="staff", errors_=(404,))
def sign_out_staff(caller: Caller, user_id: str):
    return m.SignedOutOut(sessions_ended=staff.sign_out(caller, user_id))


@route(bp, "/agency/audit", summary="The audit trail of what staff read and did, by member "
       "or by staff member, newest first", tag=TAG, query=m.AuditQuery, response=m.AuditOut,
       auth="staff", duty="audit")
def audit_trail(caller: Caller, query):
    found = audit.search(member_id=query.member_id, staff_id=query.staff_id,
                         limit=query.limit, cursor=query.cursor)
    return m.AuditOut(events=[m.AuditEventOut(**e) for e in found.events],
                      next_cursor=found.next_cursor)
