import { describe, expect, it } from "vitest";
import type { FunctionWire } from "../src/protocol";
import { nextException, rank, raisedHere } from "../src/rankings";
import { RunModel } from "../src/runmodel";
import { treeOrder } from "../src/search";
import { RUN, call, node, snapshot } from "./fixtures";

const dur = (own: number, total: number) => ({ min: 1, median: 1, max: 1, own, total });
const error = (type: string) => call({ state: "raised", error: { type, message: "m", line: 3 } });

function model(functions: FunctionWire[] = []): RunModel {
  const m = new RunModel(RUN);
  const nodes = [
    node(0, null, { fkey: "main", function: "main", dur: dur(10, 1000), state: "exception", exceptions: 1, sample: error("KeyError") }),
    node(1, 0, { depth: 1, fkey: "load", function: "load", calls: 40, dur: dur(300, 300) }),
    node(2, 0, { depth: 1, fkey: "work", function: "work", dur: dur(50, 600), state: "exception", exceptions: 1, sample: error("KeyError") }),
    node(3, 2, { depth: 2, fkey: "load", function: "load", calls: 2, dur: dur(500, 500), state: "exception", exceptions: 1, sample: error("KeyError") }),
    node(4, 0, { depth: 1, fkey: "fix", function: "fix", dur: dur(5, 5), state: "exception", exceptions: 1, sample: error("ValueError") }),
  ];
  m.apply(snapshot(1, nodes, { functions }));
  return m;
}

function exact(fkey: string, more: Partial<FunctionWire>): FunctionWire {
  return {
    fkey, function: fkey, module: "app", file: "/p/app.py", line: 1, calls: 1, exceptions: 0,
    total_ns: 0, own_ns: 0, min_ns: 0, median_ns: 0, max_ns: 0, ...more,
  };
}

describe("rank", () => {
  it("ranks functions by own time, total time and calls, summed over their nodes", () => {
    const m = model();
    expect(rank(m, "own").map((r) => [r.function, r.value, r.node])).toEqual([
      ["load", 800, 3],
      ["work", 50, 2],
      ["main", 10, 0],
      ["fix", 5, 4],
    ]);
    expect(rank(m, "total", 2).map((r) => r.function)).toEqual(["main", "load"]);
    const called = rank(m, "calls", 1)[0];
    expect(called?.function).toBe("load");
    expect(called?.value).toBe(42);
    expect(called?.node).toBe(1);
    expect(called?.nodes).toBe(2);
    expect(called?.exact).toBe(false);
  });

  it("uses the tracer's exact statistics once they arrived", () => {
    const m = model([exact("fix", { own_ns: 9000, total_ns: 9000, calls: 7 }), exact("load", { own_ns: 1 })]);
    const own = rank(m, "own");
    expect(own[0]?.function).toBe("fix");
    expect(own[0]?.exact).toBe(true);
    expect(own.find((r) => r.function === "load")?.value).toBe(1);
    // exact counts replace the nodes' sums: 7 calls of fix beat load's exact 1
    expect(rank(m, "calls")[0]?.function).toBe("fix");
  });
});

describe("nextException", () => {
  it("lands where exceptions started, not on the callers they passed through", () => {
    const m = model();
    expect(raisedHere(m, m.node(0)!)).toBe(false);
    expect(raisedHere(m, m.node(2)!)).toBe(false);
    expect(raisedHere(m, m.node(3)!)).toBe(true);
    const order = treeOrder(m);
    expect(nextException(m, order, null)).toBe(3);
    expect(nextException(m, order, 3)).toBe(4);
    expect(nextException(m, order, 4)).toBe(3);
    expect(nextException(m, order, 4, true)).toBe(3);
    expect(nextException(m, order, 3, true)).toBe(4);
  });

  it("finds nothing in a run without exceptions", () => {
    const m = new RunModel(RUN);
    m.apply(snapshot(1, [node(0, null)]));
    expect(nextException(m, treeOrder(m), null)).toBeNull();
  });
});
