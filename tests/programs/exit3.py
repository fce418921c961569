"""Exits with status 3 from inside a function."""

import sys


def finish():
    print("about to exit")
    sys.exit(3)


finish()
print("never printed")
