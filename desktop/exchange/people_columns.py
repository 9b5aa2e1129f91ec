"""Which column of a contacts table holds what: the known header layouts of LinkedIn
connections, Outlook, Google Contacts, Salesforce (Data Loader and report exports) and
HubSpot, and the mapping a seller chose for anything else.

Headers are compared normalised (case, spaces and punctuation ignored). Each field lists its
synonyms in order of preference: Outlook has both "Title" (Mr, Dr) and "Job Title", and the
job title wins; Salesforce reports call the job title "Title".
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum


class Field(Enum):
    NAME = "name"
    FIRST_NAME = "first_name"
    MIDDLE_NAME = "middle_name"
    LAST_NAME = "last_name"
    TITLE = "title"
    DEPARTMENT = "department"
    EMAIL = "email"
    PHONE = "phone"
    MANAGER = "manager"  # the manager's name (or record id, Salesforce's ReportsToId)
    RECORD_ID = "record_id"  # the source's own id, what a manager column may point at
    NOTES = "notes"
    ORGANISATION = "organisation"  # who they work for: a partner, a subsidiary, the account
    # The columns of our own export (people_csv.HEADER), read back:
    DEAL = "deal"  # the deal a row belongs to: one deal per name
    DEAL_ID = "deal_id"  # its id: our export's, so the rows come back into that deal
    ROLES = "roles"
    SUPPORT = "support"
    INFLUENCE = "influence"
    COVERAGE = "coverage"
    MODE = "mode"
    BUSINESS = "business"  # the triangle scores, 0–10 or empty (unknown)
    TECHNICAL = "technical"
    PERSONAL = "personal"
    LAST_CONTACT = "last_contact"
    NEXT_STEP = "next_step"  # the person's first open action
    NEXT_STEP_DUE = "next_step_due"
    LEANS_TO = "leans_to"  # the alternative (competitor) the person favours, by name

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {Field.NAME: "Full name", Field.FIRST_NAME: "First name",
           Field.MIDDLE_NAME: "Middle name", Field.LAST_NAME: "Last name",
           Field.TITLE: "Job title", Field.DEPARTMENT: "Department", Field.EMAIL: "E-mail",
           Field.PHONE: "Phone", Field.MANAGER: "Manager (reports to)",
           Field.RECORD_ID: "Record id", Field.NOTES: "Notes",
           Field.ORGANISATION: "Organisation (company)", Field.DEAL: "Deal (one per name)",
           Field.DEAL_ID: "Deal id (ours)",
           Field.ROLES: "Buying roles", Field.SUPPORT: "Support", Field.INFLUENCE: "Influence",
           Field.COVERAGE: "Coverage", Field.MODE: "Response mode",
           Field.BUSINESS: "Business outcome score (0–10)",
           Field.TECHNICAL: "Technical fit score (0–10)",
           Field.PERSONAL: "Personal win score (0–10)",
           Field.LAST_CONTACT: "Last contact (date)", Field.NEXT_STEP: "Next step",
           Field.NEXT_STEP_DUE: "Next step due (date)",
           Field.LEANS_TO: "Leans to (competitor)"}

SYNONYMS: dict[Field, tuple[str, ...]] = {
    Field.NAME: ("name", "fullname", "contactname", "displayname"),
    Field.FIRST_NAME: ("firstname", "givenname", "first", "vorname", "prenom"),
    Field.MIDDLE_NAME: ("middlename", "additionalname"),
    Field.LAST_NAME: ("lastname", "familyname", "surname", "last", "nachname", "nom"),
    Field.TITLE: ("jobtitle", "position", "organizationtitle", "organization1title",
                  "title", "fonction", "berufsbezeichnung"),
    Field.DEPARTMENT: ("department", "organizationdepartment", "organization1department",
                       "abteilung", "service"),
    Field.EMAIL: ("email", "emailaddress", "email1value", "primaryemail", "workemail",
                  "businessemail", "email1", "emailadresse", "courriel", "mail"),
    Field.PHONE: ("phone", "phonenumber", "businessphone", "workphone", "phone1value",
                  "mobilephone", "mobile", "mobilephonenumber", "telefon", "telephone"),
    Field.MANAGER: ("managersname", "manager", "reportsto", "reportstofullname",
                    "reportstoname", "reportstoid", "managername", "linemanager",
                    "namedesvorgesetzten", "vorgesetzter"),
    Field.RECORD_ID: ("recordid", "contactid", "id", "personid"),
    Field.NOTES: ("notes", "description"),
    Field.ORGANISATION: ("company", "companyname", "organisation", "organization",
                         "organizationname", "organization1name", "accountname", "account",
                         "employer", "firma", "unternehmen", "societe", "entreprise"),
    Field.DEAL: ("deal",),
    Field.DEAL_ID: ("dealid",),
    Field.ROLES: ("roles", "buyingroles"),
    Field.SUPPORT: ("support",),
    Field.INFLUENCE: ("influence",),
    Field.COVERAGE: ("coverage",),
    Field.MODE: ("mode", "responsemode"),
    Field.BUSINESS: ("businessoutcome",),
    Field.TECHNICAL: ("technicalfit",),
    Field.PERSONAL: ("personalwin",),
    Field.LAST_CONTACT: ("lastcontact",),
    Field.NEXT_STEP: ("nextstep",),
    Field.NEXT_STEP_DUE: ("nextstepdue",),
    Field.LEANS_TO: ("leansto",),
}

# The layouts we recognise by name (for the message "read as Outlook contacts").
KNOWN_SOURCES: tuple[tuple[str, frozenset[str]], ...] = (
    ("Deal Triangle people", frozenset({"deal", "name", "roles", "support", "influence",
                                        "coverage", "businessoutcome"})),
    ("LinkedIn connections", frozenset({"firstname", "lastname", "url", "emailaddress",
                                        "company", "position", "connectedon"})),
    ("Outlook contacts", frozenset({"firstname", "lastname", "emailaddress", "jobtitle",
                                    "company", "managersname"})),
    ("Google Contacts", frozenset({"firstname", "lastname", "email1value",
                                   "organizationtitle"})),
    ("Google Contacts", frozenset({"givenname", "familyname", "email1value",
                                   "organization1title"})),
    ("Salesforce contacts", frozenset({"id", "accountid", "lastname", "firstname",
                                       "reportstoid"})),
    ("Salesforce report", frozenset({"firstname", "lastname", "title", "accountname",
                                     "email"})),
    ("HubSpot contacts", frozenset({"recordid", "firstname", "lastname", "email",
                                    "jobtitle"})),
)


def normalise(header: str) -> str:
    return re.sub(r"[^0-9a-z]", "", header.casefold())


@dataclass(frozen=True, slots=True)
class ColumnMapping:
    columns: Mapping[Field, int]  # field → column index

    def has_person_name(self) -> bool:
        """A column of names (not only e-mails)."""
        return bool({Field.NAME, Field.FIRST_NAME, Field.LAST_NAME} & set(self.columns))

    def has_name(self) -> bool:
        return Field.NAME in self.columns or Field.FIRST_NAME in self.columns or \
            Field.LAST_NAME in self.columns or Field.EMAIL in self.columns


def automatic(header: Sequence[str]) -> ColumnMapping:
    """The mapping the known layouts give this header (possibly incomplete)."""
    normalised = [normalise(h) for h in header]
    columns: dict[Field, int] = {}
    for fld, names in SYNONYMS.items():
        for name in names:
            if name in normalised:
                columns[fld] = normalised.index(name)
                break
    if Field.NAME in columns and (Field.FIRST_NAME in columns or Field.LAST_NAME in columns):
        del columns[Field.NAME]  # the parts are better than a "Name" that may be an account
    return ColumnMapping(columns)


def looks_like_header(cells: Sequence[str]) -> bool:
    """A header names a person (or an e-mail) and at least one more known field — or is
    the one cell of a one-column list ("Name", then a name a line)."""
    mapping = automatic(cells)
    filled = [cell for cell in cells if cell.strip()]
    return mapping.has_name() and (len(mapping.columns) >= 2 or len(filled) == 1)


def source_name(header: Sequence[str]) -> str:
    names = {normalise(h) for h in header}
    for source, required in KNOWN_SOURCES:
        if required <= names:
            return source
    return "a table of people"


def header_key(header: Sequence[str]) -> str:
    """What a remembered mapping is filed under: the set of column names."""
    return "|".join(sorted(normalise(h) for h in header if h.strip()))
