"""Full-text search over excerpts (Whoosh behind a small interface)."""
