// Line replay of a focused call, without the DOM: which line a step of a recorded call is at,
// when, and what the locals looked like by then (the previews each line rebound, latest kept).

import type { ArgWire, LineCallWire, LinesResult } from "./protocol";

/** Steps per second of replay at speed 1. */
export const STEPS_PER_SECOND = 4;
export const REPLAY_SPEEDS = [0.25, 0.5, 1, 2, 4, 10] as const;

export interface ReplayFrame {
  index: number;
  count: number;
  line: number;
  /** ns since the call began. */
  t: number;
  /** The locals this step rebound. */
  changed: readonly ArgWire[];
  /** Every local seen so far, each with its latest preview, in order of first appearance. */
  locals: readonly ArgWire[];
}

/** The recorded calls that have at least one step, oldest first. */
export function replayableCalls(result: LinesResult): LineCallWire[] {
  return result.calls.filter((call) => call.steps.length > 0);
}

/** The picture at step `index` of `call` (clamped to its steps), or null for a call with none. */
export function frameAt(call: LineCallWire, index: number): ReplayFrame | null {
  const count = call.steps.length;
  if (count === 0) return null;
  const at = Math.max(0, Math.min(count - 1, Math.trunc(index)));
  const step = call.steps[at];
  if (step === undefined) return null;
  const locals = new Map<string, ArgWire>();
  for (let i = 0; i <= at; i += 1) {
    for (const arg of call.steps[i]?.changed ?? []) if (arg.name !== "…") locals.set(arg.name, arg);
  }
  return { index: at, count, line: step.line, t: step.t, changed: step.changed, locals: [...locals.values()] };
}

/** The step after `index`, or null at the end (playing stops there). */
export function nextIndex(call: LineCallWire, index: number): number | null {
  return index + 1 < call.steps.length ? index + 1 : null;
}

/** Milliseconds between two steps at `speed`. */
export function stepDelayMs(speed: number): number {
  return 1000 / (STEPS_PER_SECOND * Math.max(speed, 0.01));
}
