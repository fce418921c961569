// The viewer's copy of one run's spine, kept in step with the hub's snapshots and patches.

import type {
  FunctionWire,
  LaneWire,
  NodeWire,
  PatchMessage,
  PulseWire,
  SnapshotMessage,
  StatusWire,
  ViewMode,
} from "./protocol";

/** What one applied message changed, for the layers that redraw. */
export interface Change {
  /** The whole picture was replaced (a snapshot). */
  reset: boolean;
  /** Node ids that are new in this message. */
  added: number[];
  /** Node ids that were replaced (new ones included). */
  touched: number[];
  /** Previous states of touched nodes that existed before (for flashes). */
  before: Map<number, NodeWire>;
  pulses: PulseWire[];
}

export type ApplyResult = { kind: "applied"; change: Change } | { kind: "gap" };

/** One run as the hub last described it; `version` is the spine version held. */
export class RunModel {
  version = -1;
  /** Bumped on every message applied, snapshot or patch: a replay's snapshot can repeat a
   * version with other contents, so views that redraw on change compare this. */
  applied = 0;
  mode: ViewMode = "live";
  at: number | null = null;
  status: StatusWire | null = null;
  readonly nodes: NodeWire[] = [];
  readonly lanes: LaneWire[] = [];
  readonly functions = new Map<string, FunctionWire>();
  /** Children of each node in the order their first calls started (the order they are drawn). */
  readonly children = new Map<number, number[]>();

  constructor(readonly runId: string) {}

  /** Apply a snapshot or patch; a patch that does not follow the version held is a gap. */
  apply(message: SnapshotMessage | PatchMessage): ApplyResult {
    if (message.type === "patch" && message.base !== this.version) return { kind: "gap" };
    const change: Change = { reset: false, added: [], touched: [], before: new Map(), pulses: [] };
    if (message.type === "snapshot") {
      this.clear();
      change.reset = true;
      this.status = message.status;
    } else {
      if (message.status !== null) this.status = message.status;
      change.pulses = message.pulses;
    }
    this.version = message.version;
    this.applied++;
    this.mode = message.mode;
    this.at = message.at;
    for (const lane of message.lanes) this.lanes[lane.id] = lane;
    for (const fn of message.functions) this.functions.set(fn.fkey, fn);
    for (const node of message.nodes) this.put(node, change);
    return { kind: "applied", change };
  }

  /** The node with this id, if held. */
  node(id: number): NodeWire | undefined {
    return this.nodes[id];
  }

  /** Exact tracer statistics for a node's function, once the run sent them. */
  functionOf(node: NodeWire): FunctionWire | undefined {
    return this.functions.get(node.fkey);
  }

  private put(node: NodeWire, change: Change): void {
    const old = this.nodes[node.id];
    if (old === undefined) {
      change.added.push(node.id);
      if (node.parent !== null) insertInOrder(this.nodes, this.childList(node.parent), node);
    } else {
      change.before.set(node.id, old);
    }
    this.nodes[node.id] = node;
    change.touched.push(node.id);
  }

  private childList(parent: number): number[] {
    let list = this.children.get(parent);
    if (list === undefined) {
      list = [];
      this.children.set(parent, list);
    }
    return list;
  }

  private clear(): void {
    this.nodes.length = 0;
    this.lanes.length = 0;
    this.functions.clear();
    this.children.clear();
  }
}

// Children stay in the order their first calls started (then by id). A node recorded at once
// (an exception, a call kept in detail) reaches the hub, and gets its id there, before
// siblings that started earlier and were announced at the collector's next tick.
function insertInOrder(nodes: readonly (NodeWire | undefined)[], list: number[], node: NodeWire): void {
  const before = (id: number): boolean => {
    const other = nodes[id];
    const t = other?.first_t ?? 0;
    return t < node.first_t || (t === node.first_t && id < node.id);
  };
  let low = list.length;
  if (low === 0 || before(list[low - 1] as number)) {
    list.push(node.id);
    return;
  }
  let from = 0;
  while (from < low) {
    const middle = (from + low) >> 1;
    if (before(list[middle] as number)) from = middle + 1;
    else low = middle;
  }
  list.splice(from, 0, node.id);
}
