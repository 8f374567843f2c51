"""The assessment workbook: one sheet per dimension plus a summary, written and read back.

`writer` builds the file (one module per sheet kind, `formulas` for the Excel
formulas), `reader` reads a filled-in copy back, `layout` holds the positions both
share, `package` checks the zip before openpyxl sees it.
"""
