"""The account of a deal made from a contacts file: the company most of its people work for.

A LinkedIn, Outlook or Salesforce export, a vCard file or an Excel list names each person's
company; when one company covers most people, that is the customer the new deal is about
(the others are partners, consultants, subsidiaries — each person keeps their own
organisation). A file with no clear majority leaves the account empty rather than guess.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

MAJORITY = 0.5  # more than half of the people, counting those with no company too


def account_from_organisations(organisations: Iterable[str]) -> str:
    """The organisation held by more than half of the people (``organisations``: one per
    person, "" when unknown), spelt as it first appears; "" when there is none. Case and
    spacing are ignored when counting: "ACME  Corp" and "Acme Corp" are one company."""
    counts: Counter[str] = Counter()
    first_spelling: dict[str, str] = {}
    total = 0
    for organisation in organisations:
        total += 1
        text = " ".join(organisation.split())
        if not text:
            continue
        key = text.casefold()
        counts[key] += 1
        first_spelling.setdefault(key, text)
    if not counts:
        return ""
    key, count = counts.most_common(1)[0]
    return first_spelling[key] if count > total * MAJORITY else ""
