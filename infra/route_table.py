"""The route table app.py serves (chalicelib/handlers/route_table.py), made from the
routes the handler modules declare, so that app.py can register every route without
importing a handler (chalicelib/handlers/serving.py):

    python infra/route_table.py            # rewrite the table
    python infra/route_table.py --check    # exit 1 if it is stale
"""
from __future__ import annotations

import os
import sys
from importlib import import_module
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TABLE = ROOT / "chalicelib" / "handlers" / "route_table.py"
# The handler modules with routes, in the order their routes are registered (and
# documented in /openapi.json)
MODULES = ("openapi", "auth", "me", "security", "association", "cases", "agency", "staff",
           "tools", "payments", "submissions", "documents", "mail", "access", "sandbox", "dev")
HEAD = '''"""Every route of the portal: method, path, the handler module that declares it and
its view's name. app.py registers them from here (serving.py), importing a handler
module when one of its routes is first asked for.

Written by `python infra/route_table.py` from the handlers' @route declarations; do not
edit by hand (`python infra/route_table.py --check`, and a test, say when it is stale)."""

ROUTES = (
'''


def rows() -> list[tuple[str, str, str, str]]:
    """(method, path, module, view name) of every route the handler modules declare, by
    module in MODULES' order, then as declared."""
    os.environ.setdefault("STAGE", "local")  # the local stage's settings, to import them
    sys.path.insert(0, str(ROOT))
    for module in MODULES:
        import_module(f"chalicelib.handlers.{module}")
    from chalicelib.handlers.routing import ROUTES

    short = [(spec, spec.module.rsplit(".", 1)[-1]) for spec in ROUTES]
    return [(spec.method, spec.path, module, spec.name)
            for spec, module in sorted(short, key=lambda s: MODULES.index(s[1]))]


def render() -> str:
    lines = [f'    ("{method}", "{path}", "{module}", "{name}"),\n'
             for method, path, module, name in rows()]
    return HEAD + "".join(lines) + ")\n"


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        if TABLE.exists() and TABLE.read_text() == text:
            return 0
        print(f"{TABLE.relative_to(ROOT)} is stale: run python infra/route_table.py")
        return 1
    TABLE.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
