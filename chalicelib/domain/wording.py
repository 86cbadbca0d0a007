"""What the API writes for people, in English and Spanish: request types' names (the
Spanish in chalicelib/data/es/request_types.json, checked complete by a test) and the
Action Center's items."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"


@dataclass(frozen=True)
class TypeWords:
    title: str
    about: str
    group: str
    steps: dict[str, str]  # step id: title


@cache
def _spanish() -> dict:
    return json.loads((DATA / "es" / "request_types.json").read_text())


def request_type(t, language: str) -> TypeWords:
    """A request type's title, description, group and step titles in the language."""
    english = TypeWords(t.title, t.about, t.group, {s.id: s.title for s in t.steps})
    if language != "es":
        return english
    es = _spanish()
    title, about = es["types"].get(t.id, (t.title, t.about))
    return TypeWords(title, about, es["groups"].get(t.group, t.group),
                     {s.id: es["steps"].get(s.title, s.title) for s in t.steps})


ACTION = {
    "unread_one": ("You have an unread {what}", "Tiene {what_es} sin leer"),
    "unread_many": ("You have {count} unread {what}s", "Tiene {count} {what_es_plural} sin leer"),
    "unread_detail": ("{What}s sent to you may contain important information about your "
                      "accounts.",
                      "{What_es} que le enviamos pueden tener información importante sobre "
                      "sus cuentas."),
    "draft": ("{title} hasn't been submitted", "{title}: todavía no se envió"),
    "draft_detail": ("You started a submission but haven't completed it yet. It expires if "
                     "it is not submitted by {date}.",
                     "Empezó una solicitud pero todavía no la termina. Vence si no la envía "
                     "antes del {date}."),
    "request_updated": ("{title}: {status}", "{title}: {status_es}"),
    "request_updated_detail": ("Your request {confirmation} is {status}.",
                               "Su solicitud {confirmation} está {status_es}."),
    "link_case": ("Find my existing case", "Encontrar mi caso existente"),
    "link_case_detail": ("Link your logon to your child support case to see it here.",
                         "Vincule su cuenta con su caso de manutención para verlo aquí."),
    "code_waiting": ("A code from the agency opens: {title}",
                     "Un código de la agencia abre: {title}"),
    "code_waiting_detail": ("Enter the code from the letter, email or text we sent you to "
                            "open it.",
                            "Escriba el código de la carta, el correo o el mensaje de texto "
                            "que le enviamos para abrirla."),
    "balance_due": ("{amount} balance due", "Saldo vencido de {amount}"),
    "balance_due_detail": ("You have a balance due on case {case_id}. Penalty and/or "
                           "interest may be applied if this balance remains outstanding.",
                           "Tiene un saldo vencido en el caso {case_id}. Se pueden aplicar "
                           "multas o intereses si el saldo sigue pendiente."),
}
MAIL = {"message": ("mensaje", "mensajes", "un mensaje", "Los mensajes"),
        "letter": ("carta", "cartas", "una carta", "Las cartas")}
STATUS_ES = {"submitted": "enviada", "in review": "en revisión", "approved": "aprobada",
             "denied": "denegada", "expired": "vencida"}


def action(key: str, language: str, **values) -> str:
    english, spanish = ACTION[key]
    what = values.get("what")
    if what in MAIL:
        one, many, a, the = MAIL[what]
        values.update(what_es=a, what_es_plural=many, What=what.capitalize(), What_es=the)
    if "status" in values:
        values["status_es"] = STATUS_ES.get(values["status"], values["status"])
    return (spanish if language == "es" else english).format(**values)
