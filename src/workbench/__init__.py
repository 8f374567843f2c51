"""Assessor Workbench: offline customer experience management maturity assessments."""

# The one place the version is written (pyproject.toml reads it from here): a literal, so
# that `workbench --version` does not pay for importlib.metadata.
__version__ = "0.1.0"
