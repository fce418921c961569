// The run overview beside the spine: the whole run as an icicle on a time axis (overviewlayout.ts
// does the maths), drawn on a canvas. The boxes are drawn into an offscreen canvas when the run
// changes (at most a few times a second while it is live); each frame only copies that picture
// and draws the marks on top: the part of the spine in view, the search hits, the keyboard
// cursor and a brush being dragged. Clicking or brushing it, or Enter on the keyboard cursor,
// moves the spine there.

import { el } from "./dom";
import { formatDuration, title } from "./format";
import { type Direction, OverviewLayout } from "./overviewlayout";
import type { NodeWire } from "./protocol";
import type { RunModel } from "./runmodel";
import { COLORS, FONT, STATE_COLORS } from "./theme";

export interface OverviewActions {
  /** Move the spine to a node (from a click, a brush or Enter). */
  jump(id: number): void;
}

/** What the marks drawn over the boxes need, each frame. */
export interface OverviewMarks {
  /** Time range of the spine's visible rows, or null. */
  visible: [number, number] | null;
  hits: ReadonlySet<number>;
  selected: number | null;
  /** Nodes that stand out as slow (the top functions by own time). */
  slow: ReadonlySet<number>;
}

const REBUILD_MS = 500; // while live, the picture is rebuilt at most this often
const DRAG_PX = 4; // a press that moves less is a click

export class OverviewPanel {
  readonly element: HTMLElement;
  readonly canvas: HTMLCanvasElement;
  readonly layout = new OverviewLayout();
  private readonly described: HTMLElement;
  private readonly picture: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D;
  private builtVersion = -1;
  private builtAt = -Infinity;
  private builtSlow: ReadonlySet<number> = new Set();
  private size = { width: 0, height: 0 };
  private dpr = 1;
  private brushFrom: { x: number; y: number } | null = null;
  private brushTo: { x: number; y: number } | null = null;
  private cursor: number | null = null;
  private model: RunModel | null = null;
  dirty = true;
  private shown: unknown[] = []; // what the canvas shows now (draw)

  constructor(private readonly actions: OverviewActions) {
    this.element = el("section", "df-overview");
    this.element.setAttribute("aria-label", "Run overview");
    this.canvas = el("canvas", "df-overview-canvas");
    this.canvas.tabIndex = 0;
    this.canvas.setAttribute("role", "img");
    this.canvas.setAttribute("aria-label", "Run overview");
    this.canvas.setAttribute("aria-roledescription", "run overview");
    this.canvas.setAttribute("aria-keyshortcuts", "O");
    this.described = el("span", "df-overview-cursor");
    this.described.id = "df-overview-cursor";
    this.described.setAttribute("aria-live", "polite");
    this.canvas.setAttribute("aria-describedby", this.described.id);
    this.canvas.title = "Time across, depth down. Click or drag to move the spine there; arrows and Enter from the keyboard.";
    this.picture = document.createElement("canvas");
    const ctx = this.canvas.getContext("2d");
    if (ctx === null) throw new Error("this browser cannot draw on a canvas");
    this.ctx = ctx;
    this.element.append(el("h2", "df-panel-title", "Overview"), this.canvas, this.described);
    this.listen();
    new ResizeObserver(() => this.resize()).observe(this.canvas);
  }

  /** A new run: forget the picture and the cursor. */
  reset(): void {
    this.builtVersion = -1;
    this.cursor = null;
    this.brushFrom = this.brushTo = null;
    this.described.textContent = "";
    this.dirty = true;
  }

