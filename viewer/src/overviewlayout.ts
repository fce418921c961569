// The run overview's geometry: an icicle on a time axis. Time runs across (the run's start at
// the left edge, its end, or now, at the right), depth runs down, and each lane (a thread or
// an asyncio task) gets its own band. The time spent in folded "imports" nodes, and before the
// first traced call, is squeezed into a few pixels each: importing a big library can take most of a traced run, and would
// leave the program's own work a sliver at the right edge. A node is one rectangle from its first call's start to
// its last call's end (or now while it runs). Pure arithmetic: node → rectangle, hit testing,
// a brushed time range → the nodes in it, keyboard neighbours. Unit-tested directly.

import type { NodeWire } from "./protocol";
import type { RunModel } from "./runmodel";

/** One node's rectangle in overview pixels. */
export interface Box {
  id: number;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** One lane's band: its rows start at `top`. */
export interface Band {
  lane: number;
  name: string;
  top: number;
  height: number;
  /** Depths shown (deeper nodes are not drawn when the band has no room left). */
  depths: number;
}

export const OVERVIEW = {
  laneLabel: 14, // height of a band's title
  laneGap: 6,
  maxRow: 14,
  minRow: 2,
  squeezed: 8, // pixels given to each squeezed stretch of time
} as const;

/** A stretch of time drawn narrower than the rest (a folded imports node's). */
export interface Squeeze {
  start: number;
  stop: number;
}

export type Direction = "left" | "right" | "up" | "down";

export class OverviewLayout {
  width = 0;
  height = 0;
  /** The time at the right edge, ns since the run started. */
  end = 1;
  rowHeight: number = OVERVIEW.maxRow;
  bands: Band[] = [];
  /** Rectangles of every laid out node, in model id order. */
  boxes: Box[] = [];
  private boxOf = new Map<number, Box>();
  private bandOf = new Map<number, Band>();
  // Nodes of each (lane, depth) row by start time, for hit testing and neighbours.
  private rows = new Map<string, NodeWire[]>();
  private model: RunModel | null = null;
  /** Squeezed stretches, in time order, not overlapping. */
  squeezes: Squeeze[] = [];
  private scale = 1; // pixels per nanosecond outside the squeezed stretches

  /**
   * Lay out every node of `model` in a `width`×`height` box; `now` ends running nodes, and the
   * time of nodes for which `squeeze` holds is drawn a few pixels wide.
   */
  build(
    model: RunModel,
    width: number,
    height: number,
    now: number,
    squeeze: (node: NodeWire) => boolean = () => false,
  ): void {
    this.model = model;
    this.width = Math.max(1, width);
    this.height = Math.max(1, height);
    this.rows.clear();
    this.boxOf.clear();
    this.bandOf.clear();
    this.boxes = [];
    const deepest = new Map<number, number>();
    let end = Math.max(1, now);
    for (const node of model.nodes) {
      if (node === undefined) continue;
      deepest.set(node.lane, Math.max(deepest.get(node.lane) ?? 0, node.depth));
      end = Math.max(end, node.last_t);
      const key = rowKey(node.lane, node.depth);
      const row = this.rows.get(key);
      if (row === undefined) this.rows.set(key, [node]);
      else row.push(node);
    }
    this.end = end;
    this.squeezeTime(model, squeeze);
    this.layBands(model, deepest);
    for (const row of this.rows.values()) row.sort((a, b) => a.first_t - b.first_t || a.id - b.id);
    for (const node of model.nodes) {
      const band = node === undefined ? undefined : this.bandOf.get(node.lane);
      if (node === undefined || band === undefined || node.depth >= band.depths) continue;
      const [start, stop] = span(node, end);
      const x = this.xOf(start);
      const box = {
        id: node.id,
        x,
        y: band.top + OVERVIEW.laneLabel + node.depth * this.rowHeight,
        w: Math.max(1, this.xOf(stop) - x),
        h: this.rowHeight,
      };
      this.boxes.push(box);
      this.boxOf.set(node.id, box);
    }
  }

