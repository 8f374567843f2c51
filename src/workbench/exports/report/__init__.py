"""The branded PDF assessment report: `build_report(ReportInput, Brand) -> ReportResult`."""

from workbench.core.comparison import TrendPoint
from workbench.exports.report.builder import (
    ReportResult,
    build_document,
    build_report,
    check_sections,
)
from workbench.exports.report.model import (
    SECTION_IDS,
    SECTIONS,
    ChangeInput,
    EmbeddedFile,
    PhotoSource,
    ReportInput,
    RevisionEntry,
    Signer,
    SignOffInfo,
)
from workbench.exports.report.photos import PhotoCache

__all__ = ["SECTIONS", "SECTION_IDS", "ChangeInput", "EmbeddedFile", "PhotoCache", "PhotoSource",
           "ReportInput", "ReportResult", "RevisionEntry", "SignOffInfo", "Signer",
           "TrendPoint", "build_document", "build_report", "check_sections"]
