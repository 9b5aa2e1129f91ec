"""The process the crash harness kills: edits and imports in a loop, each reported only after
its transaction committed.

Run as ``python -m tests.helpers.crash_worker LIBRARY LOG SEED``: a *zygote* that loads the app's
modules once, then, for every line ``go`` on stdin, forks a worker and prints its pid; the
harness SIGKILLs that worker at a random moment and the zygote prints ``reaped``. Forking
from a warm process makes a kill cost milliseconds instead of an interpreter start, so CI
can afford hundreds of them.

Log lines (each written with one ``write`` syscall, after the commit returned — or before
an import, to say what it will be):
``edit PERSON N`` person's next step set to counter N; ``add PERSON``; ``begin DEAL COUNT``
/ ``import DEAL`` a new deal of COUNT people; ``begin-merge DEAL ID,ID`` / ``merge DEAL`` new
people merged into an existing deal.
"""

from __future__ import annotations

import os
import random
import sys
from dataclasses import replace
from pathlib import Path

from desktop.domain.deal import Deal
from desktop.domain.enums import RelationKind
from desktop.domain.person import Person
from desktop.domain.relation import Relation
from desktop.exchange import dealfile
from desktop.exchange.importing import apply_import, plan_import, read_files
from desktop.store.library import Library

HOME_DEAL = "0f0e0d0c-0b0a-4909-8807-060504030201"


def seed_library(path: Path) -> None:
    """The deal every worker edits: created once, before the first kill."""
    with Library.open(path) as library:
        if not library.list_deals():
            people = tuple(Person(name=f"Seed person {i}", notes="n=0") for i in range(12))
            library.add_deal(Deal(name="Home deal", id=HOME_DEAL, people=people))


def work(library_path: Path, log_path: Path, seed: int, round_: int) -> None:
    rng = random.Random(seed)
    log = os.open(log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)

    def say(line: str) -> None:
        os.write(log, (line + "\n").encode())

    folder = log_path.parent
    with Library.open(library_path) as library:
        say("ready")
        counter = round_ * 1_000_000  # grows from worker to worker: the last write wins
        while True:
            choice = rng.random()
            if choice < 0.45:
                people = library.get_deal(HOME_DEAL, snapshots=False).people
                person = rng.choice(people)
                counter += 1
                library.update_people([replace(person, notes=f"n={counter}")])
                say(f"edit {person.id} {counter}")
            elif choice < 0.6:
                person = Person(name=f"Added {rng.random():.6f}")
                library.add_people(HOME_DEAL, [person])
                say(f"add {person.id}")
            elif choice < 0.85:
                people = tuple(Person(name=f"Imported {i}") for i in range(rng.randint(5, 40)))
                relations = tuple(Relation(people[i].id, people[0].id, RelationKind.REPORTS_TO)
                                  for i in range(1, len(people)))
                deal = Deal(name="Imported deal", people=people, relations=relations)
                path = folder / f"import-{os.getpid()}.dealtri"
                path.write_text(dealfile.dumps([deal]))
                say(f"begin {deal.id} {len(people)}")
                apply_import(library, plan_import(library, read_files([path])))
                say(f"import {deal.id}")
            else:
                home = library.get_deal(HOME_DEAL)
                newcomers = tuple(Person(name=f"Merged {rng.random():.6f}")
                                  for _ in range(rng.randint(2, 6)))
                theirs = replace(home, people=home.people + newcomers)
                path = folder / f"merge-{os.getpid()}.dealtri"
                path.write_text(dealfile.dumps([theirs], include_private=True))
                say(f"begin-merge {','.join(p.id for p in newcomers)}")
                apply_import(library, plan_import(library, read_files([path])))
                say(f"merge {','.join(p.id for p in newcomers)}")


def zygote(library_path: Path, log_path: Path, seed: int) -> None:
    seed_library(library_path)
    print("warm", flush=True)
    for round_, line in enumerate(sys.stdin, start=1):
        if line.strip() != "go":
            break
        pid = os.fork()
        if pid == 0:  # the worker
            try:
                work(library_path, log_path, seed * 100_003 + round_, round_)
            finally:
                os._exit(0)
        print(pid, flush=True)
        os.waitpid(pid, 0)
        print("reaped", flush=True)


if __name__ == "__main__":
    zygote(Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]))
