"""`python -m debugflow.hud`: the desktop HUD."""

import signal
import sys

# A toggle that arrives while the HUD still loads must not end it (SIGUSR1's default action
# is to terminate): it is ignored until main() installs the handlers that queue orders.
if hasattr(signal, "SIGUSR1"):
    signal.signal(signal.SIGUSR1, signal.SIG_IGN)

from debugflow.hud.main import main  # after the signal guard, on purpose

sys.exit(main())
