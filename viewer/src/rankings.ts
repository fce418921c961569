// The lists that jump to a node: the slowest functions (by own time and by total time), the
// most called ones, and the next exception. Functions are ranked by the tracer's exact
// statistics (FunctionWire, sent near the end of a run), each mapped to its nodes by fkey;
// before those arrive, the nodes' own durations stand in. Pure: unit-tested directly.

import type { NodeWire } from "./protocol";
import type { RunModel } from "./runmodel";

export type RankBy = "own" | "total" | "calls";

/** One line of a ranking: a function, its figure, and the node to jump to. */
export interface Ranked {
  fkey: string;
  function: string;
  module: string;
  /** Nanoseconds for "own" and "total", a count for "calls". */
  value: number;
  calls: number;
  /** The node shown for it: the one of its nodes that weighs most by the same measure. */
  node: number;
  /** How many nodes the function has. */
  nodes: number;
  /** Whether the figure is the tracer's exact one (false: summed from the spine's nodes). */
  exact: boolean;
}

interface Group {
  nodes: NodeWire[];
  own: number;
  total: number;
  calls: number;
}

/** The top `limit` functions by `by`, heaviest first. */
export function rank(model: RunModel, by: RankBy, limit = 10): Ranked[] {
  const groups = new Map<string, Group>();
  for (const node of model.nodes) {
    if (node === undefined || node.kind !== "call") continue;
    let group = groups.get(node.fkey);
    if (group === undefined) {
      group = { nodes: [], own: 0, total: 0, calls: 0 };
      groups.set(node.fkey, group);
    }
    group.nodes.push(node);
    group.own += node.dur?.own ?? 0;
    group.total += node.dur?.total ?? 0;
    group.calls += node.calls;
  }
  const ranked: Ranked[] = [];
  for (const [fkey, group] of groups) {
    const first = group.nodes[0] as NodeWire;
    const exact = model.functions.get(fkey);
    const value =
      exact === undefined
        ? group[by]
        : by === "own"
          ? exact.own_ns
          : by === "total"
            ? exact.total_ns
            : exact.calls;
    ranked.push({
      fkey,
      function: first.function,
      module: first.module,
      value,
      calls: exact?.calls ?? group.calls,
      node: heaviest(group.nodes, by).id,
      nodes: group.nodes.length,
      exact: exact !== undefined,
    });
  }
  ranked.sort((a, b) => b.value - a.value || a.node - b.node);
  return ranked.filter((r) => r.value > 0).slice(0, limit);
}

function weight(node: NodeWire, by: RankBy): number {
  return by === "calls" ? node.calls : by === "own" ? (node.dur?.own ?? 0) : (node.dur?.total ?? 0);
}

function heaviest(nodes: NodeWire[], by: RankBy): NodeWire {
  let best = nodes[0] as NodeWire;
  for (const node of nodes) if (weight(node, by) > weight(best, by)) best = node;
  return best;
}

/** Whether a node shows an exception (its own calls raised). */
export function raised(node: NodeWire): boolean {
  return node.state === "exception" || node.exceptions > 0;
}

/**
 * Whether a node is where an exception started: it raised, and no child of it raised the same
 * exception (an exception passing up through its callers makes them all red; the jump goes
 * to where it came from).
 */
export function raisedHere(model: RunModel, node: NodeWire): boolean {
  if (!raised(node)) return false;
  const mine = errorKey(node);
  for (const id of model.children.get(node.id) ?? []) {
    const child = model.node(id);
    if (child !== undefined && raised(child) && (mine === null || errorKey(child) === mine)) return false;
  }
  return true;
}

function errorKey(node: NodeWire): string | null {
  const call = node.sample?.state === "raised" ? node.sample : node.failure;
  return call?.error == null ? null : `${call.error.type}: ${call.error.message}`;
}

/**
 * The next node after `from` in tree `order` where an exception started (raisedHere), wrapping
 * around, or the previous one `backwards`; null when no node raised.
 */
export function nextException(
  model: RunModel,
  order: readonly number[],
  from: number | null,
  backwards = false,
): number | null {
  const count = order.length;
  if (count === 0) return null;
  const start = from === null ? -1 : order.indexOf(from);
  for (let k = 1; k <= count; k++) {
    const i = backwards
      ? (((start < 0 ? 0 : start) - k) % count + count) % count
      : (start + k) % count;
    const node = model.node(order[i] as number);
    if (node !== undefined && raisedHere(model, node)) return node.id;
  }
  return null;
}
