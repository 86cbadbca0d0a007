"""The one way a route is declared: body and query parsing with pydantic, session
authentication, domain errors mapped to HTTP, and a record for the OpenAPI document.

A handler module's routes are a `Routes`, not a Chalice Blueprint: app.py registers
every route from the route table (route_table.py, serving.py) and imports the module
that declares it when the route is first asked for, so a cold start imports no handler.

Chalice turns any exception that is not its own into a 500, so the mapping from
domain errors to statuses happens here, inside every view.
"""
from __future__ import annotations

import functools
import inspect
import json
from dataclasses import dataclass
from importlib import import_module
from typing import Any, Callable, Mapping

from chalice import Response

from chalicelib import errors, language
from chalicelib.clock import utc_now
from chalicelib.domain import field_words, staff_roles, wording
from chalicelib.domain.clients import describe
from chalicelib.domain.contact import email_key
from chalicelib.domain.identity import ssn_digits
from chalicelib.handlers import cookies, front_door, serving
from chalicelib.models import resolve
from chalicelib.observability import logger
from chalicelib.services import attention, rate_limits, scope, sessions
from chalicelib.services.failures import DataError, Progress, in_words
from chalicelib.settings import get_settings

STATUS = {
    errors.BadRequest: 400, errors.Unauthorized: 401, errors.Declined: 402, errors.Forbidden: 403,
    errors.NotFound: 404, errors.Conflict: 409, errors.Gone: 410,
    errors.PayloadTooLarge: 413, errors.InvalidInput: 422, errors.Throttled: 429,
    errors.Unavailable: 503,
}
JSON = {"Content-Type": "application/json"}


@dataclass(frozen=True)
class RouteSpec:
    path: str
    method: str
    name: str
    summary: str
    tag: str
    body: Any  # a model class or a lazy reference to one (chalicelib.models.lazy)
    query: Any
    response: Any
    status: int
    auth: bool | str  # False: public; True: any signed-in user; "staff": agency staff
    errors: tuple[int, ...]
    permission: str | tuple[str, ...] = "self"  # what a delegate needs (services/scope)
    duty: str | None = None  # a staff route's: the roles that may use it (staff_roles)
    module: str = ""  # the handler module that declares it


ROUTES: list[RouteSpec] = []  # every route of the handler modules imported so far


class Routes:
    """A handler module's routes, by method and path, for app.py to serve
    (serving.py). `current_request` is the request being served, as a Blueprint's is."""

    def __init__(self, module: str) -> None:
        self.module = module
        self.views: dict[tuple[str, str], Callable[..., Response]] = {}
        self.app: Any = None  # the Chalice app, set when app.py first serves a route

    @property
    def current_request(self) -> Any:
        if self.app is None:
            raise RuntimeError(f"{self.module}: no route of it is being served")
        return self.app.current_request


def declared() -> list[RouteSpec]:
    """Every route this stage serves, as declared (each handler module imported, if it
    was not)."""
    named = {import_module(f"chalicelib.handlers.{m}").bp.module
             for m in serving.modules(get_settings())}
    return [spec for spec in ROUTES if spec.module in named]
# What to look at when a request failed part-way (by the route's tag): the page that
# shows what it had saved
CHECK = {"Payments": "your payments, bank accounts and automatic payments",
         "Web requests": "your requests", "Profile": "your profile",
         "Security": "your sign-in and security settings",
         "Messages and letters": "your messages", "Documents": "your documents",
         "Access management": "who can use your account",
         "Case association": "your linked cases", "Cases": "your cases",
         "Sign-in": "your account", "Agency": "the record you were changing",
         "": "what you asked for"}


def status_of(error: errors.DomainError) -> int:
    for cls in type(error).__mro__:
        if cls in STATUS:
            return STATUS[cls]
    return 400


def error_response(error: errors.DomainError) -> Response:
    status = status_of(error)
    headers: dict[str, str | list[str]] = dict(JSON)
    if isinstance(error, errors.Throttled):
        headers["Retry-After"] = str(error.retry_after)
    if status == 401:
        headers["WWW-Authenticate"] = 'Bearer realm="portal"'
    said = language.current()
    message = wording.error(error.code, error.message, said)
    fields = {name: field_words.sentence(text, said) for name, text in (error.fields or {}).items()}
    return Response(error_body(error.code, message, fields or None, **error.details),
                    headers=headers, status_code=status)


def error_body(code: str, message: str, fields: dict[str, str] | None = None,
               **details: Any) -> dict:
    """The one error shape: {"error": {"code", "message", "fields"?, details...}}."""
    error: dict[str, Any] = {"code": code, "message": message}
    if fields:
        error["fields"] = fields
    error.update({k: v for k, v in details.items() if v is not None})
    return {"error": error}


