import { describe, expect, it } from "vitest";
import { FoldState } from "../src/folds";
import { Layout } from "../src/layout";
import { RunModel } from "../src/runmodel";
import { RUN, node, patch, snapshot, tree } from "./fixtures";

// 0 ─┬─ 1
//    ├─ 2 ── 3 ── 4
//    └─ 5
function model(): RunModel {
  const m = new RunModel(RUN);
  m.apply(snapshot(1, tree([[0, null], [1, 0], [2, 0], [3, 2], [4, 3], [5, 0]])));
  return m;
}

const lookup = (m: RunModel) => (id: number) => m.node(id);

describe("FoldState", () => {
  it("folds and unfolds one node by id", () => {
    const m = model();
    const folds = new FoldState();
    expect(folds.isFolded(m.node(2)!)).toBe(false);
    expect(folds.toggle(m.node(2)!)).toBe(true);
    expect(folds.isFolded(m.node(2)!)).toBe(true);
    expect(folds.isFolded(m.node(0)!)).toBe(false);
    folds.set(m.node(2)!, false);
    expect(folds.isFolded(m.node(2)!)).toBe(false);
  });

  it("starts nodes of the kind imports folded, until opened", () => {
    const folds = new FoldState();
    const imports = node(7, null, { kind: "imports" });
    const told = node(8, null, { folded: true });
    expect(folds.isFolded(told)).toBe(true);
    expect(folds.isFolded(imports)).toBe(true);
    folds.set(imports, false);
    expect(folds.isFolded(imports)).toBe(false);
    folds.unfoldAll();
    expect(folds.isFolded(imports)).toBe(true);
  });

  it("folds everything below a depth, nodes that arrive later included, except those opened", () => {
    const m = model();
    const folds = new FoldState();
    folds.foldBelow(1);
    expect(folds.isFolded(m.node(0)!)).toBe(false);
    expect(folds.isFolded(m.node(2)!)).toBe(true);
    expect(folds.isFolded(m.node(3)!)).toBe(true);
    folds.set(m.node(2)!, false);
    expect(folds.isFolded(m.node(2)!)).toBe(false);
    expect(folds.isFolded(m.node(3)!)).toBe(true);
    m.apply(patch(1, 2, [node(6, 0, { depth: 1 })]));
    expect(folds.isFolded(m.node(6)!)).toBe(true);
    folds.unfoldAll();
    expect(folds.isFolded(m.node(3)!)).toBe(false);
  });

  it("unfolds the ancestors of a node to reveal it", () => {
    const m = model();
    const folds = new FoldState();
    folds.set(m.node(0)!, true);
    folds.set(m.node(3)!, true);
    expect(folds.reveal(m.node(4)!, lookup(m))).toBe(true);
    expect(folds.isFolded(m.node(0)!)).toBe(false);
    expect(folds.isFolded(m.node(3)!)).toBe(false);
    expect(folds.reveal(m.node(4)!, lookup(m))).toBe(false);
  });

  it("focuses a subtree, with a breadcrumb from the root", () => {
    const m = model();
    const folds = new FoldState();
    expect(folds.breadcrumb(lookup(m))).toEqual([]);
    folds.setFocus(3);
    expect(folds.breadcrumb(lookup(m))).toEqual([0, 2, 3]);
    expect(folds.inFocus(m.node(4)!, lookup(m))).toBe(true);
    expect(folds.inFocus(m.node(2)!, lookup(m))).toBe(false);
    expect(folds.inFocus(m.node(5)!, lookup(m))).toBe(false);
    folds.setFocus(null);
    expect(folds.inFocus(m.node(5)!, lookup(m))).toBe(true);
  });

  it("bumps its revision on every change, and not on a focus that did not change", () => {
    const m = model();
    const folds = new FoldState();
    const before = folds.revision;
    folds.toggle(m.node(1)!);
    folds.setFocus(2);
    folds.setFocus(2);
    expect(folds.revision).toBe(before + 2);
  });
});

describe("Layout with folds and focus", () => {
  it("keeps a fold across live patches, and shows only the focused subtree", () => {
    const m = model();
    const layout = new Layout();
    layout.folds.set(m.node(2)!, true);
    layout.build(m);
    expect(layout.columns[0]).toEqual([0, 1, 2, 5]);
    m.apply(patch(1, 2, [node(6, 3, { depth: 2 }), node(7, 0, { depth: 1 })]));
    layout.build(m);
    expect(layout.columns[0]).toEqual([0, 1, 2, 5, 7]);
    layout.folds.set(m.node(2)!, false);
    layout.folds.setFocus(2);
    layout.build(m);
    expect(layout.columns[0]).toEqual([2, 3, 4, 6]);
    expect(layout.row(0)).toBeUndefined();
  });

  it("widens its columns to the stage, between the minimum and the maximum", () => {
    const layout = new Layout();
    expect(layout.fitColumns(1000, 1)).toBe(true);
    expect(layout.columnWidth).toBe(1000 - 32);
    layout.fitColumns(300, 1);
    expect(layout.columnWidth).toBe(400);
    layout.fitColumns(99_999, 1);
    expect(layout.columnWidth).toBe(1400);
    layout.fitColumns(1000, 2);
    expect(layout.columnWidth).toBe((1000 - 32 - 28) / 2);
    layout.fitColumns(700, 2);
    expect(layout.columnWidth).toBe(400);
  });
});
