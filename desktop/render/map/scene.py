"""The map scene: a mirror of one deal. ``show`` diffs the deal it is given against the
items it has and touches only what differs, so an edit in the table repaints one card and a
drag's undo moves one card back — the scene never holds data the store does not have."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import QObject, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtWidgets import QGraphicsScene

from desktop.domain.changes import Aspect, ChangeSet
from desktop.domain.deal import Deal
from desktop.domain.person import Person
from desktop.domain.relation import Relation
from desktop.render.map.cards import CardFonts, PersonCard
from desktop.render.map.drag_layer import DragLayer, Showing
from desktop.render.map.lines import RelationLine

MARGIN = 40.0
PARALLEL_GAP = 9.0


class MapScene(QGraphicsScene):
    def __init__(self, parent: QObject | None = None, font: QFont | None = None, *,
                 indexed: bool = True) -> None:
        """``indexed=False`` for a scene that is only rendered whole (print, export): no
        spatial index to build, which a one-shot render never repays."""
        super().__init__(parent)
        self.fonts = CardFonts(font)
        self.drag_layer = DragLayer()
        self.cards: dict[str, PersonCard] = {}
        self.lines: dict[str, RelationLine] = {}
        self.deal_id: str | None = None
        self.path: tuple[str, ...] = ()
        self.full_detail = False
        self.setBackgroundBrush(QColor("#FAFAF7"))
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex if indexed
                                else QGraphicsScene.ItemIndexMethod.NoIndex)
        self.selectionChanged.connect(self._show_handles)
        self._handles_shown: set[str] = set()

    # -- mirroring ------------------------------------------------------------------------

    def show_deal(self, deal: Deal | None) -> None:
        """Make the items match ``deal`` (None: empty), changing only what differs."""
        if deal is None or deal.id != self.deal_id:
            self._clear_items()
            self.deal_id = deal.id if deal is not None else None
        if deal is None:
            self.setSceneRect(QRectF())
            return
        for gone in [i for i in self.cards if not deal.has_person(i)]:
            self._remove_card(gone)
        for person in deal.people:
            self._show_person(person, deal)
        relations = {r.id for r in deal.relations}
        for gone in [i for i in self.lines if i not in relations]:
            self._remove_line(gone)
        for relation in deal.relations:
            self._show_relation(relation)
        self._spread_parallel_lines()
        self.set_path(self.path)
        self.fit_scene_rect()

    def apply_changes(self, deal: Deal, changes: ChangeSet) -> None:
        """Follow one change set of the shown deal: only the cards and lines it names are
        touched (a score edit repaints one card; a drag's undo moves one card back)."""
        if changes.unknown or deal.id != self.deal_id:
            self.show_deal(deal)
            return
        for person_id in changes.people_removed:
            if person_id in self.cards:
                self._remove_card(person_id)
        for relation_id in changes.relations_removed:
            self._remove_line(relation_id)
        named = changes.people | changes.people_added
        if deal.id in changes.plans:  # a next action may have changed on any card
            named = named | frozenset(self.cards)
        for person_id in named:
            if deal.has_person(person_id):
                self._show_person(deal.person(person_id), deal)
        if changes.relations or changes.relations_added:
            ids = changes.relations | changes.relations_added
            for relation in deal.relations:
                if relation.id in ids:
                    self._show_relation(relation)
        if changes.structure_changed:
            self._spread_parallel_lines()
            self.set_path(tuple(i for i in self.path if i in self.cards))
        if changes.people_added or changes.people_removed or (
                changes.people and changes.aspects & Aspect.POSITION):
            self.fit_scene_rect()

    def _show_person(self, person: Person, deal: Deal) -> None:
        card = self.cards.get(person.id)
        step = deal.next_action(person.id)
        if card is None:
            card = PersonCard(person, self.fonts, self.drag_layer, step)
            card.full_detail = self.full_detail
            self.cards[person.id] = card
            self.addItem(card)
        elif card.person != person or card.step != step:
            card.set_person(person, step)
        elif card.centre != (person.position.x, person.position.y):
            card.setPos(person.position.x, person.position.y)  # a drag not committed

    def _show_relation(self, relation: Relation) -> None:
        line = self.lines.get(relation.id)
        if line is not None and (line.relation.source, line.relation.target) != (
                relation.source, relation.target):
            self._remove_line(relation.id)
            line = None
        if line is None:
            self._add_line(relation)
        elif line.relation != relation:
            line.set_relation(relation)

    def fit_scene_rect(self) -> None:
        """The scrollable area: the cards with room around them. Set explicitly, because a
        scene left to itself only ever grows (scroll bars would keep a deleted deal's size)."""
        rect = self.cards_rect()
        room = max(rect.width(), rect.height(), 800.0) * 0.5
        self.setSceneRect(rect.adjusted(-room, -room, room, room))

    def _spread_parallel_lines(self) -> None:
        """Two people with several lines between them get them side by side, not on top."""
        pairs: dict[frozenset[str], list[RelationLine]] = {}
        for line in self.lines.values():
            pairs.setdefault(frozenset((line.relation.source, line.relation.target)),
                             []).append(line)
        for group in pairs.values():
            group.sort(key=lambda line: line.relation.id)
            for index, line in enumerate(group):
                # The normal flips with direction, so measure offsets in one direction.
                flip = 1.0 if line.relation.source < line.relation.target else -1.0
                offset = flip * PARALLEL_GAP * (index - (len(group) - 1) / 2)
                if line.offset != offset:
                    line.offset = offset
                    line.follow()

    def _add_line(self, relation: Relation) -> None:
        source = self.cards.get(relation.source)
        target = self.cards.get(relation.target)
        if source is None or target is None:  # cannot happen for a valid deal
            return
        line = RelationLine(relation, source, target)
        self.lines[relation.id] = line
        self.addItem(line)

    def _remove_card(self, person_id: str) -> None:
        card = self.cards.pop(person_id)
        for line in list(card.lines):
            self._remove_line(line.relation_id)
        self.removeItem(card)

    def _remove_line(self, relation_id: str) -> None:
        line = self.lines.pop(relation_id, None)
        if line is not None:
            line.detach()
            self.removeItem(line)

    def _clear_items(self) -> None:
        self.clearSelection()
        self.clear()
        self.cards.clear()
        self.lines.clear()
        self.path = ()
        self._handles_shown = set()

    # -- selection and highlights ----------------------------------------------------------

    def _show_handles(self) -> None:
        """A selected card shows its connect handle (hovering shows it too)."""
        selected = set(self.selected_person_ids())
        for person_id in selected ^ self._handles_shown:
            card = self.cards.get(person_id)
            if card is not None:
                card.show_handle()
        self._handles_shown = selected

    def selected_person_ids(self) -> list[str]:
        return [item.person_id for item in self.selectedItems() if isinstance(item, PersonCard)]

    def selected_relations(self) -> list[Relation]:
        return [item.relation for item in self.selectedItems()
                if isinstance(item, RelationLine)]

    def select_people(self, person_ids: Iterable[str]) -> None:
        """Select exactly these cards (one selectionChanged signal, not one per card)."""
        wanted = set(person_ids)
        blocked = self.blockSignals(True)
        try:
            for item in self.selectedItems():
                if not (isinstance(item, PersonCard) and item.person_id in wanted):
                    item.setSelected(False)
            for person_id in wanted:
                card = self.cards.get(person_id)
                if card is not None and not card.isSelected():
                    card.setSelected(True)
        finally:
            self.blockSignals(blocked)
        self._show_handles()

    def set_path(self, path: Sequence[str]) -> None:
        """Highlight the path to power (person ids in order); () clears it. Only the cards
        and lines that join or leave the path are touched."""
        self.path = tuple(path)
        on_path = set(self.path)
        steps = set(zip(self.path, self.path[1:], strict=False))
        cards = {i: c for i, c in self.cards.items() if i in on_path or c.on_path}
        for person_id, card in cards.items():
            if card.on_path != (person_id in on_path):
                card.on_path = person_id in on_path
                card.update()
        for card in cards.values():
            for line in card.lines:
                pair = (line.relation.source, line.relation.target)
                now = pair in steps or pair[::-1] in steps
                if line.on_path != now:
                    line.on_path = now
                    line.update()

    def mark_found(self, person_ids: Iterable[str]) -> None:
        found = set(person_ids)
        for person_id, card in self.cards.items():
            if card.found != (person_id in found):
                card.found = person_id in found
                card.update()

    def set_full_detail(self, on: bool) -> None:
        """Draw every card's text at any scale (print, export); the screen skips text on
        cards too small to read, which keeps a 2,000-person overview fluid."""
        self.full_detail = on
        for card in self.cards.values():
            card.full_detail = on

    # -- dragging -------------------------------------------------------------------------

    def mark_moving(self, cards: Iterable[PersonCard]) -> None:
        """Mark the dragged cards and their lines: the only items painted during a drag."""
        self.clear_moving()
        for card in cards:
            card.moving = True
            for line in card.lines:
                line.moving = True

    def clear_moving(self) -> None:
        self.drag_layer.showing = Showing.ALL
        for card in self.cards.values():
            if card.moving:
                card.moving = False
                for line in card.lines:
                    line.moving = False

    # -- output ---------------------------------------------------------------------------

    def content_rect(self) -> QRectF:
        """Everything drawn, with a margin: what fit-to-window and print show."""
        rect = self.cards_rect()
        return rect.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN) if not rect.isNull() else rect

    def cards_rect(self) -> QRectF:
        """The rectangle around every card. Lines run between cards and end at their
        borders, so this is the drawing's extent too (parallel offsets and arrowheads stay
        within the margin). Worked out from the cards' cached centres: Qt's
        itemsBoundingRect asks each of thousands of items from Python, ~15 ms at 2,000."""
        if not self.cards:
            return QRectF()
        left = top = float("inf")
        right = bottom = float("-inf")
        for card in self.cards.values():
            x, y = card.centre
            w, h = card.half_width, card.half_height
            left = min(left, x - w)
            right = max(right, x + w)
            top = min(top, y - h)
            bottom = max(bottom, y + h)
        return QRectF(left, top, right - left, bottom - top)

    def render_image(self, width: int, height: int) -> QImage:
        """The whole map scaled into a ``width`` × ``height`` image (aspect kept)."""
        image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(QColor("#FFFFFF"))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        showing, self.drag_layer.showing = self.drag_layer.showing, Showing.ALL
        try:
            content = self.content_rect()
            self.render(painter, centred_target(content, width, height), content,
                        Qt.AspectRatioMode.KeepAspectRatio)
        finally:
            self.drag_layer.showing = showing
            painter.end()
        return image


def centred_target(source: QRectF, width: float, height: float) -> QRectF:
    """Where ``source`` lands, aspect kept, centred in a ``width`` × ``height`` area (Qt's
    own render puts it in the top-left corner)."""
    if source.isEmpty():
        return QRectF(0, 0, width, height)
    scale = min(width / source.width(), height / source.height())
    w, h = source.width() * scale, source.height() * scale
    return QRectF((width - w) / 2, (height - h) / 2, w, h)
