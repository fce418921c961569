// Which items of the accessible tree exist in the page, and what each says about its place.
// The tree is virtual: its rows are the layout's rows (the canvas's own), and only those near
// the view (the visible rows plus a margin), the focus's ancestors and the active item are
// made into elements, each carrying aria-level / aria-setsize / aria-posinset so a screen
// reader still hears where it is in the whole tree. Walking the tree from the keyboard goes by
// rows here too, never by the elements that happen to exist. Pure: no DOM, unit-tested.

import type { Layout } from "./layout";
import { rowsInView } from "./layout";
import type { RunModel } from "./runmodel";

/** One item of the accessible tree: a lane (level 1) or a node (depth + 2). */
export type TreeKey = { kind: "lane"; id: number } | { kind: "node"; id: number };

/** What a node's item says about its place in the tree. */
export interface TreeRow {
  id: number;
  level: number;
  setSize: number;
  posInSet: number;
  /** Whether its children are shown; null when it has none (not expandable). */
  expanded: boolean | null;
}

/** The items of one lane that exist in the page, in tree order. */
export interface LaneWindow {
  lane: number;
  column: number;
  rows: TreeRow[];
}

/** The part of the spine in view, in content pixels. */
export interface TreeView {
  top: number;
  height: number;
}

/** At most about this many node items exist at once, shared by the lanes. */
export const TREE_ITEM_BUDGET = 400;
/** Rows kept above and below the view per lane (fewer when many lanes share the budget). */
export const TREE_MARGIN_ROWS = 100;
const MIN_MARGIN_ROWS = 5;

/**
 * The rows of the accessible tree, derived from a built layout. Under a focus the focused
 * node's ancestors come first (the canvas shows them as a breadcrumb, the tree as its items),
 * then the layout's rows; elsewhere a column's rows are exactly the layout's.
 */
export class TreeRows {
  /** The focus's ancestors, root first (empty without a focus). */
  readonly path: number[];
  /** The column the focus is in (-1: none). */
  private readonly pathColumn: number;

  constructor(
    private readonly model: RunModel,
    readonly layout: Layout,
  ) {
    this.path = focusAncestors(model, layout.folds.focus);
    const focused = layout.folds.focus === null ? undefined : model.node(layout.folds.focus);
    this.pathColumn = focused === undefined ? -1 : (layout.column(focused.lane) ?? -1);
    if (this.pathColumn < 0) this.path.length = 0;
  }

  get columns(): number {
    return this.layout.columns.length;
  }

  /** How many node rows a column lists (the focus's ancestors included). */
  length(column: number): number {
    return this.offset(column) + (this.layout.columns[column]?.length ?? 0);
  }

  /** The node at a row of a column. */
  at(column: number, index: number): number | undefined {
    const offset = this.offset(column);
    return index < offset ? this.path[index] : this.layout.columns[column]?.[index - offset];
  }

  /** Where a node is listed: its column and row, or undefined when it is not laid out. */
  find(id: number): { column: number; index: number } | undefined {
    const inPath = this.path.indexOf(id);
    if (inPath >= 0) return { column: this.pathColumn, index: inPath };
    const node = this.model.node(id);
    const column = node === undefined ? undefined : this.layout.column(node.lane);
    const row = this.layout.row(id);
    if (column === undefined || row === undefined) return undefined;
    return { column, index: this.offset(column) + row };
  }

  /** The item of a node's row, with its level, set and fold state. */
  describe(id: number): TreeRow | undefined {
    const node = this.model.node(id);
    if (node === undefined) return undefined;
    const level = node.depth + 2;
    if (this.path.includes(id)) return { id, level, setSize: 1, posInSet: 1, expanded: true };
    const setSize = this.layout.setSize(id);
    const posInSet = this.layout.posInSet(id);
    if (setSize === undefined || posInSet === undefined) return undefined;
    const expanded = this.model.children.has(id) ? !this.layout.isFolded(this.model, id) : null;
    return { id, level, setSize, posInSet, expanded };
  }

