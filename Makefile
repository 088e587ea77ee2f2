# The two commands of the quick start: `make demo` and `make test`.
VENV := .venv
BIN := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/test

.PHONY: demo test lint

$(BIN)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

demo: $(BIN)/.installed
	$(BIN)/netpoint demo

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

# The whole suite on PostgreSQL; the provider again with no module (NETPOINT_MODULES empty:
# its core migrates, serves and passes its own tests, the modules' are not collected); then the
# point role's tests again on the embedded SQLite.
# The enforcement tests need root, network namespaces, nftables and an X server; elsewhere they
# skip, but under `make test` a missing part fails them (NETPOINT_REQUIRE_SYSTEM_TESTS).
test: export NETPOINT_REQUIRE_SYSTEM_TESTS = 1
test: $(BIN)/.installed lint
	scripts/test-services
	NETPOINT_DATABASE_URL=$(PG_URL) $(BIN)/pytest
	NETPOINT_DATABASE_URL=$(PG_URL) NETPOINT_MODULES= $(BIN)/pytest netpoint/provider netpoint/common \
	    -p no:cacheprovider
	NETPOINT_DATABASE_URL= $(BIN)/pytest -m "point and not browser" -p no:cacheprovider
