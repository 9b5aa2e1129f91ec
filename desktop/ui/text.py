"""Text put into Qt's rich-text labels: escaped once, here."""

from __future__ import annotations


def html(text: str) -> str:
    """``text`` safe inside rich text (names and notes may hold ``<`` or ``&``); line
    breaks kept."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\n", "<br>"))
