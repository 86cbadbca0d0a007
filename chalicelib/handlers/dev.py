"""Local stage only (app.py registers it when STAGE=local): the mailbox of sent email and
the small pages an emailed link opens until the web client exists."""
from __future__ import annotations

import html
import re

from chalice import Response

from chalicelib.handlers.routing import Routes, route
from chalicelib.integrations import mailbox

bp = Routes(__name__)
TAG = "Local development"
HTML: dict[str, str | list[str]] = {"Content-Type": "text/html; charset=utf-8"}


@route(bp, "/dev/mailbox", summary="Email that SES was asked to send, newest first", tag=TAG,
       auth=False)
def mailbox_json() -> dict:
    return {"messages": mailbox.sent_messages()}


def _show(body: str) -> str:
    """An HTML email in a sandboxed frame whose links open in a new tab; text as text."""
    if body.lstrip().lower().startswith("<!doctype"):
        framed = body.replace("<head>", '<head><base target="_blank">', 1)
        return (f'<iframe title="message" style="width:100%;height:22em;border:1px solid #ccc" '
                f'sandbox="allow-popups allow-popups-to-escape-sandbox" '
                f'srcdoc="{html.escape(framed, quote=True)}"></iframe>')
    linked = re.sub(r"(https?://[^\s<]+)", r'<a href="\1">\1</a>', html.escape(body))
    return f"<pre style='white-space:pre-wrap'>{linked}</pre>"


@route(bp, "/dev/mailbox/view", summary="The local mailbox as a page", tag=TAG, auth=False)
def mailbox_page() -> Response:
    rows = "".join(
        f"<article><h2>{html.escape(m['subject'] or '')}</h2>"
        f"<p>To: {html.escape(', '.join(m['to']))}</p>"
        f"{_show(m['body'] or '')}</article><hr>"
        for m in mailbox.sent_messages())
    return Response(f"<!doctype html><html lang='en'><head><meta charset='utf-8'>"
                    f"<title>Local mailbox</title></head><body><h1>Local mailbox</h1>"
                    f"{rows or '<p>No email yet.</p>'}</body></html>", headers=HTML)


VERIFY_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Verify your email</title></head><body><h1>Verify your email</h1>
<p id="result">Press the button to verify your email address.</p>
<button id="verify" type="button">Verify my email</button>
<script>
document.getElementById('verify').addEventListener('click', async () => {
  const token = new URLSearchParams(location.search).get('token') || '';
  const r = await fetch('/auth/verify-email', {method: 'POST',
    headers: {'Content-Type': 'application/json'}, body: JSON.stringify({token})});
  const body = await r.json();
  document.getElementById('result').textContent = r.ok
    ? 'Your email ' + body.email + ' is verified. You can sign in now.'
    : body.error.message;
});
</script></body></html>"""


@route(bp, "/dev/verify-email", summary="The page a verification link opens", tag=TAG,
       auth=False)
def verify_page() -> Response:
    return Response(VERIFY_PAGE, headers=HTML)
