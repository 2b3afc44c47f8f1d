"""The SQLite archive (sqlite-utils): schema, migrations, queries, the single writer."""
