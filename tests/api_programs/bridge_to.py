"""The seed's bridge made for each `host:port` in argv, in order, then one pulse.

With `--traced` last, all of it happens inside `debugflow.trace()`.
"""

import contextlib
import sys

import debugflow
from debugflow.flow_bridge import Flow

traced = sys.argv[-1] == "--traced"
addresses = [arg.rsplit(":", 1) for arg in sys.argv[1 : -1 if traced else None]]
with debugflow.trace() if traced else contextlib.nullcontext():
    for host, port in addresses:
        Flow(host, int(port))
    Flow.init("bridge-test")
    Flow.pulse("checkpoint_saved", params={"epoch": 3}, returns="ok", node_type="success")
print("sent")
