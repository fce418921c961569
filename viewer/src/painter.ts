// Draws the visible slice of the spine on a canvas: lane headers, tree edges, glowing nodes
// with their labels, pulses and flashes. Only rows inside the view are touched, so a run of
// 20,000 nodes draws as fast as one of twenty.

import type { Animations, Pulse } from "./animations";
import { FOCUS_BAND } from "./focuszone";
import { argsLine, resultLine, title } from "./format";
import { isGhostRun, isPlaceholder } from "./ghost";
import { type Layout, type Point, rowTop } from "./layout";
import type { NodeWire } from "./protocol";
import type { RunModel } from "./runmodel";
import { TextFitter } from "./textfit";
import { COLORS, FONT, GEOMETRY as G, GHOST, OUTCOME_COLORS, STATE_COLORS, TIMING } from "./theme";

export interface View {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface Scene {
  model: RunModel;
  layout: Layout;
  anim: Animations;
  view: View;
  hover: number | null;
  focus: number | null;
  focusZone: boolean;
  now: number;
  /** Search hits, drawn with a marker; the current one is `hit`. */
  hits: ReadonlySet<number>;
  hit: number | null;
  /** The node shown in the details panel. */
  selected: number | null;
}

/** The three text lines drawn beside a node, after clipping. */
export interface NodeLabels {
  args: string;
  title: string;
  result: string;
}

const DIMMED = 0.26;
const VALUE_FONT = `11px ${FONT}`;
const TITLE_FONT = `600 13px ${FONT}`;

export class Painter {
  private readonly ctx: CanvasRenderingContext2D;
  private readonly fitter = new TextFitter();
  private dpr = 1;
  // What the canvas shows now, and whether it animates (pulses, flashes, a running call's
  // breathing glow), so a frame where none of it changed draws nothing.
  private drawnScene: SceneKey | null = null;
  private drawnCount = 0;
  private moving = false;

  constructor(private readonly canvas: HTMLCanvasElement) {
    const ctx = canvas.getContext("2d");
    if (ctx === null) throw new Error("this browser cannot draw on a canvas");
    this.ctx = ctx;
  }

  /** Match the canvas to its box in CSS pixels. */
  resize(width: number, height: number, dpr: number): void {
    this.dpr = dpr;
    this.canvas.width = Math.max(1, Math.round(width * dpr));
    this.canvas.height = Math.max(1, Math.round(height * dpr));
    this.drawnScene = null; // resizing cleared it
  }

  /** Draw one frame; returns how many nodes were drawn. The canvas is left as it is when
   * nothing it shows changed since the last draw and nothing on it moves by itself. */
  draw(scene: Scene): number {
    if (this.drawnScene !== null && !this.moving && sameScene(this.drawnScene, scene)) return this.drawnCount;
    this.drawnScene = sceneKey(scene);
    this.moving = scene.anim.pulses.length > 0 || scene.anim.flashes.size > 0;
    this.drawnCount = this.drawAll(scene);
    return this.drawnCount;
  }

  private drawAll(scene: Scene): number {
    const { ctx } = this;
    const { view } = scene;
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    ctx.clearRect(0, 0, view.width, view.height);
    if (scene.focusZone) this.drawFocusZone(view);
    ctx.save();
    ctx.translate(-view.left, -view.top);
    let drawn = 0;
    for (const column of visibleColumns(scene.layout, view)) {
      drawn += this.drawColumn(scene, column);
    }
    this.drawPulses(scene);
    ctx.restore();
    this.drawHeaders(scene);
    return drawn;
  }

  private drawColumn(scene: Scene, column: number): number {
    const ids = scene.layout.columns[column] ?? [];
    const first = Math.max(0, Math.floor((scene.view.top - G.headerHeight) / G.rowHeight) - 1);
    const last = Math.min(ids.length - 1, Math.ceil((scene.view.top + scene.view.height) / G.rowHeight));
    if (first > last) return 0;
    const visible = ids.slice(first, last + 1);
    this.drawEdges(scene, visible);
    for (const id of visible) this.drawNode(scene, id);
    return visible.length;
  }

  private drawEdges(scene: Scene, visible: number[]): void {
    const { ctx } = this;
    const { model, layout } = scene;
    const owners = new Set<number>(visible);
    for (const a of ancestors(model, visible[0])) owners.add(a);
    ctx.strokeStyle = COLORS.edge;
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    for (const id of owners) this.traceChildLine(scene, id);
    for (const id of visible) {
      const node = model.node(id);
      const to = layout.center(model, id);
      const from = node?.parent != null ? layout.center(model, node.parent) : undefined;
      if (to === undefined || from === undefined) continue;
      ctx.moveTo(from.x, to.y);
      ctx.lineTo(to.x - G.radius, to.y);
    }
    ctx.stroke();
    this.drawSpawnLinks(scene, visible);
  }

