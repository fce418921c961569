"""sys.exit with a message: printed on stderr, status 1."""

import sys


def main():
    sys.exit("fatal: configuration missing")


main()
