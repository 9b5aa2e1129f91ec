"""The people of a vCard file and who reports to whom, as a deal named after the file.

Each card is a person: FN (else N put together) is the name, TITLE the title, ORG's first
part the organisation and its second the department, the work (else preferred, else
first) EMAIL and TEL, NOTE the notes. The manager is found where each app writes it —
Outlook's ``X-MS-MANAGER``, Apple's and Google's related name labelled manager
(``item1.X-ABRELATEDNAMES`` + ``item1.X-ABLabel:_$!<Manager>!$_``), vCard 4.0's
``RELATED;TYPE=x-manager`` (RFC 6350 has no manager type, so tools add their own, by name,
``urn:uuid:`` or ``mailto:``), Evolution's, KAddressBook's and Android's — and becomes a
reports-to line when it names another person of the file (by name, case and spacing
aside; by UID or e-mail for a URI); a manager who is not in the file is left out.

Ids come from the file's data, so importing it twice changes nothing: a UUID as UID is the
person's id (our own export gives back the same people), another UID, else the e-mail,
else the name and title derive one (the e-mail and name keys as the people CSV reader
derives them: the same contact in a CSV and a vCard file is one person).
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from desktop.domain.deal import Deal
from desktop.domain.enums import RelationKind
from desktop.domain.errors import ValidationError
from desktop.domain.ids import check_id, derived_id, uuid_or_none
from desktop.domain.person import Person
from desktop.domain.relation import Relation
from desktop.exchange.account_guess import account_from_organisations
from desktop.exchange.formats.people_csv import NAMESPACE
from desktop.exchange.incoming import Incoming
from desktop.exchange.registry import ReadOptions
from desktop.exchange.vcard_reading import Card, Property
from desktop.problems import Cancelled, ImportProblem

_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_UNESCAPED = {"n": "\n", "N": "\n"}
_SEMICOLON = re.compile(r"(?<!\\)((?:\\\\)*);")  # a ";" not escaped by a backslash
_MANAGER_LABEL = re.compile(r"^(?:_\$!<)?\s*manager\s*(?:>!\$_)?$", re.IGNORECASE)
_PLAIN_MANAGERS = frozenset({"X-MS-MANAGER", "X-MANAGER", "X-EVOLUTION-MANAGER",
                             "X-KADDRESSBOOK-X-MANAGERSNAME"})
_ANDROID_RELATION = "vnd.android.cursor.item/relation"
_ANDROID_MANAGER = "7"  # ContactsContract.CommonDataKinds.Relation.TYPE_MANAGER
_FIELDS = ("title", "department", "email", "phone", "notes", "organisation")


def unescaped(text: str) -> str:
    """A text value without vCard's escapes: ``\\n`` a line break, ``\\,`` ``\\;``
    ``\\\\`` the character itself."""
    if "\\" not in text:
        return text
    return _ESCAPE.sub(lambda m: _UNESCAPED.get(m.group(1), m.group(1)), text)


def parts(text: str) -> list[str]:
    """A structured value (N, ORG) split on its unescaped semicolons, each part unescaped."""
    if "\\" not in text:
        return text.split(";")
    return [unescaped(part) for part in _SEMICOLON.sub(lambda m: m.group(1) + "\x00",
                                                       text).split("\x00")]


def _spaced(text: str) -> str:
    return " ".join(text.split())


class _Contact:
    """What one card says, before it becomes a Person."""

    __slots__ = ("card", "deal", "deal_id", "email", "fields", "managers", "name", "phone",
                 "uid")

    def __init__(self, card: Card) -> None:
        self.card = card
        self.fields: dict[str, str] = {}
        self.managers: list[str] = []  # names, or "uid:…" / "mailto:…" references
        self.uid = ""
        self.deal = ""  # our export's deal: its name and id (X-DEAL-TRIANGLE-DEAL…)
        self.deal_id: str | None = None
        email = phone = formatted = structured = ""
        email_rank = phone_rank = -1
        for prop in card.properties:
            name = prop.name
            if name == "FN":
                formatted = formatted or unescaped(prop.value).strip()
            elif name == "N":
                structured = structured or prop.value
            elif name == "TITLE":
                self.fields.setdefault("title", unescaped(prop.value))
            elif name == "ORG":
                org = parts(prop.value)
                self.fields.setdefault("organisation", org[0])
                if len(org) > 1:
                    self.fields.setdefault("department", org[1])
            elif name == "EMAIL":
                rank = _preference(prop)
                if rank > email_rank:  # the first of the best kind
                    email_rank, email = rank, unescaped(prop.value).strip()
            elif name == "TEL":
                rank = _preference(prop)
                if rank > phone_rank:
                    phone_rank, phone = rank, _phone(prop.value)
            elif name == "NOTE":
                note = unescaped(prop.value).strip()
                if note:
                    known = self.fields.get("notes")
                    self.fields["notes"] = f"{known}\n\n{note}" if known else note
            elif name == "UID":
                self.uid = self.uid or unescaped(prop.value).strip()
            elif name == "X-DEAL-TRIANGLE-DEAL":
                self.deal = self.deal or unescaped(prop.value).strip()
            elif name == "X-DEAL-TRIANGLE-DEAL-ID":
                self.deal_id = self.deal_id or uuid_or_none(unescaped(prop.value))
            else:
                self._manager(prop)
        if email:
            self.fields["email"] = email
        if phone:
            self.fields["phone"] = phone
        self.email = email
        self.phone = phone
        self.name = formatted or (_from_n(structured) if structured else "") or email

    def _manager(self, prop: Property) -> None:
        name = prop.name
        value = prop.value
        if name in _PLAIN_MANAGERS:
            self.managers.append(_spaced(unescaped(value)))
        elif name == "X-ABRELATEDNAMES":
            label = next((p.value for p in self.card.properties
                          if p.name == "X-ABLABEL" and p.group == prop.group), "")
            if prop.group and _MANAGER_LABEL.match(unescaped(label)):
                self.managers.append(_spaced(unescaped(value)))
        elif name == "RELATED":
            if any(_MANAGER_LABEL.match(kind.removeprefix("x-")) for kind in prop.types):
                self.managers.append(_related(prop))
        elif name == "X-ANDROID-CUSTOM":
            fields = parts(value)
            if fields[0] == _ANDROID_RELATION and len(fields) > 2 and (
                    fields[2] == _ANDROID_MANAGER):
                self.managers.append(_spaced(fields[1]))


def _from_n(value: str) -> str:
    """N (family;given;additional;prefix;suffix) as one would say it."""
    family, given, additional, prefix, suffix = ([*parts(value), "", "", "", "", ""])[:5]
    return _spaced(" ".join((prefix, given, additional, family, suffix)).replace(",", " "))


def _preference(prop: Property) -> int:
    """Work first, then the one marked preferred (vCard 2.1/3.0 ``PREF``, 4.0 ``PREF=1``)."""
    types = prop.types
    return (2 if "work" in types else 0) + (1 if "pref" in types or "PREF" in prop.params
                                            else 0)


def _phone(value: str) -> str:
    text = unescaped(value).strip()
    return text[4:].strip() if text[:4].lower() == "tel:" else text  # 4.0's VALUE=uri


def _related(prop: Property) -> str:
    """A RELATED value: text is a name; a URI a reference to a card's UID or e-mail."""
    text = unescaped(prop.value).strip()
    kind = [v.lower() for v in prop.params.get("VALUE", [])]
    lowered = text.lower()
    if "text" in kind:
        return _spaced(text)
    if lowered.startswith("urn:uuid:"):
        return "uid:" + lowered[9:]
    if lowered.startswith("mailto:"):
        return "mailto:" + lowered[7:]
    if ":" in text.split(" ", 1)[0]:
        return ""  # another URI (http:, cid:): no person of the file
    return _spaced(text)


