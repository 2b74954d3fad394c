# Quick start: `make run` (serve the demo site) and `make test` (the whole suite).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= ikpe_site.settings.dev

.PHONY: run test install migrate demo lint check clean backup restore

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo_content

run: export WAGTAILADMIN_BASE_URL ?= http://127.0.0.1:$(PORT)
run: demo
	$(PY) manage.py ensure_admin
	@echo "Website: http://127.0.0.1:$(PORT)/   Redaktion: http://127.0.0.1:$(PORT)/admin/"
	@trap 'kill 0' INT TERM EXIT; \
	$(PY) manage.py run_scheduler & \
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: install
	$(PY) -m ruff check .
	$(PY) manage.py makemigrations --check --dry-run --settings=ikpe_site.settings.test
	$(PY) manage.py check --settings=ikpe_site.settings.test
	DJANGO_SETTINGS_MODULE=ikpe_site.settings.test $(PY) -m pytest -n 2 -m "not browser" $(PYTEST_ARGS)
ifneq ($(SKIP_BROWSER),1)
	DJANGO_SETTINGS_MODULE=ikpe_site.settings.test $(PY) -m pytest -m browser tests/browser $(PYTEST_ARGS)
endif

backup: install
	$(PY) manage.py backup $(if $(FILE),--output $(FILE))

restore: install
	@test -n "$(FILE)" || { echo "Aufruf: make restore FILE=var/backups/ikpe-….tar.gz"; exit 2; }
	$(PY) manage.py restore $(FILE)

lint: install
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format --check . || true

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
