"""A field error in the project's own words, in English and Spanish: never pydantic's
wording, a pattern, or a raw number of bytes or cents. A field that needs its own sentence
(a ZIP code, an amount, a file's size) has it by its name; any other has the sentence for
its kind of error. Our validators' own sentences (ValueError("...")) are kept, with their
Spanish below (a test finds every one)."""
from __future__ import annotations

import re
from typing import Any, Mapping

from chalicelib.domain.money import display
from chalicelib.domain.wording import by_pattern

Words = tuple[str, str]  # English, Spanish

# by the kind of error (pydantic's type); {…} from the error's context
KINDS: dict[str, Words] = {
    "missing": ("Fill in this field.", "Complete este campo."),
    "string_too_short": ("Use at least {min_length} characters.",
                         "Es demasiado corto: al menos {min_length} caracteres."),
    "string_too_long": ("Use at most {max_length} characters.",
                        "Es demasiado largo: {max_length} caracteres como máximo."),
    "string_pattern_mismatch": ("Check the format of this field.", "Revise el formato."),
    "string_type": ("Enter text.", "Escriba un texto."),
    "int_parsing": ("Enter a whole number.", "Escriba un número entero."),
    "int_type": ("Enter a whole number.", "Escriba un número entero."),
    "int_from_float": ("Enter a whole number.", "Escriba un número entero."),
    "float_parsing": ("Enter a number.", "Escriba un número."),
    "float_type": ("Enter a number.", "Escriba un número."),
    "decimal_parsing": ("Enter a number.", "Escriba un número."),
    "bool_parsing": ("Choose yes or no.", "Elija sí o no."),
    "bool_type": ("Choose yes or no.", "Elija sí o no."),
    "date_parsing": ("Enter a real date, like 2026-12-31.", "Escriba una fecha válida, como 2026-12-31."),
    "date_type": ("Enter a real date, like 2026-12-31.", "Escriba una fecha válida, como 2026-12-31."),
    "date_from_datetime_parsing": ("Enter a real date, like 2026-12-31.",
                                   "Escriba una fecha válida, como 2026-12-31."),
    "datetime_parsing": ("Enter a date and time.", "Escriba una fecha y hora válidas."),
    "datetime_type": ("Enter a date and time.", "Escriba una fecha y hora válidas."),
    "literal_error": ("Choose one of the options.", "Elija una de las opciones."),
    "enum": ("Choose one of the options.", "Elija una de las opciones."),
    "less_than_equal": ("Enter {le} or less.", "Debe ser {le} o menos."),
    "greater_than_equal": ("Enter {ge} or more.", "Debe ser {ge} o más."),
    "less_than": ("Enter less than {lt}.", "Debe ser menos de {lt}."),
    "greater_than": ("Enter more than {gt}.", "Debe ser más de {gt}."),
    "too_short": ("Add at least {min_length}.", "Agregue al menos {min_length}."),
    "too_long": ("Add at most {max_length}.", "Como máximo {max_length}."),
    "list_type": ("Send a list.", "Envíe una lista."),
    "set_type": ("Send a list.", "Envíe una lista."),
    "dict_type": ("Send the details as an object.", "Envíe los datos como un objeto."),
    "model_type": ("Send the details as an object.", "Envíe los datos como un objeto."),
    "model_attributes_type": ("Send the details as an object.", "Envíe los datos como un objeto."),
    "extra_forbidden": ("This field is not accepted.", "Este campo no se admite."),
    "json_invalid": ("The request body is not valid JSON.", "El cuerpo de la solicitud no es JSON válido."),
    "union_tag_invalid": ("Choose one of the options.", "Elija una de las opciones."),
    "url_parsing": ("Enter a web address.", "Escriba una dirección web."),
}
CHECK = ("Check this field.", "Revise este campo.")
LARGE = 1000  # a limit above this is not a figure to show a person (bytes, cents, ids)

