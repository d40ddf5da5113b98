#!/usr/bin/env python3
"""Sharded ingest on Dask distributed (docs/scale.md, "Dask").

Maps `protokoll ingest --sst-out DIR/I --shard I/N PATH...` over N shards on a
Dask cluster, then imports the finished shards into one database with
`protokoll import`. protokoll knows nothing about Dask: each task is one
command, and a task lost with its worker is simply run again by Dask (a killed
shard leaves only a hidden partial folder, which `import` never takes).

Without --scheduler it starts a scheduler and --workers workers on 127.0.0.1
and stops them at the end. With --scheduler ADDRESS it uses a running cluster;
the protokoll binary, the inputs and --work must then be on a file system that
every worker sees at the same paths.

Example:
  python3 scripts/dask_shards.py --protokoll build/protokoll --db archive.db \
      --shards 12 --work /scratch/shards --recursive archive/
"""
import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path


def run_shard(protokoll, index, count, out_dir, inputs, ingest_args):
    """One Dask task: one shard, as a command. Exit 1 (some inputs failed)
    still finishes the shard, with the failures in its manifest; any other
    failure raises, and Dask's retries run it again."""
    cmd = [protokoll, "ingest", "--quiet", "--sst-out", out_dir, "--shard", f"{index}/{count}", *ingest_args, *inputs]
    started = time.time()
    done = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if done.returncode not in (0, 1):
        raise RuntimeError(f"shard {index}/{count}: exit {done.returncode}: {done.stderr[-2000:]}")
    return {"shard": index, "exit": done.returncode, "dir": out_dir, "seconds": round(time.time() - started, 2),
            "host": socket.gethostname(), "worker_pid": os.getpid()}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LocalCluster:
    """A scheduler and workers as separate processes on loopback, the way
    they run on real machines (not distributed.LocalCluster's in-process one)."""

    def __init__(self, workers, work):
        self.procs = []
        self.address = f"tcp://127.0.0.1:{free_port()}"
        log = open(Path(work) / "dask.log", "ab")
        py = sys.executable
        self._start([py, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port",
                     self.address.rsplit(":", 1)[1], "--no-dashboard"], log)
        for i in range(workers):
            self._start([py, "-m", "distributed.cli.dask_worker", self.address, "--host", "127.0.0.1",
                         "--nworkers", "1", "--nthreads", "1", "--no-dashboard", "--name", f"w{i + 1}",
                         "--local-directory", str(Path(work) / f"dask-w{i + 1}")], log)

    def _start(self, cmd, log):
        # A session of its own: stopping it stops the nanny's worker too.
        self.procs.append(subprocess.Popen(cmd, stdout=log, stderr=log, start_new_session=True))

    def stop(self):
        for p in reversed(self.procs):
            try:
                os.killpg(p.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        deadline = time.time() + 20
        for p in self.procs:
            try:
                p.wait(timeout=max(0.1, deadline - time.time()))
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)


def parent_of(pid):
    with open(f"/proc/{pid}/stat") as f:
        return int(f.read().rsplit(")", 1)[1].split()[1])


def kill_a_worker_mid_shard(work_dir, deadline):
    """Waits for a shard in progress (its hidden partial folder, named by the
    protokoll process), then kills that process and the Dask worker running it
    with SIGKILL, as when a machine goes down. Returns what it killed."""
    while time.time() < deadline:
        for partial in Path(work_dir).glob(".*.partial-*"):
            pid = int(partial.name.rsplit("-", 1)[1])
            try:
                worker = parent_of(pid)
                os.kill(worker, signal.SIGKILL)
                os.kill(pid, signal.SIGKILL)
            except (FileNotFoundError, ProcessLookupError, ValueError):
                continue  # finished meanwhile; wait for the next
            return {"killed_worker_pid": worker, "killed_protokoll_pid": pid, "shard_folder": partial.name}
        time.sleep(0.05)
    raise RuntimeError("no shard was seen in progress to kill")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--protokoll", required=True, help="the protokoll binary (same path on every worker)")
    ap.add_argument("--db", required=True, help="the database the shards are imported into")
    ap.add_argument("--shards", type=int, default=6, help="number of shards (default 6)")
    ap.add_argument("--work", required=True, help="folder for the shard folders (shared by the workers)")
    ap.add_argument("--scheduler", help="address of a running Dask scheduler; default: start one here")
    ap.add_argument("--workers", type=int, default=3, help="workers started here without --scheduler (default 3)")
    ap.add_argument("--retries", type=int, default=2, help="times Dask re-runs a shard that failed (default 2)")
    ap.add_argument("--timeout", type=float, default=3600, help="give up after this many seconds")
    ap.add_argument("--kill-a-worker", action="store_true", help="test: kill one worker mid-shard (SIGKILL)")
    ap.add_argument("--ingest-arg", action="append", default=[], help="passed to every `protokoll ingest` (repeatable)")
    ap.add_argument("inputs", nargs="+", help="files and folders, as `protokoll ingest` takes them")
    a = ap.parse_args()

    from distributed import Client  # here, so that --help works without Dask

    work = Path(a.work).resolve()
    work.mkdir(parents=True, exist_ok=True)
    protokoll = str(Path(a.protokoll).resolve())
    inputs = [str(Path(p).resolve()) for p in a.inputs]
    dirs = [str(work / str(i)) for i in range(1, a.shards + 1)]
    deadline = time.time() + a.timeout
    cluster = None if a.scheduler else LocalCluster(a.workers, work)
    report = {"shards": a.shards}
    try:
        client = Client(a.scheduler or cluster.address, timeout="60s")
        if cluster:
            client.wait_for_workers(a.workers, timeout=120)
        futures = client.map(run_shard, [protokoll] * a.shards, range(1, a.shards + 1), [a.shards] * a.shards, dirs,
                             [inputs] * a.shards, [a.ingest_arg] * a.shards, retries=a.retries, pure=False)
        if a.kill_a_worker:
            report["killed"] = kill_a_worker_mid_shard(work, deadline)
        report["tasks"] = client.gather(futures)  # raises when a shard failed more than --retries times
        client.close()
    finally:
        if cluster:
            cluster.stop()
    imported = subprocess.run([protokoll, "--db", a.db, "import", *dirs], stdout=subprocess.PIPE, text=True,
                              timeout=max(1, deadline - time.time()))
    report["import"] = imported.stdout.strip()
    report["import_exit"] = imported.returncode
    if imported.returncode == 0:
        # What killed attempts left: hidden, never imported, no longer needed.
        for partial in work.glob(".*.partial-*"):
            subprocess.run(["rm", "-rf", str(partial)])
    print(json.dumps(report, indent=1))
    return imported.returncode


if __name__ == "__main__":
    sys.exit(main())