def _validation_error(error: Any) -> errors.InvalidInput:
    fields: dict[str, str] = {}
    lang = language.current()
    for item in error.errors(include_url=False, include_input=False):
        where = ".".join(str(part) for part in item["loc"]) or "body"
        fields.setdefault(where, field_words.message(item, lang))
    return errors.InvalidInput(fields=fields)


def _validate(model: Any, data: dict | bytes) -> Any:
    """A query's strings are read as the fields' types; a body's JSON is taken strictly,
    as its schema says: 0 is not false, "5" is not 5, a number is not a day."""
    from pydantic import ValidationError  # cold start: 40 ms, at the first body or query

    try:
        if isinstance(data, bytes):
            return resolve(model).model_validate_json(data, strict=True)
        return resolve(model).model_validate(data)
    except ValidationError as error:
        raise _validation_error(error) from None


def parse_body(raw: bytes | None, model: Any) -> Any:
    raw = raw or b""
    if len(raw) > get_settings().max_body_bytes:
        raise errors.PayloadTooLarge()
    try:
        data = json.loads(raw) if raw.strip() else {}
    except (ValueError, RecursionError):
        raise errors.BadRequest("The request body is not valid JSON.",
                                code="malformed_json") from None
    if not isinstance(data, dict):
        raise errors.BadRequest("The request body must be a JSON object.", code="malformed_json")
    return _validate(model, raw if raw.strip() else b"{}")


def parse_query(params: Mapping[str, str] | None, model: Any) -> Any:
    return _validate(model, dict(params or {}))


def _raw_body(request: Any) -> bytes:
    """The body's bytes; a body that is not text (lone surrogates) is malformed, not a 500."""
    try:
        return request.raw_body
    except UnicodeError:
        raise errors.BadRequest("The request body is not valid JSON.",
                                code="malformed_json") from None


