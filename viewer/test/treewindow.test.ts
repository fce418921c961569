import { describe, expect, it } from "vitest";
import { Layout } from "../src/layout";
import { RunModel } from "../src/runmodel";
import { GEOMETRY as G } from "../src/theme";
import {
  TREE_ITEM_BUDGET,
  TREE_MARGIN_ROWS,
  type TreeRow,
  TreeRows,
  marginRows,
  treeWindow,
} from "../src/treewindow";
import { RUN, lane, node, snapshot, tree } from "./fixtures";

// 0 main ─┬─ 1 group ─┬─ 2 leaf
//         │           ├─ 3 leaf
//         │           └─ 4 leaf
//         ├─ 5 group ─┬─ 6 leaf
//         │           └─ 7 leaf
//         └─ 8 save       and a worker lane with its own root, 9.
function small(): RunModel {
  const model = new RunModel(RUN);
  const main = tree([[0, null], [1, 0], [2, 1], [3, 1], [4, 1], [5, 0], [6, 5], [7, 5], [8, 0]]);
  const worker = [node(9, null, { lane: 1 })];
  model.apply(snapshot(1, [...main, ...worker], { lanes: [lane(0), lane(1, "worker")] }));
  return model;
}

// main calls `groups` groups, each calling `leaves` leaves: 1 + groups × (leaves + 1) nodes.
function wide(groups: number, leaves: number): RunModel {
  const pairs: [number, number | null][] = [[0, null]];
  let id = 1;
  for (let g = 0; g < groups; g++) {
    const group = id++;
    pairs.push([group, 0]);
    for (let l = 0; l < leaves; l++) pairs.push([id++, group]);
  }
  const model = new RunModel(RUN);
  model.apply(snapshot(1, tree(pairs)));
  return model;
}

function built(model: RunModel, change: (layout: Layout) => void = () => {}): TreeRows {
  const layout = new Layout();
  change(layout);
  layout.build(model);
  return new TreeRows(model, layout);
}

const ROWS_IN_VIEW = 15; // a 900 px view of 60 px rows
const VIEW_HEIGHT = ROWS_IN_VIEW * G.rowHeight;

function scrolledTo(row: number): { top: number; height: number } {
  return { top: G.headerHeight + row * G.rowHeight, height: VIEW_HEIGHT };
}

function ids(rows: TreeRow[]): number[] {
  return rows.map((row) => row.id);
}

describe("treeWindow", () => {
  it("holds only the rows in view plus a margin on a big run", () => {
    const model = wide(200, 99); // 20,001 nodes
    const rows = built(model);
    const [lane0] = treeWindow(rows, scrolledTo(5000), null);
    const first = 5000 - TREE_MARGIN_ROWS;
    const end = 5000 + ROWS_IN_VIEW + TREE_MARGIN_ROWS;
    expect(ids(lane0!.rows)).toEqual(rows.layout.columns[0]!.slice(first, end));
    expect(lane0!.rows.length).toBeLessThanOrEqual(TREE_ITEM_BUDGET);
  });

  it("stops at the top and the bottom of the spine", () => {
    const model = wide(200, 99);
    const rows = built(model);
    const top = treeWindow(rows, scrolledTo(0), null)[0]!.rows;
    expect(top[0]!.id).toBe(0);
    expect(top.length).toBe(ROWS_IN_VIEW + TREE_MARGIN_ROWS);
    const column = rows.layout.columns[0]!;
    const bottom = treeWindow(rows, scrolledTo(column.length - ROWS_IN_VIEW), null)[0]!.rows;
    expect(bottom[bottom.length - 1]!.id).toBe(column[column.length - 1]);
    expect(bottom.length).toBe(ROWS_IN_VIEW + TREE_MARGIN_ROWS);
  });

  it("keeps the active node's item wherever it is, in tree order", () => {
    const model = wide(200, 99);
    const rows = built(model);
    const column = rows.layout.columns[0]!;
    const far = column[column.length - 1]!;
    const near = treeWindow(rows, scrolledTo(1000), far)[0]!.rows;
    expect(near[near.length - 1]!.id).toBe(far);
    expect(near.length).toBe(ROWS_IN_VIEW + 2 * TREE_MARGIN_ROWS + 1);
    const above = treeWindow(rows, scrolledTo(10_000), 0)[0]!.rows;
    expect(above[0]!.id).toBe(0);
    expect(above[1]!.id).toBe(column[10_000 - TREE_MARGIN_ROWS]);
  });

  it("shares the item budget between lanes", () => {
    expect(marginRows(1, ROWS_IN_VIEW)).toBe(TREE_MARGIN_ROWS);
    expect(marginRows(10, ROWS_IN_VIEW)).toBe(Math.floor((TREE_ITEM_BUDGET / 10 - ROWS_IN_VIEW) / 2));
    expect(marginRows(100, ROWS_IN_VIEW)).toBe(5);
  });
});

