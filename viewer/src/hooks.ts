// `window.debugflowHud`: a read-mostly view of the running HUD for end-to-end tests and
// benchmarks (what is drawn where, when nodes appeared, how smooth the frames were).

import type { Hud } from "./hud";
import type { NodeLabels } from "./painter";
import type { DebugRequestWire } from "./protocol";

export interface HudHooks {
  /** Animation frames counted since the last resetMeter(), and the longest gap between two. */
  readonly frames: number;
  readonly maxFrameGapMs: number;
  fps(): number;
  resetMeter(): void;
  /** The run on screen and its spine version. */
  runId(): string | null;
  version(): number;
  /** Nodes drawn in the last frame (only the visible ones are). */
  drawn(): number;
  following(): boolean;
  /** Node ids by function name, in id order, with their parent. */
  nodes(): { id: number; function: string; state: string; parent: number | null }[];
  /** A node's circle in viewport pixels, or null when it is not laid out. */
  nodeRect(id: number): { x: number; y: number; width: number; height: number } | null;
  reveal(id: number): void;
  /** A node's args, title and result lines as drawn on the canvas (clipped), or null. */
  labels(id: number): NodeLabels | null;
  /** Date.now() at the frame each node first appeared, by node id. */
  appeared(): Record<number, number>;
  /** Send a raw debugger request for the run on screen (to check refusals); its answer. */
  debugRequest(request: DebugRequestWire): Promise<{ accepted: boolean; reason: string }>;
  /** Node ids laid out in each lane column, top to bottom (folded subtrees left out). */
  rows(): number[][];
  /** Node ids of the spine's rows in view. */
  visible(): number[];
  /** How many node items the accessible tree has in the page (it is virtual). */
  treeItems(): number;
  /** The node in the details panel, and the search hits in tree order. */
  selected(): number | null;
  hits(): number[];
  /** Whether a node's children are folded away. */
  folded(id: number): boolean;
  /** A node's rectangle on the run overview, in viewport pixels, or null. */
  overviewBox(id: number): { x: number; y: number; width: number; height: number } | null;
}

declare global {
  interface Window {
    debugflowHud?: HudHooks;
  }
}

export function installHooks(hud: Hud): void {
  window.debugflowHud = {
    get frames() {
      return hud.meter.frames;
    },
    get maxFrameGapMs() {
      return hud.meter.maxGapMs;
    },
    fps: () => hud.meter.fps(),
    resetMeter: () => hud.meter.reset(),
    runId: () => hud.model?.runId ?? null,
    version: () => hud.model?.version ?? -1,
    drawn: () => hud.drawn,
    following: () => hud.scroller.following,
    nodes: () =>
      (hud.model?.nodes ?? [])
        .filter((n) => n !== undefined)
        .map((n) => ({ id: n.id, function: n.function, state: n.state, parent: n.parent })),
    nodeRect: (id) => {
      const rect = hud.nodeRect(id);
      return rect === undefined ? null : { x: rect.x, y: rect.y, width: rect.width, height: rect.height };
    },
    reveal: (id) => hud.reveal(id),
    labels: (id) => hud.labels(id) ?? null,
    appeared: () => Object.fromEntries(hud.appeared),
    debugRequest: (request) => hud.debug.request(request),
    rows: () => hud.layout.columns.map((ids) => [...ids]),
    visible: () => hud.visibleNodes(),
    treeItems: () => hud.treeItems(),
    selected: () => hud.explorer.selected,
    hits: () => [...hud.explorer.cursor.hits],
    folded: (id) => (hud.model === null ? false : hud.layout.isFolded(hud.model, id)),
    overviewBox: (id) => {
      const box = hud.explorer.overview.layout.box(id);
      if (box === undefined) return null;
      const canvas = hud.explorer.overview.canvas.getBoundingClientRect();
      return { x: canvas.left + box.x, y: canvas.top + box.y, width: box.w, height: box.h };
    },
  };
}
