"""A program that forks: traced, it must not warn about threads it does not have.

Python 3.12+ warns when a multi-threaded process forks; DebugFlow's own threads must not
make a single-threaded program look multi-threaded (and must not deadlock the child).
"""

import os
import sys


def square(n):
    return n * n


def fork_and_wait(n):
    pid = os.fork()
    if pid == 0:
        print(f"child {n}: {square(n)}", flush=True)
        os._exit(0)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


if not hasattr(os, "fork"):
    sys.exit(0)
for n in range(3):
    print(f"parent {n}: child exit {fork_and_wait(n)}, {square(n + 10)}", flush=True)
print("end")
