"""YAML fact tables, read safely from parser events with line numbers.

The data is built straight from the parser's events (libyaml's when
available) rather than through `yaml.compose`: it is several times faster,
needs no recursion (deep nesting cannot overflow the stack) and lets aliases
be counted as they expand, so a "billion laughs" file is refused after a few
events (the reader limits the size of the file itself). Scalars stay as
written (`2026-01`, `17.1`, `yes`) except nulls: the schema decides what each
field's text means.
"""

from __future__ import annotations

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from .document import Document, ReadError, Where

try:
    from yaml._yaml import CParser as _Parser
except ImportError:  # PyYAML without libyaml

    class _Parser(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser):  # type: ignore[no-redef]
        def __init__(self, stream: str):
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)


MAX_ALIASED = 2_000_000
MAX_DEPTH = 100

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = frozenset(_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp"))
_MAP_TAG = _TAG + "map"
_SEQ_TAG = _TAG + "seq"
_NO_KEY = object()
_MERGE = object()


class Map(dict):
    """A mapping with the line it starts on and the line of each key."""

    __slots__ = ("line", "key_lines")

    def __init__(self, line: int):
        super().__init__()
        self.line = line
        self.key_lines: dict[str, int] = {}


class Seq(list):
    """A sequence with the line of each item."""

    __slots__ = ("item_lines",)

    def __init__(self) -> None:
        super().__init__()
        self.item_lines: list[int] = []


def parse(path: str, text: str) -> Document:
    """Parse YAML text into a Document; raise ReadError when it is not usable YAML."""
    try:
        builder = _Builder(_Parser(text))
        data = builder.run()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 0
        if "nesting depth" in (error.problem or ""):
            # libyaml (PyYAML 6.0.4 on) stops at 1,000 levels while scanning ahead, before
            # `_Builder` sees level 101: the same refusal, in the same words.
            raise ReadError(line, f"YAML nested deeper than {MAX_DEPTH} levels") from None
        detail = f" ({error.context})" if error.context else ""
        raise ReadError(line, f"invalid YAML: {error.problem}{detail}") from None
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + 1
        raise ReadError(line, f"invalid YAML: {error.reason}") from None
    except yaml.YAMLError as error:  # libyaml reports some errors without a mark
        raise ReadError(0, f"invalid YAML: {error}") from None
    document = Document(path, data, lambda where: locate(data, where))
    document.problems.extend(document.problem(where, message) for where, message in builder.notes)
    return document


def locate(data: object, where: Where) -> int:
    """The line of the deepest item or key on the path `where`."""
    line = data.line if isinstance(data, Map) else 1
    node = data
    for part in where:
        if isinstance(node, Map) and part in node.key_lines:
            line = node.key_lines[part]
            node = node[part]
        elif isinstance(node, Seq) and isinstance(part, int) and part < len(node):
            line = node.item_lines[part]
            node = node[part]
        else:
            break
    return line


class _Frame:
    """An open collection while its events arrive."""

    __slots__ = ("node", "key", "where", "anchor", "start", "merges", "merge_line")

    def __init__(self, node: Map | Seq, where: Where, anchor: str | None, start: int):
        self.node = node
        self.key: object = _NO_KEY
        self.where = where
        self.anchor = anchor
        self.start = start
        self.merges: list[tuple[object, int]] = []
        self.merge_line = 0


class _Builder:
    """Turns parser events into Map / Seq / str / None, counting expanded nodes."""

    def __init__(self, parser: _Parser):
        self.parser = parser
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[object, int | None]] = {}
        self.total = 0  # nodes so far, aliases expanded: the size of an anchored node
        self.aliased = 0  # nodes added by aliases
        self.notes: list[tuple[Where, str]] = []  # problems that do not stop parsing
        self.root: object = None

    def run(self) -> object:
        get_event = self.parser.get_event
        stack = self.stack
        documents = 0
        while True:
            event = get_event()
            kind = type(event)
            if kind is ScalarEvent:
                tag = event.tag
                if tag is None or tag == "!":
                    value = None if event.implicit[0] and event.value in _NULLS else event.value
                elif tag in _SCALAR_TAGS:
                    value = None if tag == _TAG + "null" else event.value
                else:
                    raise _unsupported(tag, event)
                self.total += 1
                if event.anchor is not None:
                    self.anchors[event.anchor] = (value, 1)
                if not stack:
                    self.root = value
                    continue
                top = stack[-1]
                node = top.node
                key = top.key
                # The common cases inline: a list item, a value for a key.
                if type(node) is Seq:
                    node.append(value)
                    node.item_lines.append(event.start_mark.line + 1)
                elif key is _NO_KEY or key is _MERGE:
                    self._add(value, event, plain=event.implicit[0])
                else:
                    node[key] = value
                    top.key = _NO_KEY
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                self._start(event, kind is MappingStartEvent)
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                self._end()
            elif kind is AliasEvent:
                self._alias(event)
            elif kind is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise ReadError(
                        event.start_mark.line + 1, "expected a single YAML document, found more"
                    )
            elif kind is StreamEndEvent:
                return self.root

    def _start(self, event: MappingStartEvent | SequenceStartEvent, mapping: bool) -> None:
        stack = self.stack
        line = event.start_mark.line + 1
        if len(stack) >= MAX_DEPTH:
            raise ReadError(line, f"YAML nested deeper than {MAX_DEPTH} levels")
        tag = event.tag
        if tag is not None and tag != "!" and tag != (_MAP_TAG if mapping else _SEQ_TAG):
            raise _unsupported(tag, event)
        node: Map | Seq = Map(line) if mapping else Seq()
        self.total += 1
        if stack:
            parent = stack[-1]
            if isinstance(parent.node, Seq):
                where = parent.where + (len(parent.node),)
            elif parent.key is _NO_KEY:
                raise ReadError(line, "mapping keys must be strings, not collections")
            else:
                where = parent.where + ("<<" if parent.key is _MERGE else parent.key,)
            self._add(node, event, plain=False)
        else:
            where = ()
            self.root = node
        if event.anchor is not None:
            self.anchors[event.anchor] = (node, None)
        stack.append(_Frame(node, where, event.anchor, self.total))

    def _end(self) -> None:
        frame = self.stack.pop()
        if frame.merges:
            self._merge(frame)
        if frame.anchor is not None:
            self.anchors[frame.anchor] = (frame.node, self.total - frame.start + 1)

    def _alias(self, event: AliasEvent) -> None:
        line = event.start_mark.line + 1
        if event.anchor not in self.anchors:
            raise ReadError(line, f"invalid YAML: found undefined alias {event.anchor!r}")
        value, size = self.anchors[event.anchor]
        if size is None:
            raise ReadError(line, f"recursive YAML alias {event.anchor!r}")
        self.total += size
        self.aliased += size
        if self.aliased > MAX_ALIASED:
            raise ReadError(
                line, f"YAML aliases expand to more than {MAX_ALIASED:,} nodes (a YAML bomb?)"
            )
        if self.stack:
            self._add(value, event, plain=False)
        else:
            self.root = value

    def _add(self, value: object, event: yaml.Event, plain: bool) -> None:
        frame = self.stack[-1]
        node = frame.node
        line = event.start_mark.line + 1
        if type(node) is Seq:
            node.append(value)
            node.item_lines.append(line)
        elif frame.key is _NO_KEY:
            if value == "<<" and plain:
                frame.key = _MERGE
                frame.merge_line = line
            elif type(value) is not str:
                raise ReadError(line, "mapping keys must be strings")
            else:
                if value in node.key_lines:
                    first = node.key_lines[value]
                    self.notes.append(
                        (frame.where + (value,), f"duplicate key (first on line {first})")
                    )
                node.key_lines[value] = line
                frame.key = value
        elif frame.key is _MERGE:
            frame.merges.append((value, line))
            frame.key = _NO_KEY
        else:
            node[frame.key] = value
            frame.key = _NO_KEY

    def _merge(self, frame: _Frame) -> None:
        """Apply `<<` merge keys: keys written in the mapping win, then earlier merges."""
        node = frame.node
        sources: list[Map] = []
        for value, line in frame.merges:
            items = value if isinstance(value, Seq) else [value]
            if not all(isinstance(item, Map) for item in items):
                raise ReadError(line, "a '<<' merge key must name a mapping or a list of mappings")
            sources.extend(items)
        for source in sources:
            for key, value in source.items():
                if key not in node.key_lines:
                    node[key] = value
                    node.key_lines[key] = frame.merge_line


def _unsupported(tag: str, event: yaml.Event) -> ReadError:
    name = tag.replace(_TAG, "!!")
    return ReadError(event.start_mark.line + 1, f"unsupported YAML tag {name!r}")
