"""The lake's named queries on DuckDB: the Athena SQL files of modules/analytics, transpiled with sqlglot.

One source per query: ``modules/analytics/queries/<name>.sql`` is what Terraform gives Athena as a named
query and what :func:`duckdb_sql` translates for DuckDB at run time. The columns of each dataset come
from ``modules/analytics/datasets.json``, the same file the Glue tables are made from.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MODULE_DIR = Path(__file__).resolve().parents[3] / "modules" / "analytics"
DUCKDB_TYPES = {"string": "VARCHAR", "boolean": "BOOLEAN", "bigint": "BIGINT", "double": "DOUBLE"}


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    athena_sql: str


@dataclass(frozen=True)
class QueryResult:
    name: str
    columns: list[str]
    rows: list[tuple[Any, ...]]

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


def load_queries(module_dir: Path = MODULE_DIR) -> list[NamedQuery]:
    """Every ``queries/*.sql`` file, named by its file name, described by its first ``--`` line."""
    queries = []
    for path in sorted((module_dir / "queries").glob("*.sql")):
        text = path.read_text()
        first = text.splitlines()[0] if text else ""
        queries.append(NamedQuery(path.stem, first.removeprefix("--").strip(), text))
    return queries


def load_datasets(module_dir: Path = MODULE_DIR) -> dict[str, dict[str, str]]:
    datasets: dict[str, dict[str, str]] = json.loads((module_dir / "datasets.json").read_text())
    return datasets


def duckdb_sql(athena_sql: str) -> str:
    """Athena's (Trino) SQL as DuckDB's."""
    import sqlglot

    return str(sqlglot.transpile(athena_sql, read="athena", write="duckdb")[0])


def connect_lake(lake_root: Path, datasets: dict[str, dict[str, str]]) -> Any:
    """An in-memory DuckDB with one view per dataset over ``<lake_root>/<dataset>/dt=*/*.jsonl.gz``."""
    import duckdb

    connection = duckdb.connect()
    connection.execute("SET TimeZone = 'UTC'")
    for dataset, columns in datasets.items():
        types = {name: DUCKDB_TYPES[kind] for name, kind in columns.items()}
        if any((lake_root / dataset).glob("dt=*/*.jsonl.gz")):
            pattern = str(lake_root / dataset / "dt=*" / "*.jsonl.gz").replace("'", "''")
            spec = ", ".join(f"'{name}': '{kind}'" for name, kind in types.items())
            connection.execute(
                f"CREATE VIEW {dataset} AS SELECT * FROM read_json('{pattern}', format = 'newline_delimited', "
                f"hive_partitioning = true, columns = {{{spec}}})"
            )
        else:
            # No files yet: an empty table of the same columns, so every query still runs.
            columns_sql = ", ".join(f'"{name}" {kind}' for name, kind in types.items())
            connection.execute(f"CREATE TABLE {dataset} ({columns_sql}, dt DATE)")
    return connection


def run_queries(
    lake_root: Path,
    module_dir: Path = MODULE_DIR,
    names: list[str] | None = None,
    done: Callable[[], None] = lambda: None,
) -> list[QueryResult]:
    """Run the named queries (all by default) over the lake files under ``lake_root``; ``done`` after each."""
    connection = connect_lake(lake_root, load_datasets(module_dir))
    results = []
    for query in load_queries(module_dir):
        if names and query.name not in names:
            continue
        cursor = connection.execute(duckdb_sql(query.athena_sql))
        columns = [column[0] for column in cursor.description]
        results.append(QueryResult(query.name, columns, [tuple(row) for row in cursor.fetchall()]))
        done()
    return results
