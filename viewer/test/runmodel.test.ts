import { describe, expect, it } from "vitest";
import { RunModel } from "../src/runmodel";
import { RUN, lane, node, patch, pulse, snapshot, status, tree } from "./fixtures";

function applied(model: RunModel, message: Parameters<RunModel["apply"]>[0]) {
  const result = model.apply(message);
  if (result.kind !== "applied") throw new Error("expected the message to apply");
  return result.change;
}

describe("RunModel snapshots", () => {
  it("replace the whole picture and report every node as added", () => {
    const model = new RunModel(RUN);
    const change = applied(model, snapshot(3, tree([[0, null], [1, 0], [2, 0]])));
    expect(change.reset).toBe(true);
    expect(change.added).toEqual([0, 1, 2]);
    expect(change.touched).toEqual([0, 1, 2]);
    expect(model.version).toBe(3);
    expect(model.children.get(0)).toEqual([1, 2]);
    expect(model.lanes[0]?.name).toBe("MainThread");
    expect(model.status?.nodes).toBe(3);
  });

  it("drop what an earlier snapshot held", () => {
    const model = new RunModel(RUN);
    applied(model, snapshot(5, tree([[0, null], [1, 0], [2, 1]])));
    applied(model, snapshot(2, tree([[0, null]]), { mode: "replay", at: 1500 }));
    expect(model.nodes).toHaveLength(1);
    expect(model.children.size).toBe(0);
    expect(model.version).toBe(2);
    expect(model.mode).toBe("replay");
    expect(model.at).toBe(1500);
  });
});

describe("RunModel patches", () => {
  it("apply on the version held: new nodes join their parent, changed ones are replaced", () => {
    const model = new RunModel(RUN);
    applied(model, snapshot(1, [node(0, null, { state: "processing" })]));
    const change = applied(
      model,
      patch(1, 4, [node(0, null, { state: "success" }), node(1, 0, { depth: 1 })], {
        pulses: [pulse("down", 1, 0), pulse("up", 1, 0)],
      }),
    );
    expect(change.reset).toBe(false);
    expect(change.added).toEqual([1]);
    expect(change.touched).toEqual([0, 1]);
    expect(change.before.get(0)?.state).toBe("processing");
    expect(change.pulses).toHaveLength(2);
    expect(model.node(0)?.state).toBe("success");
    expect(model.children.get(0)).toEqual([1]);
    expect(model.version).toBe(4);
  });

  it("keep children in the order their first calls started, whatever order they arrive in", () => {
    const model = new RunModel(RUN);
    applied(model, snapshot(1, [node(0, null), node(5, 0)]));
    applied(model, patch(1, 2, [node(9, 0), node(2, 0)])); // a raised call announced first
    applied(model, patch(2, 3, [node(7, 0), node(3, 0), node(12, 0)]));
    expect(model.children.get(0)).toEqual([2, 3, 5, 7, 9, 12]);
  });

  it("put a child whose first call started earlier before one that reached the hub first", () => {
    const model = new RunModel(RUN);
    applied(model, snapshot(1, [node(0, null), node(1, 0, { first_t: 100 })]));
    // The raised call, announced at once, got id 2; its siblings, timed before it and
    // announced at the collector's next tick, got 3 and 4.
    applied(model, patch(1, 2, [node(2, 0, { first_t: 900 })]));
    applied(model, patch(2, 3, [node(3, 0, { first_t: 300 }), node(4, 0, { first_t: 500 })]));
    expect(model.children.get(0)).toEqual([1, 3, 4, 2]);
  });

  it("keep the status when a patch carries none, and take a new one when it does", () => {
    const model = new RunModel(RUN);
    applied(model, snapshot(1, [node(0, null)]));
    applied(model, patch(1, 2, []));
    expect(model.status?.state).toBe("live");
    applied(model, patch(2, 3, [], { status: status({ state: "ended", exit_code: 0 }) }));
    expect(model.status?.state).toBe("ended");
    expect(model.status?.exit_code).toBe(0);
  });

  it("add lanes and functions by id", () => {
    const model = new RunModel(RUN);
    applied(model, snapshot(1, [node(0, null)]));
    const fn = {
      fkey: node(0, null).fkey,
      function: "f0",
      module: "app",
      file: "/p/app.py",
      line: 1,
      calls: 7,
      exceptions: 0,
      total_ns: 70,
      own_ns: 70,
      min_ns: 10,
      median_ns: 10,
      max_ns: 10,
    };
    const worker = node(1, null, { lane: 1 });
    applied(model, patch(1, 2, [worker], { lanes: [lane(1, "worker")], functions: [fn] }));
    expect(model.lanes[1]?.name).toBe("worker");
    expect(model.functionOf(model.node(0) ?? node(0, null))?.calls).toBe(7);
  });

  it("that skip a version are a gap and change nothing", () => {
    const model = new RunModel(RUN);
    applied(model, snapshot(1, [node(0, null)]));
    expect(model.apply(patch(2, 3, [node(1, 0)]))).toEqual({ kind: "gap" });
    expect(model.apply(patch(0, 1, [node(1, 0)]))).toEqual({ kind: "gap" });
    expect(model.nodes).toHaveLength(1);
    expect(model.version).toBe(1);
  });

  it("before any snapshot are a gap", () => {
    const model = new RunModel(RUN);
    expect(model.apply(patch(0, 1, [node(0, null)]))).toEqual({ kind: "gap" });
    expect(model.version).toBe(-1);
  });
});
