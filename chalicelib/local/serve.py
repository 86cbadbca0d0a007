"""`make run`: moto's server on 127.0.0.1 as the embedded AWS, every table created from
the models, the demo data, the mail worker (a thread, local/mail_worker.py), the hourly
jobs every few seconds (a thread, local/job_clock.py), `chalice
local` on 127.0.0.1:8000, and the web client on
http://localhost:8080 (web/dist/, with /api/ passed to the API, as CloudFront does in AWS).
Ctrl-C stops them all."""
from __future__ import annotations

import logging
import os
import signal
import socket

# to start chalice local, a fixed command (bandit B404)
import subprocess  # nosec B404
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"
API_PORT = int(os.environ.get("PORT", "8000"))
AWS_PORT = int(os.environ.get("LOCAL_AWS_PORT", "5001"))
WEB_PORT = int(os.environ.get("WEB_PORT", "8080"))
WEB = f"http://localhost:{WEB_PORT}"  # passkeys need the name localhost (the RP id)

MOTO_KEY = "local"  # moto takes any credentials
LOCAL_ENV = {
    "AWS_ACCESS_KEY_ID": MOTO_KEY, "AWS_SECRET_ACCESS_KEY": MOTO_KEY,
    "AWS_DEFAULT_REGION": "us-east-1", "AWS_REGION": "us-east-1",
    "STAGE": "local", "TABLE_PREFIX": "csp-local-",
    "SENDER_EMAIL": "no-reply@childsupport.example.gov",
    "WEB_BASE_URL": WEB,
    "AWS_ENDPOINT_URL": f"http://{HOST}:{AWS_PORT}",
    "POWERTOOLS_TRACE_DISABLED": "true", "KMS_KEY_ID": "alias/csp-local",
    "WEBAUTHN_RP_ID": "localhost", "WEB_ORIGINS": WEB,
    "SANDBOX_SETTLE_SECONDS": "60",
}
# what a run may set for itself (the soak run: payments settle in seconds;
# PAYMENT_PROCESSOR=ach make run: the ACH rail with the simulated bank, tools/bank.py)
TUNABLE = ("SANDBOX_SETTLE_SECONDS", "SANDBOX_NO_CHARGE_SECONDS", "PUBLIC_LIMIT_SCALE",
           "PAYMENT_PROCESSOR")


def port_free(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex((HOST, port)) != 0


def prepare() -> list[str]:
    """Tables, verified sender, KMS key and demo data in the running local AWS."""
    from chalicelib.local import demo, resources

    resources.create()
    return demo.load()


def track_only_mail() -> None:
    """moto keeps every model instance it ever made, of every service, for its dashboard
    (`/moto-api/data.json`), and never lets one go: over a long run (the soak, a day of
    make run) that is memory that only grows, and the mailbox, which reads data.json,
    took seconds and then failed. Only SES's sent messages are kept now (the mailbox's),
    from the first instance on."""
    from moto.core import common_models

    def new(cls, *args, **kwargs):
        instance = object.__new__(cls)
        if cls.__module__.startswith("moto.ses."):
            cls.instances_tracked.append(instance)
        return instance

    common_models.BaseModel.__new__ = staticmethod(new)  # type: ignore[method-assign]


def _stop(signum, frame):
    raise KeyboardInterrupt


def main() -> int:
    # Ctrl-C (SIGINT) and SIGTERM stop everything, even when started from a script that
    # ignores SIGINT for background jobs.
    signal.signal(signal.SIGINT, _stop)
    signal.signal(signal.SIGTERM, _stop)
    for port, variable in ((API_PORT, "PORT"), (AWS_PORT, "LOCAL_AWS_PORT"),
                           (WEB_PORT, "WEB_PORT")):
        if not port_free(port):
            print(f"Port {port} on {HOST} is in use; stop what uses it or set {variable}.",
                  file=sys.stderr)
            return 1
    os.environ.update({**LOCAL_ENV, **{k: os.environ[k] for k in TUNABLE if k in os.environ}})
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # moto's per-request lines
    from moto.server import ThreadedMotoServer

    track_only_mail()
    from chalicelib.local import moto_dynamodb

    moto_dynamodb.install()  # transactions and Queries as DynamoDB's, not over whole tables
    moto_dynamodb.install_server()  # routes a request without listing moto's folders
    from werkzeug.serving import WSGIRequestHandler

    # moto answers botocore's kept connections: Nagle off, as for the API (api_server.py)
    WSGIRequestHandler.disable_nagle_algorithm = True

    from chalicelib.local.front import FrontServer

    aws = ThreadedMotoServer(ip_address=HOST, port=AWS_PORT, verbose=False)
    aws.start()
    front = FrontServer(HOST, WEB_PORT, API_PORT, uploads=LOCAL_ENV["AWS_ENDPOINT_URL"])
    front.start()
    chalice = None
    mail_worker = job_clock = None
    try:
        notes = prepare()
        from chalicelib.local.mail_worker import MailWorker

        mail_worker = MailWorker().start()  # the outbox's stream and queue, as Lambda would
        from chalicelib.local.job_clock import configured

        job_clock = configured().start()  # the schedules, as EventBridge would
        # our own chalice, with fixed arguments (bandit B603)
        chalice = subprocess.Popen(  # nosec B603
            [sys.executable, "-m", "chalicelib.local.api_server", "local", "--host", HOST,
             "--port", str(API_PORT), "--stage", "local", "--no-autoreload"],
            cwd=ROOT, env=os.environ.copy())
        base = f"http://{HOST}:{API_PORT}"
        print(f"\nChild support portal (local stage)\n"
              f"  Web client:     {WEB}/\n"
              f"  API:            {base}/  (OpenAPI: {base}/openapi.json)\n"
              f"  Local mailbox:  {base}/dev/mailbox/view  (JSON: {base}/dev/mailbox)\n"
              f"  Local AWS:      {LOCAL_ENV['AWS_ENDPOINT_URL']} (moto)\n"
              + "".join(f"  {note}\n" for note in notes)
              + "Press Ctrl-C to stop.\n", flush=True)
        return chalice.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        if chalice and chalice.poll() is None:
            chalice.terminate()
            try:
                chalice.wait(timeout=5)
            except subprocess.TimeoutExpired:
                chalice.kill()
        for thread in (mail_worker, job_clock):
            if thread is not None:
                thread.set()
        front.stop()
        aws.stop()


if __name__ == "__main__":
    sys.exit(main())
