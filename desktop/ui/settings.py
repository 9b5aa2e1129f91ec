"""Settings declared once — key, type, default, meaning — over QSettings (Picard's config).

Reading never fails: a missing or mistyped value gives the default. The window is handed a
``Settings`` object, so tests give it one backed by a file in a temporary folder.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Generic, TypeVar, cast

from PySide6.QtCore import QByteArray, QSettings

T = TypeVar("T")
MAX_RECENT = 8


@dataclass(frozen=True, slots=True)
class Setting(Generic[T]):
    key: str
    default: T
    meaning: str


WINDOW_GEOMETRY: Setting[QByteArray] = Setting("window/geometry", QByteArray(),
                                               "the main window's size and place")
WINDOW_STATE: Setting[QByteArray] = Setting("window/state", QByteArray(),
                                            "the main window's docks and bars")
SPLITTER_STATE: Setting[QByteArray] = Setting("window/splitter", QByteArray(),
                                              "the widths of deal list, people and inspector")
CENTRE_SPLITTER_STATE: Setting[QByteArray] = Setting(
    "window/centreSplitter", QByteArray(), "the heights of the map and the people table")
SIDE_SPLITTER_STATE: Setting[QByteArray] = Setting(
    "window/sideSplitter", QByteArray(), "the heights of the inspector and the analysis")
SHOW_LEGEND: Setting[bool] = Setting("map/showLegend", True, "the legend drawn on the map")
RECENT_LIBRARIES: Setting[list[str]] = Setting("libraries/recent", [],
                                               "library files opened lately, newest first")
LAST_LIBRARY: Setting[str] = Setting("libraries/last", "", "the library open at last quit")
PRINT_LAYOUT: Setting[str] = Setting("print/layout", "brief", "the layout printed last")
PRINT_PAPER: Setting[str] = Setting("print/paper", "", "a4 or letter; empty: the locale's")
PRINT_ORIENTATION: Setting[str] = Setting("print/orientation", "",
                                          "portrait or landscape; empty: the layout's own")
PRINT_GREYSCALE: Setting[bool] = Setting("print/greyscale", False, "print in shades of grey")
OUR_COMPANY: Setting[str] = Setting("print/ourCompany", "",
                                    "our company's name on the mutual action plan")
PNG_DPI: Setting[int] = Setting("export/pngDpi", 192, "the resolution of exported PNG maps")
EXPORT_FOLDER: Setting[str] = Setting("export/folder", "", "where the last export was saved")
IMPORT_FOLDER: Setting[str] = Setting("import/folder", "", "where the last imported file was")
EXPORT_FORMAT: Setting[str] = Setting("export/format", "dealtri", "the format exported last")
BACKUPS_KEPT: Setting[int] = Setting("backups/kept", 10,
                                     "how many automatic backups are kept beside the library")
STALE_CONTACT_DAYS: Setting[int] = Setting("analysis/staleContactDays", 30,
                                           "days without contact before a red flag")
TECHNICAL_BAR: Setting[int] = Setting("analysis/technicalBar", 6,
                                     "the decision test's technical bar (0-10): both options "
                                     "must reach it before business and personal decide")
PARITY: Setting[int] = Setting("analysis/parity", 1,
                               "the decision test's parity: a business gap this small or "
                               "smaller leaves the personal win to decide")
AUTHOR_NAME: Setting[str] = Setting("comments/author", "",
                                    "the name comments are signed with; empty: not asked "
                                    "yet (then offered: the computer's full name for you)")


class Settings:
    def __init__(self, store: QSettings | None = None) -> None:
        self.store = store if store is not None else QSettings()

    def get(self, setting: Setting[T]) -> T:
        value = self.store.value(setting.key, None)
        if value is None:
            return setting.default
        default = setting.default
        if isinstance(default, list):
            if isinstance(value, str):
                value = [value]
            if isinstance(value, list) and all(isinstance(v, str) for v in value):
                return cast(T, value)
            return default
        if isinstance(default, bool):
            return cast(T, value in (True, "true", "1", 1))
        if isinstance(default, int):
            try:
                return cast(T, int(str(value)))
            except (TypeError, ValueError):
                return default
        return value if isinstance(value, type(default)) else default

    def set(self, setting: Setting[T], value: T) -> None:
        self.store.setValue(setting.key, value)

    # -- per-library values -------------------------------------------------------------

    def last_deal(self, library: str) -> str:
        value = self.store.value(f"libraries/lastDeal/{_key(library)}", "")
        return value if isinstance(value, str) else ""

    def set_last_deal(self, library: str, deal_id: str) -> None:
        self.store.setValue(f"libraries/lastDeal/{_key(library)}", deal_id)

    def column_mapping(self, header_key: str) -> dict[str, int]:
        """The CSV column mapping chosen for this set of headers (field name → column)."""
        import json

        value = self.store.value(f"import/mappings/{_key(header_key)}", "")
        try:
            loaded = json.loads(value) if isinstance(value, str) and value else {}
        except ValueError:
            return {}
        if not isinstance(loaded, dict):
            return {}
        return {k: v for k, v in loaded.items() if isinstance(k, str) and isinstance(v, int)}

    def set_column_mapping(self, header_key: str, mapping: dict[str, int]) -> None:
        import json

        self.store.setValue(f"import/mappings/{_key(header_key)}", json.dumps(mapping))

    def add_recent(self, library: str) -> list[str]:
        recent = [library, *(p for p in self.get(RECENT_LIBRARIES) if p != library)]
        recent = recent[:MAX_RECENT]
        self.set(RECENT_LIBRARIES, recent)
        return recent

    def sync(self) -> None:
        self.store.sync()


def _key(path: str) -> str:
    return hashlib.sha1(path.encode(), usedforsecurity=False).hexdigest()[:16]
