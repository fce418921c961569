// Finding nodes by name: a query is plain text (case-insensitive, matched against the
// function, its module and its file) or a regular expression written /like this/i or asked
// for with the regex toggle. Matches come in tree order (lane by lane, parents before their
// children), the order the spine draws them, folded or not. Pure: unit-tested directly.

import type { NodeWire } from "./protocol";
import type { RunModel } from "./runmodel";

export type Matcher = (node: NodeWire) => boolean;

/** A parsed query: how it matches, or why it cannot (a broken regular expression). */
export type Query = { ok: true; match: Matcher; empty: boolean } | { ok: false; error: string };

const SLASHED = /^\/(.+)\/([a-z]*)$/s;

/** Parse what the user typed; `regex` forces a regular expression without the slashes. */
export function parseQuery(text: string, regex = false): Query {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: true, match: () => false, empty: true };
  const slashed = SLASHED.exec(trimmed);
  if (regex || slashed !== null) {
    const source = slashed?.[1] ?? trimmed;
    const flags = slashed?.[2] ?? "i";
    let pattern: RegExp;
    try {
      pattern = new RegExp(source, flags.replace(/[gy]/g, ""));
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
    return { ok: true, match: (node) => fields(node).some((f) => pattern.test(f)), empty: false };
  }
  const needle = trimmed.toLowerCase();
  return { ok: true, match: (node) => fields(node).some((f) => f.toLowerCase().includes(needle)), empty: false };
}

// What a query is matched against: the name as shown, the module and the file's path.
function fields(node: NodeWire): string[] {
  return [node.function, node.module, node.file];
}

/** Every node id in tree order: lanes in id order, each tree depth first, children in id order. */
export function treeOrder(model: RunModel): number[] {
  const roots: NodeWire[] = [];
  for (const node of model.nodes) if (node !== undefined && node.parent === null) roots.push(node);
  roots.sort((a, b) => a.lane - b.lane || a.id - b.id);
  const order: number[] = [];
  const stack = roots.map((node) => node.id).reverse();
  while (stack.length > 0) {
    const id = stack.pop() as number;
    order.push(id);
    const children = model.children.get(id);
    if (children !== undefined) for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as number);
  }
  return order;
}

/** The ids in `order` whose node matches. */
export function matches(model: RunModel, order: readonly number[], match: Matcher): number[] {
  const found: number[] = [];
  for (const id of order) {
    const node = model.node(id);
    if (node !== undefined && match(node)) found.push(id);
  }
  return found;
}

/**
 * Steps through a list of hits: the index of the current one, wrapping at both ends. Kept by
 * node id, so a new list (the run grew) keeps the current hit where it is.
 */
export class HitCursor {
  hits: number[] = [];
  private index = -1;

  /** Replace the hits, keeping the current node when it is still among them. */
  setHits(hits: number[]): void {
    const current = this.current;
    this.hits = hits;
    this.index = current === null ? -1 : hits.indexOf(current);
  }

  /** The node of the current hit, or null before the first step. */
  get current(): number | null {
    return this.index < 0 ? null : (this.hits[this.index] ?? null);
  }

  /** 1-based position of the current hit (0: none yet). */
  get position(): number {
    return this.index + 1;
  }

  /** Go to the next hit (or the previous one); returns its node, or null when there is none. */
  step(backwards = false): number | null {
    const count = this.hits.length;
    if (count === 0) return null;
    if (this.index < 0) this.index = backwards ? count - 1 : 0;
    else this.index = (this.index + (backwards ? count - 1 : 1)) % count;
    return this.current;
  }

  /** Go to the first hit after a node in `order` (the selected one), or the first one. */
  stepFrom(from: number | null, order: readonly number[], backwards = false): number | null {
    if (from === null || this.hits.length === 0) return this.step(backwards);
    const rank = new Map<number, number>();
    order.forEach((id, i) => rank.set(id, i));
    const at = rank.get(from) ?? -1;
    const ranks = this.hits.map((id) => rank.get(id) ?? -1);
    let index: number;
    if (backwards) {
      index = -1;
      for (let i = ranks.length - 1; i >= 0 && index < 0; i--) if ((ranks[i] as number) < at) index = i;
      if (index < 0) index = this.hits.length - 1;
    } else {
      index = ranks.findIndex((r) => r > at);
      if (index < 0) index = 0;
    }
    this.index = index;
    return this.current;
  }

  clear(): void {
    this.hits = [];
    this.index = -1;
  }
}
