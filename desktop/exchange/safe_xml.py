"""Parsing XML from files a seller was sent: defusedxml refuses DTDs, entity declarations
and external references (no billion laughs, no file or network fetches), and every error is
one sentence with the line."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element, ParseError, TreeBuilder

import defusedxml.ElementTree as SafeElementTree
from defusedxml import DefusedXmlException

from desktop.problems import ImportProblem

MAX_ELEMENTS = 500_000


def parse(data: bytes, source: str | Path) -> Element:
    """The document's root. The elements are counted in a first pass that builds nothing,
    so a huge file is refused at the first element past the limit with little more memory
    than its bytes (it was built whole first: 1.7 GB for a 60 MB GraphML)."""
    try:
        _feed(_Counter(), data)
        root: Element = _feed(TreeBuilder(), data)
    except _TooManyElements:
        raise ImportProblem(source, "", f"the XML has more than {MAX_ELEMENTS:,} elements; "
                            f"the limit is {MAX_ELEMENTS:,}") from None
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
    return root


_CHUNK = 1 << 20


class _TooManyElements(Exception):
    pass


def _feed(target: Any, data: bytes) -> Any:
    parser = SafeElementTree.XMLParser(target=target, forbid_dtd=True, forbid_entities=True,
                                       forbid_external=True)
    for start in range(0, len(data), _CHUNK):
        parser.feed(data[start:start + _CHUNK])
    return parser.close()


class _Counter:
    """A parser target that builds nothing: it counts elements and stops past the limit."""

    def __init__(self) -> None:
        self.count = 0

    def start(self, _tag: str, _attrs: dict[str, str]) -> None:
        self.count += 1
        if self.count > MAX_ELEMENTS:
            raise _TooManyElements

    def close(self) -> None:
        return None


def local(tag: str) -> str:
    """The tag without its namespace: ``{http://…}node`` → ``node``."""
    return tag.rsplit("}", 1)[-1]
