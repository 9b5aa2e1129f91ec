"""One seller's "laptop" in the Syncthing soak tests: a library of its own whose team folder
is carried by its own Syncthing, synced through the command line as a seller would and
edited through the library as the window does."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import pytest

from desktop.domain.enums import Axis, Confidence
from desktop.domain.person import Person
from desktop.domain.scores import Score
from desktop.exchange.team_folder import TeamFileName, parse_name
from desktop.store.library import Library
from tests.helpers.cli import digest, run
from tests.soak.syncthing import Instance, find_syncthing

NORTHWIND = "Northwind fleet telematics"


def syncthing_or_skip() -> str:
    """The Syncthing binary; the test is skipped, saying why, where there is none."""
    binary = find_syncthing()
    if binary is None:
        pytest.skip("Syncthing is not installed and packaging/get-syncthing.sh could not "
                    "fetch Debian's package (apt-get download syncthing).")
    return binary


@dataclass
class Laptop:
    """One seller's laptop: a library, a team folder carried by its own Syncthing, and
    everything each ``team sync`` printed."""

    name: str
    db: Path
    syncthing: Instance
    said: list[str] = field(default_factory=list)
    config: Path | None = None  # its own config folder: another computer (its machine id)

    def team(self, *args: str) -> str:
        env = None if self.config is None else {"XDG_CONFIG_HOME": str(self.config)}
        done = run("--db", self.db, "team", *args, env=env)
        assert done.returncode == 0, f"{self.name}: team {' '.join(args)}\n{done.stdout}" \
                                     f"{done.stderr}"
        return done.stdout

    def sync(self) -> str:
        out = self.team("sync")
        self.said.append(out)
        return out

    def person(self, deal_id: str, name: str) -> Person | None:
        with Library.open(self.db, create=False) as library:
            if deal_id not in library.deal_ids():
                return None
            return next(p for p in library.get_deal(deal_id).people if p.name == name)

    def edit(self, deal_id: str, name: str, title: str | None = None,
             business: int | None = None) -> None:
        """What a seller does in the window: a new title and/or business score (with
        evidence) for one person."""
        with Library.open(self.db, create=False) as library:
            mine = next(p for p in library.get_deal(deal_id).people if p.name == name)
            if title is not None:
                mine = replace(mine, title=title)
            if business is not None:
                mine = replace(mine, scores=mine.scores.with_score(Axis.BUSINESS, Score(
                    business, f"{self.name} heard it", Confidence.HEARD)))
            library.update_people([mine])

    def people(self, deal_id: str) -> dict[str, tuple[str, int | None]]:
        with Library.open(self.db, create=False) as library:
            return {p.name: (p.title, p.scores.business.value)
                    for p in library.get_deal(deal_id).people}

    def recent(self) -> str:
        return f"{self.name}'s last sync said:\n{self.said[-1] if self.said else '(none)'}"



def folder_files(instance: Instance) -> dict[str, str]:
    """The deal files in one laptop's copy of the team folder, by name, with their digests."""
    return {p.name: digest(p) for p in instance.folder.iterdir()
            if p.is_file() and not p.name.startswith(".")}


def named(name: str) -> TeamFileName:
    """A team file's deal and author; anything else in the folder fails the test."""
    parsed = parse_name(name)
    assert parsed is not None, f"not a team file: {name}"
    assert not parsed.is_copy, f"a sync engine's copy: {name}"
    return parsed
