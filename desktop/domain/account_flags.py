"""The red flag an account raises in a deal: a shared person changed elsewhere.

A stance was judged for a person's job and boss as the seller knew them; when another deal
of the account records a new title or a new manager, this deal's view of the person may be
out of date. The store keeps one notice per person and change (``Deal.notices``) until the
seller edits the person here; this rule says each in one sentence.
"""

from __future__ import annotations

from desktop.domain.accounts import IdentityNotice, NoticeKind
from desktop.domain.flag_types import FlagContext, RedFlag, Severity


def notice_text(name: str, notice: IdentityNotice) -> str:
    if notice.what is NoticeKind.TITLE:
        change = (f"is now {notice.now}" if notice.now else "no longer has a title") + (
            f" (was {notice.was})" if notice.was else "")
    elif notice.now:
        change = f"now reports to {notice.now}" + (f" (was {notice.was})" if notice.was else "")
    else:
        change = f"no longer reports to {notice.was}"
    return f"{name} {change} — review their stance in this deal."


def rule_identity_changed(ctx: FlagContext) -> list[RedFlag]:
    deal = ctx.deal
    return [RedFlag("identity-changed", Severity.MEDIUM,
                    notice_text(deal.person(notice.person).name, notice), (notice.person,))
            for notice in deal.notices if deal.has_person(notice.person)]
