"""Pydantic request and response bodies, one module per area."""
