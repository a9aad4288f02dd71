"""Campaign briefs: the framework's ``campaigns:`` section and ``campaigns/<name>.yaml``
files next to the framework, validated like the framework (file:line:col errors).

A brief states the facts every draft of a campaign must agree on — discount, prices,
start and end dates, promo code, landing URL, phone — and the key message and
pillars its channels carry. Each value must read as the fact it names (``20%`` is a
discount, ``2026-05-05`` a date), so a typo in a brief is an error, not a silent
non-match. See docs/campaigns.md.
"""

from __future__ import annotations

from pathlib import Path, PurePath
from typing import Any

import yaml

from ..errors import BrandlintError
from .model import Campaign
from .validate import Schema, Validator, child, did_you_mean, error_at, position, read_yaml

CAMPAIGN_DIR = "campaigns"
_FACT_KEYS = {
    "discount": ("discount", "a discount such as 20%, 20% off, 八折, $10 off or 满300减50"),
    "code": ("code", "a promo code: letters, digits, - and _"),
    "landing_url": ("url", "a URL starting with https:// or www."),
    "phone": ("phone", "a phone number such as +1 800-555-0199"),
}
_PRICE_HINT = "a price such as $49, $49/month, ¥99 or 99元/月"


def campaign_schema(framework_schema: Schema) -> Schema:
    """The schema of one brief file: the framework's ``$defs/campaign``."""
    return {"$defs": framework_schema["$defs"], "$ref": "#/$defs/campaign"}


def load_campaigns(
    root: yaml.Node, data: Any, base: Path, shown: str, schema: Schema
) -> tuple[dict[str, Campaign], list[BrandlintError]]:
    """Every campaign brief: the framework's ``campaigns:`` section (``root`` is the
    framework's node tree, ``data`` its validated value) and the files in
    ``base/campaigns/``. Returns the briefs by name and the problems found."""
    errors: list[BrandlintError] = []
    context = _Context(data)
    campaigns: dict[str, Campaign] = {}
    section = child(root, "campaigns")
    values = data.get("campaigns") if isinstance(data, dict) else None
    if isinstance(section, yaml.MappingNode) and isinstance(values, dict):
        for key_node, node in section.value:
            name = str(key_node.value)
            value = values.get(name)
            if not isinstance(value, dict):
                continue
            errors += context.check(node, value, f"campaigns.{name}", shown)
            campaigns[name] = _campaign(name, value, shown)
    folder = base / CAMPAIGN_DIR
    files = sorted(folder.glob("*.y*ml")) if folder.is_dir() else []
    for file in files:
        if file.suffix not in (".yaml", ".yml"):
            continue
        display = PurePath(shown).parent.joinpath(CAMPAIGN_DIR, file.name).as_posix()
        try:
            node = _read_brief(file, display)
        except BrandlintError as error:
            errors.append(error)
            continue
        validator = Validator(campaign_schema(schema), display, top="the campaign brief")
        value = validator.validate(node)
        errors += validator.errors
        name = file.stem
        if name in campaigns:
            line = _defined_at(section, name)
            errors.append(
                error_at(
                    node,
                    f"campaign '{name}' is also defined in {shown} (line {line})",
                    display,
                    hint="keep one brief per campaign: this file or the framework's campaigns:",
                )
            )
            continue
        if isinstance(value, dict) and not validator.errors:
            errors += context.check(node, value, "", display)
            campaigns[name] = _campaign(name, value, display)
    return dict(sorted(campaigns.items())), errors


def _read_brief(file: Path, display: str) -> yaml.Node:
    try:
        blank = not file.read_text(encoding="utf-8-sig").strip()
    except (OSError, UnicodeDecodeError):
        blank = False  # read_yaml reports it
    if blank:
        raise BrandlintError(
            "the campaign brief is empty",
            path=display,
            line=1,
            column=1,
            hint="write the campaign's facts (see docs/campaigns.md) or delete the file",
        )
    return read_yaml(file, display, "campaign brief")


