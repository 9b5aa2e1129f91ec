"""Under the Plan tab's list: the open actions by expected gain — how far each one's intended
change alone would move the deal's triangle (``desktop.domain.what_if``) — so the seller sees
which step of the plan matters most. The top three, short; the decision triangle's what-if
(Ctrl+Shift+W) draws the whole plan done.

It follows the analysis panel (the influence weights it has just worked out), so it costs a
closed form over people and actions after each analysis, nothing more.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from desktop.domain.analysis import DealAnalysis

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

SHOWN = 3


class PlanGains(QLabel):
    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.setObjectName("plan_gains")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setContentsMargins(4, 4, 4, 2)
        self.setToolTip("How far each open action's intended change alone would move the "
                        "deal's triangle (influence-weighted, 0–10); the decision triangle's "
                        "what-if (Ctrl+Shift+W) shows the whole plan done")
        self._analysis_panel = window.analysis_panel
        layout = window.plan.layout()
        assert layout is not None
        layout.addWidget(self)
        window.analysis_panel.analysis_shown.connect(self.follow)
        self.follow(window.analysis_panel.analysis)

    def follow(self, analysis: DealAnalysis | None) -> None:
        from desktop.domain.what_if import action_effects
        from desktop.domain.what_if_text import effect_line

        deal = self._analysis_panel.deal
        if deal is None or analysis is None:
            self.hide()
            return
        effects = [e for e in action_effects(deal, analysis.weights) if not e.reached]
        if not effects:
            self.setText("No open action intends a change yet: give one its intended "
                         "change (Details…) to see what it would bring.")
        else:
            names = {p.id: p.name for p in deal.people}
            self.setText("By expected gain if done (deal axis, 0–10):\n" + "\n".join(
                f"{n}. {effect_line(e, names)}" for n, e in enumerate(effects[:SHOWN], 1)))
        self.show()
