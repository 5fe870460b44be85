"""The HTML report (`citelint check --format html`): static checks of the page, and
checks in a real browser (headless Chromium from Debian, driven by Selenium)."""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from citelint.model import Claim, Diagnostic, Severity, Span
from citelint.report import FileResult
from citelint.report.html import render_page

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures"
FACTS = FIXTURES / "facts.yaml"
DRAFTS = FIXTURES / "drafts"
ROOT = HERE.parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"

FLAGSHIP = (
    "According to a study by MIT and Hugging Face, Chinese open models now account for "
    "41% of global downloads."
)


def check_html(*paths: Path | str, facts: Path | None = FACTS, tmp: Path) -> tuple[str, Path]:
    """Run the real CLI and return the report it wrote."""
    out = tmp / "report.html"
    command = [sys.executable, "-m", "citelint", "check", "--format", "html", "-o", str(out)]
    if facts is not None:
        command += ["--facts", str(facts)]
    done = subprocess.run(
        command + [str(p) for p in paths], capture_output=True, text=True, cwd=ROOT
    )
    assert done.returncode in (0, 1), done.stderr
    return out.read_text(encoding="utf-8"), out


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> tuple[str, Path]:
    return check_html(DRAFTS, tmp=tmp_path_factory.mktemp("html"))


class Page(HTMLParser):
    """Elements of a page as (tag, attributes, start offset), and a nesting check."""

    VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.stack: list[str] = []
        self.misnested: list[str] = []
        self.text: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.misnested.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            if tag in self.stack:
                while self.stack.pop() != tag:
                    pass
            return
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)

    def all(self, tag: str, **wanted: str) -> list[dict[str, str | None]]:
        return [
            attrs
            for name, attrs in self.elements
            if name == tag and all(attrs.get(k.replace("_", "-")) == v for k, v in wanted.items())
        ]


def marks(page: Page) -> dict[str, dict[str, str | None]]:
    """The main (focusable) mark of every claim, by its id."""
    return {m["id"]: m for m in page.all("mark") if m.get("id")}


# -- static checks ---------------------------------------------------------------------------


def test_report_is_one_self_contained_page(report):
    text, _ = report
    page = Page(text)
    assert not page.misnested, page.misnested[:5]
    assert len(page.all("script")) == 1 and len(page.all("style")) == 1
    for tag, attrs in page.elements:
        if tag in {"script", "style", "link", "img", "iframe", "source", "object", "embed"}:
            for name in ("src", "href", "data"):
                value = attrs.get(name) or ""
                assert not re.match(r"\s*(?:https?:)?//", value), (tag, attrs)
    assert not page.all("link"), "stylesheets must be inline"
    csp = [m for m in page.all("meta") if m.get("http-equiv") == "Content-Security-Policy"]
    assert csp and "default-src 'none'" in (csp[0]["content"] or "")


def test_claims_are_marked_by_verdict(report):
    page = Page(report[0])
    found = {(m["aria-label"] or "").split(":")[0]: m for m in marks(page).values()}
    by_verdict: dict[str, list[str]] = {}
    for m in marks(page).values():
        by_verdict.setdefault(m["data-verdict"] or "", []).append(m["aria-label"] or "")
    assert any("CL103" in label for label in by_verdict["error"])
    assert any("CL102" in label for label in by_verdict["error"])
    assert any("CL101" in label for label in by_verdict["warning"])
    assert len(by_verdict["verified"]) >= 3  # 41% credited right, 17.1%, 15.8%
    assert "99%" not in found  # code is not prose
    for m in marks(page).values():
        assert m["tabindex"] == "0" and m["role"] == "button"
        assert m["data-verdict"] in {"error", "warning", "info", "verified", "unverified"}


def test_flagship_card_names_the_source_figure(report):
    text, _ = report
    page = Page(text)
    flagship = next(m for m in marks(page).values() if "CL103" in (m["aria-label"] or ""))
    card = _template(text, flagship["id"])
    assert "17.1%" in card and "Spring 2026" in card
    assert "misattribution" in card and "41%" in card
    assert "Chinese models quickly accounted for the plurality" in card  # the quote
    assert "https://huggingface.co/blog/huggingface/state-of-os-hf-spring-2026" in card
    assert "2026-02" in card  # as of


def test_summary_counts_claims_rules_and_files(report):
    text, _ = report
    summary = text[text.index('<section class="summary"') : text.index("</section>")]
    assert re.search(r'<span class="n">\d+</span> claims found', summary)
    for code in ("CL101", "CL102", "CL103"):
        assert f'data-rule="{code}"' in summary
    assert "flagship.md" in summary and "hostile.md" in summary


def test_draft_markup_is_escaped(report):
    text, _ = report
    page = Page(text)
    assert len(page.all("script")) == 1 and not page.all("iframe") and not page.all("img")
    assert not any(k.startswith("on") for _, attrs in page.elements for k in attrs)
    assert not any(
        (attrs.get("href") or "").lower().startswith("javascript:") for _, attrs in page.elements
    )
    assert "&lt;script&gt;document.title = &quot;pwned&quot;" in text or (
        '&lt;script&gt;document.title = "pwned"' in text
    )
    assert all(f"&lt;/{tag}&gt;" in text for tag in ("p", "mark", "article"))
    assert "https://example.com/tracker.png" not in " ".join(
        str(attrs.get("src")) for _, attrs in page.elements
    )


