// Which runs come first and which one the HUD shows by itself. The hub lists its live runs
// before the recorded ones (docs/protocol.md); people read History as a timeline, and a new tab
// should show something worth seeing rather than an empty stage.

import { GHOST_KIND } from "./ghost";
import type { RunInfo } from "./protocol";

/** The runs newest first by start time, live and recorded interleaved (a sorted copy). */
export function newestFirst(runs: readonly RunInfo[]): RunInfo[] {
  return [...runs].sort(byNewest);
}

/** Whether a run is still running in this hub (patches follow a subscribe). */
export function isRunning(run: RunInfo): boolean {
  return run.live && run.state === "live";
}

/**
 * What a new tab opens: the newest running run, else the newest run that is not a ghost run
 * (a dry run with mock arguments is not what a person comes back to see).
 */
export function firstRunToShow(runs: readonly RunInfo[]): RunInfo | undefined {
  const sorted = newestFirst(runs);
  return sorted.find(isRunning) ?? sorted.find((run) => run.kind !== GHOST_KIND);
}

/**
 * A live run that appeared since the previous list: a running one, or one that started and
 * ended between two lists (a short script can finish before the hub's first word about it
 * reaches the page). `known` holds the ids of the previous list.
 */
export function newLiveRun(runs: readonly RunInfo[], known: ReadonlySet<string>): RunInfo | undefined {
  return newestFirst(runs).find((run) => run.live && (run.state === "live" || !known.has(run.id)));
}

// Ties (same start time) by id, so the order never depends on the order the hub sent.
function byNewest(a: RunInfo, b: RunInfo): number {
  if (a.started_at !== b.started_at) return b.started_at - a.started_at;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}
