"""Values that travel in results pickle by position and come back equal."""

from __future__ import annotations

import pickle
from dataclasses import dataclass, field

import pytest

from brandlint.facts import Fact
from brandlint.findings import Edit, Fix
from brandlint.positional import pickled_by_position
from brandlint.result import DraftResult
from brandlint.rules.base import Anchor
from brandlint.rules.campaign import DraftFacts, DraftMessage

ANCHOR = Anchor("a.md", "a.md", "body", "sms", "spring", 3, 9, 1, 4, 1, 10, "20% off", True)
FACT = Fact("discount", (20, False), 3, 9, "20% off", notation="%")
VALUES = [
    Edit(3, 9, "15% off"),
    Fix((Edit(3, 9, "15% off"), Edit(12, 12, "!")), "unsafe"),
    ANCHOR,
    FACT,
    DraftFacts("spring", "sms", "a.md", ((FACT, ANCHOR),)),
    DraftMessage("spring", "sms", ANCHOR, ("speed",), True),
    DraftResult("a.md", "a.md", "sms", "spring", "en", "fail", ("speed",), ("body",)),
]


@pytest.mark.parametrize("value", VALUES, ids=lambda v: type(v).__name__)
def test_round_trip_is_a_call_with_the_field_values(value):
    assert value.__reduce__()[0] is type(value)
    assert pickle.loads(pickle.dumps(value)) == value


def test_only_classes_whose_fields_are_all_init_arguments():
    @dataclass(frozen=True)
    class Derived:
        a: int
        b: int = field(init=False, default=0)

    with pytest.raises(TypeError, match="set by __init__"):
        pickled_by_position(Derived)