class _Context:
    """What a brief may refer to: the framework's products and pillars."""

    def __init__(self, data: Any) -> None:
        brand = data.get("brand") if isinstance(data, dict) else None
        vp = data.get("value_proposition") if isinstance(data, dict) else None
        self.products = list((brand or {}).get("products") or [])
        self.pillars = [p.get("id") for p in (vp or {}).get("pillars") or [] if isinstance(p, dict)]

    def check(
        self, node: yaml.Node, value: dict[str, Any], where: str, path: str
    ) -> list[BrandlintError]:
        """Values that do not read as the fact they name; unknown pillars and products;
        a start after the end."""
        from ..facts import brief_fact

        errors: list[BrandlintError] = []
        prefix = f"{where}." if where else ""

        def bad(item: yaml.Node, key: str, text: str, expected: str) -> None:
            errors.append(
                error_at(item, f"{prefix}{key}: '{text}' is not {expected}", path,
                         hint="see docs/campaigns.md for the notations brandlint reads")
            )  # fmt: skip

        for key, (kind, expected) in _FACT_KEYS.items():
            for item, text in _values(child(node, key)):
                if brief_fact(kind, text) is None:
                    bad(item, key, text, expected)
        price = child(node, "price")
        if isinstance(price, yaml.MappingNode):
            for product_node, sub in price.value:
                product = str(product_node.value)
                if product not in self.products:
                    known = ", ".join(self.products) or "none: brand.products is empty"
                    errors.append(
                        error_at(
                            product_node,
                            f"{prefix}price: unknown product '{product}'"
                            f"{did_you_mean(product, self.products)} (products: {known})",
                            path,
                            hint="price keys are product names from brand.products",
                        )
                    )
                for item, text in _values(sub):
                    if brief_fact("price", text) is None:
                        bad(item, f"price.{product}", text, _PRICE_HINT)
        else:
            for item, text in _values(price):
                if brief_fact("price", text) is None:
                    bad(item, "price", text, _PRICE_HINT)
        dates = {}
        for key in ("start", "end"):
            item = child(node, key)
            if isinstance(item, yaml.ScalarNode):
                fact = brief_fact("date", str(item.value))
                if fact is None:
                    bad(item, key, str(item.value), "a date written YYYY-MM-DD")
                else:
                    dates[key] = (item, fact.value[:3])
        if len(dates) == 2 and dates["start"][1] > dates["end"][1]:
            errors.append(
                error_at(dates["end"][0], f"{prefix}end: the campaign ends before it starts",
                         path)
            )  # fmt: skip
        for item, text in _values(child(node, "pillars")):
            if text not in self.pillars:
                known = ", ".join(self.pillars) or "none: value_proposition.pillars is empty"
                errors.append(
                    error_at(
                        item,
                        f"{prefix}pillars: unknown pillar '{text}'"
                        f"{did_you_mean(text, self.pillars)} (pillars: {known})",
                        path,
                        hint="use the id of a pillar in value_proposition.pillars",
                    )
                )
        return errors


def _campaign(name: str, value: dict[str, Any], path: str) -> Campaign:
    price = value.get("price")
    if isinstance(price, dict):
        prices = tuple((product, p) for product, ps in price.items() for p in _as_list(ps))
    else:
        prices = tuple((None, p) for p in _as_list(price))
    return Campaign(
        name=name,
        key_message=value.get("key_message"),
        keywords=tuple(value["keywords"]),
        pillars=tuple(value["pillars"]),
        discount=_as_list(value.get("discount")),
        prices=prices,
        start=value.get("start"),
        end=value.get("end"),
        code=_as_list(value.get("code")),
        landing_url=_as_list(value.get("landing_url")),
        phone=_as_list(value.get("phone")),
        path=path,
    )


def _as_list(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    return tuple(value) if isinstance(value, list) else (value,)


def _values(node: yaml.Node | None) -> list[tuple[yaml.Node, str]]:
    """``(node, text)`` of a scalar or of each scalar in a list."""
    items = node.value if isinstance(node, yaml.SequenceNode) else [node] if node else []
    return [(i, str(i.value)) for i in items if isinstance(i, yaml.ScalarNode)]


def _defined_at(section: yaml.Node | None, name: str) -> int | None:
    if isinstance(section, yaml.MappingNode):
        for key_node, _ in section.value:
            if str(key_node.value) == name:
                return position(key_node)[0]
    return None
