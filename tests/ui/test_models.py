"""Every item model passes Qt's model tester, and shows unknown as "?" — never as 0."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from desktop.domain.deal import Deal
from desktop.domain.enums import Axis
from desktop.domain.person import Person
from desktop.domain.scores import Score
from desktop.store.library import Library
from desktop.ui.deal_list_model import DealFilterModel, DealListModel
from desktop.ui.people_model import Column, PeopleFilterModel, PeopleTableModel


def test_people_model_passes_the_model_tester(qtmodeltester: ModelTester,
                                              small_demo: Deal) -> None:
    model = PeopleTableModel()
    model.set_people(small_demo.people)
    qtmodeltester.check(model)
    proxy = PeopleFilterModel()
    proxy.setSourceModel(model)
    proxy.setFilterFixedString("a")
    qtmodeltester.check(proxy)


def test_deal_models_pass_the_model_tester(qtmodeltester: ModelTester, library: Library,
                                           demos: list[Deal]) -> None:
    library.add_deals(demos)
    model = DealListModel()
    model.set_deals(library.list_deals())
    qtmodeltester.check(model)
    proxy = DealFilterModel()
    proxy.setSourceModel(model)
    proxy.setFilterFixedString("helix")
    assert proxy.rowCount() == 2  # the account's two deals
    qtmodeltester.check(proxy)


def test_unknown_shows_as_question_mark_and_sorts_last_both_ways() -> None:
    known_zero = Person(name="Zero").with_score(Axis.BUSINESS, Score(0))
    unknown = Person(name="Unknown")
    model = PeopleTableModel()
    model.set_people([known_zero, unknown])
    column = Column.BUSINESS
    assert model.index(0, column).data() == "0"
    assert model.index(1, column).data() == "?"
    proxy = PeopleFilterModel()
    proxy.setSourceModel(model)
    proxy.sort(column, Qt.SortOrder.AscendingOrder)
    assert proxy.index(1, Column.NAME).data() == "Unknown"  # after 0: never counted as 0
    proxy.sort(column, Qt.SortOrder.DescendingOrder)
    assert proxy.index(1, Column.NAME).data() == "Unknown"


def test_set_people_keeps_rows_in_step(qtmodeltester: ModelTester) -> None:
    a, b, c = Person(name="A"), Person(name="B"), Person(name="C")
    model = PeopleTableModel()
    qtmodeltester.check(model)
    model.set_people([a, b, c])
    model.set_people([a, c])
    assert [p.name for p in model.people()] == ["A", "C"]
    model.set_people([a, b, c])
    assert [p.name for p in model.people()] == ["A", "B", "C"]
    model.set_people([c, a])
    assert [p.name for p in model.people()] == ["C", "A"]


def test_inline_edit_asks_for_an_edit_and_does_not_change_itself() -> None:
    requests: list[tuple[Person, Person]] = []
    person = Person(name="A")
    model = PeopleTableModel()
    model.edit_requested.connect(lambda before, after: requests.append((before, after)))
    model.set_people([person])
    assert model.setData(model.index(0, Column.PERSONAL), 7)
    assert requests[0][1].scores.personal.value == 7
    assert requests[0][1].scores.personal.private  # privacy kept
    assert model.person_at(0) == person  # unchanged until the store answers
    assert not model.setData(model.index(0, Column.PERSONAL), 11)
    assert not model.setData(model.index(0, Column.NAME), "B")
