"""English and Spanish: the same keys in both dictionaries, and every key the pages use
is in them (read from the sources, so a page cannot show a raw key)."""
import json
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
JS = ROOT / "web" / "src" / "js"


def dictionary(language: str) -> dict:
    source = (JS / "i18n" / f"{language}.js").read_text()
    out = subprocess.run(["node", "--input-type=module", "-e",
                          f"import d from {json.dumps(str(JS / 'i18n' / f'{language}.js'))};"
                          "console.log(JSON.stringify(d))"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr + source[:200]
    return json.loads(out.stdout)


def test_both_languages_have_the_same_keys_and_no_empty_text():
    en, es = dictionary("en"), dictionary("es")
    assert set(en) == set(es), {"only in en": set(en) - set(es), "only in es": set(es) - set(en)}
    assert all(v.strip() for v in [*en.values(), *es.values()])
    placeholders = re.compile(r"\{(\w+)\}")
    for key in en:
        assert set(placeholders.findall(en[key])) == set(placeholders.findall(es[key])), key


def test_no_key_is_written_twice():
    """A key written twice keeps its last text only: a page shows the other one's words."""
    for language in ("en", "es"):
        keys = re.findall(r'^\s*"([\w.]+)":', (JS / "i18n" / f"{language}.js").read_text(),
                          re.MULTILINE)
        assert len(keys) == len(set(keys)), sorted({k for k in keys if keys.count(k) > 1})


def test_every_key_a_page_uses_exists():
    keys = set(dictionary("en"))
    used = set()
    for path in [p for p in JS.rglob("*.js") if p.name != "i18n.js"]:
        used |= set(re.findall(r"""\bt\(\s*["']([\w.]+)["']""", path.read_text()))
    assert used, "no t() calls found"
    assert not used - keys, sorted(used - keys)


def test_the_client_keeps_no_copy_of_the_apis_error_words():
    """The API words its errors in the reader's language (chalicelib/data/es/errors.json);
    the client has words only for when the API could not be reached."""
    keys = {k for k in dictionary("en") if k.startswith("error.")}
    assert keys == {"error.page_title", "error.unavailable", "error.offline"}