  /** Draw one frame; rebuilds the boxes when the run changed (throttled while it is live).
   * `squeeze`: nodes whose time is drawn a few pixels wide (folded imports). */
  draw(model: RunModel, marks: OverviewMarks, now: number, squeeze: (node: NodeWire) => boolean): void {
    this.model = model;
    const { width, height } = this.size;
    if (width <= 0 || height <= 0) return;
    const changed = model.version !== this.builtVersion || marks.slow !== this.builtSlow || this.dirty;
    const running = model.status?.state === "live";
    if (changed && (now - this.builtAt >= REBUILD_MS || this.builtVersion < 0 || !running || this.dirty)) {
      const end = model.status?.elapsed_ns ?? 0;
      this.layout.build(model, width, height, end, squeeze);
      this.paintBoxes(model, marks.slow);
      this.builtVersion = model.version;
      this.builtSlow = marks.slow;
      this.builtAt = now;
      this.dirty = false;
      this.shown = [];
    }
    // The canvas is left as it is when neither the picture nor any mark on it changed.
    const shown = [
      this.builtAt, marks.visible?.[0], marks.visible?.[1], marks.hits, marks.selected, this.cursor,
      this.brushFrom?.x, this.brushTo?.x, this.canvas.width, this.canvas.height,
    ];
    if (shown.length === this.shown.length && shown.every((value, i) => value === this.shown[i])) return;
    this.shown = shown;
    const { ctx } = this;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    ctx.drawImage(this.picture, 0, 0);
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    this.drawMarks(marks);
  }

  /** Give the overview the keyboard (the O shortcut). */
  focus(): void {
    this.canvas.focus();
  }

  private resize(): void {
    const box = this.canvas.getBoundingClientRect();
    this.dpr = window.devicePixelRatio || 1;
    this.size = { width: Math.floor(box.width), height: Math.floor(box.height) };
    for (const canvas of [this.canvas, this.picture]) {
      canvas.width = Math.max(1, Math.round(this.size.width * this.dpr));
      canvas.height = Math.max(1, Math.round(this.size.height * this.dpr));
    }
    this.dirty = true;
  }

  // The boxes, once per rebuild: depth-tinted cyan, red where calls raised, amber outlines on
  // the slowest functions' nodes, lane names on top of their bands.
  private paintBoxes(model: RunModel, slow: ReadonlySet<number>): void {
    const ctx = this.picture.getContext("2d");
    if (ctx === null) return;
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    ctx.clearRect(0, 0, this.size.width, this.size.height);
    const gap = this.layout.rowHeight >= 6 ? 1 : 0;
    for (const box of this.layout.boxes) {
      const node = model.node(box.id);
      if (node === undefined) continue;
      ctx.fillStyle =
        node.state === "exception"
          ? STATE_COLORS.exception
          : node.state === "processing"
            ? STATE_COLORS.processing
            : depthColor(node.depth);
      ctx.fillRect(box.x, box.y, Math.max(1, box.w - gap), box.h - gap);
    }
    ctx.strokeStyle = COLORS.hit;
    ctx.lineWidth = 1.5;
    for (const id of slow) {
      const box = this.layout.box(id);
      if (box !== undefined) ctx.strokeRect(box.x + 0.75, box.y + 0.75, Math.max(2, box.w - 1.5), box.h - 1.5);
    }
    // Squeezed stretches (folded imports): a hatched strip where their time went.
    ctx.fillStyle = "rgba(196, 181, 253, 0.16)";
    for (const { start, stop } of this.layout.squeezes) {
      const x = this.layout.xOf(start);
      ctx.fillRect(x, 0, Math.max(1, this.layout.xOf(stop) - x), this.size.height);
    }
    ctx.font = `600 10px ${FONT}`;
    ctx.textBaseline = "top";
    ctx.fillStyle = COLORS.header;
    for (const band of this.layout.bands) ctx.fillText(`▍${band.name}`.toUpperCase(), 2, band.top + 1);
  }

