"""Version 6: how each person sees the alternative, for the decision test (issue 19).

Four columns of a person's stance in one deal (``people``), beside their leaning: the
alternative scored (an id of the deal's alternatives, or NULL: none scored) and its business
outcome, technical fit and personal win as that person sees it (0–10 or NULL, unknown).
The alternative is checked against the deal's by the domain and ``damaged_references``, as
``leans_to`` is: the plan's tables are rewritten whole on every plan edit, so a foreign key
would refuse the rewrite. Existing people get NULLs: nothing scored, as before.
"""

from __future__ import annotations

_SCORE = "BETWEEN 0 AND 10"

STATEMENTS = (
    "ALTER TABLE people ADD COLUMN versus_alternative TEXT",
    *(f"ALTER TABLE people ADD COLUMN versus_{axis} INTEGER "
      f"CHECK (versus_{axis} IS NULL OR versus_{axis} {_SCORE})"
      for axis in ("business", "technical", "personal")),
)
