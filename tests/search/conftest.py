"""A search index of the test archive, built once per session (real Whoosh, in tmp)."""

from collections.abc import Iterator

import pytest
from search_fixture import all_docs

from uzkz_desktop.search import SearchIndex

STAMP = "tests|generation=1"


@pytest.fixture(scope="session")
def fixture_index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchIndex]:
    folder = tmp_path_factory.mktemp("search") / "archive.index"
    index = SearchIndex.rebuild(folder, all_docs(), stamp=STAMP, procs=1)
    yield index
    index.close()
