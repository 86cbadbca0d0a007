"""The agency's staff roles and what each may do. A staff route names its duty
(handlers/routing.py); a role may use the route when the duty is among its own. No role
holds every duty: the administrator, who manages logons and loads data, reads no case,
and only disbursement staff read a parent's full bank account number.

Who may change whose logon: an administrator anyone's but their own; a supervisor a
caseworker's or disbursement staff's, to one of those two roles. The last active
administrator is never disabled or moved to another role (nobody would be left to
manage the rest)."""
from __future__ import annotations

CASEWORKER = "caseworker"
DISBURSEMENT = "disbursement"
SUPERVISOR = "supervisor"
ADMINISTRATOR = "administrator"
ROLES = (CASEWORKER, DISBURSEMENT, SUPERVISOR, ADMINISTRATOR)

DUTIES: dict[str, frozenset[str]] = {
    # requests, messages, letters, codes, sign-in resets, documents
    "casework": frozenset({CASEWORKER, SUPERVISOR}),
    # who a member is (name, cases, a logon linked), before writing to them or paying them
    "members": frozenset({CASEWORKER, DISBURSEMENT, SUPERVISOR}),
    # loading the agency's case data (the system of record's interface)
    "records": frozenset({CASEWORKER, SUPERVISOR, ADMINISTRATOR}),
    # recording a payment received outside the portal (withholding, check, offset)
    "payments": frozenset({CASEWORKER, DISBURSEMENT, SUPERVISOR}),
    # a receiving parent's full bank account number, to pay them
    "disbursement": frozenset({DISBURSEMENT}),
    # staff logons: list, disable, enable, change role, sign out
    "staff": frozenset({SUPERVISOR, ADMINISTRATOR}),
    # the audit trail of staff actions and reads
    "audit": frozenset({SUPERVISOR, ADMINISTRATOR}),
    # what people said in the portal's short survey, a month at a time
    "feedback": frozenset({SUPERVISOR, ADMINISTRATOR}),
}
# the roles a supervisor may give and take
SUPERVISED = frozenset({CASEWORKER, DISBURSEMENT})


def is_staff(role: str | None) -> bool:
    return role in ROLES


def may(role: str | None, duty: str) -> bool:
    return role in DUTIES[duty]


def duties_of(role: str | None) -> list[str]:
    """The duties a role carries (what the web client shows it), in DUTIES' order."""
    return [duty for duty, roles in DUTIES.items() if role in roles]


def may_manage(actor_role: str, target_role: str, new_role: str | None = None) -> bool:
    """Whether a logon with `actor_role` may change one with `target_role` (to
    `new_role`, when the change is of role)."""
    if actor_role == ADMINISTRATOR:
        return new_role is None or new_role in ROLES
    if actor_role == SUPERVISOR:
        return target_role in SUPERVISED and (new_role is None or new_role in SUPERVISED)
    return False
