"""The one error the domain raises: a value that breaks a rule, named by where it sits."""

from __future__ import annotations


class ValidationError(ValueError):
    """A value breaks a domain rule.

    ``path`` names the place (``people[3].scores.business.value``) so that whoever shows the
    error — a dialog, the command line, an importer — can tell the user *where* as well as
    *what*, in one sentence.
    """

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}" if path else problem)

    def within(self, prefix: str) -> ValidationError:
        """The same error, placed inside ``prefix`` (an importer adds the outer path)."""
        if not prefix:
            return self
        joined = f"{prefix}{self.path}" if self.path.startswith("[") else f"{prefix}.{self.path}"
        return ValidationError(joined if self.path else prefix, self.problem)
