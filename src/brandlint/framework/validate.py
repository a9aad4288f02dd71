"""Strict, kind validation of YAML against the JSON Schema subset brandlint uses.

The validator walks PyYAML's node tree (``yaml.compose``), so every error points at
the offending key or value with a 1-based ``line:column`` (columns count
characters). It collects all errors, not just the first, and builds the Python value
with the schema's ``default`` values filled in, so defaults live only in the schema.

Supported keywords: ``type`` (a name or a list), ``properties``,
``additionalProperties`` (false or a schema), ``required``, ``enum``, ``items``,
``minItems``/``maxItems``, ``minLength``, ``minimum``/``maximum``, ``oneOf``/``anyOf``,
``format: regex``, ``default``, and local ``$ref`` into ``$defs``.
"""

from __future__ import annotations

import copy
import difflib
import re
from pathlib import Path
from typing import Any

import yaml

from ..errors import BrandlintError

Schema = dict[str, Any]

_TAG = "tag:yaml.org,2002:"
_MERGE = _TAG + "merge"
_JSON_TYPE = {
    "str": "string",
    "int": "integer",
    "float": "number",
    "bool": "boolean",
    "null": "null",
    "timestamp": "timestamp",
    "map": "object",
    "seq": "array",
}
_TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping (key: value)",
    "null": "nothing",
}


class FrameworkErrors(BrandlintError):
    """Every problem found in one framework or config file; one line each."""

    def __init__(self, errors: list[BrandlintError]) -> None:
        first = errors[0]
        count = f"{len(errors)} problem{'s' if len(errors) > 1 else ''}"
        super().__init__(f"{count} found", path=first.path, line=first.line, column=first.column)
        self.errors = errors

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)


def position(node: yaml.Node) -> tuple[int, int]:
    """The 1-based ``(line, column)`` where ``node`` starts."""
    return node.start_mark.line + 1, node.start_mark.column + 1


def child(node: yaml.Node | None, key: str) -> yaml.Node | None:
    """The value of ``key`` in a mapping node (the last one, as YAML loads it); None
    when ``node`` is not a mapping or has no such key."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value in reversed(node.value):
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                return value
    return None


def items(node: yaml.Node | None) -> list[yaml.Node]:
    """The item nodes of a sequence node; [] for anything else."""
    return list(node.value) if isinstance(node, yaml.SequenceNode) else []


def error_at(
    node: yaml.Node | None, message: str, path: str, hint: str | None = None
) -> BrandlintError:
    """A :class:`BrandlintError` located at ``node`` (or at no line) in ``path``."""
    line, column = position(node) if node is not None else (None, None)
    return BrandlintError(message, path=path, line=line, column=column, hint=hint)


def or_list(items: list[Any]) -> str:
    """``a, b or c``."""
    words = [str(i) for i in items]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def did_you_mean(word: str, choices: list[str]) -> str:
    """`` — did you mean 'x'?`` for the closest choice, or an empty string."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" — did you mean '{close[0]}'?" if close else ""


def read_yaml(path: Path, display: str, what: str) -> yaml.Node:
    """The YAML node tree of the file at ``path`` (UTF-8, BOM accepted), or a
    :class:`BrandlintError` naming ``display`` and the line of any syntax error.
    ``what`` names the file's role in messages ("framework", "config")."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise BrandlintError(f"{what} file not found", path=display) from None
    except OSError as exc:
        raise BrandlintError(f"cannot read the {what} file: {exc.strerror}", path=display) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise BrandlintError(
            f"the {what} file is not UTF-8 text (byte 0x{data[exc.start]:02x})",
            path=display,
            line=line,
            hint="save the file as UTF-8",
        ) from None
    try:
        node = compose(text)
    except yaml.MarkedYAMLError as exc:
        raise _yaml_error(exc, display) from None
    except yaml.YAMLError as exc:
        raise BrandlintError(f"invalid YAML: {exc}", path=display) from None
    if node is None:
        raise BrandlintError(
            f"the {what} file is empty",
            path=display,
            line=1,
            column=1,
            hint="run `brandlint init` to create a commented starting point",
        )
    return node


def compose(text: str) -> yaml.Node | None:
    """The node tree of ``text``, composed by libyaml when PyYAML has it (ten times
    faster on a 10,000-term framework) and made to look exactly like the pure-Python
    composer's: plain scalars have style None and quoted ones have marks into
    ``text`` (messages point at characters inside the quotes). A
    document libyaml rejects is composed again in Python, for PyYAML's own messages."""
    loader = getattr(yaml, "CSafeLoader", None)
    if loader is None:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    try:
        node = yaml.compose(text, Loader=loader)
    except yaml.YAMLError:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    stack, seen = ([node] if node is not None else []), set()
    while stack:
        item = stack.pop()
        if id(item) in seen:  # an alias, perhaps of a node that contains it
            continue
        seen.add(id(item))
        if isinstance(item, yaml.ScalarNode):
            if not item.style:
                item.style = None
            elif item.style in ("'", '"'):  # a message may point inside the quotes
                item.start_mark, item.end_mark = (
                    _text_mark(item.start_mark, text),
                    _text_mark(item.end_mark, text),
                )
        elif isinstance(item, yaml.SequenceNode):
            stack.extend(item.value)
        else:
            for pair in item.value:
                stack.extend(pair)
    return node


