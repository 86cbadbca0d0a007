"""Each logon's count of passkeys (dal/credentials.py: what the password step reads with
the logon to offer its passkeys) set from the passkeys it has:
`.venv/bin/python infra/recount_passkeys.py` (`--stage prod` for a deployed stage, with
that account's AWS credentials). Run it once after deploying the version that keeps the
count (a passkey added before it is not counted: its logon is offered its other
methods until then, or its factors are read whole if it has no other), or to repair a
count; running it again changes nothing. It reads the credentials table whole: a Scan,
which is why it is deployment tooling here and not the application's."""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from chalicelib.tools import stage  # noqa: E402  (the repository's root is on the path)


def main(argv: list[str] | None = None) -> int:
    stage.only_stage(__doc__.splitlines()[0], argv)

    from chalicelib.dal.credentials import PASSKEYS, Credential

    counted: Counter = Counter()
    kept: set[str] = set()
    for item in Credential.scan(attributes_to_get=["user_id", "method_id", "kind"]):
        if item.kind == "passkey":
            counted[item.user_id] += 1
        elif item.kind == PASSKEYS:
            kept.add(item.user_id)
    for user_id in set(counted) | kept:
        Credential(user_id, PASSKEYS).update(actions=[
            Credential.passkey_count.set(counted[user_id]), Credential.kind.set(PASSKEYS)])
    print(json.dumps({"logons": len(set(counted) | kept)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
