"""The data-flow diagram of docs/security/data-flow.md, as Mermaid, made from what each
function uses (infra/policies.py, which tests/access.py holds to the code) and the
stack's front door, so the diagram cannot drift from the template:

    python infra/dataflow.py            # rewrite the diagram in the document
    python infra/dataflow.py --check    # exit 1 if it is stale
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "infra"))
import policies  # noqa: E402  (infra/ is not a package)

DOC = ROOT / "docs" / "security" / "data-flow.md"
START, END = "```mermaid\n", "```\n"
# a function's one arrow for each of these it uses
EDGES = {"documents": "  {node} -->|presigned, checked| Documents[(documents bucket)]",
         "trail": "  {node} -->|appends| Trail[(audit bucket, Object Lock)]",
         "key": "  {node} -->|encrypt, decrypt| Key{{{{data key}}}}",
         "email": "  {node} -->|sends| Ses",
         "scheduled": "  Schedule([EventBridge schedule]) -.-> {node}"}
WRITES = {"PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "ConditionCheckItem"}


def _id(name: str) -> str:
    return "".join(part.capitalize() for part in name.replace("-", "_").split("_"))


def diagram() -> str:
    lines = ["flowchart LR",
             "  Parent([Parent or helper, browser]) -->|HTTPS| Edge",
             "  Staff([Agency staff, browser]) -->|HTTPS, staff networks| Edge",
             "  Edge[CloudFront + WAF] -->|/api/*, origin secret| Api[API Gateway]",
             "  Api -->|live alias| FnApiHandler",
             "  Processor([Payment processor]) <-->|charges, returns| FnApiHandler",
             "  Processor <-->|settles| FnJobSettlement",
             "  Processor <-->|charges| FnJobAutopay",
             "  Agency([Agency system of record]) -->|case data loads| FnApiHandler",
             "  Ses([Amazon SES]) -->|email| People([Parents' and staff inboxes])"]
    tables: set[str] = set()
    for function, uses in policies.FUNCTIONS.items():
        node = f"Fn{_id(function)}"
        lines.append(f"  {node}[[{function}]]")
        for table, actions in sorted(uses.tables.items()):
            tables.add(table)
            way = "reads, writes" if WRITES & set(actions) else "reads"
            lines.append(f"  {node} -->|{way}| T{_id(table)}")
        if uses.stream:
            lines.append(f"  T{_id(uses.stream)} -.->|stream| {node}")
        if uses.receives:
            lines.append(f"  Q{_id(uses.receives)} -.->|messages| {node}")
        for queue in uses.sends:
            lines.append(f"  {node} -->|sends| Q{_id(queue)}")
        for secret in uses.secrets:
            lines.append(f"  {node} -->|reads| S{_id(secret)}{{{{{secret} secret}}}}")
        lines += [edge.format(node=node) for use, edge in EDGES.items() if getattr(uses, use)]
    lines.append("  Parent -->|uploads, presigned| Documents")
    for table in sorted(tables):
        lines.append(f"  T{_id(table)}[({table})]")
    queues = sorted({q for u in policies.FUNCTIONS.values() for q in (*u.sends, u.receives)
                     if q})
    lines += [f"  Q{_id(q)}>{q} queue]" for q in queues]
    return "\n".join(lines) + "\n"


def render(text: str) -> str:
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    return head + START + diagram() + END + tail


def main(argv: list[str]) -> int:
    text = DOC.read_text()
    made = render(text)
    if "--check" in argv:
        if made != text:
            print("docs/security/data-flow.md is stale: run python infra/dataflow.py",
                  file=sys.stderr)
            return 1
        return 0
    DOC.write_text(made)
    print("wrote docs/security/data-flow.md")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
