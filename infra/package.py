"""Builds a stage's deployment: `chalice package` with infra/resources.json merged in, the
API pointed at its function's alias (gradual deploys), then the package made lean, and
its size reported.

    python infra/package.py prod            # build/prod/: sam.json and deployment.zip
    python infra/package.py dev --out DIR

Leaner than what Chalice writes, in three ways, each safe at run time (the package test
unzips the result and runs the app from it alone):
- the AWS SDK (boto3, botocore, s3transfer) is left out: the Lambda Python runtime has it;
- C, Cython and stub sources shipped inside wheels are left out: nothing reads them;
- shared libraries lose their symbol tables (`strip --strip-unneeded`), as
  serverless-python-requirements' `slim` option does.

And faster to start: every module ships its bytecode, compiled here (by the Python that
packages, the runtime's version: Chalice picks the runtime from it) with unchecked hashes,
so that Python neither compiles the source nor compares timestamps at a cold start.
Lambda cannot write `__pycache__` into /var/task: without it, every cold start compiled
every module it imported (issue #27). The portal's own modules keep their source beside
it (`__pycache__/`), for tracebacks; a dependency's module ships its bytecode alone, in
the source's place (`module.pyc`, which Python imports when there is no source), which
keeps the package within 40 MB: a traceback through it names the file and line, without
the line's text. Whatever `__pycache__` the working tree had is left out.
"""
from __future__ import annotations

import argparse
import fcntl
import json
import os
import py_compile
import shutil

# chalice package and strip: fixed commands (bandit B404)
import subprocess  # nosec B404
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MERGE = ROOT / "infra" / "resources.json"
RUNTIME_PROVIDED = ("boto3", "botocore", "s3transfer")
SOURCES = (".c", ".h", ".pyx", ".pxd", ".pyi")
OWN = ("app.py", "chalicelib")  # shipped with their source


@dataclass(frozen=True)
class Size:
    zipped: int
    unzipped: int
    largest: list[tuple[str, int]]  # top-level entries, by unzipped bytes

    def report(self) -> str:
        rows = "\n".join(f"  {name:<28} {n / 1e6:6.1f} MB" for name, n in self.largest)
        return (f"deployment.zip: {self.zipped / 1e6:.1f} MB zipped, "
                f"{self.unzipped / 1e6:.1f} MB unzipped\n{rows}")


def _top(name: str) -> str:
    return name.split("/", 1)[0]


def _provided(name: str) -> bool:
    top = _top(name)
    return any(top == p or (top.startswith(p + "-") and top.endswith(".dist-info"))
               for p in RUNTIME_PROVIDED)


def keep(name: str) -> bool:
    return (not _provided(name) and not name.endswith(SOURCES)
            and not _top(name).endswith(".data"))  # wheels' scripts and man pages


def _stripped(data: bytes, strip: str) -> bytes:
    with tempfile.NamedTemporaryFile(suffix=".so", delete=False) as f:
        f.write(data)
    try:
        # strip from binutils on a file of our own (bandit B603)
        subprocess.run([strip, "--strip-unneeded", f.name], check=True,  # nosec B603
                       capture_output=True)
        return Path(f.name).read_bytes()
    finally:
        os.unlink(f.name)


def bytecode(name: str, source: bytes, work: Path) -> bytes | None:
    """The module's bytecode (unchecked hash), as /var/task/<name> (None: not Python 3,
    as a few files in wheels' examples are)."""
    (work / "module.py").write_bytes(source)
    try:
        py_compile.compile(str(work / "module.py"), cfile=str(work / "module.pyc"),
                           dfile=f"/var/task/{name}", doraise=True,
                           invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
    except py_compile.PyCompileError:
        return None
    return (work / "module.pyc").read_bytes()


def slim(package: Path) -> None:
    """Rewrites the zip in place without what the runtime provides or nobody reads, and
    with each module's bytecode."""
    import importlib.util

    strip = shutil.which("strip")
    lean = package.with_suffix(".lean.zip")
    with zipfile.ZipFile(package) as src, tempfile.TemporaryDirectory() as work, \
            zipfile.ZipFile(lean, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        for info in src.infolist():
            if not keep(info.filename) or "__pycache__/" in info.filename:
                continue
            data = src.read(info)
            if strip and info.filename.endswith(".so"):
                data = _stripped(data, strip)
            compiled = (bytecode(info.filename, data, Path(work))
                        if info.filename.endswith(".py") else None)
            own = _top(info.filename) in OWN
            if compiled is None or own:
                out.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
            if compiled is not None:
                pyc = zipfile.ZipInfo(importlib.util.cache_from_source(info.filename) if own
                                      else info.filename + "c", date_time=info.date_time)
                pyc.external_attr = info.external_attr
                out.writestr(pyc, compiled, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    lean.replace(package)


def size(package: Path, top: int = 12) -> Size:
    with zipfile.ZipFile(package) as z:
        infos = z.infolist()
    by_top: dict[str, int] = {}
    for info in infos:
        by_top[_top(info.filename)] = by_top.get(_top(info.filename), 0) + info.file_size
    largest = sorted(by_top.items(), key=lambda kv: -kv[1])[:top]
    return Size(package.stat().st_size, sum(i.file_size for i in infos), largest)


def chalice_package(stage: str, out: Path) -> None:
    chalice = Path(sys.executable).with_name("chalice")
    if out.exists():
        shutil.rmtree(out)
    # chalice imports the app to find its routes: as the stage's functions will run it
    env = {**os.environ, "STAGE": stage,
           "AWS_DEFAULT_REGION": os.environ.get("AWS_DEFAULT_REGION", "us-east-1")}
    command = [str(chalice), "package", "--stage", stage, "--merge-template", str(MERGE), str(out)]
    # chalice keeps the dependencies' zip in .chalice/deployments/ and reuses it: two
    # packagings at once (two test workers, say) would read one half written
    cache = ROOT / ".chalice" / "deployments"
    cache.mkdir(parents=True, exist_ok=True)
    with (cache / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        # our own chalice, with fixed arguments (bandit B603)
        subprocess.run(command, cwd=ROOT, env=env, check=True)  # nosec B603


API_ALIAS = "APIHandlerAliaslive"  # AutoPublishAlias "live" on APIHandler, as SAM names it


def through_alias(template: dict) -> dict:
    """The API calls the function's `live` alias, not its latest code: chalice writes
    the API's integrations and its invoke permission for the function itself, and the
    gradual deployment (AutoPublishAlias, in resources.json) shifts the alias. SAM names
    the alias resource <function>Alias<alias>; its Ref is the alias's ARN."""
    text = json.dumps(template).replace("${APIHandler.Arn}", "${%s}" % API_ALIAS)
    out = json.loads(text)
    out["Resources"]["APIHandlerInvokePermission"]["Properties"]["FunctionName"] = {
        "Ref": API_ALIAS}
    return out


def build(stage: str, out: Path) -> Size:
    chalice_package(stage, out)
    sam = out / "sam.json"
    sam.write_text(json.dumps(through_alias(json.loads(sam.read_text())), indent=2))
    slim(out / "deployment.zip")
    return size(out / "deployment.zip")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("stage", choices=["dev", "prod"])
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    out = args.out or ROOT / "build" / args.stage
    print(build(args.stage, out).report())
    print(f"template: {out / 'sam.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