describe("TreeRows", () => {
  it("says each item's level, place among its siblings and fold state", () => {
    const rows = built(small());
    expect(rows.describe(0)).toEqual({ id: 0, level: 2, setSize: 1, posInSet: 1, expanded: true });
    expect(rows.describe(5)).toEqual({ id: 5, level: 3, setSize: 3, posInSet: 2, expanded: true });
    expect(rows.describe(4)).toEqual({ id: 4, level: 4, setSize: 3, posInSet: 3, expanded: null });
    expect(rows.describe(9)).toEqual({ id: 9, level: 2, setSize: 1, posInSet: 1, expanded: null });
  });

  it("leaves a folded node's children out and marks it collapsed", () => {
    const model = small();
    const rows = built(model, (layout) => layout.folds.set(model.node(1)!, true));
    expect(rows.describe(1)).toMatchObject({ expanded: false, setSize: 3, posInSet: 1 });
    expect(rows.describe(2)).toBeUndefined();
    expect(rows.describe(8)).toMatchObject({ setSize: 3, posInSet: 3 });
    expect(ids(treeWindow(rows, scrolledTo(0), null)[0]!.rows)).toEqual([0, 1, 5, 6, 7, 8]);
  });

  it("lists a focus's ancestors above its subtree, each alone at its level", () => {
    const model = small();
    const rows = built(model, (layout) => layout.folds.setFocus(5));
    expect(rows.path).toEqual([0]);
    const windows = treeWindow(rows, scrolledTo(0), null);
    expect(windows.map((w) => w.lane)).toEqual([0]); // the other lane is out of the focus
    expect(ids(windows[0]!.rows)).toEqual([0, 5, 6, 7]);
    expect(rows.describe(0)).toEqual({ id: 0, level: 2, setSize: 1, posInSet: 1, expanded: true });
    expect(rows.describe(5)).toEqual({ id: 5, level: 3, setSize: 1, posInSet: 1, expanded: true });
    expect(rows.describe(7)).toMatchObject({ level: 4, setSize: 2, posInSet: 2 });
    expect(rows.describe(1)).toBeUndefined();
  });

  it("walks the tree as a screen reader does: lane, its rows, the next lane", () => {
    const model = small();
    const rows = built(model, (layout) => layout.folds.set(model.node(1)!, true));
    const walk = [];
    let key = rows.edge(false);
    while (key !== undefined) {
      walk.push(`${key.kind[0]}${key.id}`);
      key = rows.step(key, 1);
    }
    expect(walk).toEqual(["l0", "n0", "n1", "n5", "n6", "n7", "n8", "l1", "n9"]);
    expect(rows.edge(true)).toEqual({ kind: "node", id: 9 });
    expect(rows.step({ kind: "lane", id: 1 }, -1)).toEqual({ kind: "node", id: 8 });
    expect(rows.step({ kind: "lane", id: 0 }, -1)).toBeUndefined();
    expect(rows.parent(6)).toEqual({ kind: "node", id: 5 });
    expect(rows.parent(0)).toEqual({ kind: "lane", id: 0 });
  });
});
