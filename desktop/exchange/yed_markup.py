"""What a map drawn in yEd means: the rules for yEd's own markup, apart from plain GraphML.

A seller who draws an org chart in yEd types "Anna Schmidt", Enter, "CFO" into a box, joins
boxes with lines, dashes one for a dotted-line report and draws departments as groups. None of
that is a data key: it is in yEd's graphics (``y:NodeLabel``, ``y:LineStyle``, ``y:Arrows``,
``y:Geometry``) and in nested graphs. These rules turn it into people and lines:

- A node's label: the first line is the name, the other lines the title (a second label
  counts as further lines). A line's label is its note.
- A line's style: dashed → dotted-line report, dotted → influence, solid → reports-to.
  Colours are ignored (yEd's palette means nothing agreed).
- Who is the manager on a solid or dashed line: yEd's tree and org-chart layouts (yFiles'
  ``TreeBuilder`` and tree layouts) run each edge from the parent to the child, with the
  arrowhead at the child — the report. So an arrowhead only at the target end makes the source
  the manager, one only at the source end the target. With no arrowhead (or both) the box
  higher on the page (smaller y) is the manager; at the same height the edge's direction
  decides as yFiles draws it (source = manager).
- On a dotted influence line the arrowhead points at the one influenced; without one the
  edge's direction is kept.

Our own exports carry data keys (``kind``, ``title``, …) that always win over these rules.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

from desktop.domain.enums import RelationKind
from desktop.domain.text import MEDIUM_TEXT
from desktop.exchange.safe_xml import local

# Groups inside groups: a hostile file nests them ten thousand deep; yEd's own charts need a
# handful (division, department, team).
MAX_GROUP_DEPTH = 32
_NO_ARROW = frozenset({"", "none"})
_LINE_KINDS = {"line": RelationKind.REPORTS_TO, "dashed": RelationKind.DOTTED_LINE,
               "dashed_dotted": RelationKind.DOTTED_LINE, "dotted": RelationKind.INFLUENCE}


@dataclass(frozen=True, slots=True)
class NodeMarkup:
    """What yEd draws for a node: its label (as typed, lines kept) and its box."""

    label: str | None = None
    x: float | None = None  # the box's centre
    y: float | None = None


@dataclass(frozen=True, slots=True)
class EdgeMarkup:
    line: str  # y:LineStyle type: line, dashed, dotted, dashed_dotted
    arrow_at_source: bool
    arrow_at_target: bool
    label: str = ""  # the text on the line ("IT budget"): the line's note


def node_markup(graphics: ET.Element) -> NodeMarkup:
    """The label and box of one node's ``nodegraphics`` data. For a group (a
    ``y:ProxyAutoBoundsNode`` holding an open and a closed ``y:GroupNode``) the realizer
    yEd shows (``y:Realizers active``) is the one read."""
    shape = _active_realizer(graphics)
    labels: list[str] = []  # a second label (a title typed apart) follows the first
    x = y = None
    for part in shape.iter() if shape is not None else ():
        tag = local(part.tag)
        if tag == "NodeLabel" and (part.text or "").strip():
            labels.append(part.text or "")
        elif tag == "Geometry" and x is None:
            x = _centre(part, "x", "width")
            y = _centre(part, "y", "height")
    return NodeMarkup("\n".join(labels) if labels else None, x, y)


def _active_realizer(graphics: ET.Element) -> ET.Element | None:
    shape = next(iter(graphics), None)
    if shape is None or local(shape.tag) != "ProxyAutoBoundsNode":
        return shape
    realizers = next((e for e in shape if local(e.tag) == "Realizers"), None)
    if realizers is None:
        return shape
    try:
        active = int(realizers.get("active", "0"))
    except ValueError:
        active = 0
    children = list(realizers)
    return children[active] if 0 <= active < len(children) else next(iter(children), None)


def _centre(geometry: ET.Element, at: str, size: str) -> float | None:
    try:
        return float(geometry.get(at, "")) + float(geometry.get(size, "0")) / 2
    except ValueError:
        return None


def name_and_title(label: str) -> tuple[str, str]:
    """``"Anna Schmidt\\nCFO"`` → ("Anna Schmidt", "CFO"); further lines join the title
    ("VP Sales\\nEMEA" → "VP Sales EMEA"). Blank lines and spacing around lines are dropped."""
    lines = [" ".join(line.split()) for line in label.splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        return "", ""
    return lines[0], " ".join(lines[1:])


def edge_markup(graphics: ET.Element) -> EdgeMarkup | None:
    """The line style and arrowheads of one edge's ``edgegraphics`` data (any of yEd's edge
    realizers: PolyLineEdge, BezierEdge, ArcEdge, …); None without a LineStyle."""
    style = arrows = None
    labels: list[str] = []
    for part in graphics.iter():
        tag = local(part.tag)
        if tag == "LineStyle" and style is None:
            style = part
        elif tag == "Arrows" and arrows is None:
            arrows = part
        elif tag == "EdgeLabel" and (part.text or "").strip():
            labels.append(" ".join((part.text or "").split()))
    if style is None:
        return None
    return EdgeMarkup(style.get("type", "line").strip().casefold(),
                      arrows is not None and arrows.get("source", "none") not in _NO_ARROW,
                      arrows is not None and arrows.get("target", "none") not in _NO_ARROW,
                      "; ".join(labels)[:MEDIUM_TEXT])


def kind_and_direction(markup: EdgeMarkup, source_y: float | None,
                       target_y: float | None) -> tuple[RelationKind, bool] | None:
    """The kind of line, and whether the relation runs against the edge (our reports-to and
    dotted-line run from the report to the manager; influence from the influencer to the
    influenced). None: a line style these rules do not know."""
    kind = _LINE_KINDS.get(markup.line)
    if kind is None:
        return None
    if kind is RelationKind.INFLUENCE:
        return kind, markup.arrow_at_source and not markup.arrow_at_target
    return kind, _source_is_manager(markup, source_y, target_y)


def _source_is_manager(markup: EdgeMarkup, source_y: float | None,
                       target_y: float | None) -> bool:
    if markup.arrow_at_target != markup.arrow_at_source:
        return markup.arrow_at_target  # the arrowhead is at the report
    if source_y is not None and target_y is not None and source_y != target_y:
        return source_y < target_y  # higher on the page (y grows downwards)
    return True
