import { describe, expect, it } from "vitest";
import { DebugClient } from "../src/debugclient";
import { commandForKey } from "../src/debugbar";
import type { DebugStateWire } from "../src/protocol";
import { Recorder } from "./fixtures";

function paused(seq: number): DebugStateWire {
  return {
    seq,
    rev: seq,
    phase: "paused",
    place: { thread: 1, thread_name: "MainThread", file: "/p/a.py", line: 3, function: "f", reason: "step", detail: null },
    step: null,
    waiting: 0,
    breakpoints: [],
    exceptions: { raised: false, uncaught: false },
    pause_all: false,
  };
}

function client(): { hub: Recorder; debug: DebugClient } {
  const hub = new Recorder();
  const debug = new DebugClient(hub);
  debug.reset("r1");
  debug.handle({ type: "debug_state", v: 1, run: "r1", state: paused(4) });
  return { hub, debug };
}

describe("the debug client", () => {
  it("sends a request for the run on screen and resolves it with its own reply", async () => {
    const { hub, debug } = client();
    const answer = debug.request({ op: "stack", seq: 4 });
    expect(hub.sent).toEqual([{ type: "debug", run: "r1", id: 1, request: { op: "stack", seq: 4 } }]);
    debug.handle({ type: "debug_reply", v: 1, run: "r2", id: 1, accepted: true, reason: "", result: null });
    expect(debug.view.pending.size).toBe(1); // another run's reply is not this one's
    debug.handle({ type: "debug_reply", v: 1, run: "r1", id: 1, accepted: true, reason: "", result: { frames: [] } });
    await expect(answer).resolves.toEqual({ accepted: true, reason: "", result: { frames: [] }, fresh: true });
  });

  it("says a reply is stale when the pause moved on meanwhile", async () => {
    const { debug } = client();
    const answer = debug.request({ op: "locals", seq: 4, frame: 0, path: [], offset: 0, limit: 50 });
    debug.handle({ type: "debug_state", v: 1, run: "r1", state: paused(6) });
    debug.handle({ type: "debug_reply", v: 1, run: "r1", id: 1, accepted: true, reason: "", result: { total: 0, children: [] } });
    expect((await answer).fresh).toBe(false);
  });

  it("answers what was sent with a refusal when the link is lost", async () => {
    const { debug } = client();
    const answer = debug.request({ op: "command", kind: "continue", seq: 4 });
    debug.linkLost();
    const result = await answer;
    expect(result.accepted).toBe(false);
    expect(debug.view.refusal).toContain("lost");
    expect(debug.view.pending.size).toBe(0);
  });

  it("forgets a run's debugger when another run is shown", () => {
    const { debug } = client();
    debug.reset("r2");
    expect(debug.view.state).toBeNull();
    debug.handle({ type: "debug_state", v: 1, run: "r1", state: paused(9) });
    expect(debug.view.state).toBeNull();
  });
});

describe("debugger keys", () => {
  it("maps the keys people know", () => {
    expect(commandForKey("F5", false)).toBe("continue");
    expect(commandForKey("F10", false)).toBe("next");
    expect(commandForKey("F11", false)).toBe("step");
    expect(commandForKey("F11", true)).toBe("return");
    expect(commandForKey("F6", false)).toBe("pause");
    expect(commandForKey("F5", true)).toBeNull();
    expect(commandForKey("Enter", false)).toBeNull();
  });
});