def people_from_cards(cards: list[Card], path: Path, options: ReadOptions) -> Incoming:
    """The cards' people (the same person twice is one) and reports-to lines."""
    people: list[Person] = []
    contacts: list[_Contact] = []
    index: dict[str, int] = {}  # uid / e-mail / name+title → position in people
    provided = {"name"}
    total = len(cards)
    for done, card in enumerate(cards, start=1):
        if done % 500 == 0:
            if options.cancelled():
                raise Cancelled
            if options.progress is not None:
                options.progress(done, total)
        contact = _Contact(card)
        if not contact.name:
            continue
        provided.update(contact.fields)
        keys = _keys(contact)
        try:
            get = contact.fields.get
            person = Person(name=contact.name, id=_person_id(contact, keys[0]),
                            title=get("title", ""), department=get("department", ""),
                            email=contact.email, phone=contact.phone, notes=get("notes", ""),
                            organisation=get("organisation", ""))
        except ValidationError as error:
            raise ImportProblem(path, card.place(_offset_of(card, error.path)),
                                f"{error.path}: {error.problem}") from None
        known = next((index[k] for k in keys if k in index), None)
        if known is not None:
            people[known] = _filled(people[known], person)
            contacts[known].managers.extend(contact.managers)
            continue
        for key in keys:
            index.setdefault(key, len(people))
        people.append(person)
        contacts.append(contact)
    missing: list[str] = []
    relations = _reports_to(people, contacts, missing)
    # Our export names the deal on every card: a file of one deal comes back into it.
    deals = {(c.deal, c.deal_id) for c in contacts}
    name, deal_id = next(iter(deals)) if len(deals) == 1 else ("", None)
    try:
        deal = Deal(name=(name or path.stem)[:120] or "Imported people",
                    id=deal_id or derived_id(NAMESPACE, path.name),
                    account=account_from_organisations(p.organisation for p in people),
                    people=tuple(people), relations=tuple(relations))
    except ValidationError as error:
        raise ImportProblem(path, "", error.problem) from None
    return Incoming(deal, frozenset(provided), whole_deal=False, named_after_file=not name,
                    missing_managers=tuple(missing))


