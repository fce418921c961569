import { describe, expect, it } from "vitest";
import { Layout, columnX, rowTop } from "../src/layout";
import { RunModel } from "../src/runmodel";
import { GEOMETRY as G } from "../src/theme";
import { RUN, lane, node, snapshot, tree } from "./fixtures";

// main ─┬─ load
//       ├─ train ── step
//       └─ save        and a worker thread with its own root, spawned by train.
function pipeline(): RunModel {
  const model = new RunModel(RUN);
  const main = tree([[0, null], [1, 0], [2, 0], [3, 2], [5, 0]]);
  const worker = [node(4, null, { lane: 1, spawned_by: 2 })];
  model.apply(snapshot(1, [...main, ...worker], { lanes: [lane(0), lane(1, "worker")] }));
  return model;
}

describe("Layout", () => {
  it("puts children below their parent in id order, one column per lane", () => {
    const layout = new Layout();
    layout.build(pipeline());
    expect(layout.columns).toEqual([[0, 1, 2, 3, 5], [4]]);
    expect(layout.laneOfColumn).toEqual([0, 1]);
    expect(layout.row(3)).toBe(3);
    expect(layout.row(5)).toBe(4);
    expect(layout.column(1)).toBe(1);
  });

  it("places a node's centre by column, row and depth", () => {
    const model = pipeline();
    const layout = new Layout();
    layout.build(model);
    expect(layout.center(model, 0)).toEqual({ x: G.pad + G.nodeInset, y: G.headerHeight + G.rowHeight / 2 });
    expect(layout.center(model, 3)).toEqual({
      x: columnX(0) + G.nodeInset + 2 * G.indent,
      y: rowTop(3) + G.rowHeight / 2,
    });
    expect(layout.center(model, 4)?.x).toBe(columnX(1) + G.nodeInset);
    expect(layout.center(model, 99)).toBeUndefined();
  });

  it("stops indenting past the deepest indented level", () => {
    const model = new RunModel(RUN);
    const pairs: [number, number | null][] = [[0, null]];
    for (let id = 1; id <= 30; id++) pairs.push([id, id - 1]);
    model.apply(snapshot(1, tree(pairs)));
    const layout = new Layout();
    layout.build(model);
    const deepest = G.pad + G.nodeInset + G.maxIndentDepth * G.indent;
    expect(layout.center(model, 30)?.x).toBe(deepest);
    expect(layout.center(model, G.maxIndentDepth)?.x).toBe(deepest);
  });

  it("hides the subtree of a collapsed node and closes the gap", () => {
    const model = pipeline();
    const layout = new Layout();
    layout.folds.set(model.node(2)!, true);
    layout.build(model);
    expect(layout.columns[0]).toEqual([0, 1, 2, 5]);
    expect(layout.row(3)).toBeUndefined();
    expect(layout.center(model, 3)).toBeUndefined();
    expect(layout.row(5)).toBe(3);
  });

  it("finds the node under a point, and nothing between columns or above the rows", () => {
    const model = pipeline();
    const layout = new Layout();
    layout.build(model);
    const train = layout.center(model, 2);
    expect(train).toBeDefined();
    expect(layout.hit(train?.x ?? 0, train?.y ?? 0)).toBe(2);
    expect(layout.hit(columnX(1) + 200, rowTop(0) + 5)).toBe(4);
    expect(layout.hit(columnX(1) - G.laneGap / 2, rowTop(0) + 5)).toBeUndefined();
    expect(layout.hit(columnX(0) + 10, G.headerHeight - 5)).toBeUndefined();
    expect(layout.hit(columnX(0) + 10, rowTop(40))).toBeUndefined();
  });

  it("is as wide as its columns and as tall as its longest column", () => {
    const layout = new Layout();
    layout.build(pipeline());
    expect(layout.width).toBe(columnX(2) + G.pad);
    expect(layout.height).toBe(rowTop(5) + G.bottomSpace);
  });

  it("is empty before any node", () => {
    const layout = new Layout();
    layout.build(new RunModel(RUN));
    expect(layout.columns).toEqual([]);
    expect(layout.height).toBe(rowTop(0) + G.bottomSpace);
  });
});
