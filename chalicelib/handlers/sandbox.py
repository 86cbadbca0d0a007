"""The sandbox processor's card form (app.py registers it only while PAYMENT_PROCESSOR is
"sandbox"). A real processor's form runs in the browser and posts the card to the
processor, never to the portal; this stands in for it with test card numbers only."""
from __future__ import annotations

from typing import TYPE_CHECKING

from chalicelib.clock import utc_now
from chalicelib.handlers.routing import Routes, route
from chalicelib.models import lazy
from chalicelib.services import payments

if TYPE_CHECKING:  # the checker reads the models; a request builds them (models/__init__.py)
    from chalicelib.models import payments as m
else:
    m = lazy("payments")

bp = Routes(__name__)


@route(bp, "/sandbox/card-tokens", "POST",
       summary="Sandbox processor: turn a test card into a card token for POST /payments",
       tag="Sandbox processor", auth=False, body=m.CardIn, response=m.CardTokenOut,
       status=201, rate=(30, 3600))
def card_token(body):
    card = payments.sandbox_card(body.number, body.exp_month, body.exp_year, body.cvc,
                                 utc_now())
    return m.CardTokenOut(token=card.token, last4=card.last4, brand=card.brand,
                          expires_at=card.expires_at)
