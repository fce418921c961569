// Which node the focus zone follows. Following "wherever the latest pulse went" made the view
// bounce: a call of 100–200 ms turns its node yellow, green, yellow again, and each return
// pointed the view at the caller, often far above. So the view follows the deepest running
// call, and holds on it after it ends while only its callers still run; it moves on when a
// call starts elsewhere or a new node appears. A run's end is a return like any other, so the
// view stays where the run finished instead of jumping to the top.

import type { NodeWire } from "./protocol";
import type { Change, RunModel } from "./runmodel";

export class FocusTracker {
  /** Ids of the nodes with a call running, kept in step with each applied message. */
  private readonly running = new Set<number>();
  private target: number | null = null;

  /** The node to follow, or null before anything was drawn. */
  get current(): number | null {
    return this.target;
  }

  /** A new run: nothing is followed yet. */
  reset(): void {
    this.running.clear();
    this.target = null;
  }

  /** Take in one applied message; returns the node to follow now. */
  update(model: RunModel, change: Change): number | null {
    if (change.reset) {
      this.running.clear();
      for (const node of model.nodes) if (node?.state === "processing") this.running.add(node.id);
    } else {
      for (const id of change.touched) {
        if (model.node(id)?.state === "processing") this.running.add(id);
        else this.running.delete(id);
      }
    }
    // A snapshot adds every node at once: that is a new picture, not new activity.
    this.target = this.choose(model, change.reset ? undefined : newest(change.added));
    return this.target;
  }

  private choose(model: RunModel, added: number | undefined): number | null {
    const deepest = this.deepestRunning(model);
    const held = this.target === null ? undefined : model.node(this.target);
    if (held === undefined) return deepest?.id ?? added ?? lastNode(model);
    if (held.state === "processing") {
      // Still running: only a deeper call, or a new node inside this one, takes over.
      if (deepest !== undefined && deepest.depth > held.depth) return deepest.id;
      return added !== undefined && isAncestor(model, held.id, added) ? added : held.id;
    }
    // It ended. Its callers running on is no reason to scroll back up.
    if (deepest !== undefined && !isAncestor(model, deepest.id, held.id)) return deepest.id;
    return added ?? held.id;
  }

  // Deepest first; among equals the latest to start or end, then the newest node.
  private deepestRunning(model: RunModel): NodeWire | undefined {
    let best: NodeWire | undefined;
    for (const id of this.running) {
      const node = model.node(id);
      if (node !== undefined && (best === undefined || deeperOrLater(node, best))) best = node;
    }
    return best;
  }
}

function deeperOrLater(a: NodeWire, b: NodeWire): boolean {
  if (a.depth !== b.depth) return a.depth > b.depth;
  if (a.last_t !== b.last_t) return a.last_t > b.last_t;
  return a.id > b.id;
}

/** Whether `ancestor` is a strict ancestor of `id` in its lane's tree. */
export function isAncestor(model: RunModel, ancestor: number, id: number): boolean {
  let parent = model.node(id)?.parent ?? null;
  while (parent !== null) {
    if (parent === ancestor) return true;
    parent = model.node(parent)?.parent ?? null;
  }
  return false;
}

// Node ids grow in order of first appearance: the largest added one is the latest activity.
function newest(added: readonly number[]): number | undefined {
  let found: number | undefined;
  for (const id of added) if (found === undefined || id > found) found = id;
  return found;
}

function lastNode(model: RunModel): number | null {
  return model.nodes.length === 0 ? null : model.nodes.length - 1;
}