def _text_mark(mark: Any, text: str) -> yaml.Mark:
    return yaml.Mark(mark.name, mark.index, mark.line, mark.column, text, mark.index)


def _yaml_error(exc: yaml.MarkedYAMLError, display: str) -> BrandlintError:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or exc.context or "syntax error"
    message = f"invalid YAML: {problem}"
    if exc.context and exc.problem:
        message += f" ({exc.context})"
    if "\\t" in problem or "\t" in problem:
        hint = "YAML indentation must use spaces, not tabs"
    elif "mapping values are not allowed" in problem:
        hint = "text that contains ': ' must be quoted, for example reason: 'Note: ...'"
    elif "single document" in problem:
        hint = "the file must hold one YAML document; remove the extra '---'"
    elif "found undefined alias" in problem:
        hint = "define the anchor (&name) before using the alias (*name)"
    else:
        hint = "check the indentation and quoting on this line and the one before"
    line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
    return BrandlintError(message, path=display, line=line, column=column, hint=hint)


class Validator:
    """Validates a node tree against ``schema``; errors name ``path`` (the file as
    shown to the user)."""

    def __init__(self, schema: Schema, path: str, top: str | None = None) -> None:
        self.root = schema
        self.path = path
        self.top = top  # how messages name the root mapping; None: "the top level"
        self.errors: list[BrandlintError] = []
        self.trial = False  # a trial of one branch of a choice: its messages are never shown
        self._constructor = yaml.constructor.SafeConstructor()
        self._done: dict[tuple[int, int], tuple[Schema, Any]] = {}
        self._active: set[tuple[int, int]] = set()
        self._defaults: dict[int, tuple[Schema, Any]] = {}  # id(schema) -> (schema, default)
        self._resolved: dict[int, tuple[Schema, Schema]] = {}  # id(schema) -> (it, resolved)
        self._with_default: dict[int, tuple[Schema, list]] = {}  # id(schema) -> (it, props)

    def validate(self, node: yaml.Node) -> Any:
        """The Python value of ``node`` with defaults filled in; problems are added to
        :attr:`errors` (check it before trusting the value)."""
        return self._check(node, self.root, "")

    # -- helpers --------------------------------------------------------------

    def _error(self, node: yaml.Node | None, message: str, hint: str | None = None) -> None:
        err = error_at(node, message, self.path, hint)
        if not any(
            (e.line, e.column, e.message) == (err.line, err.column, err.message)
            for e in self.errors
        ):
            self.errors.append(err)

    def _resolve(self, schema: Schema) -> Schema:
        """``schema`` with its ``$ref`` followed, worked out once per schema object."""
        kept = self._resolved.get(id(schema))
        if kept is not None and kept[0] is schema:
            return kept[1]
        resolved = schema
        while "$ref" in resolved:
            ref = resolved["$ref"]
            if not ref.startswith("#/"):
                raise ValueError(f"only local $ref is supported: {ref}")
            target: Any = self.root
            for part in ref[2:].split("/"):
                target = target[part]
            resolved = {**target, **{k: v for k, v in resolved.items() if k != "$ref"}}
        self._resolved[id(schema)] = (schema, resolved)  # keeps it alive: its id stays unique
        return resolved

    @staticmethod
    def _kind(node: yaml.Node) -> str | None:
        """The JSON type of ``node``; None for a tag brandlint does not read."""
        key = (node.__class__, node.tag)
        if key not in _KINDS:
            _KINDS[key] = _kind_of(*key)
        return _KINDS[key]

    @staticmethod
    def _describe(node: yaml.Node) -> str:
        if isinstance(node, yaml.MappingNode):
            return "a mapping"
        if isinstance(node, yaml.SequenceNode):
            return "a list"
        if node.tag == _TAG + "null":
            return "an empty value"
        value = str(node.value).strip().splitlines()[0] if str(node.value).strip() else ""
        if len(value) > 40:
            value = value[:37] + "..."
        plain = node.style is None and node.tag != _TAG + "str"
        return value if plain else f"'{value}'"

    def _where(self, where: str) -> str:
        return where or self.top or "the top level"

    def _in(self, where: str) -> str:
        return f"in {where or self.top}" if where or self.top else "at the top level"

    # -- checking -------------------------------------------------------------

    def _check(self, node: yaml.Node, schema: Schema, where: str) -> Any:
        if isinstance(node, yaml.ScalarNode) and self._kind(node) is not None:
            # No alias of a scalar can contain itself, and checking one again gives the
            # same value and messages: none of the bookkeeping below.
            return self._check_schema(node, self._resolve(schema), where)
        key = (id(node), id(schema))
        if key in self._done:
            return self._done[key][1]
        if key in self._active:
            self._error(node, f"{self._where(where)}: a YAML alias may not refer to itself")
            return None
        if self._kind(node) is None:
            self._error(
                node,
                f"{self._where(where)}: unsupported YAML tag '{node.tag}'",
                hint="remove the tag; brandlint reads plain YAML values only",
            )
            return None
        self._active.add(key)
        try:
            value = self._check_schema(node, self._resolve(schema), where)
        finally:
            self._active.discard(key)
        self._done[key] = (schema, value)  # keeps the schema alive, so its id stays unique
        return value

    def _check_schema(self, node: yaml.Node, schema: Schema, where: str) -> Any:
        for combinator in ("oneOf", "anyOf"):
            if combinator in schema:
                return self._check_choice(node, schema, where, combinator)
        kind = self._kind(node)
        types = schema.get("type")
        if types is None and "enum" in schema:
            types = sorted({_enum_type(v) for v in schema["enum"]})
        allowed = [types] if isinstance(types, str) else list(types or [])
        if allowed and not _type_ok(kind, allowed):
            if "string" in allowed and _plain_scalar(node) and kind != "null":
                kind = "string"  # `phrase: no` or `- 2048` mean text
            else:
                expected = or_list([_TYPE_NAMES[t] for t in allowed])
                self._error(
                    node, f"{self._where(where)}: expected {expected}, got {self._describe(node)}"
                )
                return None
        if kind == "object":
            return self._check_object(node, schema, where)
        if kind == "array":
            return self._check_array(node, schema, where)
        return self._check_scalar(node, schema, where, kind)

    def _check_choice(self, node: yaml.Node, schema: Schema, where: str, combinator: str) -> Any:
        branches = [self._resolve(b) for b in schema[combinator]]
        keys = _plain_keys(node)
        possible = branches
        if keys is not None:  # a mapping fits no scalar or list branch, nor one whose
            possible = [  # required key it lacks
                b
                for b in branches
                if _type_ok("object", _branch_types(b) or ["object"])
                and set(b.get("required", ())) <= keys
            ]
            if len(possible) == 1 and possible[0].get("required"):
                return self._check(node, possible[0], where)  # what the trials would give
        trials = []
        for branch in possible:
            trial = Validator(self.root, self.path, self.top)
            trial.trial, trial._defaults, trial._resolved = True, self._defaults, self._resolved
            trial._with_default = self._with_default
            value = trial._check(node, branch, where)
            if not trial.errors:
                trials.append(value)
        if trials and (combinator == "anyOf" or len(trials) == 1):
            return trials[0]
        kind = self._kind(node)
        fitting = [b for b in branches if _type_ok(kind, _branch_types(b))]
        if kind == "object":
            present = {self._key(k) for k, _ in node.value}
            named = [b for b in fitting if b.get("required")]
            keyed = [b for b in named if set(b["required"]) <= present]
            if named and len(keyed) != 1:
                names = or_list([f"'{n}'" for b in named for n in b["required"]])
                self._error(node, f"{self._where(where)}: needs exactly one of {names}")
                return None
            fitting = keyed or fitting
        if len(fitting) == 1:
            return self._check(node, fitting[0], where)
        expected = or_list([_TYPE_NAMES[t] for b in branches for t in _branch_types(b)])
        self._error(node, f"{self._where(where)}: expected {expected}, got {self._describe(node)}")
        return None

    def _key(self, node: yaml.Node) -> str:
        return str(node.value) if isinstance(node, yaml.ScalarNode) else ""

    def _check_object(self, node: yaml.MappingNode, schema: Schema, where: str) -> dict[str, Any]:
        seen: dict[str, yaml.Node] = {}
        merges = False
        for key_node, _ in node.value:
            if key_node.tag == _MERGE:
                merges = True
                continue
            name = self._key(key_node)
            if not isinstance(key_node, yaml.ScalarNode):
                self._error(key_node, f"{self._where(where)}: a key must be text")
            elif name in seen:
                first = position(seen[name])[0]
                self._error(
                    key_node,
                    f"duplicate key '{name}' {self._in(where)} (first at line {first})",
                    hint="YAML keeps only the last of duplicate keys; remove or merge one",
                )
            else:
                seen[name] = key_node
        if merges:
            self._constructor.flatten_mapping(node)
        props: dict[str, Schema] = schema.get("properties", {})
        extra = schema.get("additionalProperties", True)
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            name = self._key(key_node)
            if not isinstance(key_node, yaml.ScalarNode):
                continue
            child = f"{where}.{name}" if where else name
            if name in props:
                result[name] = self._check(value_node, props[name], child)
            elif extra is False:
                known = list(props)
                hint = "" if self.trial else did_you_mean(name, known)
                message = f"unknown key '{name}' {self._in(where)}{hint}"
                if not hint:
                    message += f"; expected one of: {', '.join(known)}"
                self._error(key_node, message)
            elif isinstance(extra, dict):
                result[name] = self._check(value_node, extra, child)
            else:
                result[name] = self._constructor.construct_object(value_node, deep=True)
        for name in schema.get("required", []):
            if name not in result and name not in seen:
                self._error(node, f"missing required key '{name}' {self._in(where)}")
        for name, prop in self._defaulted(schema, props):
            if name not in result and name not in seen:
                result[name] = self._default(prop)
        return result

    def _defaulted(self, schema: Schema, props: dict[str, Schema]) -> list[tuple[str, Schema]]:
        """The properties of object ``schema`` that have a default, worked out once."""
        kept = self._with_default.get(id(schema))
        if kept is None or kept[0] is not schema:
            names = [(n, p) for n, p in props.items() if self._default(p) is not _MISSING]
            kept = self._with_default[id(schema)] = (schema, names)  # keeps schema alive
        return kept[1]

    def _default(self, schema: Schema) -> Any:
        """``schema``'s default with the defaults of its own properties filled in (a
        fresh copy each time: values are mutable)."""
        kept = self._defaults.get(id(schema))
        if kept is None:
            kept = self._defaults[id(schema)] = (schema, self._fill_default(schema))
        value = kept[1]
        if isinstance(value, (dict, list)):
            return copy.deepcopy(value) if value else type(value)()
        return value

    def _fill_default(self, schema: Schema) -> Any:
        schema = self._resolve(schema)
        if "default" not in schema:
            return _MISSING
        value = copy.deepcopy(schema["default"])
        if isinstance(value, dict):
            for name, prop in schema.get("properties", {}).items():
                if name not in value:
                    default = self._default(prop)
                    if default is not _MISSING:
                        value[name] = default
        return value

    def _check_array(self, node: yaml.SequenceNode, schema: Schema, where: str) -> list[Any]:
        items = schema.get("items")
        result = [
            self._check(item, items, f"{where}[{i}]")
            if items is not None
            else self._constructor.construct_object(item, deep=True)
            for i, item in enumerate(node.value, 1)
        ]
        count = len(result)
        entries = f"{count} entr{'y' if count == 1 else 'ies'}"
        if "minItems" in schema and count < schema["minItems"]:
            least = schema["minItems"]
            self._error(
                node,
                f"{where}: needs at least {least} entr{'y' if least == 1 else 'ies'}, has {count}",
            )
        if "maxItems" in schema and count > schema["maxItems"]:
            self._error(node, f"{where}: has {entries}; at most {schema['maxItems']} allowed")
        return result

    def _check_scalar(self, node: yaml.ScalarNode, schema: Schema, where: str, kind: str) -> Any:
        if kind == "string":
            value: Any = str(node.value)
        else:
            value = self._constructor.construct_object(node, deep=True)
        if "enum" in schema and value not in schema["enum"]:
            choices = [str(v) for v in schema["enum"]]
            self._error(
                node,
                f"{where}: expected {or_list(choices)}, got {self._describe(node)}"
                + did_you_mean(str(value), choices),
            )
            return None
        if kind == "string":
            if len(value) < schema.get("minLength", 0):
                self._error(node, f"{where}: must not be empty")
            if schema.get("format") == "regex":
                self._check_regex(node, value, where)
        elif kind in ("integer", "number"):
            if "minimum" in schema and value < schema["minimum"]:
                self._error(node, f"{where}: must be at least {schema['minimum']}, got {value}")
            if "maximum" in schema and value > schema["maximum"]:
                self._error(node, f"{where}: must be at most {schema['maximum']}, got {value}")
        return value

    def _check_regex(self, node: yaml.ScalarNode, value: str, where: str) -> None:
        problem = regex_problem(node, value, where, self.path)
        if problem is not None:
            self.errors.append(problem)