def _keys(contact: _Contact) -> list[str]:
    title = _spaced(contact.fields.get("title", ""))
    keys = [f"uid:{contact.uid}"] if contact.uid else []
    if contact.email:
        keys.append(contact.email.casefold())
    keys.append(f"{_spaced(contact.name).casefold()}|{title.casefold()}")
    return keys


def _person_id(contact: _Contact, key: str) -> str:
    uid = contact.uid.removeprefix("urn:uuid:")
    if uid:
        try:
            return check_id(uid, "uid")
        except ValidationError:
            pass
    return derived_id(NAMESPACE, key)


def _offset_of(card: Card, field_name: str) -> int:
    wanted = {"name": ("FN", "N"), "title": ("TITLE",), "organisation": ("ORG",),
              "department": ("ORG",), "email": ("EMAIL",), "phone": ("TEL",),
              "notes": ("NOTE",)}.get(field_name.split(".")[0], ())
    return next((p.at for p in card.properties if p.name in wanted), card.at)


def _filled(first: Person, second: Person) -> Person:
    """The first card of a person, with what a later card adds where the first was empty."""
    extra = {attr: getattr(second, attr) for attr in _FIELDS
             if not getattr(first, attr) and getattr(second, attr)}
    return replace(first, **extra) if extra else first


def _reports_to(people: list[Person], contacts: list[_Contact],
                missing: list[str] | None = None) -> list[Relation]:
    """The reports-to lines between the file's people; managers named but not in the file
    go to ``missing`` (by name; references by uid or e-mail say no name)."""
    by_name: dict[str, str] = {}
    for person in people:
        by_name.setdefault(person.name.casefold(), person.id)
    by_reference: dict[str, str] = {}  # "uid:…" and "mailto:…": vCard 4.0's RELATED URIs
    if any(r.startswith(("uid:", "mailto:")) for c in contacts for r in c.managers):
        for person, contact in zip(people, contacts, strict=True):
            by_reference.setdefault("uid:" + person.id, person.id)
            if contact.uid:
                by_reference.setdefault("uid:" + contact.uid.lower().removeprefix("urn:uuid:"),
                                        person.id)
            if person.email:
                by_reference.setdefault("mailto:" + person.email.casefold(), person.id)
    relations = []
    drawn = set()
    for person, contact in zip(people, contacts, strict=True):
        for reference in contact.managers:
            if not reference:
                continue
            manager = by_reference.get(reference) or by_name.get(reference.casefold())
            if manager is None and missing is not None and not reference.startswith(
                    ("uid:", "mailto:")) and reference not in missing:
                missing.append(reference)
            if manager and manager != person.id and (person.id, manager) not in drawn:
                drawn.add((person.id, manager))
                relations.append(Relation(person.id, manager, RelationKind.REPORTS_TO,
                                          id=derived_id(NAMESPACE, f"{person.id}>{manager}")))
    return relations