  // The vertical line from a node down to its last shown child.
  private traceChildLine(scene: Scene, id: number): void {
    const { model, layout } = scene;
    const children = layout.isFolded(model, id) ? undefined : model.children.get(id);
    const lastChild = children?.[children.length - 1];
    const from = layout.center(model, id);
    const to = lastChild === undefined ? undefined : layout.center(model, lastChild);
    if (from === undefined || to === undefined) return;
    this.ctx.moveTo(from.x, from.y + G.radius);
    this.ctx.lineTo(from.x, to.y);
  }

  // A call started from another lane (thread or task) links to the node that spawned it.
  private drawSpawnLinks(scene: Scene, visible: number[]): void {
    const { ctx } = this;
    ctx.save();
    ctx.setLineDash([4, 5]);
    ctx.strokeStyle = COLORS.link;
    ctx.beginPath();
    for (const id of visible) {
      const node = scene.model.node(id);
      if (node?.spawned_by == null) continue;
      const from = scene.layout.center(scene.model, node.spawned_by);
      const to = scene.layout.center(scene.model, id);
      if (from === undefined || to === undefined) continue;
      ctx.moveTo(from.x + G.radius, from.y);
      ctx.bezierCurveTo(from.x + 120, from.y, to.x - 120, to.y, to.x - G.radius, to.y);
    }
    ctx.stroke();
    ctx.restore();
  }

  private drawNode(scene: Scene, id: number): void {
    const node = scene.model.node(id);
    const at = scene.layout.center(scene.model, id);
    if (node === undefined || at === undefined) return;
    const { ctx } = this;
    const ghost = isGhostRun(scene.model.status);
    const placeholder = isPlaceholder(node);
    ctx.globalAlpha = scene.hover !== null && scene.hover !== id ? DIMMED : 1;
    if (scene.hover === id || scene.focus === id || scene.selected === id) this.drawRowBox(scene, node, at);
    if (scene.hits.has(id)) this.drawHitMark(scene, node, at, scene.hit === id);
    if (scene.model.children.has(id)) this.drawChevron(scene.layout.isFolded(scene.model, id), at);
    if (placeholder) ctx.globalAlpha *= GHOST.placeholderAlpha;
    if (ghost) this.drawGhostCircle(node, at, placeholder);
    else this.drawCircle(scene, node, at);
    this.drawLabels(scene, node, at, ghost);
    ctx.globalAlpha = 1;
  }

  // Ghost nodes: a translucent violet disc with a dashed ring; placeholders only the ring.
  private drawGhostCircle(node: NodeWire, at: Point, placeholder: boolean): void {
    const { ctx } = this;
    ctx.save();
    ctx.beginPath();
    ctx.arc(at.x, at.y, G.radius, 0, Math.PI * 2);
    if (!placeholder) {
      ctx.fillStyle = node.state === "exception" ? STATE_COLORS.exception : GHOST.fill;
      ctx.fill();
    }
    ctx.setLineDash([...GHOST.dash]);
    ctx.strokeStyle = GHOST.stroke;
    ctx.lineWidth = 1.5;
    ctx.stroke();
    ctx.restore();
  }

  private drawCircle(scene: Scene, node: NodeWire, at: Point): void {
    const { ctx } = this;
    const flash = scene.anim.flashes.get(node.id);
    const k = flash !== undefined ? flashStrength(flash.start, scene.now) : 0;
    const color = STATE_COLORS[node.state];
    const breathing = node.state === "processing" ? 0.5 + 0.5 * Math.sin(scene.now / 180) : 0;
    if (node.state === "processing") this.moving = true;
    ctx.save();
    ctx.shadowColor = color;
    ctx.shadowBlur = 8 + 6 * breathing + 18 * k;
    ctx.fillStyle = color;
    ctx.beginPath();
    ctx.arc(at.x, at.y, G.radius + 3 * k, 0, Math.PI * 2);
    ctx.fill();
    if (flash !== undefined && k > 0) {
      ctx.strokeStyle = flash.color === "call" ? COLORS.pulseDown : OUTCOME_COLORS[flash.color];
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.arc(at.x, at.y, G.radius + 4 + 10 * (1 - k), 0, Math.PI * 2);
      ctx.globalAlpha *= k;
      ctx.stroke();
    }
    ctx.restore();
  }

