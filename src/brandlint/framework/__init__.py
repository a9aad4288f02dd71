"""The messaging framework: typed model, strict loader and JSON Schema."""

from .model import Framework

__all__ = ["Framework"]
