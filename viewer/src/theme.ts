// The HUD's palette and geometry, in one place (the seed's look: cyan calls, yellow while
// running, green success, red exceptions, on a dark translucent-looking background).

import type { NodeState } from "./protocol";

export const COLORS = {
  spine: "rgba(34, 211, 238, 0.22)",
  edge: "rgba(125, 211, 252, 0.30)",
  pulseDown: "#22d3ee",
  text: "#d7e3ee",
  dim: "#7b8b9c",
  args: "#93a9bd",
  ret: "#86efac",
  error: "#fca5a5",
  header: "#5eead4",
  focusZone: "rgba(34, 211, 238, 0.045)",
  focusRing: "#f0f9ff",
  link: "rgba(196, 181, 253, 0.45)",
  hit: "#fbbf24",
  hitDim: "rgba(251, 191, 36, 0.55)",
} as const;

/** Node colour by state. */
export const STATE_COLORS: Record<NodeState, string> = {
  processing: "#facc15",
  success: "#4ade80",
  exception: "#f87171",
  info: "#c4b5fd",
  unfinished: "#94a3b8",
};

/** The ghost style: muted violet, translucent, dashed (dry runs with mock arguments). */
export const GHOST = {
  fill: "rgba(167, 139, 250, 0.35)",
  stroke: "#a78bfa",
  text: "#c4b5fd",
  args: "#a5a0c8",
  dash: [3, 3],
  placeholderAlpha: 0.45,
} as const;

/** Flash colour of a returning pulse by outcome. */
export const OUTCOME_COLORS = { success: "#4ade80", exception: "#f87171" } as const;

export const FONT = '"JetBrains Mono", "Fira Code", "DejaVu Sans Mono", Menlo, Consolas, monospace';

export const GEOMETRY = {
  pad: 16, // left margin of the first lane
  columnWidth: 400, // one lane at least; labels are clipped to it
  maxColumnWidth: 1400, // one lane at most, however wide the stage
  laneGap: 28,
  headerHeight: 34, // lane names, drawn pinned to the top
  rowHeight: 60, // args line above, node, return line below
  indent: 16, // per depth level…
  maxIndentDepth: 10, // …up to this depth, so deep recursion stays in the column
  radius: 7,
  textGap: 14, // from the node centre to its labels
  nodeInset: 28, // from a column's left edge to a root's centre (room for the fold chevron)
  chevronOffset: 16, // from the node centre back to its fold chevron
  bottomSpace: 120,
} as const;

export const TIMING = {
  pulseMs: 420, // a pulse travelling between a node and its parent
  flashMs: 700, // the green/red flash when a call ends
  maxPulses: 160, // animations beyond this are dropped (decoration, never state)
  followEase: 0.18, // share of the remaining distance scrolled per frame when following
  focusMinNodes: 5, // the view starts following once this many nodes exist
} as const;
