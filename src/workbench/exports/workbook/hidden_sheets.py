"""The hidden sheets: the lists the formulas look levels up in, and the metadata import reads."""

from __future__ import annotations

from workbench.exports.workbook.layout import (
    FORMAT,
    FORMAT_VERSION,
    LIST_FIRST,
    LISTS,
    META,
    NA_TEXT,
    Meta,
)
from workbench.exports.workbook.sheet_writer import SheetWriter
from workbench.exports.workbook.text import put_text


class HiddenSheets(SheetWriter):
    """Writes the Lists and the metadata sheets."""

    def write(self) -> None:
        self._lists()
        self._metadata()

    def _lists(self) -> None:
        ws = self.wb.create_sheet(LISTS)
        ws.sheet_state = "hidden"
        for col, title in (("A", "Level"), ("B", "Label"), ("C", "Fraction"),
                           ("E", "Objective"), ("F", "Fraction"), ("G", "Key"),
                           ("I", "Band minimum %"), ("J", "Band level"), ("K", "Band label"),
                           ("M", "Weights")):
            ws[f"{col}1"] = title
        for n, level in enumerate(self.fw.scale):
            row = LIST_FIRST + n
            ws[f"A{row}"] = level.value
            put_text(self._at(ws, f"B{row}"), level.label)
            ws[f"C{row}"] = level.fraction
        ws[f"A{LIST_FIRST + len(self.fw.scale)}"] = NA_TEXT
        for n, objective in enumerate(self.fw.objective_levels):
            row = LIST_FIRST + n
            put_text(self._at(ws, f"E{row}"), objective.label)
            ws[f"F{row}"] = objective.fraction
            put_text(self._at(ws, f"G{row}"), objective.key)
        for n, band in enumerate(sorted(self.fw.bands, key=lambda b: b.min_percent)):
            row = LIST_FIRST + n
            ws[f"I{row}"] = band.min_percent
            ws[f"J{row}"] = band.level
            put_text(self._at(ws, f"K{row}"), band.label)
        ws[f"M{LIST_FIRST}"] = self.fw.weights.indicators
        ws[f"M{LIST_FIRST + 1}"] = self.fw.weights.objective
        ws.protection.sheet = True

    def _metadata(self) -> None:
        ws = self.wb.create_sheet(META)
        ws.sheet_state = "hidden"
        d, doc = self.doc.details, self.doc
        rows: list[tuple[str, object]] = [
            (Meta.FORMAT, FORMAT), (Meta.FORMAT_VERSION, FORMAT_VERSION),
            (Meta.APP_VERSION, self.r.app_version), (Meta.ENGAGEMENT_ID, doc.id or ""),
            (Meta.FRAMEWORK_ID, self.fw.id), (Meta.FRAMEWORK_VERSION, self.fw.version),
            (Meta.BASIS, str(self.inputs.basis)), (Meta.ASSESSOR, self.inputs.assessor or ""),
            (Meta.EXPORTED_AT, self.r.exported_at), (Meta.CHECKSUM, self.layout.checksum),
            (Meta.CLIENT, d.client), (Meta.SITE, d.site), (Meta.TITLE, d.title),
            (Meta.LEAD, d.lead_assessor), (Meta.START, d.start_date or ""),
            (Meta.END, d.end_date or ""), (Meta.BRAND, d.brand),
            (Meta.PLAN_EDITABLE, "1")]
        ws["A1"], ws["B1"] = "key", "value"
        for n, (key, value) in enumerate(rows, start=2):
            ws[f"A{n}"] = key
            if isinstance(value, str):
                put_text(self._at(ws, f"B{n}"), value)
            else:
                ws[f"B{n}"] = value
        ws.column_dimensions["A"].width = 22
        ws.column_dimensions["B"].width = 70
        ws.protection.sheet = True
