"""The versioned records that cross a boundary: tracer events (`events`), viewer messages
(`viewer`) and their version numbers (`versions`).

The events are re-exported here because every layer speaks them; the viewer messages load only
where a hub or a renderer needs them.
"""

from debugflow.protocol.events import (
    PROTOCOL_VERSION,
    ArgPreview,
    CallEnded,
    CallStarted,
    Event,
    FunctionStats,
    LineCall,
    LineCount,
    LineStats,
    LineStep,
    NodeSeen,
    NodeStats,
    NodeType,
    Outcome,
    Paused,
    PauseReason,
    Pulse,
    Resumed,
    ResumeHow,
    RunEnded,
    RunStarted,
    Sink,
    ThreadSeen,
    UnreachedFunction,
    event_from_wire,
    to_wire,
)

__all__ = [
    "PROTOCOL_VERSION",
    "ArgPreview",
    "CallEnded",
    "CallStarted",
    "Event",
    "FunctionStats",
    "LineCall",
    "LineCount",
    "LineStats",
    "LineStep",
    "NodeSeen",
    "NodeStats",
    "NodeType",
    "Outcome",
    "PauseReason",
    "Paused",
    "Pulse",
    "ResumeHow",
    "Resumed",
    "RunEnded",
    "RunStarted",
    "Sink",
    "ThreadSeen",
    "UnreachedFunction",
    "event_from_wire",
    "to_wire",
]
