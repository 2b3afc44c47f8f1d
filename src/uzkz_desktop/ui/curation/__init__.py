"""Curation in the window: tags, editing, the review queue, undo and history."""
