# Two commands from a fresh clone: `make run` and `make test`.
# Both create .venv with a Python >= 3.12 when needed and install the project into it.
VENV      := .venv
BIN       := $(VENV)/bin
STAMP     := $(VENV)/.installed

.PHONY: run test lint typecheck imports unit bench screenshots archive format clean

$(BIN)/python:
	@py=$$(tools/find-python) && echo "using $$py" && "$$py" -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

run: $(STAMP)
	$(BIN)/uzkz gui

test: $(STAMP) imports lint typecheck unit

imports: $(STAMP)
	$(BIN)/lint-imports

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/uzkz bench

# The README's pictures, from the bundled archive (and, for the review queue, the bundled
# archive with a held-out news article imported: candidates to review).
SHOTS := docs/screenshots
SHOT  := QT_QPA_PLATFORM=offscreen $(BIN)/uzkz screenshot
screenshots: $(STAMP)
	@tmp=$$(mktemp -d) && cp archive.db $$tmp/archive.db && \
	$(SHOT) --archive $$tmp/archive.db --out $(SHOTS)/overview.png && \
	$(SHOT) --archive $$tmp/archive.db --out $(SHOTS)/search.png --query "Qozog'iston" && \
	$(SHOT) --archive $$tmp/archive.db --out $(SHOTS)/selected.png --select 20 && \
	$(SHOT) --archive $$tmp/archive.db --out $(SHOTS)/month.png --from 2024-08-01 --to 2024-08-31 && \
	$(SHOT) --archive $$tmp/archive.db --out $(SHOTS)/editor.png --select 1 --tool editor \
	  --size 1600x1000 && \
	$(SHOT) --archive $$tmp/archive.db --out $(SHOTS)/tags.png --tool tags && \
	$(BIN)/uzkz ingest tests/ingest/data/heldout/ru_news_1.txt --archive $$tmp/archive.db && \
	$(SHOT) --archive $$tmp/archive.db --out $(SHOTS)/review.png --tool review; \
	status=$$?; rm -rf $$tmp; exit $$status

format: $(STAMP)
	$(BIN)/ruff format src tests
	$(BIN)/ruff check --fix src tests

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
