"""Writers for printable and downloadable documents (PDF, XLSX, CSV)."""
