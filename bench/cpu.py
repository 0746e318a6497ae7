#!/usr/bin/env python3
"""CPU seconds used so far by PostgreSQL and by the Payara server on this machine (Linux /proc), for the benches'
cost-per-operation lines. Prints "postgres=SECONDS payara=SECONDS" ("-" when a process is not found here).

PostgreSQL's figure counts the postmaster, every live backend, and the backends that already exited (the postmaster
reaps them, so their CPU is in its cutime/cstime): pgbench's connections end with the run but are counted.
Payara's is the JVM whose command line holds "domains/<domain>/lib/ext" (the one ./spark run starts).

  cpu.py             the counters now
  cpu.py A B         the difference of two earlier outputs (B - A), same format
  cpu.py per DIFF N WHAT REF_DIFF REF_N REF_WHAT
                     CPU milliseconds per operation of PostgreSQL and Payara for a run (DIFF over N operations)
                     and of PostgreSQL for its reference: how much of a gap is PostgreSQL's own work
"""
import os
import re
import sys

TICK = os.sysconf("SC_CLK_TCK")


def stat(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    # after "pid (comm)": state ppid ... utime(14) stime(15) cutime(16) cstime(17), numbered from 1 with comm at 2
    return [int(fields[i]) for i in (11, 12, 13, 14)], int(fields[1])


def processes():
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                with open(f"/proc/{pid}/cmdline", "rb") as f:
                    yield int(pid), f.read().replace(b"\0", b" ").decode(errors="replace")
            except OSError:
                pass


def counters():
    procs = dict(processes())
    postgres = payara = None
    parents = {}
    for pid in procs:
        try:
            parents[pid] = stat(pid)[1]
        except OSError:
            pass
    masters = [p for p, cmd in procs.items() if re.search(r"(^|/)postgres( |$)", cmd.split(" -", 1)[0].strip() + " ")
               and "-D" in cmd]
    if masters:
        total = 0
        for master in masters:
            (u, s, cu, cs), _ = stat(master)
            total += u + s + cu + cs
            for child, parent in parents.items():
                if parent == master:
                    try:
                        (u, s, _, _), _ = stat(child)
                        total += u + s
                    except OSError:
                        pass
        postgres = total / TICK
    jvms = [p for p, cmd in procs.items() if re.search(r"domains/[^/ ]+/lib/ext", cmd)]
    if jvms:
        payara = sum(sum(stat(p)[0][:2]) for p in jvms) / TICK
    return postgres, payara


def show(postgres, payara):
    fmt = lambda v: "-" if v is None else f"{v:.2f}"
    return f"postgres={fmt(postgres)} payara={fmt(payara)}"


def parse(line):
    values = dict(kv.split("=") for kv in line.split())
    return [None if values[k] == "-" else float(values[k]) for k in ("postgres", "payara")]


def per(diff, n, what, ref_diff, ref_n, ref_what):
    pg, app = parse(diff)
    ref_pg = parse(ref_diff)[0]
    if pg is None or ref_pg is None:
        return "CPU per operation: not measured (PostgreSQL does not run on this machine)"
    pg_op, ref_op = 1000 * pg / int(n), 1000 * ref_pg / int(ref_n)
    app_txt = "" if app is None else f", Payara {1000 * app / int(n):.3f}"
    return (f"CPU ms per {what}: PostgreSQL {pg_op:.3f}{app_txt}; per {ref_what}: PostgreSQL {ref_op:.3f}"
            f" (PostgreSQL's own work per {what} is {pg_op / ref_op:.1f}x its work per {ref_what})")


if __name__ == "__main__":
    if len(sys.argv) == 8 and sys.argv[1] == "per":
        print(per(*sys.argv[2:]))
    elif len(sys.argv) == 3:
        a, b = parse(sys.argv[1]), parse(sys.argv[2])
        print(show(*[None if x is None or y is None else y - x for x, y in zip(a, b)]))
    else:
        print(show(*counters()))
