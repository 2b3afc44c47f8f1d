"""Full-text search over the archive's events (Whoosh behind a small interface).

    index = SearchIndex.rebuild(folder, docs, stamp=stamp)      # or SearchIndex.open(...)
    result = index.search("Qozog'iston railway", texts=archive_lookup)
    index.update([doc], stamp=new_stamp); index.delete([event_id], stamp=new_stamp)

No Whoosh type crosses this package's boundary: inputs are `IndexDoc`s, outputs are
`SearchResult`s of plain dataclasses.
"""

from uzkz_desktop.search.analysis import Token, analyse
from uzkz_desktop.search.index import SearchIndex, index_version
from uzkz_desktop.search.model import (
    Hit,
    IndexDamaged,
    IndexDoc,
    IndexStale,
    SearchFilters,
    SearchResult,
    Snippet,
)
from uzkz_desktop.search.thesaurus import Expansion, expand

__all__ = [
    "Expansion",
    "Hit",
    "IndexDamaged",
    "IndexDoc",
    "IndexStale",
    "SearchFilters",
    "SearchIndex",
    "SearchResult",
    "Snippet",
    "Token",
    "analyse",
    "expand",
    "index_version",
]
