"""Reading documents, cleaning PDF-extracted text, and extracting dated events."""
