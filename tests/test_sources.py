"""Drafts checked straight against their source documents: `check --sources DIR`.

Each file in DIR is a source (id: the file stem) whose facts are the figures it
states. The drafts here credit the five articles of tests/fixtures/extract/articles/.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from clihelpers import citelint_exe

from citelint import sourcedocs
from citelint.engine import analyse
from citelint.model import FactTable, FactTableError, Source
from citelint.names import NameIndex, local_path

FIXTURES = Path(__file__).parent / "fixtures" / "extract"
ARTICLES = FIXTURES / "articles"
RULES_FACTS = Path(__file__).parent / "fixtures" / "rules" / "facts.yaml"


def run(*args, cwd=None):
    return subprocess.run(
        [*citelint_exe(), *args], capture_output=True, text=True, cwd=cwd,
        env={**os.environ, "NO_COLOR": "1"}, timeout=120,
    )  # fmt: skip


@pytest.fixture
def workspace(tmp_path):
    """refs/ holds the five articles; drafts are written next to it."""
    shutil.copytree(ARTICLES, tmp_path / "refs")

    def write(text: str, name: str = "draft.md") -> str:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return name

    write.root = tmp_path
    return write


def findings(result) -> list[dict]:
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)


# -- the documents as a table -----------------------------------------------------------------


def test_each_document_is_a_source_with_its_figures_as_facts():
    table = sourcedocs.load([str(ARTICLES)])
    assert sorted(s.id for s in table.sources) == sorted(p.stem for p in ARTICLES.glob("*.md"))
    cgtn = table.source("cgtn-10-billion-downloads")
    path = (ARTICLES / "cgtn-10-billion-downloads.md").as_posix()
    assert cgtn.url == path
    assert cgtn.name == f"China open-source AI models surpass 10 billion downloads ({path})"
    assert cgtn.publisher == "CGTN" and cgtn.published == "2026-04-28"
    assert {"cgtn-10-billion-downloads.md", "cgtn-10-billion-downloads", "CGTN"} <= set(
        cgtn.aliases
    )
    facts = [f for f in table.facts if f.source == cgtn.id]
    forty_one = next(f for f in facts if f.value == 41)
    assert forty_one.metric == f"“{forty_one.quote}”"
    assert "41% of large language model downloads" in forty_one.quote
    assert forty_one.quoted_from == "Hugging Face"


def test_documents_combine_with_a_table_and_clashing_ids_are_errors(tmp_path):
    from citelint.facttable import load_table

    table = load_table(RULES_FACTS)
    documents = sourcedocs.load([str(ARTICLES)])
    combined = sourcedocs.combine(table, documents)
    assert len(combined.facts) == len(table.facts) + len(documents.facts)
    clash = tmp_path / "hf-spring-2026.md"
    clash.write_text("It rose 12%.\n", encoding="utf-8")
    with pytest.raises(FactTableError, match="also a source in the fact table"):
        sourcedocs.combine(table, sourcedocs.load([str(tmp_path)]))
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "hf-spring-2026.txt").write_text("It fell 3%.\n", encoding="utf-8")
    with pytest.raises(FactTableError, match="also the id of"):
        sourcedocs.load([str(tmp_path)])


# -- links to files ---------------------------------------------------------------------------

LOCAL = [
    ("refs/mit-study.md", "refs/mit-study.md"),
    ("./refs/mit-study.md", "refs/mit-study.md"),
    ("../refs/mit-study.md", "refs/mit-study.md"),
    ("refs/./sub/../mit-study.md", "refs/mit-study.md"),
    ("/home/me/refs/mit-study.md", "home/me/refs/mit-study.md"),
    ("file:///home/me/refs/mit-study.md", "home/me/refs/mit-study.md"),
    ("refs/mit-study.md#section", "refs/mit-study.md"),
    ("refs/mit%20study.md", "refs/mit study.md"),
    ("mit-study.md", "mit-study.md"),
    ("https://example.org/refs/mit-study.md", None),
    ("huggingface.co/blog/x", None),
    ("example.com", None),
    ("#anchor", None),
    ("mailto:a@example.org", None),
    ("//cdn.example.org/a.md", None),
]


@pytest.mark.parametrize(("url", "path"), LOCAL)
def test_local_paths_are_normalised(url, path):
    assert local_path(url) == path


def test_a_relative_link_credits_the_document_it_names():
    table = FactTable(
        sources=(
            Source("mit-study", "MIT study", url="refs/mit-study.md"),
            Source("abs", "Abs", url="/data/refs/abs.md"),
            Source("other", "Other", url="archive/mit-study.md"),
            Source("web", "Web", url="https://huggingface.co/blog/"),
        )
    )
    names = NameIndex(table)
    assert names.sources_for_url("refs/mit-study.md") == {"mit-study"}
    assert names.sources_for_url("../refs/mit-study.md") == {"mit-study"}
    assert names.sources_for_url("./refs/mit-study.md#p2") == {"mit-study"}
    assert names.sources_for_url("refs/abs.md") == {"abs"}
    assert names.sources_for_url("mit-study.md") == {"mit-study", "other"}  # ambiguous: both
    assert names.sources_for_url("elsewhere/mit-study.md") == set()
    assert names.sources_for_url("https://huggingface.co/blog/post") == {"web"}


# -- check --sources --------------------------------------------------------------------------


def test_correct_quotes_pass(workspace):
    draft = workspace(
        "# Quotes\n\n"
        "According to [AIinASIA](refs/aiinasia-outstrip-us.md), MiniMax raised $619 million "
        "in its Hong Kong IPO.\n\n"
        "CGTN reports that the number of AI companies in China has exceeded 6,200.\n\n"
        "The Hespress English story says Chinese open-source AI models account for 17 percent "
        "of global downloads.\n\n"
        "Per [GogoAI News](refs/gogoai-10-billion-downloads.md), 41% of LLM downloads over the "
        "past year came from models developed in China.\n\n"
        "NeuralStackly notes that Kimi K2.5 comes close to Claude Opus at roughly one-seventh "
        "the price.\n"
    )
    result = run("check", "--sources", "refs", "--format", "json", draft, cwd=workspace.root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert findings(result) == []
    listing = run("claims", "--sources", "refs", "--format", "json", draft, cwd=workspace.root)
    claims = json.loads(listing.stdout)
    assert [(c["text"], c["sources"]) for c in claims] == [
        ("$619 million", ["aiinasia-outstrip-us"]),
        ("6,200", ["cgtn-10-billion-downloads"]),
        ("17 percent", ["hespress-surpasses-us"]),
        ("41%", ["gogoai-10-billion-downloads"]),
        ("one-seventh", ["neuralstackly-overtake-us"]),
    ]
    assert all(c["fact"] and c["fact"].startswith(c["sources"][0]) for c in claims)


def test_a_figure_credited_to_the_wrong_article_is_cl103_naming_both(workspace):
    workspace(
        "According to [Hespress](refs/hespress-surpasses-us.md), MiniMax raised $619 million "
        "in its Hong Kong IPO.\n",
        "drafts/wrong.md",
    )
    # The link is relative to the draft's folder: ../refs/... resolves to the same file.
    workspace(
        "According to [Hespress](../refs/hespress-surpasses-us.md), MiniMax raised "
        "$619 million in its Hong Kong IPO.\n",
        "drafts/wrong-relative.md",
    )
    result = run("check", "--sources", "refs", "--format", "json", "drafts", cwd=workspace.root)
    found = findings(result)
    assert result.returncode == 1
    assert {(Path(f["path"]).name, f["code"]) for f in found if f["code"] == "CL103"} == {
        ("wrong.md", "CL103"), ("wrong-relative.md", "CL103")
    }  # fmt: skip
    [finding] = [f for f in found if f["code"] == "CL103" and f["path"].endswith("wrong.md")]
    message = finding["message"]
    assert finding["source"] == "aiinasia-outstrip-us"
    assert "refs/hespress-surpasses-us.md" in message  # the credited file
    assert "refs/aiinasia-outstrip-us.md" in message  # the file the figure is in
    assert "MiniMax raised $619 million in its Hong Kong IPO" in message  # its sentence


def test_the_credited_documents_own_sentence_is_quoted_too(workspace):
    draft = workspace(
        "According to [Hespress](refs/hespress-surpasses-us.md), Chinese open-source AI "
        "models account for 41% of global downloads.\n"
    )
    result = run("check", "--sources", "refs", "--format", "json", draft, cwd=workspace.root)
    [finding] = [f for f in findings(result) if f["code"] == "CL103"]
    message = finding["message"]
    assert "17 percent of global downloads" in message  # Hespress's own figure and sentence
    assert "41%" in message and "ten-billion" not in message
    assert finding["source"] in {"cgtn-10-billion-downloads", "gogoai-10-billion-downloads"}


def test_a_figure_in_no_article_is_cl101(workspace):
    draft = workspace(
        "According to [CGTN](refs/cgtn-10-billion-downloads.md), humanoid robots now staff "
        "23% of Shenzhen's warehouses.\n"
    )
    result = run("check", "--sources", "refs", "--format", "json", draft, cwd=workspace.root)
    assert [f["code"] for f in findings(result)] == ["CL101"]


def test_tables_and_sources_combine(workspace):
    draft = workspace(
        "According to a study by MIT and Hugging Face, Chinese open models now account for "
        "41% of global downloads.\n\n"
        "According to [AIinASIA](refs/aiinasia-outstrip-us.md), MiniMax raised $619 million "
        "in its Hong Kong IPO.\n"
    )
    only_sources = run("check", "--sources", "refs", "--format", "json", draft, cwd=workspace.root)
    both = run(
        "check", "--facts", str(RULES_FACTS), "--sources", "refs", "--format", "json", draft,
        cwd=workspace.root,
    )  # fmt: skip
    # Without the table, "MIT and Hugging Face" names no source: the 41% is credited to a
    # work the sources lack, so CL201 names the articles that state it as the sources to
    # cite, as for a figure credited to no one.
    [credited_elsewhere] = findings(only_sources)
    assert credited_elsewhere["code"] == "CL201"
    assert "41% is credited to MIT, which is not in the table" in (credited_elsewhere["message"])
    bare = workspace("Chinese open models now account for 41% of global downloads.\n", "bare.md")
    bare_only = run("check", "--sources", "refs", "--format", "json", bare, cwd=workspace.root)
    [uncredited] = findings(bare_only)
    assert uncredited["code"] == "CL201" and "10-billion-downloads.md" in uncredited["message"]
    # With it, the MIT/HF figure is 17.1%: a misattribution; the AIinASIA figure passes.
    assert [(f["line"], f["code"]) for f in findings(both)] == [(1, "CL103")]


def test_a_single_file_can_be_a_source(workspace):
    draft = workspace("The CGTN story says China has more than 6,200 AI companies.\n")
    result = run(
        "check", "--sources", "refs/cgtn-10-billion-downloads.md", "--format", "json", draft,
        cwd=workspace.root,
    )  # fmt: skip
    assert result.returncode == 0 and findings(result) == []


def test_html_and_text_documents_are_sources(tmp_path):
    shutil.copytree(FIXTURES / "formats", tmp_path / "refs")
    (tmp_path / "d.md").write_text(
        "According to [the page](refs/hespress-page.html), Alibaba's Qwen family makes up over "
        "40 percent of new open-source models uploaded monthly.\n\n"
        "According to cgtn-plain, China has more than 6,200 AI companies.\n\n"
        "According to cgtn-plain, Qwen makes up over 40 percent of new models uploaded monthly.\n",
        encoding="utf-8",
    )
    result = run("check", "--sources", "refs", "--format", "json", "d.md", cwd=tmp_path)
    assert [(f["line"], f["code"]) for f in findings(result)] == [(5, "CL103")]


def test_bad_sources_are_usage_errors(workspace):
    draft = workspace("It rose 12%.\n")
    (workspace.root / "empty").mkdir()
    result = run("check", "--sources", "empty", draft, cwd=workspace.root)
    assert result.returncode == 2 and "no source documents" in result.stderr
    json_result = run("check", "--sources", "empty", "--format", "json", draft, cwd=workspace.root)
    assert json_result.returncode == 2
    assert json.loads(json_result.stdout)[0]["code"] == "CL901"
    missing = run("check", "--sources", "nowhere", draft, cwd=workspace.root)
    assert missing.returncode == 2


def test_in_process_analysis_sees_document_sources():
    table = sourcedocs.load([str(ARTICLES)])
    text = "According to AIinASIA, DeepSeek holds an impressive 89% market share within China.\n"
    analysis = analyse(text, table)
    [ev] = analysis.evidence
    assert ev.fit.source == "aiinasia-outstrip-us"
    assert analysis.diagnostics == ()
