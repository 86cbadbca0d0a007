"""No developer text reaches a person: every documented field given a wrong value (too
short, too long, the wrong format, out of range, the wrong type, not a choice) answers in
the project's own sentences, in English and in Spanish: no pydantic wording, no pattern,
no raw number of bytes or cents."""
from __future__ import annotations

import re

import pytest

DEVELOPER = re.compile(
    r"String should|Input should|should (match|have|be)|Value error|Field required|"
    r"validation error|pydantic|type=|\^|\\d|\{\d|\b\d{5,}\b|Extra inputs|Object has no|"
    r"JSON input|valid (integer|number|string|boolean)\b")


def resolve(spec: dict, schema: dict) -> dict:
    while "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    for key in ("anyOf", "oneOf"):
        if key in schema:  # an optional field: its non-null form
            schema = next((s for s in schema[key] if s.get("type") != "null"), schema[key][0])
            return resolve(spec, schema)
    return schema


def wrong_values(spec: dict, schema: dict) -> list:
    """Values that break the field's schema, one way each."""
    schema = resolve(spec, schema)
    kind = schema.get("type")
    if "enum" in schema or "const" in schema:
        return ["not-one-of-them", 7]
    if kind == "string":
        out = [12345, ""]
        if "maxLength" in schema:
            out.append("x" * (schema["maxLength"] + 1))
        if "pattern" in schema or schema.get("format") in ("date", "date-time", "email"):
            out.append("!! not this !!")
        return out
    if kind == "integer":
        out = ["abc", 1.5]
        if "minimum" in schema:
            out.append(schema["minimum"] - 1)
        if "maximum" in schema:
            out.append(schema["maximum"] + 1)
        return out
    if kind == "number":
        return ["abc", -10 ** 12]
    if kind == "boolean":
        return ["yes", 2]
    if kind == "array":
        out = ["a list", [12345]]
        if schema.get("minItems"):
            out.append([])
        return out
    if kind == "object" and "properties" in schema:
        return ["an object", {name: wrong_values(spec, s)[0]
                              for name, s in schema["properties"].items()}]
    return [None]


def bodies(spec: dict, schema: dict) -> list[dict]:
    """A few bodies with every property wrong at once (pydantic reports them all)."""
    properties = resolve(spec, schema).get("properties", {})
    options = {name: wrong_values(spec, s) for name, s in properties.items()}
    depth = max((len(v) for v in options.values()), default=0)
    return [{name: values[i % len(values)] for name, values in options.items()}
            for i in range(depth)] + [{}]


def messages(answer) -> list[str]:
    error = (answer.data or {}).get("error", {})
    return [error.get("message", "")] + list((error.get("fields") or {}).values())


def read(answer, where: str, seen: set, problems: list) -> None:
    """A refusal's words, kept; any developer text in them, noted with where it was."""
    if answer.status_code != 422:
        return
    for text in messages(answer):
        seen.add(text)
        if DEVELOPER.search(text):
            problems.append(f"{where}: {text!r}")


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_field_error_is_in_the_projects_own_words(client, john, language):
    spec = client.get("/openapi.json").data
    seen = set()
    problems = []
    for path, operations in spec["paths"].items():
        concrete = re.sub(r"\{[^}]+\}", "000020108", path)
        for method, operation in operations.items():
            schema = (operation.get("requestBody") or {}).get("content", {}).get(
                "application/json", {}).get("schema")
            if schema is None:
                continue
            for body in bodies(spec, schema):
                answer = client.call(method.upper(), concrete, body, token=john,
                                     headers={"Accept-Language": language})
                read(answer, f"{method.upper()} {path}", seen, problems)
    assert len(seen) > 20  # the wrong values did reach validation
    assert not problems, "\n".join(sorted(set(problems))[:60])


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_request_steps_field_errors_are_in_the_projects_own_words(client, john, language):
    said = {"Accept-Language": language}
    problems, seen = [], set()
    for kind in client.get("/request-types", token=john).data["request_types"]:
        draft = client.post("/submissions", {"type": kind["id"], "case_id": "000020108"},
                            token=john)
        if draft.status_code != 201:
            continue  # not one John may file
        for step in kind["steps"]:
            schema = step["fields_schema"]
            spec = {"components": {"schemas": schema.get("$defs", {})}}
            for body in bodies(spec, _local_refs(schema)):
                answer = client.call("PUT", f"/submissions/{draft.data['submission_id']}/steps/"
                                     f"{step['id']}", {"answers": body}, token=john, headers=said)
                read(answer, f"{kind['id']}.{step['id']}", seen, problems)
    assert len(seen) > 20
    assert not problems, "\n".join(sorted(set(problems))[:60])


def _local_refs(schema):
    """A step's JSON Schema with its $defs references read from components (as in OpenAPI)."""
    import json

    return json.loads(json.dumps(schema).replace('"#/$defs/', '"#/components/schemas/'))