_MISSING = object()


def regex_problem(
    node: yaml.ScalarNode, value: str, where: str, path: str
) -> BrandlintError | None:
    """A located error if ``value`` (the text of ``node``) is not a valid regex."""
    try:
        re.compile(value)
    except re.error as exc:
        pos = exc.pos or 0
        line, column = position(node)
        column += _source_offset(node, pos)
        return BrandlintError(
            f"{where}: invalid regex: {exc.msg} (character {pos + 1} of the pattern)",
            path=path,
            line=line,
            column=column,
            hint="quote regexes with single quotes in YAML so backslashes are kept as written",
        )
    return None


def _source_offset(node: yaml.ScalarNode, pos: int) -> int:
    """Columns from the start of ``node`` to character ``pos`` of its value, where the
    scalar is on one line and written without escapes; else 0 (the scalar's start)."""
    start, end = node.start_mark, node.end_mark
    if start.line != end.line or node.style not in (None, "'", '"'):
        return 0
    if node.style is None:
        return pos
    raw = start.buffer[start.pointer + 1 : end.pointer - 1] if start.buffer else ""
    if node.style == "'":
        return 1 + pos + _quote_pairs(raw, pos)
    return 1 + pos if "\\" not in raw else 0


def _quote_pairs(raw: str, pos: int) -> int:
    """How many ``''`` escapes in single-quoted ``raw`` come before value offset ``pos``."""
    pairs, i, seen = 0, 0, 0
    while i < len(raw) and seen < pos:
        if raw.startswith("''", i):
            pairs += 1
            i += 2
        else:
            i += 1
        seen += 1
    return pairs