  private drawLabels(scene: Scene, node: NodeWire, at: Point, ghost: boolean): void {
    const { ctx } = this;
    const text = this.fitLabels(scene.model, scene.layout, node, at);
    const x = at.x + G.textGap;
    const top = at.y - G.rowHeight / 2;
    ctx.textBaseline = "alphabetic";
    ctx.font = VALUE_FONT;
    ctx.fillStyle = ghost ? GHOST.args : COLORS.args;
    ctx.fillText(text.args, x, top + 15);
    ctx.font = TITLE_FONT;
    ctx.fillStyle = node.state === "unfinished" ? COLORS.dim : ghost ? GHOST.text : COLORS.text;
    ctx.fillText(text.title, x, at.y + 4.5);
    ctx.font = VALUE_FONT;
    ctx.fillStyle = node.state === "exception" ? COLORS.error : ghost ? GHOST.args : COLORS.ret;
    ctx.fillText(text.result, x, top + G.rowHeight - 6);
  }

  /** A node's three lines as they are drawn, clipped to its column (undefined: not laid out). */
  labels(model: RunModel, layout: Layout, id: number): NodeLabels | undefined {
    const node = model.node(id);
    const at = layout.center(model, id);
    return node === undefined || at === undefined ? undefined : this.fitLabels(model, layout, node, at);
  }

  private fitLabels(model: RunModel, layout: Layout, node: NodeWire, at: Point): NodeLabels {
    const { ctx, fitter } = this;
    const column = layout.column(node.lane) ?? 0;
    const width = layout.x(column) + layout.columnWidth - (at.x + G.textGap) - 6;
    ctx.font = VALUE_FONT;
    const args = fitter.fit(ctx, argsLine(node), width);
    const result = fitter.fit(ctx, resultLine(node), width);
    ctx.font = TITLE_FONT;
    const title = fitter.fit(ctx, titleWithFold(model, layout, node), width);
    return { args, title, result };
  }

  private drawRowBox(scene: Scene, node: NodeWire, at: Point): void {
    const { ctx } = this;
    const column = scene.layout.column(node.lane) ?? 0;
    const left = scene.layout.x(column);
    const width = scene.layout.columnWidth;
    ctx.save();
    ctx.fillStyle = scene.selected === node.id ? "rgba(148, 197, 255, 0.13)" : "rgba(148, 197, 255, 0.07)";
    ctx.fillRect(left, at.y - G.rowHeight / 2 + 1, width, G.rowHeight - 2);
    if (scene.focus === node.id || scene.selected === node.id) {
      ctx.strokeStyle = COLORS.focusRing;
      ctx.lineWidth = 1.5;
      ctx.strokeRect(left + 1, at.y - G.rowHeight / 2 + 2, width - 2, G.rowHeight - 4);
    }
    ctx.restore();
  }

  // A search hit: an amber bar at the row's left edge (solid for the current hit).
  private drawHitMark(scene: Scene, node: NodeWire, at: Point, current: boolean): void {
    const { ctx } = this;
    const left = scene.layout.x(scene.layout.column(node.lane) ?? 0);
    ctx.save();
    ctx.fillStyle = current ? COLORS.hit : COLORS.hitDim;
    ctx.fillRect(left + 1, at.y - G.rowHeight / 2 + 6, current ? 5 : 3, G.rowHeight - 12);
    if (current) {
      ctx.strokeStyle = COLORS.hit;
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.arc(at.x, at.y, G.radius + 4, 0, Math.PI * 2);
      ctx.stroke();
    }
    ctx.restore();
  }

  // ▸ folded, ▾ open: left of the circle, where a click folds or unfolds (chevronAt).
  private drawChevron(folded: boolean, at: Point): void {
    const { ctx } = this;
    const x = at.x - G.chevronOffset;
    ctx.save();
    ctx.fillStyle = folded ? COLORS.header : COLORS.dim;
    ctx.beginPath();
    if (folded) {
      ctx.moveTo(x - 3, at.y - 5);
      ctx.lineTo(x + 4, at.y);
      ctx.lineTo(x - 3, at.y + 5);
    } else {
      ctx.moveTo(x - 5, at.y - 3);
      ctx.lineTo(x + 5, at.y - 3);
      ctx.lineTo(x, at.y + 4);
    }
    ctx.fill();
    ctx.restore();
  }

  private drawPulses(scene: Scene): void {
    const { ctx } = this;
    ctx.save();
    for (const pulse of scene.anim.pulses) {
      const q = (scene.now - pulse.start) / TIMING.pulseMs;
      const at = q >= 0 && q <= 1 ? pulsePosition(scene, pulse, q) : undefined;
      if (at === undefined) continue;
      const color = pulse.dir === "down" ? COLORS.pulseDown : OUTCOME_COLORS[pulse.outcome ?? "success"];
      ctx.shadowColor = color;
      ctx.shadowBlur = 14;
      ctx.fillStyle = color;
      ctx.beginPath();
      ctx.arc(at.x, at.y, 3.5, 0, Math.PI * 2);
      ctx.fill();
    }
    ctx.restore();
  }

