"""The route table app.py serves from (chalicelib/handlers/route_table.py) is what the
handler modules declare, and app.py imports no handler module until a route of it is
asked for (issue #27: a cold start imports no handler)."""
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_route_table_is_what_the_handlers_declare():
    spec = importlib.util.spec_from_file_location("route_table_maker", ROOT / "infra" / "route_table.py")
    maker = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(maker)
    assert (ROOT / "chalicelib" / "handlers" / "route_table.py").read_text() == maker.render(), \
        "run: python infra/route_table.py"


def test_the_app_imports_no_handler_until_a_route_of_it_is_asked_for():
    probe = ("import json, sys, app\n"
             "print(json.dumps(sorted(m for m in sys.modules"
             " if m.startswith('chalicelib.handlers.'))))\n"
             "print(json.dumps(sorted(m for m in sys.modules if m.startswith("
             "('chalicelib.services.', 'chalicelib.dal.', 'pynamodb', 'pydantic')))))\n")
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout.splitlines()
    handlers, data = json.loads(out[0]), json.loads(out[1])
    assert set(handlers) == {"chalicelib.handlers.front_door", "chalicelib.handlers.outbox",
                             "chalicelib.handlers.schedules", "chalicelib.handlers.serving",
                             "chalicelib.handlers.route_table"}
    assert data == ["chalicelib.services.origin"]  # the front door's
