"""Access Management: grant, change and revoke third-party access; accept an invitation;
act on another parent's account; give up access; Cancel Access (Settings)."""
from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from chalicelib.clock import utc_now
from chalicelib.handlers.routing import Routes, route
from chalicelib.models import lazy
from chalicelib.services import access, association
from chalicelib.services.scope import PERMISSIONS, Caller

if TYPE_CHECKING:  # the checker reads the models; a request builds them (models/__init__.py)
    from chalicelib.models import access as m
else:
    m = lazy("access")

bp = Routes(__name__)
TAG = "Access management"


def _grant(g):
    return m.GrantOut(grant_id=g.grant_id, email=g.invited_email, delegate_name=g.delegate_name,
                      permissions=sorted(g.permissions),
                      full_access=set(g.permissions) == set(PERMISSIONS),
                      cases=g.cases, ends_on=date.fromisoformat(g.ends_on) if g.ends_on else None,
                      status=g.status, created_at=g.created_at, accepted_at=g.accepted_at,
                      ended_at=g.ended_at)


@route(bp, "/access/grants", summary="People I gave access to my account", tag=TAG,
       response=m.GrantsOut)
def list_grants(caller: Caller):
    return m.GrantsOut(grants=[_grant(g) for g in access.granted(caller)])


@route(bp, "/access/grants", "POST", summary="Grant third-party access (an emailed "
       "invitation; recent sign-in)", tag=TAG, body=m.GrantIn, response=m.GrantOut,
       status=201, errors_=(403, 409), rate=(20, 3600))
def grant(caller: Caller, body):
    return _grant(access.grant(caller, body.email, body.permissions, body.cases, body.ends_on,
                               utc_now()))


@route(bp, "/access/grants/{grant_id}", "PUT", summary="Change what a person may do",
       tag=TAG, body=m.GrantTerms, response=m.GrantOut, errors_=(404, 409))
def change_grant(caller: Caller, grant_id: str, body):
    return _grant(access.change(caller, grant_id, body.permissions, body.cases, body.ends_on,
                                utc_now()))


@route(bp, "/access/grants/{grant_id}", "DELETE", summary="Revoke a person's access", tag=TAG,
       status=204, errors_=(404,))
def revoke_grant(caller: Caller, grant_id: str) -> None:
    access.revoke(caller, grant_id, utc_now())


@route(bp, "/access/invitations/read", "POST", summary="Who sent an invitation and to which "
       "address (the page its link opens, before signing in or registering)", tag=TAG,
       body=m.AcceptIn, response=m.InvitationOut, auth=False, errors_=(410,), rate=(30, 3600))
def read_invitation(body):
    found = access.invitation(body.token, utc_now())
    return m.InvitationOut(parent_name=found.grantor_name, email=found.invited_email)


@route(bp, "/access/invitations/accept", "POST", summary="Accept an invitation to another "
       "parent's account", tag=TAG, body=m.AcceptIn, response=m.AccountOut, errors_=(403, 410))
def accept(caller: Caller, body):
    return _account(access.accept(caller, body.token, utc_now()))


def _account(g):
    return m.AccountOut(grant_id=g.grant_id, parent_name=g.grantor_name,
                        permissions=sorted(g.permissions), cases=g.cases,
                        ends_on=date.fromisoformat(g.ends_on) if g.ends_on else None)


@route(bp, "/access/accounts", summary="Accounts I may act on, and which this session uses",
       tag=TAG, response=m.AccountsOut, permission="any")
def accounts(caller: Caller):
    return m.AccountsOut(acting_as=caller.acting_as, accounts=[
        _account(g) for g in access.accounts(caller, utc_now())])


@route(bp, "/access/act-as", "POST", summary="Act on another parent's account (or on my "
       "own again)", tag=TAG, body=m.ActAsIn, response=m.AccountsOut, errors_=(404,),
       permission="any")
def act_as(caller: Caller, body):
    access.act_as(caller, body.grant_id, utc_now())
    return m.AccountsOut(acting_as=body.grant_id, accounts=[
        _account(g) for g in access.accounts(caller, utc_now())])


@route(bp, "/access/accounts/{grant_id}", "DELETE", summary="Give up my access to another "
       "parent's account (Manage My Access)", tag=TAG, status=204, errors_=(404,),
       permission="any")
def give_up(caller: Caller, grant_id: str) -> None:
    access.give_up(caller, grant_id, utc_now())


@route(bp, "/me/cancel-access", "POST", summary="Cancel Access: unlink my logon from my "
       "member record, ending my and my delegates' access to the cases", tag=TAG,
       body=m.CancelAccessIn, status=204, errors_=(403, 409, 429))
def cancel_access(caller: Caller, body) -> None:
    association.cancel_access(caller, body.password, utc_now())
