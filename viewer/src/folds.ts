// Which subtrees of the spine are folded and which node is in focus. Keyed by node id and by
// rules (a depth limit, the kind "imports" folded by default), never by rows, so it survives
// every live patch: a node that arrives later is folded or not by the same rules, and a node
// the user opened or closed keeps that choice. Pure: no DOM, unit-tested directly.

import type { NodeWire } from "./protocol";

/** What deciding a fold needs of a node (`folded`: the hub says it starts closed). */
export type FoldNode = Pick<NodeWire, "id" | "depth" | "kind" | "parent"> & { folded?: boolean };

/** Node kinds that start folded (import-time module bodies, grouped by the hub). */
const FOLDED_KINDS: ReadonlySet<string> = new Set(["imports"]);

export class FoldState {
  /** Folded by the user (overrides every rule). */
  private readonly closed = new Set<number>();
  /** Opened by the user (overrides the depth limit and the default for "imports"). */
  private readonly opened = new Set<number>();
  /** Nodes at this depth or deeper start folded (null: no limit). */
  private depthLimit: number | null = null;
  /** The node whose subtree alone is shown, or null for the whole run. */
  private focused: number | null = null;
  /** Bumped on every change, so views can tell when to lay out again. */
  revision = 0;

  /** Whether a node's children are hidden. */
  isFolded(node: FoldNode): boolean {
    if (this.closed.has(node.id)) return true;
    if (this.opened.has(node.id)) return false;
    if (node.folded === true || FOLDED_KINDS.has(node.kind)) return true;
    return this.depthLimit !== null && node.depth >= this.depthLimit;
  }

  /** Fold (true) or unfold (false) one node. */
  set(node: FoldNode, folded: boolean): void {
    if (folded) {
      this.opened.delete(node.id);
      this.closed.add(node.id);
    } else {
      this.closed.delete(node.id);
      this.opened.add(node.id);
    }
    this.revision++;
  }

  /** Flip one node; returns whether it is folded now. */
  toggle(node: FoldNode): boolean {
    const folded = !this.isFolded(node);
    this.set(node, folded);
    return folded;
  }

  /** Fold every node at `depth` or deeper (0 folds the roots); earlier choices are dropped. */
  foldBelow(depth: number): void {
    this.closed.clear();
    this.opened.clear();
    this.depthLimit = Math.max(0, Math.floor(depth));
    this.revision++;
  }

  /** The depth limit of the last foldBelow, or null. */
  get foldDepth(): number | null {
    return this.depthLimit;
  }

  /** Unfold everything the user folded and drop the depth limit ("imports" stay folded). */
  unfoldAll(): void {
    this.closed.clear();
    this.opened.clear();
    this.depthLimit = null;
    this.revision++;
  }

  /** Unfold every ancestor of a node, so it is laid out (a search hit, a jump). */
  reveal(node: FoldNode, lookup: (id: number) => FoldNode | undefined): boolean {
    let changed = false;
    let parent = node.parent === null ? undefined : lookup(node.parent);
    while (parent !== undefined) {
      if (this.isFolded(parent)) {
        this.closed.delete(parent.id);
        this.opened.add(parent.id);
        changed = true;
      }
      parent = parent.parent === null ? undefined : lookup(parent.parent);
    }
    if (changed) this.revision++;
    return changed;
  }

  /** The node in focus (only its subtree is shown), or null. */
  get focus(): number | null {
    return this.focused;
  }

  /** Show only this node's subtree (null: the whole run again). */
  setFocus(id: number | null): void {
    if (this.focused === id) return;
    this.focused = id;
    this.revision++;
  }

  /** Whether a node is inside the focused subtree (everything is, without a focus). */
  inFocus(node: FoldNode, lookup: (id: number) => FoldNode | undefined): boolean {
    if (this.focused === null) return true;
    let current: FoldNode | undefined = node;
    while (current !== undefined) {
      if (current.id === this.focused) return true;
      current = current.parent === null ? undefined : lookup(current.parent);
    }
    return false;
  }

  /** The breadcrumb of the focus: its ancestors from the root down to it (empty: no focus). */
  breadcrumb(lookup: (id: number) => FoldNode | undefined): number[] {
    const path: number[] = [];
    let current = this.focused === null ? undefined : lookup(this.focused);
    while (current !== undefined) {
      path.push(current.id);
      current = current.parent === null ? undefined : lookup(current.parent);
    }
    return path.reverse();
  }

  /** A new run: nothing folded by hand, no limit, no focus. */
  clear(): void {
    this.closed.clear();
    this.opened.clear();
    this.depthLimit = null;
    this.focused = null;
    this.revision++;
  }
}
