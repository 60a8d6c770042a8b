"""Command-line tools, installed as console scripts (see ``[project.scripts]`` in pyproject.toml)."""
