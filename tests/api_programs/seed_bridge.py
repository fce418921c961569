"""The seed's manual pulses through Flow, with no HUD listening."""

from debugflow.flow_bridge import Flow

Flow("127.0.0.1", 5555)
Flow.init("my-session-id")
Flow.pulse(
    "checkpoint_saved", params={"epoch": 3, "loss": 0.142}, returns="ok", node_type="success"
)
print("sent")
