"""Composition root: resolves paths and builds the services the window and the CLI share."""
