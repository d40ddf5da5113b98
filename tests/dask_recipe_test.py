#!/usr/bin/env python3
"""The Dask recipe (scripts/dask_shards.py) end to end: a scheduler and 3
workers on loopback run the shards, `import` adds them, and the database holds
what one `protokoll ingest` process stores: the same export (ingest times
aside: the export is sorted, since its order is the order of ingestion), the
same failures, `verify` clean. With --kill-a-worker one worker is killed
mid-shard (SIGKILL, with its protokoll process) and Dask's retry must still
give the complete store.

Inputs: ../shared/corpus with --ocr never when it is there (bounded in time:
the text path takes seconds), else samples/ with OCR. Exit 77 (skipped) when
no Python with dask.distributed is installed."""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

SKIP = 77


def dask_python():
    """An interpreter that imports distributed: this one, else Debian's."""
    for py in (sys.executable, "/usr/bin/python3"):
        if py and Path(py).exists() and subprocess.run([py, "-c", "import distributed"],
                                                       capture_output=True).returncode == 0:
            return py
    return None


def run(cmd, ok=(0,), **kw):
    done = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)
    if done.returncode not in ok:
        sys.exit(f"FAILED: {' '.join(cmd)}: exit {done.returncode}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return done


def failures(protokoll, db):
    out = run([protokoll, "--db", db, "failures", "--json"]).stdout
    # The recipe resolves its inputs (symbolic links included: ../shared may be
    # one); a single ingest records the path as given. The same file either way.
    return sorted((os.path.realpath(f["path"]), f["code"]) for f in map(json.loads, out.splitlines()) if f)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--protokoll", required=True)
    ap.add_argument("--source", required=True, help="the project folder (samples/, scripts/)")
    ap.add_argument("--shared", required=True, help="../shared")
    ap.add_argument("--kill-a-worker", action="store_true")
    a = ap.parse_args()

    py = dask_python()
    if not py:
        print("SKIP: no python3 with dask.distributed (Debian: python3-distributed)")
        return SKIP
    corpus = Path(a.shared) / "corpus"
    if corpus.is_dir():
        inputs, ingest_args = [str(corpus)], ["--recursive", "--ocr", "never"]
    else:
        inputs, ingest_args = [str(Path(a.source) / "samples")], []
    work = Path(tempfile.mkdtemp(prefix="dask-recipe-"))
    try:
        reference = str(work / "single.db")
        run([a.protokoll, "--db", reference, "ingest", "--quiet", "-j", "2", *ingest_args, *inputs], ok=(0, 1))
        db = str(work / "dask.db")
        cmd = [py, str(Path(a.source) / "scripts" / "dask_shards.py"), "--protokoll", a.protokoll, "--db", db,
               "--shards", "5", "--workers", "3", "--work", str(work / "shards"), "--timeout", "1200"]
        for arg in ingest_args:
            cmd += ["--ingest-arg=" + arg]
        if a.kill_a_worker:
            cmd.append("--kill-a-worker")
        report = json.loads(run(cmd + inputs).stdout)
        print(json.dumps(report, indent=1))

        expected = sorted(run([a.protokoll, "--db", reference, "export"]).stdout.splitlines())
        got = sorted(run([a.protokoll, "--db", db, "export"]).stdout.splitlines())
        problems = []
        if not expected:
            problems.append("the single-process ingest stored nothing")
        if got != expected:
            problems.append(f"export differs: {len(got)} documents after the recipe, {len(expected)} from one process")
        if failures(a.protokoll, db) != failures(a.protokoll, reference):
            problems.append("failures differ")
        verify = subprocess.run([a.protokoll, "--db", db, "verify"], capture_output=True, text=True)
        if verify.returncode != 0:
            problems.append("verify: " + verify.stdout[-1000:])
        if len(report["tasks"]) != 5:
            problems.append("not every shard ran")
        if a.kill_a_worker and "killed" not in report:
            problems.append("no worker was killed")
        # Nothing a killed attempt left may remain visible to `import shards/*`.
        visible = sorted(p.name for p in (work / "shards").iterdir() if p.name.isdigit())
        if visible != [str(i) for i in range(1, 6)]:
            problems.append(f"shard folders: {visible}")
        for p in problems:
            print("FAILED:", p)
        return 1 if problems else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