  /** A node's rectangle (undefined: not laid out, or too deep for its band). */
  box(id: number): Box | undefined {
    return this.boxOf.get(id);
  }

  xOf(t: number): number {
    let x = 0;
    let from = 0;
    for (const { start, stop } of this.squeezes) {
      if (t < start) break;
      x += (start - from) * this.scale;
      if (t < stop) return x + (OVERVIEW.squeezed * (t - start)) / (stop - start);
      x += OVERVIEW.squeezed;
      from = stop;
    }
    return x + (t - from) * this.scale;
  }

  timeOf(x: number): number {
    const target = Math.max(0, Math.min(x, this.width));
    let at = 0;
    let from = 0;
    for (const { start, stop } of this.squeezes) {
      const before = (start - from) * this.scale;
      if (target < at + before) break;
      at += before;
      if (target < at + OVERVIEW.squeezed) return start + ((target - at) / OVERVIEW.squeezed) * (stop - start);
      at += OVERVIEW.squeezed;
      from = stop;
    }
    return Math.min(this.end, from + (target - at) / this.scale);
  }

  // The squeezed stretches (merged where they overlap) and the scale of the rest.
  private squeezeTime(model: RunModel, squeeze: (node: NodeWire) => boolean): void {
    const spans: Squeeze[] = [];
    // Before the first traced call (the interpreter starting, the tracer attaching).
    let first = this.end;
    for (const node of model.nodes) if (node !== undefined) first = Math.min(first, node.first_t);
    if (first > 0 && first < this.end) spans.push({ start: 0, stop: first });
    for (const node of model.nodes) {
      if (node === undefined || !squeeze(node)) continue;
      const [start, stop] = span(node, this.end);
      if (stop > start) spans.push({ start, stop });
    }
    spans.sort((a, b) => a.start - b.start);
    const merged: Squeeze[] = [];
    for (const next of spans) {
      const last = merged[merged.length - 1];
      if (last !== undefined && next.start <= last.stop) last.stop = Math.max(last.stop, next.stop);
      else merged.push({ ...next });
    }
    const squeezedTime = merged.reduce((sum, s) => sum + (s.stop - s.start), 0);
    const rest = this.end - squeezedTime;
    const room = this.width - OVERVIEW.squeezed * merged.length;
    // Squeezing only helps when the rest of the run gets most of the width.
    if (merged.length === 0 || rest <= 0 || room < this.width / 2) {
      this.squeezes = [];
      this.scale = this.width / this.end;
      return;
    }
    this.squeezes = merged;
    this.scale = room / rest;
  }

  /** The band under a y coordinate. */
  bandAt(y: number): Band | undefined {
    return this.bands.find((b) => y >= b.top && y < b.top + b.height);
  }

  /** The node drawn under a point, if any. */
  hit(x: number, y: number): number | undefined {
    const band = this.bandAt(y);
    if (band === undefined) return undefined;
    const depth = Math.floor((y - band.top - OVERVIEW.laneLabel) / this.rowHeight);
    if (depth < 0 || depth >= band.depths) return undefined;
    // The box under x, else one within a pixel (thin boxes are drawn a pixel wide).
    let near: number | undefined;
    for (const node of this.rows.get(rowKey(band.lane, depth)) ?? []) {
      const box = this.boxOf.get(node.id);
      if (box === undefined) continue;
      if (box.x > x + 1) break;
      if (x >= box.x && x <= box.x + box.w) return node.id;
      if (near === undefined && x >= box.x - 1 && x <= box.x + box.w + 1) near = node.id;
    }
    return near;
  }

