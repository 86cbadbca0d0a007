"""How app.py serves the routes: each is registered from the route table
(route_table.py) with a view that imports the handler module declaring it when the
route is first asked for, so that a cold start imports no handler, and a request
imports the services its own route uses, not every route's (issue #27).

The sandbox processor's routes are served where the sandbox is the processor, the
local mailbox's (dev) on the local stage only."""
from __future__ import annotations

from functools import cache
from importlib import import_module
from typing import Any, Callable

from chalicelib.handlers.route_table import ROUTES
from chalicelib.settings import Settings

WRITES = {"POST", "PUT", "PATCH"}  # the methods whose body is JSON


def modules(settings: Settings) -> list[str]:
    """The handler modules this stage serves, in the route table's order."""
    left_out = {"sandbox": settings.payment_processor != "sandbox", "dev": not settings.is_local}
    return list(dict.fromkeys(m for _, _, m, _ in ROUTES if not left_out.get(m, False)))


def serve(app: Any, settings: Settings) -> None:
    """Registers every route this stage serves on the app."""
    served = set(modules(settings))
    for method, path, module, name in ROUTES:
        if module in served:
            options = {"content_types": ["application/json"]} if method in WRITES else {}
            app.route(path, methods=[method], name=name, **options)(
                _view(app, module, method, path, name))


def _view(app: Any, module: str, method: str, path: str, name: str) -> Callable:
    def view(**params: Any) -> Any:
        return _views(app, module)[(method, path)](**params)

    view.__name__ = name
    return view


@cache
def _views(app: Any, module: str) -> dict:
    routes = import_module(f"chalicelib.handlers.{module}").bp
    routes.app = app
    return routes.views