# by the field's name, where its kind of error would not say enough
FIELDS: dict[str, Words] = {
    "zip": ("Enter a 5-digit ZIP code (or ZIP+4).", "Escriba un código postal de 5 dígitos (o ZIP+4)."),
    "ssn": ("Enter the 9-digit Social Security number, like 123-45-6789.",
            "Escriba el número de Seguro Social de 9 dígitos, como 123-45-6789."),
    "case_id": ("Enter the case number: 6 to 12 digits.", "Escriba el número de caso: de 6 a 12 dígitos."),
    "member_id": ("Enter the member number: 6 to 12 digits.",
                  "Escriba el número de miembro: de 6 a 12 dígitos."),
    "cases": ("Enter case numbers of 6 to 12 digits.", "Escriba números de caso de 6 a 12 dígitos."),
    "confirmation_number": ("Enter the confirmation number, like 1-234-567-890.",
                            "Escriba el número de confirmación, como 1-234-567-890."),
    "code": ("Enter the code exactly as you received it.", "Escriba el código tal como lo recibió."),
    "pin": ("Enter the 6-digit PIN.", "Escriba el PIN de 6 dígitos."),
    "exp_year": ("Enter the year on the card, like 30 or 2030.", "Escriba el año de la tarjeta, como 30 o 2030."),
    "exp_month": ("Enter the month on the card, from 1 to 12.", "Escriba el mes de la tarjeta, del 1 al 12."),
    "cvc": ("Enter the 3- or 4-digit security code.", "Escriba el código de seguridad de 3 o 4 dígitos."),
    "number": ("Enter the card number.", "Escriba el número de la tarjeta."),
    "routing_number": ("Enter the 9-digit routing number.", "Escriba el número de ruta de 9 dígitos."),
    "account_number": ("Enter the account number: 4 to 17 digits.",
                       "Escriba el número de cuenta: de 4 a 17 dígitos."),
    "fee_account": ("Enter the fee account number.", "Escriba el número de la cuenta de cargos."),
    "reference": ("Use letters, digits, periods, hyphens and underscores only.",
                  "Use solo letras, dígitos, puntos, guiones y guiones bajos."),
    "permit_number": ("Enter the permit number: 3 to 20 letters or digits.",
                      "Escriba el número de permiso: de 3 a 20 letras o dígitos."),
    "email": ("Enter an email address, like name@example.com.",
              "Escriba un correo electrónico, como nombre@ejemplo.com."),
    "token": ("This link is not valid. Open the link from the email again.",
              "Este enlace no es válido. Vuelva a abrir el enlace del correo."),
    "challenge_id": ("This step has ended. Start again.", "Este paso terminó. Empiece de nuevo."),
    "card_token": ("Enter the card again.", "Escriba la tarjeta otra vez."),
    "cursor": ("This page of results is not valid. Start from the first page.",
               "Esta página de resultados no es válida. Empiece por la primera."),
}
# limits shown in their own unit
_MB = 1024 * 1024


def _limits(name: str, kind: str, ctx: Mapping[str, Any], language: str) -> str | None:
    """A range's sentence for a field whose limits are not plain figures."""
    limit = next((ctx[k] for k in ("le", "lt", "ge", "gt") if k in ctx), None)
    if not isinstance(limit, (int, float)):
        return None
    upper = kind in ("less_than_equal", "less_than")
    if name.endswith("_cents"):
        amount = display(int(limit))
        if upper:
            return (f"Enter {amount} or less." if language != "es" else f"Debe ser {amount} o menos.")
        return (f"Enter at least {amount}." if language != "es" else f"Debe ser al menos {amount}.")
    if name in ("size", "size_bytes") and upper:
        mb = f"{limit / _MB:g}"
        return (f"A file can be at most {mb} MB." if language != "es"
                else f"Un archivo puede tener como máximo {mb} MB.")
    if abs(limit) > LARGE:
        return ("This is more than is allowed." if upper else "This is less than is allowed.") \
            if language != "es" else ("Es más de lo permitido." if upper else "Es menos de lo permitido.")
    return None


def _name(loc: tuple[Any, ...]) -> str:
    """The field's own name: the last part of its place that is a name (not an index, nor
    a tag pydantic adds for a union's member, like "str" or "function-after[...]")."""
    names = [part for part in loc if isinstance(part, str) and part.isidentifier()
             and part not in ("str", "int", "float", "bool", "list", "dict", "none")]
    return names[-1] if names else ""


