"""Assessor Workbench: offline customer experience management maturity assessments."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("assessor-workbench")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
