"""YAML parsing that no document can hang: no aliases, no duplicate keys, bounded nesting.

A YAML alias lets a few lines stand for billions of values ("billion laughs"), a key given
twice silently loses its first value, and a document nested tens of thousands of levels
deep exhausts the recursion of any loader. Definitions written by people need none of
these, so `load_yaml` refuses each with the line and column where it starts, before a
single value is built.
"""

from __future__ import annotations

from typing import Any

import yaml

# libyaml's parser where PyYAML has it (ten times faster: start-up parses the bundled files).
_BASE: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_DEPTH = 64


class YamlProblem(Exception):
    """One problem in a YAML document; `line` and `column` are 1-based (0 when unknown)."""

    def __init__(self, line: int, column: int, message: str) -> None:
        self.line = line
        self.column = column
        self.message = message
        where = f"line {line}, column {column}: " if line else ""
        super().__init__(f"{where}{message}")


def _mark(node_or_event: Any) -> tuple[int, int]:
    mark = getattr(node_or_event, "start_mark", None)
    return (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)


class _NoDuplicateKeysLoader(_BASE):  # type: ignore[valid-type,misc]
    """The safe loader, refusing a mapping that gives the same key twice."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        first: dict[Any, int] = {}
        for key_node, _ in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                continue
            key = self.construct_object(key_node)
            line, column = _mark(key_node)
            try:
                earlier = first.get(key)
            except TypeError:
                continue
            if earlier is not None:
                raise YamlProblem(line, column, f"the key {key!r} is given twice (first on line "
                                  f"{earlier}); give each key once")
            first[key] = line
        result: dict[Any, Any] = super().construct_mapping(node, deep=deep)
        return result


_NoDuplicateKeysLoader.add_constructor(
    "tag:yaml.org,2002:map",
    lambda loader, node: loader.construct_mapping(node, deep=True))


def _check_events(text: str) -> None:
    """Refuse aliases and excessive nesting, reading events only (nothing is expanded)."""
    depth = 0
    for event in yaml.parse(text, Loader=_BASE):
        if isinstance(event, yaml.AliasEvent):
            line, column = _mark(event)
            raise YamlProblem(line, column, f"an alias (*{event.anchor}) is not allowed here; "
                              "write the value out in full")
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                line, column = _mark(event)
                raise YamlProblem(line, column, f"nested more than {MAX_DEPTH} levels deep")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def load_yaml(text: str) -> Any:
    """The value of a single YAML document; every problem is one YamlProblem with its place."""
    try:
        _check_events(text)
        return yaml.load(text, Loader=_NoDuplicateKeysLoader)  # a safe loader
    except YamlProblem:
        raise
    except yaml.YAMLError as exc:
        line, column = (0, 0)
        mark = getattr(exc, "problem_mark", None)
        if mark is not None:
            line, column = mark.line + 1, mark.column + 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise YamlProblem(line, column, f"not valid YAML ({problem})") from None
    except RecursionError:
        raise YamlProblem(0, 0, "nested too deeply to read") from None
