"""Pages opened in a real browser: Debian's ``chromium`` in headless mode, one process per page.

One run loads the page, writes a screenshot and prints the DOM after load; Chromium's log on standard
error carries every console message (``INFO:CONSOLE``) - the pages run no script, so any is an error.
Network is mapped to nothing, so a page that reached for anything outside itself would show it missing.

    python -m devtools.browser page.html shot.png     # screenshot of a page, console messages reported
"""

from __future__ import annotations

import argparse
import re
import shutil
import struct
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--enable-logging=stderr",
    "--v=0",
)
_CONSOLE = re.compile(r":INFO:CONSOLE[^\]]*\] (.*)")


def chromium() -> str | None:
    """The Chromium executable on PATH, or None (``apt-get install chromium`` provides it)."""
    return next((found for name in ("chromium", "chromium-browser") if (found := shutil.which(name))), None)


@dataclass(frozen=True)
class Rendered:
    dom: str
    console: list[str]
    screenshot: Path
    width: int
    height: int


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    header = path.read_bytes()[:24]
    if header[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path} is not a PNG")
    width, height = struct.unpack(">II", header[16:24])
    return int(width), int(height)


def render(page: Path, screenshot: Path, *, width: int = 1240, height: int = 900, timeout: float = 60) -> Rendered:
    """Load ``page`` in headless Chromium: its DOM after load, its console messages and a screenshot."""
    executable = chromium()
    if executable is None:
        raise FileNotFoundError("chromium is not installed (apt-get install chromium)")
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        run = subprocess.run(
            [
                executable,
                *FLAGS,
                f"--user-data-dir={profile}",
                f"--window-size={width},{height}",
                f"--screenshot={screenshot}",
                "--dump-dom",
                page.resolve().as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    if run.returncode != 0 or not screenshot.exists():
        raise RuntimeError(f"chromium exited {run.returncode}: {run.stderr[-2000:]}")
    console = [m.group(1) for m in map(_CONSOLE.search, run.stderr.splitlines()) if m]
    shot_width, shot_height = png_size(screenshot)
    return Rendered(run.stdout, console, screenshot, shot_width, shot_height)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Screenshot a page in headless Chromium.")
    parser.add_argument("page", type=Path)
    parser.add_argument("screenshot", type=Path)
    parser.add_argument("--width", type=int, default=1240)
    parser.add_argument("--height", type=int, default=900)
    args = parser.parse_args(argv)
    rendered = render(args.page, args.screenshot, width=args.width, height=args.height)
    for message in rendered.console:
        print(f"console: {message}", file=sys.stderr)
    print(f"wrote {args.screenshot} ({rendered.width}x{rendered.height})")
    return 1 if rendered.console else 0


if __name__ == "__main__":
    raise SystemExit(main())
