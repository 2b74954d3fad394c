# Quick start: `make run` (the site as visitors get it), `make dev` (edit loop) and `make test` (the whole suite).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= ikpe_site.settings.dev

.PHONY: run serve dev test install migrate demo lint check clean backup restore

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@test -x $(PY) || PYTHON=$(PYTHON) .ci/deps.sh python3-venv
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo_content --force

# Absolute links (canonical, feeds, sitemap, calendar) name the address actually served; `migrate` writes it
# into the Wagtail site record.
run serve dev: export WAGTAILADMIN_BASE_URL = http://127.0.0.1:$(PORT)

# The site as visitors get it: the production settings (DEBUG off, German error pages, page cache on) under
# gunicorn with WhiteNoise, over plain http on 127.0.0.1 (ikpe_site/settings/local.py), the scheduler alongside.
run serve: export DJANGO_SETTINGS_MODULE = ikpe_site.settings.local
run: demo
	$(PY) manage.py ensure_admin
	@$(MAKE) --no-print-directory serve

# The server part of `make run` (tests/test_core_quickstart.py starts it this way).
serve:
	$(PY) manage.py collectstatic --noinput -v0
	@echo "Website: http://127.0.0.1:$(PORT)/   Redaktion: http://127.0.0.1:$(PORT)/admin/   (beenden mit Strg+C)"
	@trap 'trap - INT TERM EXIT; kill 0' INT TERM EXIT; \
	$(PY) manage.py run_scheduler & \
	GUNICORN_BIND=127.0.0.1:$(PORT) GUNICORN_WORKERS=2 $(PY) -m gunicorn ikpe_site.wsgi -c deploy/gunicorn.conf.py --no-control-socket

# The edit loop: Django's development server with DEBUG and autoreload, the scheduler alongside.
dev: demo
	$(PY) manage.py ensure_admin
	@echo "Website: http://127.0.0.1:$(PORT)/   Redaktion: http://127.0.0.1:$(PORT)/admin/   (beenden mit Strg+C)"
	@trap 'trap - INT TERM EXIT; kill 0' INT TERM EXIT; \
	$(PY) manage.py run_scheduler & \
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: install
	@.ci/deps.sh gettext $(if $(filter 1,$(SKIP_BROWSER)),,chromium) $(if $(findstring postgres,$(DATABASE_URL)),redis-server varnish)
	@mkdir -p var
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
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
	$(PY) -m ruff format .

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