def bearer_token(headers: Any) -> str | None:
    scheme, _, token = (headers.get("authorization") or "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def credential(method: str, headers: Any) -> tuple[str | None, bool]:
    """The session token and whether it came in the web client's cookie (a bearer token
    wins). A forged cookie-authenticated write is refused (cookies.py)."""
    token = bearer_token(headers)
    if token:
        return token, False
    token = cookies.session_token(headers)
    if token and cookies.forged(method, headers):
        raise errors.Forbidden("This request did not come from the portal's pages.",
                               code="cross_site_refused")
    return token, token is not None


def client_address(request: Any) -> str:
    return front_door.client_address(request.headers or {}, request.context)


def _count_limits(limit: str, address: str, target: str | None,
                  ahead: Callable[[Any], Any] | None, params: dict[str, Any]) -> None:
    """The route's abuse limits (Throttled when one is full); with `ahead`, its first
    read made meanwhile, into params["ahead"]: one round trip less before the answer."""
    about = _target(params.get("body"), target)
    if ahead is None:
        rate_limits.check_policy(limit, address, about, utc_now())
        return
    counting = rate_limits.Counting(limit, address, about, utc_now())
    try:
        params["ahead"] = ahead(params.get("body"))
    except (errors.DomainError, DataError):  # the view reads again, and answers for it
        params["ahead"] = None
    counting.result()


def _target(parsed: Any, field: str | None) -> str | None:
    """What a public request is about, for its limit per target: an email address as the
    logons are keyed (so a 429 is the same for an address with a logon as without)."""
    value = getattr(parsed, field, None) if field else None
    if value is None:
        return None
    if field == "ssn":  # 123-45-6789 and 123456789 are one target
        return ssn_digits(str(value)) or str(value)
    return email_key(value) if field == "email" else str(value)


def _in_scope(params: dict) -> None:
    """A delegate limited to some cases meets any other case as one that does not exist,
    whether it is named in the path, the body or the query."""
    named = [params.get("case_id"), getattr(params.get("body"), "case_id", None),
             getattr(params.get("query"), "case_id", None)]
    if not all(scope.in_scope(c) for c in named):
        raise errors.NotFound("That case was not found.", code="case_not_found")


def respond(result: Any, status: int) -> Response:
    """The view's result as JSON with the route's status; a view may answer another
    success status by returning (result, status)."""
    if isinstance(result, Response):
        return result
    if isinstance(result, tuple):
        result, status = result
    if status == 204:
        return Response("", status_code=204)
    body = result.model_dump(mode="json") if hasattr(result, "model_dump") else result
    return Response(body if body is not None else {}, headers=dict(JSON), status_code=status)


ACTION_COUNT = "x-action-count"  # a page asks for the Action Center's number with its call


def _with_action_count(answer: Response, caller: scope.Caller) -> None:
    """The Action Center's number in the answer's X-Action-Count, for the page that asked
    (one Query, services/attention.py): a parent's own, not a delegate's or staff's,
    whose tabs do not show it. A page without it keeps the number it had."""
    if caller.actor_id or staff_roles.is_staff(caller.role):
        return
    try:
        answer.headers["X-Action-Count"] = str(attention.count(caller.user_id, utc_now()))
    except DataError:
        logger.warning("action count not read")


def route(bp: Routes, path: str, method: str = "GET", *, summary: str, tag: str,
          body: Any = None, query: Any = None, response: Any = None, status: int = 200,
          auth: bool | str = True, errors_: tuple[int, ...] = (),
          rate: tuple[int, int] | None = None, limit: str | None = None,
          target: str | None = None, ahead: Callable[[Any], Any] | None = None,
          permission: str | tuple[str, ...] = "self", duty: str | None = None) -> Callable:
    """Declares a JSON route. The view receives `body`, `query` and `caller` as declared,
    and `client` (a coarse device description) when it names that parameter. `rate`
    (count, seconds) limits requests per client address; `limit` names the abuse policy
    of a public route (rate_limits.POLICIES), counted per client address, per `target`
    (the body's field it is about: an email address, a member) and for everyone
    together; `ahead(body)`, the route's first read, is then made while they are counted
    (in a thread of their own), and the view receives it as `ahead` (None if it failed:
    the view reads again, and answers for it). `permission` is what a
    delegate acting for another parent needs ("view", "pay", "messages", "submissions",
    several meaning any of them); "self" (the default) keeps delegates out, "any" lets
    them in as themselves (sign out, switch accounts). A staff route (`auth="staff"`)
    names its `duty`, which decides the staff roles that may use it
    (domain/staff_roles.py)."""
    if (auth == "staff") != (duty is not None) or (duty and duty not in staff_roles.DUTIES):
        raise ValueError(f"{method} {path}: a staff route, and only one, names its duty")

    def decorator(fn: Callable) -> Callable:
        name = f"{fn.__module__.rsplit('.', 1)[-1]}_{fn.__name__}"
        ROUTES.append(RouteSpec(path, method, name, summary, tag, body, query, response,
                                status, auth, errors_ + ((429,) if rate or limit else ()),
                                permission, duty, bp.module))
        wants_client = "client" in inspect.signature(fn).parameters

        @functools.wraps(fn)
        def view(**params: Any) -> Response:
            request = bp.current_request
            scope.reset_scope()
            said = request.headers.get("accept-language")
            language.use(language.from_header(said), asked=bool(said))
            by_cookie = False
            progress: Progress | None = None  # what the view saved, once it runs
            try:
                if rate:
                    rate_limits.check(name, client_address(request), rate, utc_now())
                client = describe(request.headers.get("user-agent"))
                if wants_client:
                    params["client"] = client
                if auth:
                    token, by_cookie = credential(method, request.headers)
                    caller = sessions.authenticate(token, utc_now(), client)
                    logger.append_keys(user_id=caller.user_id)
                    if duty is not None:
                        caller.require_staff(duty)
                    elif permission != "any":
                        caller = scope.authorize(caller, permission, utc_now())
                    if staff_roles.is_staff(caller.role):  # before anything is read or done
                        from chalicelib.services import audit  # cold start: 3 ms, staff's

                        audit.record(caller, method, path, params, client_address(request),
                                     utc_now())
                    params["caller"] = caller
                if body is not None:
                    params["body"] = parse_body(_raw_body(request), body)
                if limit:
                    _count_limits(limit, client_address(request), target, ahead, params)
                if query is not None:
                    params["query"] = parse_query(request.query_params, query)
                if auth is True:
                    _in_scope(params)
                progress = Progress()
                answer = respond(fn(**params), status)
                if auth is True and request.headers.get(ACTION_COUNT):
                    _with_action_count(answer, params["caller"])
                if auth is True and method != "GET" and params["caller"].actor_id:
                    # cold start: 12 ms (grants, cases), at a delegate's first write
                    from chalicelib.services import access

                    access.record_action(params["caller"], f"{method} {path}", utc_now())
                return answer
            except errors.DomainError as error:
                if progress is not None:
                    error = progress.honest(error, CHECK.get(tag, CHECK[""]))
                answer = error_response(error)
                if by_cookie and isinstance(error, errors.Unauthorized):
                    answer.headers["Set-Cookie"] = cookies.clear_session()  # the session ended
                return answer
            except DataError as error:  # one the service did not expect: busy, or a race
                answer_for = in_words(error)
                if answer_for is None:
                    raise
                if progress is not None:
                    answer_for = progress.honest(answer_for, CHECK.get(tag, CHECK[""]))
                return error_response(answer_for)

        bp.views[(method, path)] = view
        return view

    return decorator