  /** The item before (-1) or after (+1) one, in the order a screen reader walks the tree. */
  step(from: TreeKey, delta: 1 | -1): TreeKey | undefined {
    const at = this.position(from);
    if (at === undefined) return undefined;
    let { column, index } = at;
    index += delta;
    if (index >= this.length(column)) {
      column++;
      index = -1;
    } else if (index < -1) {
      column--;
      index = column < 0 ? 0 : this.length(column) - 1;
    }
    return this.keyAt(column, index);
  }

  /** The first item (Home) or the last one (End). */
  edge(last: boolean): TreeKey | undefined {
    if (this.columns === 0) return undefined;
    if (!last) return this.keyAt(0, -1);
    const column = this.columns - 1;
    return this.keyAt(column, this.length(column) - 1);
  }

  /** The item a node's ← goes to: its parent's, or its lane's for a root. */
  parent(id: number): TreeKey | undefined {
    const node = this.model.node(id);
    if (node === undefined) return undefined;
    if (node.parent !== null && this.find(node.parent) !== undefined) return { kind: "node", id: node.parent };
    return this.layout.column(node.lane) === undefined ? undefined : { kind: "lane", id: node.lane };
  }

  /** A key's column and row (-1: the lane's own item), or undefined when it is not listed. */
  position(key: TreeKey): { column: number; index: number } | undefined {
    if (key.kind === "node") return this.find(key.id);
    const column = this.layout.column(key.id);
    return column === undefined ? undefined : { column, index: -1 };
  }

  private keyAt(column: number, index: number): TreeKey | undefined {
    if (column < 0 || column >= this.columns) return undefined;
    if (index < 0) return { kind: "lane", id: this.layout.laneOfColumn[column] as number };
    const id = this.at(column, index);
    return id === undefined ? undefined : { kind: "node", id };
  }

  private offset(column: number): number {
    return column === this.pathColumn ? this.path.length : 0;
  }
}

/** Rows kept above and below the view in each of `columns` lanes, `visible` rows tall. */
export function marginRows(columns: number, visible: number): number {
  const share = Math.floor((TREE_ITEM_BUDGET / Math.max(1, columns) - visible) / 2);
  return Math.max(MIN_MARGIN_ROWS, Math.min(TREE_MARGIN_ROWS, share));
}

/**
 * The node items that exist for a view: per lane, the rows in view plus a margin, the focus's
 * ancestors, and the active node (wherever it is), in tree order.
 */
export function treeWindow(rows: TreeRows, view: TreeView, active: number | null): LaneWindow[] {
  const [first, end] = rowsInView(view.top, view.height);
  const margin = marginRows(rows.columns, end - first);
  const activeAt = active === null ? undefined : rows.find(active);
  const lanes: LaneWindow[] = [];
  for (let column = 0; column < rows.columns; column++) {
    const offset = rows.length(column) - (rows.layout.columns[column]?.length ?? 0);
    const length = rows.length(column);
    const from = Math.max(offset, offset + first - margin);
    const to = Math.min(length, offset + end + margin);
    const indexes: number[] = [];
    for (let i = 0; i < offset; i++) indexes.push(i);
    if (activeAt !== undefined && activeAt.column === column && activeAt.index >= offset && activeAt.index < from) {
      indexes.push(activeAt.index);
    }
    for (let i = from; i < to; i++) indexes.push(i);
    if (activeAt !== undefined && activeAt.column === column && activeAt.index >= to) indexes.push(activeAt.index);
    const described: TreeRow[] = [];
    for (const index of indexes) {
      const id = rows.at(column, index);
      const row = id === undefined ? undefined : rows.describe(id);
      if (row !== undefined) described.push(row);
    }
    lanes.push({ lane: rows.layout.laneOfColumn[column] as number, column, rows: described });
  }
  return lanes;
}

/** The ancestors of the focused node, root first (empty without a focus). */
function focusAncestors(model: RunModel, focus: number | null): number[] {
  const path: number[] = [];
  let parent = focus === null ? null : (model.node(focus)?.parent ?? null);
  while (parent !== null) {
    path.push(parent);
    parent = model.node(parent)?.parent ?? null;
  }
  return path.reverse();
}
