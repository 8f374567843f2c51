"""A small, bounded reader of cell values in an .xlsx package (after `check_package`).

The import needs the constants of a few columns of a few sheets. openpyxl's
reader builds every style, rule and validation of a sheet first, which takes
most of an import's time; this reader streams each sheet once with the C XML
parser, keeps only columns A..V up to a row limit, and stops there.

Every member is parsed with defusedxml (no document type, no entities, no external
references), after `check_package` has parsed every XML member the same way.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final
from xml.etree import ElementTree as ET

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as safe_xml

from workbench.exports.workbook.package import UNZIP_ERRORS, WorkbookFileError

MAIN: Final = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL: Final = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL: Final = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_REF = re.compile(r"^([A-Z]{1,3})([0-9]+)$")


@dataclass(frozen=True)
class SheetInfo:
    name: str
    path: str  # the member inside the package
    state: str  # visible, hidden, veryHidden


def _column(letters: str) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + (ord(ch) - 64)
    return index


class CellReader:
    """Cell values of a workbook package; use as a context manager."""

    def __init__(self, path: Path, data: bytes | None = None) -> None:
        self.path = path
        try:
            self.archive = zipfile.ZipFile(io.BytesIO(data) if data is not None else path)
            self.sheets = self._sheets()
            self.strings = self._shared_strings()
        except DefusedXmlException:
            raise WorkbookFileError(f"{path.name}: the workbook declares a document type or "
                                    "entities, which workbooks never do (refused as unsafe)"
                                    ) from None
        except (*UNZIP_ERRORS, KeyError, ET.ParseError, ValueError) as exc:
            raise WorkbookFileError(f"{path.name}: the workbook's structure is damaged "
                                    f"({exc})") from None

    def __enter__(self) -> CellReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.archive.close()

    def _xml(self, member: str) -> ET.Element:
        with self.archive.open(member) as stream:
            root: ET.Element = safe_xml.parse(stream, forbid_dtd=True).getroot()
            return root

    def _sheets(self) -> dict[str, SheetInfo]:
        book = self._xml("xl/workbook.xml")
        rels = self._xml("xl/_rels/workbook.xml.rels")
        targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{PKG_REL}Relationship")}
        found: dict[str, SheetInfo] = {}
        for sheet in book.iter(f"{MAIN}sheet"):
            target = targets.get(sheet.get(f"{REL}id"), "")
            member = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                posixpath.join("xl", target))
            found[sheet.get("name", "")] = SheetInfo(sheet.get("name", ""), member,
                                                     sheet.get("state", "visible"))
        return found

    def _shared_strings(self) -> list[str]:
        rels = self._xml("xl/_rels/workbook.xml.rels")
        member = None
        for r in rels.iter(f"{PKG_REL}Relationship"):
            if r.get("Type", "").endswith("/sharedStrings"):
                target = r.get("Target", "")
                member = target.lstrip("/") if target.startswith("/") else \
                    posixpath.normpath(posixpath.join("xl", target))
        if member is None or member not in self.archive.namelist():
            return []
        strings: list[str] = []
        with self.archive.open(member) as stream:
            for _, element in safe_xml.iterparse(stream, forbid_dtd=True):
                if element.tag == f"{MAIN}si":
                    # Rich text keeps its runs in <r><t>; phonetic hints (<rPh>) are not text.
                    hints = {id(t) for ph in element.iter(f"{MAIN}rPh")
                             for t in ph.iter(f"{MAIN}t")}
                    strings.append("".join(t.text or "" for t in element.iter(f"{MAIN}t")
                                           if id(t) not in hints))
                    element.clear()
        return strings

    def declared_rows(self, sheet: str) -> int | None:
        """The last row a sheet's <dimension> claims, read from its first few kilobytes."""
        with self.archive.open(self.sheets[sheet].path) as stream:
            head = stream.read(4096).decode("utf-8", "replace")
        found = re.search(r'<(?:\w+:)?dimension ref="[A-Z]+[0-9]+:[A-Z]+([0-9]+)"', head)
        return int(found.group(1)) if found else None

    def rows(self, sheet: str, first: int, last: int,
             columns: int) -> Iterator[tuple[int, tuple[Any, ...]]]:
        """(row number, values of columns 1..columns) for rows first..last that hold cells."""
        info = self.sheets[sheet]
        current: list[Any] | None = None
        number = 0
        with self.archive.open(info.path) as stream:
            for event, element in safe_xml.iterparse(stream, events=("start", "end"),
                                                     forbid_dtd=True):
                tag = element.tag
                if event == "start":
                    if tag == f"{MAIN}row":
                        number = int(element.get("r", number + 1))
                        if number > last:
                            break
                        current = [None] * columns if number >= first else None
                    continue
                if tag == f"{MAIN}c" and current is not None:
                    ref = _REF.match(element.get("r", ""))
                    col = _column(ref.group(1)) if ref else 0
                    if 1 <= col <= columns:
                        current[col - 1] = self._value(element)
                    element.clear()
                elif tag == f"{MAIN}row":
                    if current is not None:
                        yield number, tuple(current)
                    current = None
                    element.clear()
                elif tag == f"{MAIN}sheetData":
                    break

    def _value(self, cell: ET.Element) -> Any:
        kind = cell.get("t", "n")
        if kind == "inlineStr":
            inline = cell.find(f"{MAIN}is")
            return "".join(t.text or "" for t in inline.iter(f"{MAIN}t")) if inline is not None \
                else None
        raw = cell.findtext(f"{MAIN}v")
        formula = cell.findtext(f"{MAIN}f")
        if formula is not None and (not raw or kind == "e"):
            # Text typed with a leading "=" that a program took for a formula: keep what was
            # typed rather than an error value, or nothing when no result was ever computed.
            return "=" + formula
        if raw is None:
            return None
        if kind == "s":
            index = int(raw)
            if not 0 <= index < len(self.strings):
                raise WorkbookFileError(
                    f"{self.path.name}: cell {cell.get('r', '?')} refers to shared text "
                    f"{index}, which the workbook does not hold (the file is damaged)")
            return self.strings[index]
        if kind in ("str", "e"):
            return raw
        if kind == "b":
            return raw == "1"
        try:
            number = float(raw)
        except ValueError:
            return raw
        return int(number) if number.is_integer() and "E" not in raw.upper() else number
