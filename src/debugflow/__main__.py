"""`python -m debugflow ...` is the same as `flow ...`."""

import sys

from debugflow.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
