import { describe, expect, it } from "vitest";
import { HitCursor, matches, parseQuery, treeOrder } from "../src/search";
import { RunModel } from "../src/runmodel";
import { RUN, lane, node, snapshot } from "./fixtures";

function model(): RunModel {
  const m = new RunModel(RUN);
  const nodes = [
    node(0, null, { function: "main", module: "__main__", file: "/p/app.py" }),
    node(1, 0, { depth: 1, function: "Graph.add_edge", module: "networkx.classes.graph", file: "/nx/graph.py" }),
    node(2, 0, { depth: 1, function: "shortest_path", module: "networkx.algorithms.generic", file: "/nx/generic.py" }),
    node(3, 2, { depth: 2, function: "Graph.add_edge", module: "networkx.classes.graph", file: "/nx/graph.py" }),
    node(4, null, { lane: 1, function: "worker", module: "__main__", file: "/p/app.py" }),
    node(5, 0, { depth: 1, function: "report", module: "__main__", file: "/p/report.py" }),
  ];
  m.apply(snapshot(1, nodes, { lanes: [lane(0), lane(1, "worker")] }));
  return m;
}

describe("parseQuery", () => {
  it("matches plain text case-insensitively in the function, module or file", () => {
    const m = model();
    const order = treeOrder(m);
    const find = (text: string) => {
      const q = parseQuery(text);
      return q.ok ? matches(m, order, q.match) : "error";
    };
    expect(find("add_EDGE")).toEqual([1, 3]);
    expect(find("networkx.algorithms")).toEqual([2]);
    expect(find("report.py")).toEqual([5]);
    expect(find("__main__")).toEqual([0, 5, 4]);
    expect(find("nothing")).toEqual([]);
    expect(find("   ")).toEqual([]);
  });

  it("reads /…/ as a regular expression, with flags, and reports a broken one", () => {
    const m = model();
    const order = treeOrder(m);
    const q = parseQuery("/^Graph\\./");
    expect(q.ok && matches(m, order, q.match)).toEqual([1, 3]);
    const cased = parseQuery("/^graph/");
    expect(cased.ok && matches(m, order, cased.match)).toEqual([]);
    const folded = parseQuery("/^graph\\./i");
    expect(folded.ok && matches(m, order, folded.match)).toEqual([1, 3]);
    const toggled = parseQuery("^(main|worker)$", true);
    expect(toggled.ok && matches(m, order, toggled.match)).toEqual([0, 4]);
    const broken = parseQuery("/a(/");
    expect(broken.ok).toBe(false);
  });
});

describe("treeOrder", () => {
  it("walks lane by lane, parents before children, children in id order", () => {
    expect(treeOrder(model())).toEqual([0, 1, 2, 3, 5, 4]);
  });
});

describe("HitCursor", () => {
  it("steps forward and back through the hits, wrapping at both ends", () => {
    const cursor = new HitCursor();
    expect(cursor.step()).toBeNull();
    cursor.setHits([3, 7, 9]);
    expect(cursor.step()).toBe(3);
    expect(cursor.step()).toBe(7);
    expect(cursor.position).toBe(2);
    expect(cursor.step()).toBe(9);
    expect(cursor.step()).toBe(3);
    expect(cursor.step(true)).toBe(9);
  });

  it("keeps the current hit when the hits change, and starts after a selected node", () => {
    const cursor = new HitCursor();
    cursor.setHits([3, 7, 9]);
    cursor.step();
    cursor.step();
    cursor.setHits([1, 3, 7, 9]);
    expect(cursor.current).toBe(7);
    expect(cursor.position).toBe(3);
    const order = [1, 2, 3, 4, 5, 6, 7, 8, 9];
    expect(cursor.stepFrom(4, order)).toBe(7);
    expect(cursor.stepFrom(9, order)).toBe(1);
    expect(cursor.stepFrom(4, order, true)).toBe(3);
    expect(cursor.stepFrom(1, order, true)).toBe(9);
  });
});
