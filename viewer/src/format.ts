// Text shown for values, durations and counts (the same units as the Python side:
// 880us, 12.4ms, 1.23s).

import type { ArgWire, NodeWire } from "./protocol";

function threeDigits(value: number): string {
  if (value >= 100) return value.toFixed(0);
  if (value >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

/** A duration in nanoseconds with an automatic unit and three significant digits. */
export function formatDuration(ns: number): string {
  if (ns < 1000) return `${Math.trunc(ns)}ns`;
  const units: [string, number][] = [
    ["us", 1e3],
    ["ms", 1e6],
    ["s", 1e9],
  ];
  for (const [unit, scale] of units) {
    const text = threeDigits(ns / scale);
    if (Number(text) < 1000 || unit === "s") return text + unit;
  }
  return `${ns}ns`;
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

/** All arguments of a node on one line. */
export function argsLine(node: NodeWire): string {
  return node.args.map(formatArg).join(", ");
}

/** What is shown below a node: its exception, else its return value. */
export function resultLine(node: NodeWire): string {
  if (node.state === "exception" && node.error !== null) return errorText(node);
  if (node.ret !== null) return `→ ${formatArg(node.ret)}`;
  if (node.error !== null) return errorText(node);
  return "";
}

/** The kept exception as `Type: message`. */
export function errorText(node: NodeWire): string {
  if (node.error === null) return "";
  const { type, message } = node.error;
  return message ? `✖ ${type}: ${message}` : `✖ ${type}`;
}

/** The function name with its ×N count. */
export function title(node: NodeWire): string {
  return node.calls > 1 ? `${node.function} ×${formatCount(node.calls)}` : node.function;
}

/** The last duration, or what the node is doing instead. */
export function durationText(node: NodeWire): string {
  if (node.dur !== null) return formatDuration(node.dur.last);
  return node.state === "processing" ? "running" : "no duration";
}

/** The accessible name: function, state and duration. */
export function accessibleName(node: NodeWire): string {
  const state = node.state === "exception" && node.error ? `exception ${node.error.type}` : node.state;
  return `${title(node)}, ${state}, ${durationText(node)}`;
}

/** `path:line`, as copied for editors and terminals. */
export function sourceRef(node: NodeWire): string {
  return node.line > 0 ? `${node.file}:${node.line}` : node.file;
}

/** Wall-clock seconds since the epoch as local `HH:MM:SS`. */
export function clockTime(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toLocaleTimeString("en-GB", { hour12: false });
}
