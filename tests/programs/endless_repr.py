"""Values whose own text never ends: a `__repr__` and an exception's `__str__` that loop.

Plain Python never calls them here. A tracer that previews them (`--repr user`, and an
exception's message always) must give up on them, not hang the program or its exit.
"""

import sys


class Endless:
    def __repr__(self):
        while True:
            pass


class EndlessError(Exception):
    def __str__(self):
        while True:
            pass


def use(value):
    return 1


def fail():
    raise EndlessError()


total = 0
for _ in range(3):
    total += use(Endless())
    try:
        fail()
    except EndlessError:
        total += 1
print(f"total {total}")
sys.exit(4)