  /**
   * The nodes a brush from x0 to x1 (in the band under y) takes in: those that start inside
   * the range, shallowest first, then by start. When none starts inside, the deepest node
   * running across the range's start. The first one is where the spine goes.
   */
  brush(x0: number, x1: number, y: number): number[] {
    const band = this.bandAt(y) ?? this.bands[0];
    if (band === undefined) return [];
    const t0 = this.timeOf(Math.min(x0, x1));
    const t1 = this.timeOf(Math.max(x0, x1));
    const inside: NodeWire[] = [];
    let across: NodeWire | undefined;
    for (let depth = 0; depth < band.depths; depth++) {
      for (const node of this.rows.get(rowKey(band.lane, depth)) ?? []) {
        if (node.first_t > t1) break;
        if (node.first_t >= t0) inside.push(node);
        else if (span(node, this.end)[1] >= t0) across = node;
      }
    }
    inside.sort((a, b) => a.depth - b.depth || a.first_t - b.first_t || a.id - b.id);
    if (inside.length > 0) return inside.map((node) => node.id);
    return across === undefined ? [] : [across.id];
  }

  /** The time range covered by some nodes (the spine's visible rows), or null. */
  spanOf(ids: Iterable<number>): [number, number] | null {
    const model = this.model;
    if (model === null) return null;
    let low = Infinity;
    let high = -Infinity;
    for (const id of ids) {
      const node = model.node(id);
      if (node === undefined) continue;
      const [start, stop] = span(node, this.end);
      low = Math.min(low, start);
      high = Math.max(high, stop);
    }
    return low <= high ? [low, high] : null;
  }

  /** The node next to `id` on the overview: its parent (up), first child (down), or the one
   * before or after it at the same depth of its lane (left, right). */
  neighbour(id: number, direction: Direction): number | undefined {
    const model = this.model;
    const node = model?.node(id);
    if (model === null || node === undefined) return undefined;
    if (direction === "up") return node.parent ?? undefined;
    if (direction === "down") {
      const children = model.children.get(id) ?? [];
      return children.find((child) => this.boxOf.has(child));
    }
    const row = this.rows.get(rowKey(node.lane, node.depth)) ?? [];
    const index = row.indexOf(node);
    return row[direction === "left" ? index - 1 : index + 1]?.id;
  }

  // Bands share the height by their number of depths; the row height is the same in all.
  private layBands(model: RunModel, deepest: Map<number, number>): void {
    const lanes = [...deepest.keys()].sort((a, b) => a - b);
    const fixed = lanes.length * (OVERVIEW.laneLabel + OVERVIEW.laneGap);
    const totalRows = lanes.reduce((sum, lane) => sum + (deepest.get(lane) ?? 0) + 1, 0);
    const room = Math.max(0, this.height - fixed);
    const fit = totalRows > 0 ? Math.floor(room / totalRows) : OVERVIEW.maxRow;
    this.rowHeight = Math.max(OVERVIEW.minRow, Math.min(OVERVIEW.maxRow, fit));
    // Too deep to fit even at the smallest rows: every band gets its share of the room.
    const perLane = Math.floor(room / Math.max(1, lanes.length) / this.rowHeight);
    let top = 0;
    this.bands = lanes.map((lane) => {
      const wanted = (deepest.get(lane) ?? 0) + 1;
      const depths = fit >= OVERVIEW.minRow ? wanted : Math.max(1, Math.min(wanted, perLane));
      const band = {
        lane,
        name: model.lanes[lane]?.name ?? `lane ${lane}`,
        top,
        height: OVERVIEW.laneLabel + depths * this.rowHeight,
        depths,
      };
      top += band.height + OVERVIEW.laneGap;
      this.bandOf.set(lane, band);
      return band;
    });
  }
}

/** A node's time span: first call's start to last call's end, or `now` while a call runs. */
export function span(node: NodeWire, now: number): [number, number] {
  const stop = node.active > 0 || node.state === "processing" ? now : node.last_t;
  return [node.first_t, Math.max(node.first_t, stop)];
}

function rowKey(lane: number, depth: number): string {
  return `${lane}:${depth}`;
}
