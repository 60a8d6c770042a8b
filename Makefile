# The two commands a fresh clone needs: `make demo` and `make test`. Both set themselves up.
SHELL := /bin/bash
PY := .venv/bin/python

.PHONY: demo test lint bench venv clean

venv:
	@scripts/bootstrap.sh

demo: venv
	@$(PY) -m devtools.demo

test: venv
	@$(PY) -m devtools.checks

lint: venv
	@$(PY) -m devtools.checks --only ruff,fmt,validate,checkov

bench: venv
	@$(PY) benchmarks/run.py

clean:
	rm -rf .venv .build examples/*/.terraform examples/*/terraform.tfstate* modules/*/.terraform
