"""The documents a state's security office asks for (docs/security/) exist and stay
true: the data-flow diagram is the one infra/dataflow.py makes from the functions'
policies, and every file the documents name exists."""
import importlib.util
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SECURITY = ROOT / "docs" / "security"
DOCUMENTS = ("threat-model.md", "ssp.md", "data-flow.md", "retention.md", "runbooks.md",
             "incident-response.md", "fti.md", "accessibility.md")


def test_the_security_office_finds_each_document():
    assert {p.name for p in SECURITY.glob("*.md")} >= set(DOCUMENTS)


def test_the_data_flow_diagram_is_made_from_the_policies():
    spec = importlib.util.spec_from_file_location("dataflow", ROOT / "infra" / "dataflow.py")
    dataflow = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(dataflow)
    text = (SECURITY / "data-flow.md").read_text()
    assert dataflow.render(text) == text, "run: python infra/dataflow.py"
    for function in dataflow.policies.FUNCTIONS:  # each function is on it
        assert f"[[{function}]]" in text


def test_every_file_the_documents_name_exists():
    named = set()
    for name in DOCUMENTS:
        named |= set(re.findall(r"`((?:chalicelib|infra|tests|web|app)[\w/.-]*\.(?:py|js|json))`",
                                (SECURITY / name).read_text()))
    assert len(named) > 30
    missing = sorted(p for p in named if not (ROOT / p).exists())
    assert not missing, missing


def test_the_accessibility_statement_counts_the_pages_the_client_has():
    main = (ROOT / "web" / "src" / "js" / "main.js").read_text()
    routes = re.findall(r'\["(/[^"]*)", "[\w-]+"\]', main)
    said = re.search(r"checks the (\d+) routes", (SECURITY / "accessibility.md").read_text())
    assert said and int(said.group(1)) == len(routes)