  private drawMarks(marks: OverviewMarks): void {
    const { ctx, layout } = this;
    const height = this.size.height;
    if (marks.visible !== null) {
      const x0 = layout.xOf(marks.visible[0]);
      const x1 = Math.max(x0 + 2, layout.xOf(marks.visible[1]));
      ctx.fillStyle = "rgba(240, 249, 255, 0.10)";
      ctx.fillRect(x0, 0, x1 - x0, height);
      ctx.strokeStyle = "rgba(240, 249, 255, 0.65)";
      ctx.lineWidth = 1;
      ctx.strokeRect(x0 + 0.5, 0.5, x1 - x0 - 1, height - 1);
    }
    ctx.fillStyle = COLORS.hit;
    for (const id of marks.hits) {
      const box = layout.box(id);
      if (box !== undefined) ctx.fillRect(box.x, box.y + box.h - 3, Math.max(2, box.w), 3);
    }
    for (const [id, color] of [
      [marks.selected, COLORS.focusRing],
      [this.cursor, COLORS.pulseDown],
    ] as const) {
      const box = id === null ? undefined : layout.box(id);
      if (box === undefined) continue;
      ctx.strokeStyle = color;
      ctx.lineWidth = 2;
      ctx.strokeRect(box.x - 1, box.y - 1, Math.max(3, box.w + 2), box.h + 2);
    }
    if (this.brushFrom !== null && this.brushTo !== null) {
      const x0 = Math.min(this.brushFrom.x, this.brushTo.x);
      const w = Math.abs(this.brushTo.x - this.brushFrom.x);
      ctx.fillStyle = "rgba(34, 211, 238, 0.18)";
      ctx.fillRect(x0, 0, w, height);
    }
    ctx.fillStyle = COLORS.dim;
    ctx.font = `10px ${FONT}`;
    ctx.textBaseline = "bottom";
    ctx.fillText(formatDuration(layout.end), Math.max(0, this.size.width - 60), height - 1);
  }

  private listen(): void {
    const point = (event: PointerEvent) => {
      const box = this.canvas.getBoundingClientRect();
      return { x: event.clientX - box.left, y: event.clientY - box.top };
    };
    this.canvas.addEventListener("pointerdown", (event) => {
      this.canvas.setPointerCapture(event.pointerId);
      this.brushFrom = point(event);
      this.brushTo = this.brushFrom;
    });
    this.canvas.addEventListener("pointermove", (event) => {
      if (this.brushFrom === null) return;
      this.brushTo = point(event);
    });
    this.canvas.addEventListener("pointerup", (event) => {
      const from = this.brushFrom;
      const to = point(event);
      this.brushFrom = this.brushTo = null;
      if (from === null) return;
      const click = Math.abs(to.x - from.x) < DRAG_PX;
      const hit = click ? this.layout.hit(to.x, to.y) : undefined;
      const target = hit ?? this.layout.brush(from.x, click ? from.x + DRAG_PX : to.x, from.y)[0];
      if (target !== undefined) this.jumpTo(target);
    });
    this.canvas.addEventListener("pointercancel", () => {
      this.brushFrom = this.brushTo = null;
    });
    this.canvas.addEventListener("keydown", (event) => this.onKey(event));
  }

  private onKey(event: KeyboardEvent): void {
    const moves: Record<string, Direction> = { ArrowLeft: "left", ArrowRight: "right", ArrowUp: "up", ArrowDown: "down" };
    const direction = moves[event.key];
    if (direction !== undefined) {
      const from = this.cursor ?? this.layout.boxes[0]?.id;
      const next = from === undefined ? undefined : this.cursor === null ? from : this.layout.neighbour(from, direction);
      if (next !== undefined) this.setCursor(next);
    } else if (event.key === "Enter" || event.key === " ") {
      if (this.cursor !== null) this.actions.jump(this.cursor);
    } else if (event.key === "Home") {
      const first = this.layout.boxes[0]?.id;
      if (first !== undefined) this.setCursor(first);
    } else {
      return;
    }
    event.preventDefault();
    event.stopPropagation();
  }

  /** Put the keyboard cursor on a node (kept in step with the selection). */
  setCursor(id: number | null): void {
    this.cursor = id;
    const node = id === null ? undefined : this.model?.node(id);
    this.described.textContent =
      node === undefined ? "" : `${title(node)}, ${node.state}, depth ${node.depth}${node.dur ? `, ${formatDuration(node.dur.total)} total` : ""}`;
  }

  get cursorNode(): number | null {
    return this.cursor;
  }

  private jumpTo(id: number): void {
    this.setCursor(id);
    this.actions.jump(id);
  }
}

// Shallow calls bright, deeper ones darker, so nesting reads without borders.
function depthColor(depth: number): string {
  const k = Math.min(depth, 12) / 12;
  const lightness = 58 - k * 26;
  return `hsl(${188 + k * 30}, 70%, ${lightness}%)`;
}
