"""GET /openapi.json documents every route and is a valid OpenAPI document."""
from openapi_spec_validator import validate

from app import app


def test_the_document_is_valid_openapi(client):
    response = client.get("/openapi.json")
    assert response.status_code == 200
    validate(response.data)


def test_every_route_of_the_app_is_documented(client):
    paths = client.get("/openapi.json").data["paths"]
    for path, entry in app.routes.items():
        for method in entry:
            assert method.lower() in paths.get(path, {}), f"{method} {path} is not documented"


def test_private_routes_declare_the_session_scheme(client):
    paths = client.get("/openapi.json").data["paths"]
    assert paths["/me"]["get"]["security"] == [{"session": []}, {"webSession": []}]
    assert paths["/auth/login"]["post"]["security"] == []
    assert "401" in paths["/me"]["get"]["responses"]
