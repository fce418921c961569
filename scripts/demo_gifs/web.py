"""Recording the web HUD: a hub, Debian's chromium (headless, driven by Playwright; never a
downloaded browser) on the hub's page, a traced demo program, and a screenshot of the page at
a fixed interval until the run has ended and the page is still.
"""

from __future__ import annotations

import base64
import io
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

from PIL import Image

from demo_gifs.display import stop
from demo_gifs.gif import Frame
from demo_gifs.stage import Hub, Program

CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
TIMEOUT_MS = 20_000
ENDED = "document.querySelector('[data-field=state]').textContent.startsWith('ended')"


def missing() -> str | None:
    """Why the web HUD cannot be recorded here, or None."""
    if shutil.which("chromium") is None:
        return "Debian's chromium is not installed (apt-get install -y chromium)"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install -e '.[test]')"
    return None


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless chromium: the system one."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium"), headless=True, args=list(CHROMIUM_ARGS)
        )
        try:
            yield browser
        finally:
            browser.close()


def record_web(script: str, size: tuple[int, int], fps: float, tail: float = 1.2) -> list[Frame]:
    """Screenshots of the web HUD following `script`, from its start until `tail` seconds
    after the page shows the run ended."""
    with tempfile.TemporaryDirectory(prefix="debugflow-demo-") as work, chromium() as browser:
        data = Path(work) / "data"
        data.mkdir(mode=0o700)
        with closing(Hub(data)) as hub:
            page = browser.new_page(viewport={"width": size[0], "height": size[1]})
            page.set_default_timeout(TIMEOUT_MS)
            page.goto(hub.url)
            page.wait_for_function("() => window.debugflowHud !== undefined")
            page.wait_for_selector(".df-link[data-link=open]")
            camera = page.context.new_cdp_session(page)
            program = Program(script, data)
            try:
                frames = shoot_until(camera, fps, lambda: program.proc.poll() is not None)
                program.wait()
                page.wait_for_function(f"() => {ENDED}")
                ended = time.monotonic()
                frames += shoot_until(camera, fps, lambda: time.monotonic() - ended > tail)
            finally:
                stop(program.proc)
            return frames


def shoot_until(camera: Any, fps: float, done: Callable[[], bool]) -> list[Frame]:
    """Screenshots of the page every 1/`fps` seconds (or as fast as they come) until
    `done()`. Taken through the DevTools protocol, which can trade PNG compression for
    speed: twice as many pictures a second as Playwright's own screenshots here."""
    frames = []
    due = time.monotonic()
    while not done():
        at = time.time()
        shot = camera.send("Page.captureScreenshot", {"format": "png", "optimizeForSpeed": True})
        with Image.open(io.BytesIO(base64.b64decode(shot["data"]))) as image:
            frames.append(Frame(image.convert("RGB"), at))
        due = max(due + 1 / fps, time.monotonic())
        time.sleep(max(0.0, due - time.monotonic()))
    return frames
