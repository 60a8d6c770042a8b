# The two commands a fresh clone needs: `make demo` and `make test`. Both set themselves up.
SHELL := /bin/bash
PY := .venv/bin/python

.PHONY: demo test lint bench soak venv clean

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

# The delivery-contract tests (docs/DELIVERY_CONTRACT.md) at 10,000 scenarios per consumer instead of 300.
soak: venv
	@CONTRACT_SCENARIOS=10000 $(PY) -m pytest -q -p no:cacheprovider -n 2 -k delivery_contract tests

clean:
	rm -rf .venv .build examples/*/.terraform examples/*/terraform.tfstate* modules/*/.terraform
