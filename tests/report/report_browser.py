"""Headless Chromium for the HTML report tests, and a script that screenshots a report.

Uses Debian's `chromium` and `chromium-driver` through Selenium; never downloads a
browser. Run as a script to (re)make the screenshot in the docs (the default
arguments): `python tests/report/report_browser.py [PATHS...] OUT.png`, e.g.

    python tests/report/report_browser.py examples/draft.md examples/articles/ out.png
"""

from __future__ import annotations

import base64
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
)
WINDOW = (1366, 900)  # a laptop screen


def find_chromium() -> tuple[str | None, str | None]:
    """The Chromium binary and its driver, or None for what is missing."""
    browser = next(filter(None, map(shutil.which, ("chromium", "chromium-browser"))), None)
    driver = shutil.which("chromedriver") or (
        "/usr/lib/chromium/chromedriver"
        if Path("/usr/lib/chromium/chromedriver").exists()
        else None
    )
    return browser, driver


def start(width: int = WINDOW[0], height: int = WINDOW[1]):
    """A Selenium driver for headless Chromium, with no network access of its own."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    browser, driver = find_chromium()
    if browser is None or driver is None:
        raise RuntimeError("chromium and chromium-driver are not installed")
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--window-size={width},{height}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(options=options, service=Service(driver))


def capture(driver, path: Path, height: float | None = None) -> None:
    """Screenshot of the page from its top, `height` CSS pixels tall (the whole page
    when None), not only of the window."""
    metrics = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
    size = metrics.get("cssContentSize") or metrics["contentSize"]
    clip = {"x": 0, "y": 0, "width": size["width"], "scale": 1}
    clip["height"] = min(size["height"], height) if height else size["height"]
    shot = driver.execute_cdp_cmd(
        "Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True, "clip": clip}
    )
    path.write_bytes(base64.b64decode(shot["data"]))


def screenshot_report(
    paths: list[str], out: Path, facts: list[str] | None = None, height: int = 1500
) -> Path:
    """Run `citelint check --format html` on `paths`, open the card of the first
    misattribution (or else the first error) and save the top of the page, `height`
    pixels of it at a laptop's width, to `out`."""
    from selenium.webdriver.common.by import By

    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.html"
        command = [sys.executable, "-m", "citelint", "check", "--format", "html", "-o", str(report)]
        for table in facts or ():
            command += ["--facts", table]
        subprocess.run(command + paths, check=False, capture_output=True)
        driver = start()
        try:
            driver.execute_cdp_cmd(
                "Emulation.setDeviceMetricsOverride",
                {"width": WINDOW[0], "height": height, "deviceScaleFactor": 1, "mobile": False},
            )
            driver.get(report.as_uri())
            marks = driver.find_elements(By.CSS_SELECTOR, "mark.claim.v-error[id]")
            marks.sort(key=lambda m: "CL103" not in (m.get_attribute("aria-label") or ""))
            if marks:
                marks[0].click()
            out.parent.mkdir(parents=True, exist_ok=True)
            driver.save_screenshot(str(out))
        finally:
            driver.quit()
    return out


if __name__ == "__main__":
    *inputs, target = sys.argv[1:] or [
        "examples/draft.md",
        "examples/articles/",
        "docs/img/html-report.png",
    ]
    print(screenshot_report(inputs, Path(target)))
