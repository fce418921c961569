// Where each node sits: one column per lane, one row per node in tree order (children below
// their parent, in id order), indented by depth. Rebuilt in O(nodes) when nodes are added or
// a subtree is folded or focused; everything else (state changes) keeps the layout as it is.
// Columns are as wide as the stage allows (at least GEOMETRY.columnWidth), so one lane uses
// the whole width for its values instead of clipping them.

import { FoldState } from "./folds";
import type { RunModel } from "./runmodel";
import { GEOMETRY as G } from "./theme";

export interface Point {
  x: number;
  y: number;
}

export class Layout {
  /** Node ids of each lane column, top to bottom. */
  columns: number[][] = [];
  /** Lane id shown in each column. */
  laneOfColumn: number[] = [];
  private rowOf = new Map<number, number>();
  // Each laid out node's place among its laid out siblings (1-based) and their number, by
  // node id: what the accessible tree says as aria-posinset / aria-setsize.
  private placeOf: number[] = [];
  private siblingsOf: number[] = [];
  private columnOfLane = new Map<number, number>();
  /** Which subtrees are folded and which node is in focus. */
  readonly folds = new FoldState();
  /** Width of one lane column in CSS pixels (see fitColumns). */
  columnWidth: number = G.columnWidth;
  /** Bumped on every build, so views can tell when the rows may have changed. */
  revision = 0;

  /** Recompute every row from the model. */
  build(model: RunModel): void {
    this.revision++;
    this.rowOf.clear();
    this.placeOf = [];
    this.siblingsOf = [];
    this.columnOfLane.clear();
    const roots = new Map<number, number[]>();
    const focus = this.folds.focus === null ? undefined : model.node(this.folds.focus);
    if (focus !== undefined) roots.set(focus.lane, [focus.id]);
    else {
      for (const node of model.nodes) {
        if (node !== undefined && node.parent === null) this.push(roots, node.lane, node.id);
      }
    }
    const laneIds = [...roots.keys()].sort((a, b) => a - b);
    this.laneOfColumn = laneIds;
    this.columns = laneIds.map((lane, column) => {
      this.columnOfLane.set(lane, column);
      return this.walk(model, roots.get(lane) ?? []);
    });
  }

  /** Size the columns to a stage `width` wide: lanes share it, none narrower than the minimum. */
  fitColumns(width: number, lanes: number): boolean {
    const share = (width - 2 * G.pad - Math.max(0, lanes - 1) * G.laneGap) / Math.max(1, lanes);
    const next = Math.max(G.columnWidth, Math.min(G.maxColumnWidth, Math.floor(share)));
    const changed = next !== this.columnWidth;
    this.columnWidth = next;
    return changed;
  }

  /** Left edge of a column in content coordinates. */
  x(column: number): number {
    return columnX(column, this.columnWidth);
  }

  /** Whether a node's children are hidden. */
  isFolded(model: RunModel, id: number): boolean {
    const node = model.node(id);
    return node !== undefined && this.folds.isFolded(node);
  }

  /** Row index of a node in its column, or undefined when it is hidden under a collapsed one. */
  row(id: number): number | undefined {
    return this.rowOf.get(id);
  }

  column(lane: number): number | undefined {
    return this.columnOfLane.get(lane);
  }

  /** A laid out node's position among its laid out siblings, from 1 (undefined: not laid out). */
  posInSet(id: number): number | undefined {
    return this.placeOf[id];
  }

  /** How many laid out siblings a laid out node has, itself included. */
  setSize(id: number): number | undefined {
    return this.siblingsOf[id];
  }

  /** Centre of a node's circle in content coordinates. */
  center(model: RunModel, id: number): Point | undefined {
    const node = model.node(id);
    const row = this.rowOf.get(id);
    const column = node === undefined ? undefined : this.columnOfLane.get(node.lane);
    if (node === undefined || row === undefined || column === undefined) return undefined;
    const depth = Math.min(node.depth, G.maxIndentDepth);
    return {
      x: this.x(column) + G.nodeInset + depth * G.indent,
      y: rowTop(row) + G.rowHeight / 2,
    };
  }

  /** The node under a content-coordinate point, if any. */
  hit(x: number, y: number): number | undefined {
    const step = this.columnWidth + G.laneGap;
    const column = Math.floor((x - G.pad) / step);
    const inColumn = x - this.x(column);
    if (column < 0 || inColumn < 0 || inColumn > this.columnWidth) return undefined;
    const row = Math.floor((y - G.headerHeight) / G.rowHeight);
    return row < 0 ? undefined : this.columns[column]?.[row];
  }

  get width(): number {
    return this.x(this.columns.length) + G.pad;
  }

  get height(): number {
    const rows = Math.max(0, ...this.columns.map((c) => c.length));
    return rowTop(rows) + G.bottomSpace;
  }

  private walk(model: RunModel, roots: number[]): number[] {
    const order: number[] = [];
    this.place(roots);
    const stack = [...roots].reverse();
    while (stack.length > 0) {
      const id = stack.pop() as number;
      this.rowOf.set(id, order.length);
      order.push(id);
      const children = model.children.get(id);
      const node = model.node(id);
      if (children === undefined || node === undefined || this.folds.isFolded(node)) continue;
      this.place(children);
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as number);
    }
    return order;
  }

  private place(siblings: readonly number[]): void {
    for (let i = 0; i < siblings.length; i++) {
      const id = siblings[i] as number;
      this.placeOf[id] = i + 1;
      this.siblingsOf[id] = siblings.length;
    }
  }

  private push(map: Map<number, number[]>, key: number, value: number): void {
    const list = map.get(key);
    if (list === undefined) map.set(key, [value]);
    else list.push(value);
  }
}

/** Left edge of a lane column in content coordinates. */
export function columnX(column: number, width: number = G.columnWidth): number {
  return G.pad + column * (width + G.laneGap);
}

/** The rows a view `height` tall scrolled to `top` shows, as [first, end) (end exclusive). */
export function rowsInView(top: number, height: number): [number, number] {
  const first = Math.max(0, Math.floor((top - G.headerHeight) / G.rowHeight));
  const end = Math.ceil((top + height - G.headerHeight) / G.rowHeight);
  return [first, Math.max(first, end)];
}

/** Top of a row in content coordinates. */
export function rowTop(row: number): number {
  return G.headerHeight + row * G.rowHeight;
}
