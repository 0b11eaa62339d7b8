# The one home of developer commands. `make run` and `make test` set everything up.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app app
HTMX := static/vendor/htmx.min.js
# IPAex Gothic (IPA Font License), embedded in every PDF; taken from a PyPI sdist that ships it.
FONT := fonts/ipaexg.ttf
FONT_SDIST := japanize-matplotlib==1.1.3

# Runs the command $(1) with the mail worker (`flask mail worker`: sends the outbox, runs the
# daily jobs) beside it in the background; when the command ends (Ctrl-C), the worker stops too.
with_mail_worker = $(FLASK) mail worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(1)

.PHONY: run test lint fmt bench bench-mixed serve clean

run: $(VENV)/.runtime $(HTMX) $(FONT)
	$(FLASK) db upgrade
	$(FLASK) keys rehash
	$(FLASK) seed-demo
	$(call with_mail_worker,$(FLASK) run --host 127.0.0.1 --port 5000)

# Production: gunicorn with several workers; PUBLIC_URL, SECRET_KEY, KEY_DIGEST_SECRET,
# KEY_ENCRYPTION_KEY, CHECK_CODE_SECRET, DATABASE_URL, … from the environment (it refuses to start without them).
serve: export ESURETY_ENV = production
serve: $(VENV)/.runtime $(HTMX) $(FONT)
	$(FLASK) db upgrade
	$(FLASK) keys rehash
	$(call with_mail_worker,$(BIN)/gunicorn --workers $${WORKERS:-4} --bind $${BIND:-127.0.0.1:8000} 'app:create_app()')

test: $(VENV)/.dev $(HTMX) $(FONT)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

fmt: $(VENV)/.dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime: requirements.txt constraints.txt | $(VENV)/bin/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt -c constraints.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.runtime
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt -c constraints.txt
	touch $@

$(HTMX): package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	mkdir -p static/vendor
	cp node_modules/htmx.org/dist/htmx.min.js $@

$(FONT): | $(VENV)/bin/python
	rm -rf .cache/font && mkdir -p .cache/font fonts
	$(BIN)/pip download --quiet --disable-pip-version-check --no-deps --no-binary :all: \
		-d .cache/font $(FONT_SDIST)
	tar -xzf .cache/font/*.tar.gz -C .cache/font
	cp .cache/font/*/japanize_matplotlib/fonts/ipaexg.ttf $@
	cp .cache/font/*/japanize_matplotlib/fonts/IPA_Font_License_Agreement_v1.0.txt fonts/

clean:
	rm -rf $(VENV) node_modules static/vendor fonts .cache

bench: $(VENV)/.runtime $(HTMX) $(FONT)
	$(BIN)/python -m bench.run --db $(or $(DB),sqlite) $(if $(SCALE),--scale $(SCALE))

# The mixed workload (Locust, headless), from a venv of its own: Locust pins its own Flask.
.venv-bench/.installed: requirements-bench.txt
	python3 -m venv .venv-bench
	.venv-bench/bin/pip install -r requirements-bench.txt
	touch $@

bench-mixed: $(VENV)/.runtime $(HTMX) $(FONT) .venv-bench/.installed
	$(BIN)/python -m bench.mixed --db $(or $(DB),sqlite) $(if $(SCALE),--scale $(SCALE))
