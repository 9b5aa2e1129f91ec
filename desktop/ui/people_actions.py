"""The people's edits that start from the window's menus and buttons: add a person (in free
space, as the report of the selected one), delete the selection, set a field of several
people, draw or remove a line — each one undo command."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtGui import QKeySequence

from desktop.domain.enums import RelationKind
from desktop.domain.person import Person
from desktop.domain.position import Position
from desktop.domain.relation import Relation
from desktop.domain.wording import people_count, plural
from desktop.ui import commands
from desktop.ui.panels.inspector import Inspector
from desktop.ui.panels.map_page import MapPage
from desktop.ui.selection import Selection
from desktop.ui.session import LibrarySession


class PeopleActions:
    def __init__(self, session: LibrarySession, selection: Selection, map_page: MapPage,
                 inspector: Inspector) -> None:
        self.session = session
        self.selection = selection
        self.map_page = map_page
        self.inspector = inspector

    def add_person(self) -> None:
        """A new person in free space: under the one selected person, as their report (the
        line is drawn with it, one undo step), else where the map is looked at."""
        deal = self.session.deal
        if deal is None:
            return
        from desktop.layout.free_spot import free_spot

        manager = self.selection.single(deal)
        centre = self.map_page.view.mapToScene(self.map_page.view.viewport().rect().center())
        near = (manager.position.x, manager.position.y + 120.0) if manager else \
            (centre.x(), centre.y())
        x, y = free_spot(((p.position.x, p.position.y) for p in deal.people), near)
        person = Person(name=f"New person {len(deal.people) + 1}",
                        position=Position(round(x, 1), round(y, 1)))  # as a drag stores it
        lines = [Relation(person.id, manager.id, RelationKind.REPORTS_TO)] if manager else []
        self.session.push(commands.AddPeople(self.session, deal.id, [person], lines))
        if manager:
            self.session.done.emit(f"{person.name} reports to {manager.name} — remove the line in "
                             "the inspector if they do not.")
        self.selection.set([person.id])
        self.inspector.focus_name()

    def delete_selection(self) -> None:
        """Delete the selected people and the selected lines of the map, as one undo step."""
        deal = self.session.deal
        if deal is None:
            return
        chosen = {p.id for p in self.selection.people(self.session.deal)}
        lines = [r for r in self.map_page.scene.selected_relations()
                 if r.source not in chosen and r.target not in chosen]
        if not chosen and not lines:
            return
        stack = self.session.undo_stack
        stack.beginMacro("Delete selection" if chosen and lines else
                         ("Delete people" if chosen else "Delete lines"))
        try:
            if chosen:
                stack.push(commands.RemovePeople(self.session, deal, list(chosen)))
            for relation in lines:
                stack.push(commands.RemoveRelation(self.session, deal.id, relation))
        finally:
            stack.endMacro()
        names = [deal.person(i).name for i in chosen]
        what = (names[0] if len(names) == 1 else people_count(len(names)) if names
                else plural(len(lines), "line"))
        keys = QKeySequence(QKeySequence.StandardKey.Undo).toString(
            QKeySequence.SequenceFormat.NativeText)
        self.session.done.emit(f"Deleted {what} — Edit ▸ Undo ({keys}) brings it back.")

    def set_for_selected(self, field: str, value: Any) -> None:
        chosen = self.selection.people(self.session.deal)
        after = [replace(p, **{field: value}) for p in chosen]
        if chosen and after != chosen:
            self.edit_people(chosen, after, field)

    def edit_people(self, before: list[Person], after: list[Person], field: str, *,
                     merge: object = None, origin: object | None = None) -> None:
        self.session.push(commands.EditPeople(self.session, before, after, field=field,
                                              merge=merge, origin=origin))

    def add_relation(self, relation: Relation) -> None:
        if self.session.deal is not None:
            self.session.push(commands.AddRelation(self.session, self.session.deal.id,
                                                   relation))

    def remove_relation(self, relation: Relation) -> None:
        if self.session.deal is not None:
            self.session.push(commands.RemoveRelation(self.session, self.session.deal.id,
                                                      relation))
