"""Plain language (plainlanguage.gov, as public services are asked to write): every
parent-facing English page's sentences and every English email read at grade 8 or below
(Flesch-Kincaid, textstat). Short labels (fewer than six words) are names, not prose,
and are left out; the staff's own pages are not the parents'."""
import json
import re
from collections import defaultdict
from pathlib import Path

import pytest
import textstat

from tests.web.test_i18n import dictionary

ROOT = Path(__file__).resolve().parents[2]
EMAILS = ROOT / "chalicelib" / "templates" / "email" / "en"
GRADE = 8
STAFF_PAGES = ("agency", "staffrole", "staffstatus", "staffaction", "records", "audit")


def sentences(text: str) -> str:
    """A text as sentences: placeholders read as a word, each ends with a stop."""
    text = re.sub(r"\{\w+\}|\{\{[^}]*\}\}", "it", text).strip()
    return text if text.endswith((".", "?", "!", ":")) else f"{text}."


def pages() -> dict[str, str]:
    """The English prose of each page (its keys' prefix), read together."""
    found = defaultdict(list)
    for key, text in dictionary("en").items():
        page = key.split(".")[0]
        if len(text.split()) >= 6 and page not in STAFF_PAGES:
            found[page].append(sentences(text))
    return {page: " ".join(texts) for page, texts in found.items()}


def email_text(path: Path) -> str:
    """An email's words: each branch of its template a sentence apart, tags and the
    subject line left out."""
    text = re.sub(r"\{%[^%]*%\}", ". ", path.read_text())
    text = re.sub(r"<[^>]+>", " ", text)
    return sentences(" ".join(line for line in text.splitlines()
                              if not line.startswith("Subject:")))


def state_texts() -> dict[str, str]:
    """The state's own English words a parent reads: the terms, privacy policy and
    disclaimer, and the help, About and ways to pay (data/AK)."""
    data = ROOT / "chalicelib" / "data" / "AK"
    terms = json.loads((data / "terms.json").read_text())["documents"]
    found = {d["id"]: " ".join(sentences(t) for t in [d["en"]["intro"], *(
        s["text"] for s in d["en"]["sections"])]) for d in terms}
    content = json.loads((data / "content.json").read_text())
    found["about"] = sentences(content["about"]["en"]["text"])
    found["ways_to_pay"] = " ".join(sentences(w["text"]) for w in content["ways_to_pay"]["en"])
    return found


@pytest.mark.parametrize("name", sorted(state_texts()))
def test_the_states_words_read_at_grade_8(name):
    text = state_texts()[name]
    assert textstat.flesch_kincaid_grade(text) <= GRADE, text


@pytest.mark.parametrize("page", sorted(pages()))
def test_each_page_reads_at_grade_8(page):
    text = pages()[page]
    assert textstat.flesch_kincaid_grade(text) <= GRADE, text


@pytest.mark.parametrize("email", sorted(p.name for p in EMAILS.iterdir()
                                         if p.suffix in (".txt", ".html")
                                         and not p.name.startswith("_")))
def test_each_email_reads_at_grade_8(email):
    text = email_text(EMAILS / email)
    assert textstat.flesch_kincaid_grade(text) <= GRADE, text


def test_the_measure_tells_plain_words_from_hard_ones():
    """The check can fail: a sentence of long words is over the grade, a plain one is not."""
    assert textstat.flesch_kincaid_grade(sentences(
        "Notwithstanding the aforementioned administrative determination, "
        "the obligor's remittance obligations remain operative indefinitely")) > GRADE
    assert textstat.flesch_kincaid_grade(sentences("Pay by the first of the month.")) <= GRADE