def test_claim_across_emphasis_stays_well_nested():
    text = "MIT and Hugging Face found Chinese models hold **17**.1% of global downloads.\n"
    start = text.index("17")
    end = text.index("%") + 1
    claim = Claim("17.1%", 17.1, "percent", "=", 17.05, 17.15, Span(start, end, 1, 1, 1, 1))
    d = Diagnostic("x.md", 1, 1, 1, 1, "CL101", "unsupported-statistic", Severity.WARNING,
                   "no fact <here>", claim)  # fmt: skip
    html = render_page([FileResult("x.md", text, (d,), 1)])
    page = Page(html)
    assert not page.misnested
    parts = page.all("mark", data_claim="f0-c0")
    assert len(parts) == 2 and parts[0]["id"] == "f0-c0" and "id" not in parts[1]
    assert "no fact &lt;here&gt;" in html
    assert "Only claims with findings are shown" in html  # no evidence in this result


def test_private_use_characters_in_a_draft_are_not_markers():
    text = "Odd \U000f0000 characters \U00100000 here.\n"
    html = render_page([FileResult("x.md", text, (), 0)])
    assert "<mark" not in html.split("<main", 1)[1]
    assert not Page(html).misnested


# -- in a browser -------------------------------------------------------------------------------


def _template(text: str, key: str) -> str:
    start = text.index(f'<template id="card-{key}">')
    return text[start : text.index("</template>", start)]


@pytest.fixture(scope="module")
def browser():
    pytest.importorskip("selenium", reason="selenium is not installed (pip install -e '.[dev]')")
    sys.path.insert(0, str(HERE))
    import report_browser

    chromium, driver = report_browser.find_chromium()
    if chromium is None or driver is None:
        pytest.skip("no chromium or chromedriver (apt-get install chromium chromium-driver)")
    session = report_browser.start()
    yield session
    session.quit()


@pytest.fixture()
def loaded(browser, report):
    browser.get(report[1].as_uri())
    browser.execute_script("window.scrollTo(0, 0)")
    return browser


def _js(driver, script: str, *args):
    return driver.execute_script(script, *args)


def _flagship(driver):
    from selenium.webdriver.common.by import By

    for mark in driver.find_elements(By.CSS_SELECTOR, "mark.claim.v-error[id]"):
        if "CL103" in mark.get_attribute("aria-label"):
            return mark
    raise AssertionError("no CL103 claim in the page")


def _card(driver):
    from selenium.webdriver.common.by import By

    return driver.find_element(By.ID, "claim-card")


def test_browser_highlights_claims_by_verdict(loaded):
    styles = _js(
        loaded,
        """
        const out = {};
        for (const m of document.querySelectorAll('mark.claim[id]')) {
          const s = getComputedStyle(m), b = getComputedStyle(m, '::before');
          const seen = [s.backgroundColor, b.content, s.textDecorationStyle];
          (out[m.dataset.verdict] ||= []).push(seen);
        }
        return out;
        """,
    )
    assert {"error", "warning", "verified"} <= set(styles)
    backgrounds = {v: styles[v][0][0] for v in styles}
    assert len(set(backgrounds.values())) == len(backgrounds), backgrounds
    icons = {v: styles[v][0][1] for v in styles}
    assert icons["error"] == '"\u2716"' and icons["warning"] == '"\u25b2"'
    assert icons["verified"] == '"\u2714"'
    assert styles["error"][0][2] == "wavy" and styles["warning"][0][2] == "dashed"


def test_browser_card_on_hover_and_click(loaded):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.support.ui import WebDriverWait

    mark = _flagship(loaded)
    _js(loaded, "arguments[0].scrollIntoView({block: 'center'})", mark)
    card = _card(loaded)
    ActionChains(loaded).move_to_element(mark).perform()
    WebDriverWait(loaded, 5).until(lambda d: card.is_displayed())
    text = card.text
    assert "CL103" in text and "misattribution" in text
    assert "17.1%" in text and "Spring 2026" in text
    assert "Hugging Face" in text and "2026-02" in text
    mark.click()
    assert "pinned" in card.get_attribute("class") and card.is_displayed()
    assert mark.get_attribute("aria-expanded") == "true"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    loaded.save_screenshot(str(ARTIFACTS / "html-report-card.png"))
    mark.click()
    assert not card.is_displayed()


