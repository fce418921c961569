"""The version numbers of everything that crosses a process, beside the shapes they version.

A change that removes a field or changes its meaning bumps the number and is described in the
changelog of the module that defines the shape; adding a field does not (readers ignore
fields they do not know).

Changelog of WIRE_VERSION (framing of producer and viewer WebSocket messages, field `v`):
    1: first version: hello/events/bye from producers; hello/runs/snapshot/patch/error to
       viewers.
Changelog of SPINE_VERSION (the contents of snapshot and patch messages, field `spine`):
    1: first version: nodes, lanes, status, functions, pulses.
    2: nodes count every call exactly (the tracer's collapsed tree); a node shows one call
       whole (`sample`) and the latest call that raised (`failure`) instead of `args`, `ret`
       and `error` from different calls; `dur` has `own` and no `last`; node kind `unreached`
       with its `reason` for ghost placeholders.
"""

from debugflow.protocol.events import PROTOCOL_VERSION

WIRE_VERSION = 1
SPINE_VERSION = 2
EVENT_VERSION = PROTOCOL_VERSION  # the event records inside producer `events` frames
