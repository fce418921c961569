import { describe, expect, it } from "vitest";
import {
  available,
  commandPending,
  type DebugView,
  describe as describeView,
  dropPending,
  emptyView,
  pausedAt,
  receiveReply,
  receiveState,
  sendRequest,
} from "../src/debugstate";
import type { DebugReplyMessage, DebugStateWire, PlaceWire } from "../src/protocol";

const RUN = "r1";
const PLACE: PlaceWire = {
  thread: 1,
  thread_name: "MainThread",
  file: "/p/loops.py",
  line: 5,
  function: "total",
  reason: "breakpoint",
  detail: null,
};

function state(seq: number, phase: DebugStateWire["phase"], rev = seq): DebugStateWire {
  return {
    seq,
    rev,
    phase,
    place: phase === "paused" ? PLACE : null,
    step: phase === "stepping" ? "next" : null,
    waiting: 0,
    breakpoints: [],
    exceptions: { raised: false, uncaught: false },
    pause_all: false,
  };
}

function reply(id: number, accepted: boolean, reason = "", result: DebugReplyMessage["result"] = null): DebugReplyMessage {
  return { type: "debug_reply", v: 1, run: RUN, id, accepted, reason, result };
}

function paused(seq = 3): DebugView {
  return receiveState(emptyView(RUN), state(seq, "paused"));
}

describe("debug states", () => {
  it("shows nothing paused before the first state", () => {
    const view = emptyView(RUN);
    expect(pausedAt(view)).toBeNull();
    expect(Object.values(available(view, true))).toEqual([false, false, false, false, false]);
  });

  it("drops a state older than the one shown (out of order), and a repeat", () => {
    let view = receiveState(emptyView(RUN), state(5, "running"));
    const older = receiveState(view, state(4, "paused"));
    expect(older).toBe(view);
    expect(pausedAt(older)).toBeNull();
    view = receiveState(view, state(6, "paused"));
    expect(receiveState(view, state(6, "paused"))).toBe(view);
    expect(pausedAt(view)?.line).toBe(5);
  });

  it("takes a breakpoint change: the same seq with a higher rev", () => {
    const view = paused(3);
    const changed = { ...state(3, "paused", 4), breakpoints: [{ file: "/p/loops.py", line: 9, function: null, condition: null, hit: null, log: null, verified: true }] };
    expect(receiveState(view, changed).state?.breakpoints).toHaveLength(1);
  });

  it("enables the resumes only while paused, pause only while running or stepping", () => {
    expect(available(paused(), true)).toEqual({ continue: true, next: true, step: true, return: true, pause: false });
    const running = receiveState(emptyView(RUN), state(2, "running"));
    expect(available(running, true)).toEqual({ continue: false, next: false, step: false, return: false, pause: true });
    const stepping = receiveState(emptyView(RUN), state(2, "stepping"));
    expect(available(stepping, true).pause).toBe(true);
    for (const phase of ["pausing", "ended"] as const) {
      const view = receiveState(emptyView(RUN), state(2, phase));
      expect(Object.values(available(view, true)).some(Boolean)).toBe(false);
    }
    expect(Object.values(available(paused(), false)).some(Boolean)).toBe(false); // the run is over
  });

  it("allows one command per state: the others wait for its answer or the next state", () => {
    const sent = sendRequest(paused(3), { op: "command", kind: "next", seq: 3 });
    expect(commandPending(sent.view)).toBe(true);
    expect(available(sent.view, true).continue).toBe(false); // no double resume
    expect(pausedAt(sent.view)?.line).toBe(5); // still paused: the page does not guess
    const stepping = receiveState(sent.view, state(4, "stepping"));
    expect(commandPending(stepping)).toBe(false); // the pending command was for seq 3
    const answered = receiveReply(stepping, reply(sent.id, true));
    expect(answered.view.pending.size).toBe(0);
    expect(answered.view.refusal).toBeNull();
  });

  it("shows a refused command's reason and enables the buttons again", () => {
    const sent = sendRequest(paused(3), { op: "command", kind: "continue", seq: 3 });
    const refused = receiveReply(sent.view, reply(sent.id, false, "stale: the state is 4, not 3"));
    expect(refused.view.refusal).toBe("stale: the state is 4, not 3");
    expect(available(refused.view, true).continue).toBe(true);
    const next = sendRequest(refused.view, { op: "command", kind: "continue", seq: 3 });
    expect(next.view.refusal).toBeNull(); // a new request clears the old reason
  });

  it("marks a data reply for an earlier pause as stale, and keeps its refusal out of the bar", () => {
    const asked = sendRequest(paused(3), { op: "locals", seq: 3, frame: 0, path: [], offset: 0, limit: 50 });
    const moved = receiveState(asked.view, state(5, "paused"));
    const late = receiveReply(moved, reply(asked.id, true, "", { total: 0, children: [] }));
    expect(late.fresh).toBe(false);
    const again = sendRequest(late.view, { op: "stack", seq: 5 });
    const current = receiveReply(again.view, reply(again.id, false, "no such frame"));
    expect(current.fresh).toBe(true);
    expect(current.view.refusal).toBeNull();
  });

  it("ignores replies it did not ask for, and replies about another run", () => {
    const view = paused();
    expect(receiveReply(view, reply(99, false, "x")).view).toBe(view);
    const sent = sendRequest(view, { op: "stack", seq: 3 });
    const other = receiveReply(sent.view, { ...reply(sent.id, true), run: "r2" });
    expect(other.request).toBeUndefined();
    expect(other.view.pending.size).toBe(1);
  });

  it("numbers requests in order", () => {
    const first = sendRequest(paused(), { op: "stack", seq: 3 });
    const second = sendRequest(first.view, { op: "stack", seq: 3 });
    expect(second.id).toBe(first.id + 1);
  });

  it("forgets unanswered requests when the link is lost, saying so", () => {
    const sent = sendRequest(paused(3), { op: "command", kind: "continue", seq: 3 });
    const lost = dropPending(sent.view, "lost");
    expect(lost.pending.size).toBe(0);
    expect(lost.refusal).toBe("lost");
    expect(available(lost, true).continue).toBe(true);
    expect(dropPending(paused(), "lost").refusal).toBeNull();
  });

  it("says where it paused and why", () => {
    expect(describeView(paused(), true)).toBe("Paused (breakpoint) at loops.py:5 in total [MainThread]");
    expect(describeView(receiveState(emptyView(RUN), state(1, "stepping")), true)).toBe("Stepping (next)…");
    expect(describeView(paused(), false)).toBe("The run is over; its debugger cannot be reached.");
    expect(describeView(receiveState(emptyView(RUN), state(9, "ended")), false)).toBe("The program ended.");
  });
});
