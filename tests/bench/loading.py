"""The first load of a state's data, measured: a sample of tests/bench/state_file.py's
file loaded by `load_cases` (a process of its own, as an agency runs it) into moto's
server on loopback (the local stack's AWS, with its tables), timed from the command's
start to its end, with the peak memory it reports."""
from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.bench import state_file
from tests.stack import free_port

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = 100_000


def _environment(port: int) -> dict[str, str]:
    from chalicelib.local.serve import LOCAL_ENV

    return {**os.environ, **LOCAL_ENV, "AWS_ENDPOINT_URL": f"http://127.0.0.1:{port}",
            "POWERTOOLS_LOG_LEVEL": "WARNING"}


def first_load(records: int = SAMPLE) -> dict:
    """Records a second and the loader's peak memory for `records` records."""
    from moto.server import ThreadedMotoServer
    from werkzeug.serving import WSGIRequestHandler

    from chalicelib.local import moto_dynamodb

    moto_dynamodb.install()  # as make run's (serve.py)
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # moto's per-request lines
    WSGIRequestHandler.disable_nagle_algorithm = True  # as make run's (serve.py)
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    env = _environment(port)
    try:
        subprocess.run([sys.executable, "-c", "from chalicelib.local import resources; "
                        "resources.create()"], cwd=ROOT, env=env, check=True)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "state-sample.jsonl"
            written = state_file.write(path, limit=records)
            size = path.stat().st_size
            started = time.monotonic()
            done = subprocess.run([sys.executable, "-m", "chalicelib.tools.load_cases",
                                   str(path)], cwd=ROOT, env=env, capture_output=True,
                                  text=True, check=False)
            seconds = time.monotonic() - started
    finally:
        server.stop()
    if done.returncode != 0:
        raise RuntimeError(f"load_cases failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    peak = re.search(r"peak memory (\d+) MB", done.stdout)
    return {"records": written, "megabytes": size / 1e6, "seconds": seconds,
            "per_second": written / seconds, "peak_mb": int(peak.group(1)) if peak else 0}


if __name__ == "__main__":
    figures = first_load(int(sys.argv[1]) if len(sys.argv) > 1 else SAMPLE)
    print(figures)
