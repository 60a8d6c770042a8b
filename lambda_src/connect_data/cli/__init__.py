<<<<<<< HEAD
"""Command-line tools, installed as console scripts (see ``[project.scripts]`` in pyproject.toml)."""
=======
"""Command-line tools (console scripts declared in pyproject.toml)."""
>>>>>>> main
