"""Parsing XML from files a seller was sent: defusedxml refuses DTDs, entity declarations
and external references (no billion laughs, no file or network fetches), and every error is
one sentence with the line."""

from __future__ import annotations

from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeElementTree
from defusedxml import DefusedXmlException

from desktop.problems import ImportProblem

MAX_ELEMENTS = 500_000


def parse(data: bytes, source: str | Path) -> Element:
    try:
        root: Element = SafeElementTree.fromstring(data, forbid_dtd=True,
                                                   forbid_entities=True,
                                                   forbid_external=True)
    except DefusedXmlException:
        raise ImportProblem(source, "", "the XML declares a DTD or entities, which Deal "
                            "Triangle never reads (they can expand without limit or fetch "
                            "files)") from None
    except ParseError as error:
        line, column = error.position
        raise ImportProblem(source, f"line {line}, column {column + 1}",
                            "this is not well-formed XML") from None
    except LookupError as error:  # found by fuzzing: encoding='u-f-8' in the declaration
        raise ImportProblem(source, "line 1", f"the XML declares an encoding that does not "
                            f"exist ({error})") from None
    except (ValueError, UnicodeError, RecursionError) as error:
        raise ImportProblem(source, "", f"this XML cannot be read ({error})") from None
    count = sum(1 for _ in root.iter())
    if count > MAX_ELEMENTS:
        raise ImportProblem(source, "", f"the XML has {count:,} elements; the limit is "
                            f"{MAX_ELEMENTS:,}")
    return root


def local(tag: str) -> str:
    """The tag without its namespace: ``{http://…}node`` → ``node``."""
    return tag.rsplit("}", 1)[-1]
