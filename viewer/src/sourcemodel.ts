// The code panel's model, without the DOM: which rows a source file shows (tokens, the
// function's lines, the current line, breakpoints, line statistics) and the breakpoint list a
// gutter edit asks for. The gutter only ever shows the debugger's own breakpoint table.

import type { BreakpointSpecWire, BreakpointWire, LineStatWire, SourceResult } from "./protocol";

export interface SourceRow {
  line: number;
  tokens: readonly (readonly string[])[];
  /** Inside the shown function's def..end range. */
  inFunction: boolean;
  /** The line the paused thread (or the replay) is at. */
  current: boolean;
  breakpoint: BreakpointWire | null;
  stat: LineStatWire | null;
  /** The line a line replay is at. */
  replayed: boolean;
}

export interface RowInputs {
  source: SourceResult;
  /** The line whose function is marked (a node's def line, or the paused line). */
  anchor: number | null;
  current: number | null;
  breakpoints: readonly BreakpointWire[];
  stats: readonly LineStatWire[] | null;
  replay?: number | null;
}

/** The innermost def/class range that holds `line`. */
export function functionRange(source: SourceResult, line: number | null): { start: number; end: number } | null {
  if (line === null) return null;
  let best: { start: number; end: number } | null = null;
  for (const fn of source.functions) {
    if (fn.start <= line && line <= fn.end && (best === null || fn.start >= best.start)) best = fn;
  }
  return best;
}

export function sourceRows(inputs: RowInputs): SourceRow[] {
  const range = functionRange(inputs.source, inputs.anchor);
  const byLine = new Map<number, BreakpointWire>();
  for (const bp of inputs.breakpoints) if (bp.line !== null) byLine.set(bp.line, bp);
  const stats = new Map<number, LineStatWire>();
  for (const stat of inputs.stats ?? []) stats.set(stat.line, stat);
  return inputs.source.lines.map((tokens, index) => {
    const line = index + 1;
    return {
      line,
      tokens,
      inFunction: range !== null && range.start <= line && line <= range.end,
      current: line === inputs.current,
      breakpoint: byLine.get(line) ?? null,
      stat: stats.get(line) ?? null,
      replayed: line === inputs.replay,
    };
  });
}

/** A file's line breakpoints as specs, to send back with one of them changed. */
export function specsOf(breakpoints: readonly BreakpointWire[]): BreakpointSpecWire[] {
  const specs: BreakpointSpecWire[] = [];
  for (const bp of breakpoints) {
    if (bp.line !== null) specs.push({ line: bp.line, condition: bp.condition, hit: bp.hit, log: bp.log });
  }
  return specs.sort((a, b) => a.line - b.line);
}

/** The list after a gutter click on `line`: its breakpoint removed, or a plain one added. */
export function toggled(breakpoints: readonly BreakpointWire[], line: number): BreakpointSpecWire[] {
  const specs = specsOf(breakpoints);
  const kept = specs.filter((spec) => spec.line !== line);
  if (kept.length !== specs.length) return kept;
  return [...kept, { line, condition: null, hit: null, log: null }].sort((a, b) => a.line - b.line);
}

/** The list with `line`'s breakpoint replaced by `spec` (added when there was none). */
export function edited(breakpoints: readonly BreakpointWire[], spec: BreakpointSpecWire): BreakpointSpecWire[] {
  const kept = specsOf(breakpoints).filter((other) => other.line !== spec.line);
  return [...kept, spec].sort((a, b) => a.line - b.line);
}

/**
 * A hit count as typed: "5" (pause on the 5th hit) or "every 100"; blank is none. Returns
 * the normalized text, or an error saying what is accepted.
 */
export function parseHit(text: string): { hit: string | null } | { error: string } {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === "") return { hit: null };
  const match = /^(every\s+)?([1-9][0-9]*)$/.exec(trimmed);
  if (match === null) return { error: 'A hit count is a number ("5": the 5th hit) or "every N".' };
  return { hit: match[1] === undefined ? match[2] ?? "" : `every ${match[2] ?? ""}` };
}

/** Blank text is "none". */
export function optionalText(text: string): string | null {
  const trimmed = text.trim();
  return trimmed === "" ? null : trimmed;
}

/** A gutter button's name; whether it is set is its pressed state, so the name stays put. */
export function breakpointLabel(line: number, bp: BreakpointWire | null): string {
  const parts = [`Breakpoint at line ${line}`];
  if (bp === null) return parts[0] ?? "";
  if (bp.condition !== null) parts.push(`if ${bp.condition}`);
  if (bp.hit !== null) parts.push(`hit ${bp.hit}`);
  if (bp.log !== null) parts.push(`logs "${bp.log}"`);
  if (!bp.verified) parts.push("not verified");
  return parts.join(", ");
}
