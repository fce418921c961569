"""`python -m debugflow.ghost.child`: run one ghost pass as the request on stdin describes."""

from debugflow.ghost.child.main import main

main()