def test_browser_keyboard_opens_and_closes_cards(loaded):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    active = "return document.activeElement"
    in_card = "document.getElementById('claim-card')"
    card = _card(loaded)
    _js(loaded, "document.activeElement && document.activeElement.blur()")
    for _ in range(40):  # toolbar and summary controls come first
        ActionChains(loaded).send_keys(Keys.TAB).perform()
        if _js(loaded, "return document.activeElement.matches('mark.claim[id]')"):
            break
    else:
        raise AssertionError("no claim is reachable with Tab")
    claim = _js(loaded, active)
    ActionChains(loaded).send_keys(Keys.ENTER).perform()
    assert card.is_displayed() and "pinned" in card.get_attribute("class")
    assert _js(
        loaded, "return document.getElementById('claim-card').contains(document.activeElement)"
    )
    ActionChains(loaded).send_keys(Keys.ESCAPE).perform()
    assert not card.is_displayed()
    assert _js(loaded, active) == claim
    ActionChains(loaded).send_keys(Keys.SPACE).perform()
    assert card.is_displayed()
    # Tab leaves the card for what follows the claim, not for the top of the page.
    for _ in range(10):
        ActionChains(loaded).send_keys(Keys.TAB).perform()
        if not _js(loaded, "return card.contains(document.activeElement)".replace("card", in_card)):
            break
    assert _js(
        loaded,
        "return !!(arguments[0].compareDocumentPosition(document.activeElement)"
        " & Node.DOCUMENT_POSITION_FOLLOWING)",
        claim,
    )
    ActionChains(loaded).send_keys(Keys.ESCAPE).perform()
    # The flagship claim, focused and opened by keyboard, shows the source figure.
    mark = _flagship(loaded)
    _js(loaded, "arguments[0].focus()", mark)
    ActionChains(loaded).send_keys(Keys.ENTER).perform()
    assert "17.1%" in card.text and "Spring 2026" in card.text


def test_browser_filter_shows_only_problems(loaded):
    from selenium.webdriver.common.by import By

    def state():
        return _js(
            loaded,
            """
            const rows = [...document.querySelectorAll('table.claims tr[data-claim]')];
            const marks = [...document.querySelectorAll('mark.claim[id]')];
            const shown = el => el.offsetParent !== null || getComputedStyle(el).display !== 'none';
            const lit = m => getComputedStyle(m).backgroundColor !== 'rgba(0, 0, 0, 0)';
            return {
              verifiedRows: rows.filter(r => r.dataset.verdict === 'verified' && shown(r)).length,
              problemRows: rows.filter(r => r.dataset.verdict !== 'verified' && shown(r)).length,
              verifiedLit: marks.filter(m => m.dataset.verdict === 'verified' && lit(m)).length,
              verifiedTab: marks.filter(m => m.dataset.verdict === 'verified' && m.tabIndex >= 0)
                .length,
              errorsLit: marks.filter(m => m.dataset.verdict === 'error' && lit(m)).length,
            };
            """,
        )

    before = state()
    assert before["verifiedRows"] and before["verifiedLit"] and before["verifiedTab"]
    loaded.find_element(By.ID, "only-problems").click()
    after = state()
    assert after["verifiedRows"] == 0 and after["verifiedLit"] == 0 and after["verifiedTab"] == 0
    assert (
        after["problemRows"] == before["problemRows"] and after["errorsLit"] == before["errorsLit"]
    )
    assert "Showing" in loaded.find_element(By.ID, "filter-status").text
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    loaded.save_screenshot(str(ARTIFACTS / "html-report-problems-only.png"))


def test_browser_runs_no_draft_code(loaded):
    assert loaded.title.startswith("citelint report")
    assert _js(loaded, "return document.scripts.length") == 1
    assert _js(loaded, "return getComputedStyle(document.body).display") == "block"
    severe = [e for e in loaded.get_log("browser") if e.get("level") == "SEVERE"]
    assert not severe, severe


def test_browser_screenshot_of_the_examples(browser, tmp_path):
    """The bundled pack on examples/: renders without errors; saved as an artifact."""
    import report_browser

    examples = ROOT / "examples"
    if not (examples / "draft.md").exists():
        pytest.skip("examples/ is not there")
    _, out = check_html(examples, facts=None, tmp=tmp_path)
    browser.get(out.as_uri())
    assert _js(browser, "return document.querySelectorAll('mark.claim[id]').length") > 5
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    report_browser.capture(browser, ARTIFACTS / "html-report-examples.png")
    assert (ARTIFACTS / "html-report-examples.png").stat().st_size > 10_000


def test_browser_rule_filter_and_next_problem(loaded):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    Select(loaded.find_element(By.ID, "rule-filter")).select_by_value("CL102")
    lit = _js(
        loaded,
        "return [...document.querySelectorAll('mark.claim[id]:not(.off)')]"
        ".map(m => m.dataset.codes)",
    )
    assert lit == ["CL102"]
    Select(loaded.find_element(By.ID, "rule-filter")).select_by_value("")
    loaded.find_element(By.ID, "next-problem").click()
    first = _js(loaded, "return document.activeElement")
    assert first.get_attribute("data-verdict") in {"error", "warning"}
    loaded.find_element(By.ID, "next-problem").click()
    second = _js(loaded, "return document.activeElement")
    assert second != first and second.get_attribute("data-verdict") in {"error", "warning"}
