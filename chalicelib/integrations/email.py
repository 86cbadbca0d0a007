"""Email through SES, rendered from Jinja2 templates in the user's language.

Each message is two templates under templates/email/<lang>/: NAME.txt (first line
``Subject: ...``, then the plain-text body) and NAME.html (the HTML body).
"""
from __future__ import annotations

from functools import cache
from pathlib import Path

import boto3
from botocore.exceptions import BotoCoreError, ClientError

from chalicelib.clock import agency_time_text
from chalicelib.observability import logger
from chalicelib.settings import get_settings

LANGUAGES = ("en", "es")
TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "email"


@cache
def _environment():
    import jinja2  # cold start: 33 ms, at the first email

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)),
                             autoescape=jinja2.select_autoescape(enabled_extensions=("html",)),
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
                             auto_reload=False)
    env.filters["local_time"] = agency_time_text
    return env


def render(template: str, language: str, context: dict) -> tuple[str, str, str]:
    """Returns (subject, text, html) for a message in the language (English if unknown)."""
    lang = language if language in LANGUAGES else "en"
    settings = get_settings()
    values = {"agency_name": settings.agency_name, "agency_phone": settings.agency_phone,
              "lang": lang, **context}
    text = _environment().get_template(f"{lang}/{template}.txt").render(values)
    first, _, body = text.partition("\n")
    html = _environment().get_template(f"{lang}/{template}.html").render(values)
    return first.removeprefix("Subject:").strip(), body.lstrip("\n"), html


@cache
def _ses(region: str):
    return boto3.client("sesv2", region_name=region)


class NotSent(Exception):
    """SES refused the message or could not be reached; `code` is its error code."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def send(to: str, template: str, language: str, context: dict) -> None:
    """Renders and sends one message; raises NotSent when SES refuses or cannot be
    reached (the mail worker tries again later)."""
    settings = get_settings()
    subject, text, html = render(template, language, context)
    try:
        _send(settings, to, subject, text, html)
    except ClientError as error:
        raise NotSent(error.response.get("Error", {}).get("Code") or "ClientError") from None
    except BotoCoreError as error:
        raise NotSent(type(error).__name__) from None
    logger.info("email sent", extra={"template": template, "language": language})


def _send(settings, to: str, subject: str, text: str, html: str) -> None:
    extra = ({"ConfigurationSetName": settings.ses_configuration_set}
             if settings.ses_configuration_set else {})
    _ses(settings.region).send_email(
        **extra,
        FromEmailAddress=settings.sender_email,
        Destination={"ToAddresses": [to]},
        Content={"Simple": {
            "Subject": {"Data": subject, "Charset": "UTF-8"},
            "Body": {"Text": {"Data": text, "Charset": "UTF-8"},
                     "Html": {"Data": html, "Charset": "UTF-8"}}}})


def verify_sender(address: str) -> None:
    """Marks the sender as a verified SES identity (local runs and tests only)."""
    _ses(get_settings().region).create_email_identity(EmailIdentity=address)
