"""Prints what a program sees of how it was started, and echoes standard input."""

import os
import sys

print("argv", sys.argv)
print("path0", sys.path[0] == os.path.dirname(os.path.realpath(__file__)))
print("name", __name__, "file", os.path.basename(__file__))
print("main", sys.modules["__main__"].__dict__ is globals())
print("stdin", sys.stdin.read().strip())
print("to stderr", file=sys.stderr)