def message(error: Mapping[str, Any], language: str) -> str:
    """One field error's words in the language ("es", else English)."""
    es = language == "es"
    kind, ctx = error["type"], error.get("ctx") or {}
    if kind == "value_error":  # one of our validators: its own sentence
        english = str(error["msg"]).removeprefix("Value error, ")
        if "email" in english:  # the email validator's, which is not ours
            return FIELDS["email"][es]
        return sentence(english, language)
    name = _name(tuple(error.get("loc") or ()))
    if kind != "missing":
        ranged = _limits(name, kind, ctx, language) if kind in (
            "less_than_equal", "less_than", "greater_than_equal", "greater_than") else None
        if ranged:
            return ranged
        if name in FIELDS and kind not in ("extra_forbidden",):
            return FIELDS[name][es]
    template = KINDS.get(kind, CHECK)[es]
    try:
        return template.format(**ctx)
    except (KeyError, IndexError, ValueError):
        return CHECK[es]


def sentence(text: str, language: str) -> str:
    """A service's own words for a field (a refused routing number, a date out of range)
    in the language: each sentence of it, where it has its Spanish."""
    if language != "es" or not text:
        return text
    if text in CUSTOM_ES:
        return CUSTOM_ES[text]
    matched = by_pattern(text, PATTERNS_ES)
    if matched:
        return matched
    parts = [p.strip() for p in re.findall(r"[^.!?]+[.!?]", text)]
    if len(parts) > 1:  # several sentences (a password's rules): each, if each has its Spanish
        said = [sentence(p, language) for p in parts]
        if all(one != other for one, other in zip(said, parts, strict=True)):
            return " ".join(said)
    return text


PATTERNS_ES = (
    (r"Attach up to (\d+) files\.", "Adjunte hasta {0} archivos."),
    (r"Enter an amount from (\$[\d,.]+) to (\$[\d,.]+)\.", "Escriba una cantidad de {0} a {1}."),
    (r"Enter (\$[\d,.]+) or less: that is what the fee account owes\.",
     "Escriba {0} o menos: es lo que debe la cuenta de cargos."),
    (r"You owe (\$[\d,.]+)\. To pay more, confirm it: what is beyond what you owe is kept "
     r"as a credit\.", "Usted debe {0}. Para pagar más, confírmelo: lo que pase de lo que debe "
     "se guarda como crédito."),
    (r"Use at least (\d+) characters\.", "Use al menos {0} caracteres."),
    (r"Use at most (\d+) characters\.", "Use como máximo {0} caracteres."),
    (r"Do not use any of your last (\d+) passwords\.", "No use ninguna de sus últimas {0} contraseñas."),
)

