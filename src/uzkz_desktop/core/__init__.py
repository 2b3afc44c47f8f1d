"""Domain types and errors shared by every layer. Standard library only."""
