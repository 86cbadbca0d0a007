"""`chalice local`, started as its command starts it, with Nagle's algorithm off on the
connections it accepts. Its handler writes a response's headers and body apart; with
Nagle on, the body waits for the client to acknowledge the headers, and a client that
keeps its connection open (a browser, Schemathesis, the load run) delays that by 40 ms:
every request took 40 ms longer than its work (measured: 520 fuzzing cases in 32 s, 12 s
of it CPU).

    python -m chalicelib.local.api_server local --host 127.0.0.1 --port 8000 ..."""
from __future__ import annotations

import sys

from chalice import local
from chalice.cli import main

local.ChaliceRequestHandler.disable_nagle_algorithm = True

if __name__ == "__main__":
    sys.exit(main())