# our validators' and services' sentences in Spanish
CUSTOM_ES = {
    "That is not one of your fee accounts.": "Esa no es una de sus cuentas de cargos.",
    "Give the Spanish title and text together, or neither.":
        "Dé el título y el texto en español juntos, o ninguno.",
    "Give the number to call or text.": "Indique el número al que llamar o enviar mensajes.",
    "The effective date cannot be in the future.":
        "La fecha en que cambió no puede ser futura.",
    "Name a member_id or a staff_id, one of them.":
        "Indique un member_id o un staff_id, uno de los dos.",
    "A spell of assistance ends on or after the day it starts.":
        "Un período de asistencia termina el día en que empieza o después.",
    "Not a cursor from this list.": "Esta página de resultados no es válida. Empiece por la primera.",
    "Invite someone else.": "Invite a otra persona.",
    "The code is not correct.": "El código no es correcto.",
    "A request may have up to 10 documents.": "Una solicitud puede tener hasta 10 documentos.",
    "The end date must be on or after the start.": "La fecha de fin debe ser igual o posterior a la de inicio.",
    "Tell the parent why the request was denied.": "Explique por qué se negó la solicitud.",
    "Choose the case this request is about.": "Elija el caso de esta solicitud.",
    "Check the code.": "Revise el código.",
    "Choose a case of this member.": "Elija un caso de este miembro.",
    "Not after today.": "No puede ser después de hoy.",
    "Choose among your own cases.": "Elija entre sus propios casos.",
    "The last day of access cannot be in the past.": "El último día de acceso no puede estar en el pasado.",
    "Start today or later.": "Empiece hoy o más adelante.",
    "End on or after the start date.": "Termine en la fecha de inicio o después.",
    "This case has no monthly obligation: choose an amount.": "Este caso no tiene obligación mensual: elija una cantidad.",
    "The account numbers do not match.": "Los números de cuenta no coinciden.",
    "Enter the 9-digit routing number printed on your checks.": "Escriba el número de ruta de 9 dígitos impreso en sus cheques.",
    "This number doesn't match a US bank routing number. Check it against your check or your bank.":
        "Este número no corresponde a ningún número de ruta de un banco de EE. UU. Compárelo con su cheque o pregunte a su banco.",
    "Enter an account number of 4 to 17 digits.": "Escriba un número de cuenta de 4 a 17 dígitos.",
    "Enter the card again: this one can no longer be used.": "Escriba la tarjeta otra vez: esta ya no se puede usar.",
    "The form cannot be signed after today.": "El formulario no puede estar firmado después de hoy.",
    "Enter 6 digits.": "Escriba 6 dígitos.",
    "Choose a PIN that is not one digit repeated or a run like 123456.":
        "Elija un PIN que no sea un dígito repetido ni una serie como 123456.",
    "Your bank said this account can no longer be used: choose another.":
        "Su banco dijo que esta cuenta ya no se puede usar: elija otra.",
    "Check the card number.": "Revise el número de la tarjeta.",
    "The sandbox takes only its test card numbers.": "El entorno de prueba solo acepta sus números de tarjeta de prueba.",
    "The card has expired: check the month and year.": "La tarjeta venció: revise el mes y el año.",
    "Enter the 3 or 4 digit security code.": "Escriba el código de seguridad de 3 o 4 dígitos.",
    "Include an uppercase letter.": "Incluya una letra mayúscula.",
    "Include a lowercase letter.": "Incluya una letra minúscula.",
    "Include a number.": "Incluya un número.",
    "Include a special character.": "Incluya un carácter especial.",
    "Do not start or end with a space.": "No empiece ni termine con un espacio.",
    "Do not use your name, email, phone number or date of birth.": "No use su nombre, correo, teléfono ni fecha de nacimiento.",
    "Choose a password that is harder to guess.": "Elija una contraseña más difícil de adivinar.",
    "Enter the year on the card, like 30 or 2030.": "Escriba el año de la tarjeta, como 30 o 2030.",
    "Choose a different question for each answer.": "Elija una pregunta distinta para cada respuesta.",
    "Enter a 5-digit ZIP code (or ZIP+4).": "Escriba un código postal de 5 dígitos (o ZIP+4).",
    "Enter a real date of birth.": "Escriba una fecha de nacimiento real.",
    "Enter a recovery code.": "Escriba un código de recuperación.",
    "Enter a valid phone number, like 907-555-0142.": "Escriba un teléfono válido, como 907-555-0142.",
    "Enter an answer of at least 4 characters.": "Escriba una respuesta de al menos 4 caracteres.",
    "Give a different answer to each question.": "Dé una respuesta distinta a cada pregunta.",
    "Answer the security question, or give a code instead.": "Responda la pregunta de seguridad o, en su lugar, escriba un código.",
    "Choose new security questions, or answer one: not both.": "Elija nuevas preguntas de seguridad o responda una, no ambas cosas.",
    "Choose new security questions.": "Elija nuevas preguntas de seguridad.",
    "Enter the 6-digit code.": "Escriba el código de 6 dígitos.",
    "Give the court case number of the existing order.": "Indique el número de caso de la corte de la orden existente.",
    "Give the residential address, or say it is the same.": "Indique el domicilio, o diga que es el mismo.",
    "Give your member number or your case number.": "Indique su número de miembro o su número de caso.",
    "Not a valid SSN.": "No es un número de Seguro Social válido.",
    "The end date must be on or after the start date.": "La fecha de fin debe ser igual o posterior a la de inicio.",
    "Use a two-letter state code, like AK.": "Use el código de dos letras del estado, como AK.",
    "Use letters, spaces, hyphens, apostrophes and periods only.": "Use solo letras, espacios, guiones, apóstrofos y puntos.",
    "Enter the date as YYYY-MM-DD.": "Escriba la fecha como AAAA-MM-DD.",
    "Give the time with its offset, like 2026-12-01T09:00:00-09:00.": "Indique la hora con su desfase, como 2026-12-01T09:00:00-09:00.",
    "Send either bank_account_id or card_token.": "Elija una cuenta bancaria o una tarjeta.",
    "Send one of case_id, fee_account or all_cases.":
        "Elija un caso, todos sus casos o una cuenta de cargos.",
    "Send the passkey response in credential.": "Use su llave de acceso.",
}