def _enum_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    return "null" if value is None else "string"


_KINDS: dict[tuple[type, str], str | None] = {}  # (node class, tag) -> JSON type


def _kind_of(cls: type, tag: str) -> str | None:
    kind = _JSON_TYPE.get(tag[len(_TAG) :]) if tag.startswith(_TAG) else None
    if kind is None:
        return None
    if issubclass(cls, yaml.MappingNode):
        return "object" if kind == "object" else None
    if issubclass(cls, yaml.SequenceNode):
        return "array" if kind == "array" else None
    return kind if kind not in ("object", "array") else None


def _type_ok(kind: str, allowed: list[str]) -> bool:
    return kind in allowed or (kind == "integer" and "number" in allowed)


def _branch_types(branch: Schema) -> list[str]:
    types = branch.get("type")
    if types is None and "enum" in branch:
        return sorted({_enum_type(v) for v in branch["enum"]})
    return [types] if isinstance(types, str) else list(types or [])


def _plain_keys(node: yaml.Node) -> set[str] | None:
    """The keys of a mapping written without merge keys (``<<``), else None."""
    if not isinstance(node, yaml.MappingNode):
        return None
    keys = set()
    for key, _ in node.value:
        if not isinstance(key, yaml.ScalarNode) or key.tag == _MERGE:
            return None
        keys.add(str(key.value))
    return keys


def _plain_scalar(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.style is None
