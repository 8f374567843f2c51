"""The branded PDF assessment report: `build_report(ReportInput, Brand) -> ReportResult`."""

from workbench.exports.report.builder import ReportResult, build_report, check_sections
from workbench.exports.report.model import (
    SECTION_IDS,
    SECTIONS,
    EmbeddedFile,
    PhotoSource,
    ReportInput,
    RevisionEntry,
    Signer,
    SignOffInfo,
)
from workbench.exports.report.photos import PhotoCache

__all__ = ["SECTIONS", "SECTION_IDS", "EmbeddedFile", "PhotoCache", "PhotoSource",
           "ReportInput", "ReportResult", "RevisionEntry", "SignOffInfo", "Signer",
           "build_report", "check_sections"]
