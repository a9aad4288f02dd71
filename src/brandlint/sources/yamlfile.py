"""YAML drafts files: one draft per document (or per item of a document that is a
list of mappings); keys as in CSV columns."""

from __future__ import annotations

import yaml

from ..drafts import Draft, SourceFile
from .records import Item, check_unique_ids, draft_from_items, error_at
from .yamlnodes import input_error, mapping_items


def read(source: SourceFile) -> list[Draft]:
    """A file with one mapping is one draft (id: the path); otherwise drafts ``path#N``."""
    records: list[tuple[list[Item], int]] = []
    listed = False
    try:
        for document in yaml.compose_all(source.text, Loader=yaml.SafeLoader):
            if document is None:
                continue
            if isinstance(document, yaml.SequenceNode):
                listed = True
                nodes = document.value
            else:
                nodes = [document]
            for node in nodes:
                anchor = node.start_mark.index
                if not isinstance(node, yaml.MappingNode):
                    raise error_at(
                        source, anchor, "a YAML draft must be a mapping of keys to values"
                    )
                records.append((mapping_items(source, node), anchor))
    except yaml.YAMLError as exc:
        raise input_error(exc, source.text) from None
    single = len(records) == 1 and not listed
    drafts = [
        draft_from_items(source, items, number=None if single else n, anchor=anchor)
        for n, (items, anchor) in enumerate(records, 1)
    ]
    check_unique_ids(drafts)
    return drafts