  private drawFocusZone(view: View): void {
    const { ctx } = this;
    const top = view.height * FOCUS_BAND.top;
    const height = view.height * FOCUS_BAND.height;
    const gradient = ctx.createLinearGradient(0, top, 0, top + height);
    gradient.addColorStop(0, "rgba(34, 211, 238, 0)");
    gradient.addColorStop(0.5, COLORS.focusZone);
    gradient.addColorStop(1, "rgba(34, 211, 238, 0)");
    ctx.fillStyle = gradient;
    ctx.fillRect(0, top, view.width, height);
  }

  private drawHeaders(scene: Scene): void {
    const { ctx } = this;
    const { view, layout, model } = scene;
    ctx.fillStyle = "rgba(7, 11, 18, 0.97)";
    ctx.fillRect(0, 0, view.width, G.headerHeight);
    ctx.font = `600 11px ${FONT}`;
    ctx.textBaseline = "middle";
    for (const column of visibleColumns(layout, view)) {
      const lane = model.lanes[layout.laneOfColumn[column] ?? -1];
      const x = layout.x(column) - view.left;
      ctx.fillStyle = COLORS.header;
      const label = lane === undefined ? "" : `▍${lane.name}`;
      ctx.fillText(this.fitter.fit(ctx, label.toUpperCase(), layout.columnWidth), x, G.headerHeight / 2);
    }
  }
}

/** What a scene shows, as far as telling two frames apart needs: the model and the layout by
 * how often they changed, the search hits by identity (a new search makes a new set). */
export type SceneKey = Omit<Scene, "now" | "anim" | "view" | "model" | "layout"> & {
  view: View;
  model: RunModel;
  applied: number;
  status: RunModel["status"];
  layout: Layout;
  revision: number;
  columnWidth: number;
};

export function sceneKey(scene: Scene): SceneKey {
  const { model, layout, view, hover, focus, focusZone, hits, hit, selected } = scene;
  return {
    model,
    applied: model.applied,
    status: model.status,
    layout,
    revision: layout.revision,
    columnWidth: layout.columnWidth,
    view: { ...view },
    hover,
    focus,
    focusZone,
    hits,
    hit,
    selected,
  };
}

/** Whether a scene shows exactly what `key` was taken from. */
export function sameScene(key: SceneKey, scene: Scene): boolean {
  const next = sceneKey(scene);
  const { view, ...rest } = key;
  const { view: nextView, ...nextRest } = next;
  const same = (Object.keys(rest) as (keyof typeof rest)[]).every((name) => rest[name] === nextRest[name]);
  return (
    same &&
    view.left === nextView.left &&
    view.top === nextView.top &&
    view.width === nextView.width &&
    view.height === nextView.height
  );
}

function visibleColumns(layout: Layout, view: View): number[] {
  const result: number[] = [];
  for (let c = 0; c < layout.columns.length; c++) {
    const x = layout.x(c);
    if (x + layout.columnWidth >= view.left && x <= view.left + view.width) result.push(c);
  }
  return result;
}

function ancestors(model: RunModel, id: number | undefined): number[] {
  const found: number[] = [];
  let node = id === undefined ? undefined : model.node(id);
  while (node?.parent != null) {
    found.push(node.parent);
    node = model.node(node.parent);
  }
  return found;
}

function flashStrength(start: number, now: number): number {
  const q = (now - start) / TIMING.flashMs;
  return q < 0 || q > 1 ? 0 : 1 - q;
}

function titleWithFold(model: RunModel, layout: Layout, node: NodeWire): string {
  const hidden = layout.isFolded(model, node.id) ? model.children.get(node.id)?.length : 0;
  return hidden ? `${title(node)}  ▸ ${hidden} folded` : title(node);
}

// Along the tree edge: down the parent's line, then across to the node (reversed going up).
function pulsePosition(scene: Scene, pulse: Pulse, q: number): Point | undefined {
  const { model, layout } = scene;
  const node = layout.center(model, pulse.node);
  if (node === undefined) return undefined;
  const parent = pulse.parent === null ? undefined : layout.center(model, pulse.parent);
  const from = parent ?? { x: node.x, y: rowTop(0) };
  const t = pulse.dir === "down" ? q : 1 - q;
  const vertical = Math.abs(node.y - from.y);
  const across = Math.abs(node.x - from.x);
  const travelled = t * (vertical + across);
  if (travelled <= vertical) return { x: from.x, y: from.y + Math.sign(node.y - from.y) * travelled };
  return { x: from.x + Math.sign(node.x - from.x) * (travelled - vertical), y: node.y };
}
