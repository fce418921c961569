// Text shown for values, durations and counts (the same units as the Python side:
// 880us, 12.4ms, 1.23s).

import type { ArgWire, CallWire, NodeWire, RunInfo } from "./protocol";

/**
 * A duration in nanoseconds with an automatic unit and three significant digits, rounded half
 * up in integers: the same steps as `format_duration` in src/debugflow/units.py, so the HUD
 * and the terminal print every duration alike (viewer/test/units.test.ts checks both).
 */
export function formatDuration(ns: number): string {
  const whole = Math.trunc(ns);
  if (whole < 1000) return `${whole}ns`;
  const units: [string, number][] = [
    ["us", 1e3],
    ["ms", 1e6],
    ["s", 1e9],
  ];
  for (const [unit, scale] of units) {
    for (const digits of [2, 1, 0]) {
      const shown = Math.floor((whole * 10 ** digits * 2 + scale) / (2 * scale));
      if (shown < 1000 || (unit === "s" && digits === 0)) return decimals(shown, digits) + unit;
    }
  }
  return `${whole}ns`;
}

function decimals(shown: number, digits: number): string {
  if (digits === 0) return String(shown);
  const part = String(shown % 10 ** digits).padStart(digits, "0");
  return `${Math.floor(shown / 10 ** digits)}.${part}`;
}

/** A count with thousands separators. */
export function formatCount(count: number): string {
  // Not toLocaleString: it is slow enough to show in profiles of big runs.
  return String(Math.trunc(count)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** `name: type=value`, or `name: type` when the value is empty. */
export function formatArg(arg: ArgWire): string {
  if (arg.value === "") return arg.type ? `${arg.name}: ${arg.type}` : arg.name;
  return arg.type ? `${arg.name}: ${arg.type}=${arg.value}` : `${arg.name}=${arg.value}`;
}

/**
 * The arguments above a node: those of its `sample` (its latest call kept in detail), or `…`
 * when no call's values were kept. `flow show` prints the same.
 */
export function argsLine(node: NodeWire): string {
  return node.kind === "call" || node.sample !== null ? callArgs(node.sample) : "";
}

function callArgs(call: CallWire | null): string {
  if (call === null || call.args === null) return "…";
  return call.args.map(formatArg).join(", ");
}

/**
 * What is shown below a node: its sample's own result (a return value or an exception) and,
 * when the latest call that raised is another one, that call's exception. The values of two
 * calls are never shown as if they were one call's.
 */
export function resultLine(node: NodeWire): string {
  const own = node.sample === null ? "" : callResult(node.sample);
  const failure = node.failure;
  if (failure === null) return own;
  const where = failure.args !== null && failure.args.length > 0 ? `(${callArgs(failure)}) ` : "";
  const other = `✖ another call ${where}raised ${errorOf(failure)}`;
  return own === "" ? other : `${own} · ${other}`;
}

function callResult(call: CallWire): string {
  if (call.state === "raised") return `✖ ${errorOf(call)}`;
  if (call.state === "returned" && call.ret !== null) return `→ ${shownValue(call.ret)}`;
  return "";
}

/** A value without its name: `type=value`, or the type alone when it says it all. */
export function shownValue(arg: ArgWire): string {
  if (arg.value === "") return arg.type;
  return arg.type ? `${arg.type}=${arg.value}` : arg.value;
}

function errorOf(call: CallWire): string {
  if (call.error === null) return "";
  const { type, message } = call.error;
  return message ? `${type}: ${message}` : type;
}

/** The call whose exception a node shows: its sample if that raised, else the latest call
 * that raised (null when none did). */
export function raisedCall(node: NodeWire): CallWire | null {
  return node.sample?.state === "raised" ? node.sample : node.failure;
}

/** The exception that colours a node red, as `✖ Type: message`. */
export function errorText(node: NodeWire): string {
  const call = raisedCall(node);
  return call === null || call.error === null ? "" : `✖ ${errorOf(call)}`;
}

/** The function name with its ×N count (every call of the node, exactly). */
export function title(node: NodeWire): string {
  return node.calls > 1 ? `${node.function} ×${formatCount(node.calls)}` : node.function;
}

/**
 * A node's timing, as every view prints it: one duration when all its calls took the same
 * (one call), else `min … · median … · max …` (the same text `flow show` prints).
 */
export function timingText(node: NodeWire): string {
  const dur = node.dur;
  if (dur === null) return node.active > 0 ? "running" : "";
  if (node.calls === 1 || dur.min === dur.max) return formatDuration(dur.median);
  const [low, mid, high] = [dur.min, dur.median, dur.max].map(formatDuration);
  return `min ${low} · median ${mid} · max ${high}`;
}

/** How long the shown call took, or what the node is doing instead. */
export function durationText(node: NodeWire): string {
  const duration = node.sample?.duration;
  if (duration !== null && duration !== undefined) return formatDuration(duration);
  if (node.dur !== null) return formatDuration(node.dur.median);
  return node.state === "processing" ? "running" : "no duration";
}

/** The accessible name: function, state and duration. */
export function accessibleName(node: NodeWire): string {
  const error = raisedCall(node)?.error;
  const state = node.state === "exception" && error ? `exception ${error.type}` : node.state;
  return `${title(node)}, ${state}, ${durationText(node)}`;
}

/** `path:line`, as copied for editors and terminals. */
export function sourceRef(node: Pick<NodeWire, "file" | "line">): string {
  return node.line > 0 ? `${node.file}:${node.line}` : node.file;
}

/** Wall-clock seconds since the epoch as local `HH:MM:SS`. */
export function clockTime(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toLocaleTimeString("en-GB", { hour12: false });
}

// A run-list entry's second line. A live run's counts in the list were read from the store
// when the list was fetched and are already stale, so the entry says it is running instead of
// showing a number that disagrees with the status panel.
export function runMeta(run: RunInfo): string {
  const parts = [clockTime(run.started_at)];
  if (run.state === "live") {
    parts.push("running");
    return parts.join(" · ");
  }
  parts.push(`${formatCount(run.calls)} calls`);
  if (run.exceptions > 0) parts.push(`${formatCount(run.exceptions)} exc`);
  if (run.exit_code !== null && run.exit_code !== 0) parts.push(`exit ${run.exit_code}`);
  return parts.join(" · ");
}
