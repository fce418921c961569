// Ghost runs (`flow ghost` dry runs with mock arguments): which runs and nodes get the ghost
// style, and the placeholders for static-map functions the dry run never reached.

import type { NodeWire, StatusWire } from "./protocol";

/** The run kind `flow ghost` records. */
export const GHOST_KIND = "ghost";

/** Whether the open run is a ghost run. */
export function isGhostRun(status: StatusWire | null): boolean {
  return status?.kind === GHOST_KIND;
}

/** Whether a node is a static-map function the dry run never reached. */
export function isPlaceholder(node: NodeWire): boolean {
  return node.kind === "unreached";
}

/** Why a placeholder was not reached. */
export function unreachedReason(node: NodeWire): string {
  return node.reason ?? "";
}
