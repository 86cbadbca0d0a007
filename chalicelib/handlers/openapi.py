"""The OpenAPI 3.1 document, generated from the route table and the pydantic models."""
from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

from chalicelib.handlers.routing import Routes, RouteSpec, declared, route
from chalicelib.models import lazy, resolve

if TYPE_CHECKING:  # the checker reads the models; a request builds them (models/__init__.py)
    from chalicelib.models.common import ErrorResponse
else:
    ErrorResponse = lazy("common").ErrorResponse

bp = Routes(__name__)
REF = "#/components/schemas/{model}"
REASONS = {400: "Bad request", 401: "Not signed in", 402: "Payment declined", 403: "Not allowed", 404: "Not found",
           409: "Conflict", 410: "No longer valid", 413: "Body too large",
           422: "Invalid fields", 429: "Too many attempts", 503: "Try again later"}


def _ref(model) -> dict:
    return {"$ref": REF.format(model=model.__name__)}


def _operation(spec: RouteSpec) -> dict:
    json_error = {"content": {"application/json": {"schema": _ref(ErrorResponse)}}}
    responses: dict = {}
    if spec.status == 204 or spec.response is None:
        responses[str(spec.status)] = {"description": "Done"}
    else:
        responses[str(spec.status)] = {"description": "Success", "content": {
            "application/json": {"schema": _ref(spec.response)}}}
    codes = set(spec.errors)
    if spec.body:
        codes |= {400, 413, 422}
    if spec.query:
        codes.add(422)
    if spec.auth:
        codes.add(401)
    if spec.auth == "staff":
        codes.add(403)
    codes.add(503)  # DynamoDB or another service busy (handlers/routing.py)
    if spec.method != "GET":
        codes.add(409)  # a write that lost a race with another (handlers/routing.py)
    for code in sorted(codes):
        if code < 400:  # another success, such as 200 for a repeat of a 201
            responses[str(code)] = {**responses[str(spec.status)],
                                    "description": "Success: already done"}
        else:
            responses[str(code)] = {"description": REASONS[code], **json_error}
    operation = {"operationId": spec.name, "summary": spec.summary, "tags": [spec.tag],
                 "responses": responses}
    if spec.body:
        required = bool(resolve(spec.body).model_json_schema().get("required"))
        operation["requestBody"] = {"required": required, "content": {
            "application/json": {"schema": _ref(spec.body)}}}
    parameters = [{"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
                  for name in re.findall(r"{(\w+)}", spec.path)]
    if spec.query:
        schema = resolve(spec.query).model_json_schema()
        parameters += [
            {"name": name, "in": "query", "required": name in schema.get("required", []),
             "schema": {k: v for k, v in prop.items() if k != "title"}}
            for name, prop in schema["properties"].items()]
    if parameters:
        operation["parameters"] = parameters
    operation["security"] = [{"session": []}, {"webSession": []}] if spec.auth else []
    return operation


@cache
def document() -> dict:
    from pydantic.json_schema import models_json_schema  # cold start: 11 ms, for the document

    routes = declared()
    models = {resolve(ErrorResponse)}
    for spec in routes:
        models.update(resolve(m) for m in (spec.body, spec.response) if m is not None)
    modes: list[tuple[Any, Literal["validation"]]] = [
        (m, "validation") for m in sorted(models, key=lambda m: m.__name__)]
    _, schemas = models_json_schema(modes, ref_template=REF)
    paths: dict = {}
    for spec in routes:
        paths.setdefault(spec.path, {})[spec.method.lower()] = _operation(spec)
    return {
        "openapi": "3.1.0",
        "info": {"title": "Child support client portal API", "version": "0.1.0",
                 "description": "Self-service API for the parents on a child support agency's cases."},
        "paths": paths,
        "components": {"schemas": schemas.get("$defs", {}), "securitySchemes": {
            "session": {"type": "http", "scheme": "bearer",
                        "description": "The token from POST /auth/login/verify."},
            "webSession": {"type": "apiKey", "in": "cookie", "name": "__Host-session",
                           "description": "The web client's session (requests marked "
                                          "X-Requested-With: portal-web); a write needs "
                                          "that header too"}}},
    }


@route(bp, "/openapi.json", summary="This document", tag="Meta", auth=False)
def openapi() -> dict:
    return document()


@route(bp, "/health", summary="Liveness", tag="Meta", auth=False)
def health() -> dict:
    return {"status": "ok"}
