"""What the bank's return and change codes mean for a debit the agency sent (NACHA
Operating Rules, Appendix Four: return entries; Appendix Five: notification of change;
Subsection 2.12.4: reinitiation). Pure: a code in, what to do out.

- A return for want of funds (R01, R09) may be reinitiated at most twice, within 180 days
  of the original entry's settlement date (2.12.4): three presentments in all.
- A return that says the account is not usable (closed, not found, invalid, frozen, the
  holder dead) blocks the saved account: no entry goes to it again until the parent
  gives it again.
- A return that says the debit was not authorized (R05, R07, R10, R11, R29, R51) comes
  up to 60 days after settlement for a consumer account (R29: 2 banking days, a
  corporate account's) and stops the authorization: the automatic payments on the
  account stop, and the account is blocked.
- A notification of change gives corrected data the originator applies before its next
  entry to the account (within six banking days of receiving it)."""
from __future__ import annotations

from dataclasses import dataclass

REINITIATIONS = 2  # 2.12.4: an R01 or R09 entry may be reinitiated at most twice
REINITIATE_WITHIN_DAYS = 180  # of the original entry's settlement date
UNAUTHORIZED_RETURN_DAYS = 60  # calendar days after settlement, for a consumer account


@dataclass(frozen=True)
class ReturnCode:
    code: str
    reason: str
    reinitiate: bool = False  # may be presented again as it was (R01, R09)
    blocks_account: bool = False  # the saved account takes no further entry
    unauthorized: bool = False  # the authorization is revoked: automatic payments stop


_ACCOUNT = {"blocks_account": True}
_UNAUTHORIZED = {"blocks_account": True, "unauthorized": True}
RETURNS = {r.code: r for r in (
    ReturnCode("R01", "Insufficient funds", reinitiate=True),
    ReturnCode("R02", "Account closed", **_ACCOUNT),
    ReturnCode("R03", "No account, or the account could not be found", **_ACCOUNT),
    ReturnCode("R04", "Invalid account number", **_ACCOUNT),
    ReturnCode("R05", "Unauthorized debit to a consumer account", **_UNAUTHORIZED),
    ReturnCode("R06", "Returned at the agency's bank's request"),
    ReturnCode("R07", "Authorization revoked by the account holder", **_UNAUTHORIZED),
    ReturnCode("R08", "Payment stopped by the account holder"),
    ReturnCode("R09", "Uncollected funds", reinitiate=True),
    ReturnCode("R10", "The account holder says the debit was not authorized",
               **_UNAUTHORIZED),
    ReturnCode("R11", "The debit did not follow the terms of its authorization",
               unauthorized=True),
    ReturnCode("R12", "The account was sold to another bank", **_ACCOUNT),
    ReturnCode("R14", "The representative payee died", **_ACCOUNT),
    ReturnCode("R15", "The account holder died", **_ACCOUNT),
    ReturnCode("R16", "The account is frozen", **_ACCOUNT),
    ReturnCode("R17", "The entry could not be processed as sent"),
    ReturnCode("R20", "The account does not allow this payment", **_ACCOUNT),
    ReturnCode("R23", "The receiver refused the credit"),
    ReturnCode("R24", "Duplicate entry"),
    ReturnCode("R29", "The business account holder says the debit was not authorized",
               **_UNAUTHORIZED),
    ReturnCode("R51", "An item-related entry was ineligible or unauthorized",
               **_UNAUTHORIZED),
)}


# the reasons as a Spanish-speaking parent reads them in their notice
REASONS_ES = {
    "R01": "Fondos insuficientes", "R02": "Cuenta cerrada",
    "R03": "No hay cuenta, o no se pudo encontrar la cuenta",
    "R04": "Número de cuenta no válido",
    "R05": "Débito no autorizado a una cuenta personal",
    "R06": "Devuelto a pedido del banco de la agencia",
    "R07": "El titular de la cuenta revocó la autorización",
    "R08": "El titular de la cuenta detuvo el pago", "R09": "Fondos no disponibles",
    "R10": "El titular de la cuenta dice que el débito no fue autorizado",
    "R11": "El débito no siguió los términos de su autorización",
    "R12": "La cuenta fue vendida a otro banco", "R14": "El beneficiario representante falleció",
    "R15": "El titular de la cuenta falleció", "R16": "La cuenta está congelada",
    "R17": "No se pudo procesar el débito tal como se envió",
    "R20": "La cuenta no permite este pago", "R23": "El receptor rechazó el crédito",
    "R24": "Débito duplicado",
    "R29": "El titular de la cuenta comercial dice que el débito no fue autorizado",
    "R51": "Un débito relacionado con un cheque no era elegible o no fue autorizado",
}


def reason_in(code: str, language: str) -> str:
    """The return code's reason in the parent's language."""
    if language == "es":
        return REASONS_ES.get(code, "Devuelto por el banco")
    return return_code(code).reason


def return_code(code: str) -> ReturnCode:
    """The code's meaning; one the table does not name is returned, nothing more (no
    reinitiation, the account kept), and kept as received."""
    return RETURNS.get(code, ReturnCode(code, "Returned by the bank"))


def may_reinitiate(code: str, presented: int, days_since_settlement: int) -> bool:
    """Whether an entry returned with `code`, presented `presented` times so far (the
    first included), may be presented again now."""
    return (return_code(code).reinitiate and presented <= REINITIATIONS
            and days_since_settlement <= REINITIATE_WITHIN_DAYS)


@dataclass(frozen=True)
class Change:
    """What a notification of change corrects on the saved account."""
    routing: str | None = None
    account: str | None = None
    account_type: str | None = None  # checking | savings


# the transaction code a change names, as the account type it means (Appendix One)
ACCOUNT_TYPES = {"22": "checking", "27": "checking", "32": "savings", "37": "savings"}


def change(code: str, corrected: str) -> Change:
    """The corrected data of a C01, C02, C03, C05, C06 or C07 (Appendix Five's layouts);
    ValueError for another code or data that does not fit its layout (C04 and C09 correct
    the name or the individual id, which the agency corrects in its own records)."""
    data = corrected.rstrip()
    if code == "C01":
        return Change(account=_account(data))
    if code == "C02":
        return Change(routing=_routing(data[:9]))
    if code == "C03":  # routing, a space or more, account
        return Change(routing=_routing(data[:9]), account=_account(data[9:].strip()))
    if code == "C05":
        return Change(account_type=_type(data[:2]))
    if code == "C06":  # account in 17, transaction code
        return Change(account=_account(data[:17].strip()), account_type=_type(data[17:19]))
    if code == "C07":  # routing in 9, account in 17, transaction code
        return Change(routing=_routing(data[:9]), account=_account(data[9:26].strip()),
                      account_type=_type(data[26:28]))
    raise ValueError(f"{code} is not a change the saved account takes")


def _routing(value: str) -> str:
    if len(value) != 9 or not (value.isascii() and value.isdigit()):
        raise ValueError("a corrected routing number is 9 digits")
    return value


def _account(value: str) -> str:
    if not value or len(value) > 17:
        raise ValueError("a corrected account number is 1 to 17 characters")
    return value


def _type(value: str) -> str:
    if value not in ACCOUNT_TYPES:
        raise ValueError(f"{value!r} is not a transaction code of a debit account")
    return ACCOUNT_TYPES[value]
