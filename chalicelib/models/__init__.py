"""Pydantic request and response bodies, one module per area.

Importing pydantic and building models costs about 0.1 s of cold start, so handler
modules refer to models through ``lazy("auth")``: ``m.RegisterRequest`` is a reference
that imports ``chalicelib.models.auth`` only when a request first needs it. Calling a
reference builds the model: ``m.SessionOut(token=...)``; its class methods are reached
the same way.
"""
from __future__ import annotations

import importlib
from typing import Any


class ModelRef:
    def __init__(self, module: str, name: str) -> None:
        self.module, self.__name__ = module, name

    def resolve(self) -> Any:
        return getattr(importlib.import_module(self.module), self.__name__)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self.resolve()(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:  # a class method, like AllocationOut.listed
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.resolve(), name)

    def __repr__(self) -> str:
        return f"<model {self.module}.{self.__name__}>"


class LazyModels:
    def __init__(self, module: str) -> None:
        self._module = module

    def __getattr__(self, name: str) -> ModelRef:
        if name.startswith("__"):
            raise AttributeError(name)
        return ModelRef(self._module, name)


def lazy(area: str) -> LazyModels:
    return LazyModels(f"{__name__}.{area}")


def resolve(model: Any) -> Any:
    """The model class of a reference (or of a class, itself)."""
    return model.resolve() if isinstance(model, ModelRef) else model
