"""Pickling frozen, slotted dataclasses by position.

Python pickles such an instance through ``__getstate__``/``__setstate__``, which set
each field with ``object.__setattr__`` after looking the fields up again: about twice
the time of calling the class with the values. The main process unpickles every
result its workers send and every result the cache holds (hundreds of thousands of
findings, fixes, anchors and facts on a big export), so the values that travel in
results pickle as a call.
"""

from __future__ import annotations

from dataclasses import fields
from operator import attrgetter
from typing import TypeVar

T = TypeVar("T", bound=type)


def pickled_by_position(cls: T) -> T:
    """Class decorator (above ``@dataclass``): pickle instances of ``cls`` as
    ``cls(*field_values)``. Every field must be an ``__init__`` argument."""
    names = [f.name for f in fields(cls)]
    if len(names) < 2 or any(not f.init for f in fields(cls)):
        raise TypeError(f"{cls.__name__}: needs two or more fields, all set by __init__")
    values = attrgetter(*names)

    def __reduce__(self: object) -> tuple:
        return (cls, values(self))

    cls.__reduce__ = __reduce__  # type: ignore[method-assign]
    return cls
