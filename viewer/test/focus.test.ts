import { describe, expect, it } from "vitest";
import { FocusTracker, isAncestor } from "../src/focus";
import type { NodeWire } from "../src/protocol";
import { RunModel } from "../src/runmodel";
import { RUN, node, patch, snapshot, status, tree } from "./fixtures";

/** A run fed message by message to a model and a tracker, as the HUD does. */
class Feed {
  readonly model = new RunModel(RUN);
  readonly tracker = new FocusTracker();
  private version = 0;

  constructor(nodes: NodeWire[]) {
    this.snapshot(nodes);
  }

  snapshot(nodes: NodeWire[]): number | null {
    this.version++;
    return this.apply(snapshot(this.version, nodes));
  }

  /** A patch replacing or adding these nodes (by id, keeping the rest of each node). */
  patch(changes: [number, Partial<NodeWire>][], more: Parameters<typeof patch>[3] = {}): number | null {
    const nodes = changes.map(([id, fields]) => {
      const old = this.model.node(id);
      if (old !== undefined) return { ...old, ...fields };
      return node(id, fields.parent ?? null, fields);
    });
    this.version++;
    return this.apply(patch(this.version - 1, this.version, nodes, more));
  }

  private apply(message: Parameters<RunModel["apply"]>[0]): number | null {
    const result = this.model.apply(message);
    if (result.kind !== "applied") throw new Error("gap");
    return this.tracker.update(this.model, result.change);
  }
}

// <module> ─ main ─┬─ dive ─ dive ─ dive ─ dive      (rows 2–5, ended)
//                  └─ work                            (row 6, called over and over)
function loopRun(): Feed {
  const nodes = tree([[0, null], [1, 0], [2, 1], [3, 2], [4, 3], [5, 4]]);
  for (const n of nodes) if (n.id <= 1) n.state = "processing";
  return new Feed(nodes);
}

describe("FocusTracker", () => {
  it("follows nothing before there is a node", () => {
    expect(new Feed([]).tracker.current).toBeNull();
  });

  it("opens on the deepest running call", () => {
    expect(loopRun().tracker.current).toBe(1);
  });

  it("opens a finished run at its newest node", () => {
    const feed = new Feed(tree([[0, null], [1, 0], [2, 1], [3, 0]]));
    expect(feed.tracker.current).toBe(3);
  });

  it("goes down as a recursion goes deeper", () => {
    const feed = loopRun();
    expect(feed.patch([[2, { state: "processing" }], [3, { state: "processing" }]])).toBe(3);
    expect(feed.patch([[4, { state: "processing" }]])).toBe(4);
  });

  it("stays on a short call that runs again and again, never its caller in between", () => {
    const feed = loopRun();
    const work: Partial<NodeWire> = { parent: 1, depth: 2, function: "work" };
    expect(feed.patch([[6, { ...work, state: "processing" }]])).toBe(6);
    for (let call = 2; call <= 20; call++) {
      // Returned: yellow → green, only main (far above) still runs.
      expect(feed.patch([[6, { state: "success", calls: call - 1 }]])).toBe(6);
      // Called again: green → yellow.
      expect(feed.patch([[6, { state: "processing", calls: call }]])).toBe(6);
    }
  });

  it("stays where the run ended instead of going back to the top", () => {
    const feed = loopRun();
    feed.patch([[6, { parent: 1, depth: 2, state: "processing" }]]);
    const ended: [number, Partial<NodeWire>][] = [0, 1, 6].map((id) => [id, { state: "success" }]);
    const end = feed.patch(ended, { status: status({ state: "ended", exit_code: 0 }) });
    expect(end).toBe(6);
    // A resync snapshot of the ended run keeps it too.
    expect(feed.snapshot(feed.model.nodes.map((n) => ({ ...n })))).toBe(6);
  });

  it("moves on when a call starts elsewhere after the followed one ended", () => {
    const feed = loopRun();
    feed.patch([[6, { parent: 1, depth: 2, state: "processing" }]]);
    feed.patch([[6, { state: "success" }]]);
    expect(feed.patch([[7, { parent: 1, depth: 2, state: "processing" }]])).toBe(7);
    // …and a dive that runs again, though above, is activity too.
    feed.patch([[7, { state: "success" }]]);
    expect(feed.patch([[2, { state: "processing" }]])).toBe(2);
  });

  it("follows new nodes that appear finished (calls shorter than one update)", () => {
    const feed = loopRun();
    feed.patch([[6, { parent: 1, depth: 2, state: "processing" }]]);
    feed.patch([[6, { state: "success" }]]);
    expect(feed.patch([[7, { parent: 1, depth: 2 }], [8, { parent: 1, depth: 2 }]])).toBe(8);
    // Nothing new and nothing deeper running: it holds.
    expect(feed.patch([[1, { calls: 2 }]])).toBe(8);
  });

  it("keeps a running call over a shallower one, and follows new nodes inside it", () => {
    const feed = loopRun();
    feed.patch([[6, { parent: 1, depth: 2, state: "processing" }]]);
    // Another thread's root starts: not deeper, not inside the followed call.
    expect(feed.patch([[9, { lane: 1, depth: 0, state: "processing" }]])).toBe(6);
    // A quick call made by the followed one appears already finished.
    expect(feed.patch([[10, { parent: 6, depth: 3 }]])).toBe(10);
    // Deeper work in the other thread takes over.
    expect(feed.patch([[11, { parent: 9, lane: 1, depth: 4, state: "processing" }]])).toBe(11);
  });

  it("starts over for a new run", () => {
    const feed = loopRun();
    feed.patch([[6, { parent: 1, depth: 2, state: "processing" }]]);
    feed.tracker.reset();
    expect(feed.tracker.current).toBeNull();
    expect(feed.snapshot(tree([[0, null], [1, 0]]))).toBe(1);
  });
});

describe("isAncestor", () => {
  it("walks up the parents, excluding the node itself", () => {
    const feed = loopRun();
    expect(isAncestor(feed.model, 0, 5)).toBe(true);
    expect(isAncestor(feed.model, 3, 5)).toBe(true);
    expect(isAncestor(feed.model, 5, 5)).toBe(false);
    expect(isAncestor(feed.model, 5, 3)).toBe(false);
    expect(isAncestor(feed.model, 0, 99)).toBe(false);
  });
});
