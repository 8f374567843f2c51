"""Writers and readers of files: the Excel workbook, the PDF report, signatures. No SQL, no Qt."""
