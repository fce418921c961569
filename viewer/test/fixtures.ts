// Builders for the hub's messages as the viewer receives them (shapes from src/protocol.ts),
// so each test spells out only the fields it is about.

import type { Connection } from "../src/connection";
import {
  type CallWire,
  type LaneWire,
  type NodeWire,
  type PatchMessage,
  type PulseWire,
  type RunInfo,
  SPINE_VERSION,
  type SnapshotMessage,
  type StatusWire,
  type ViewerCommand,
  WIRE_VERSION,
} from "../src/protocol";

export const RUN = "run-1";

/** A hub that only records what the page sent it. */
export class Recorder implements Connection {
  readonly sent: ViewerCommand[] = [];
  start(): void {}
  stop(): void {}
  send(command: ViewerCommand): void {
    this.sent.push(command);
  }
  openSource(): Promise<never> {
    return Promise.reject(new Error("not in these tests"));
  }
  get(): Promise<never> {
    return Promise.reject(new Error("not in these tests"));
  }
}

/** A node; `parent` decides `depth` unless given (roots are at depth 0). */
export function node(id: number, parent: number | null, more: Partial<NodeWire> = {}): NodeWire {
  return {
    id,
    parent,
    lane: 0,
    depth: 0,
    kind: "call",
    fkey: `/p/app.py:${id}:f${id}`,
    function: `f${id}`,
    module: "app",
    file: "/p/app.py",
    line: id + 1,
    call_line: null,
    spawned_by: null,
    state: "success",
    calls: 1,
    active: 0,
    exceptions: 0,
    dur: null,
    sample: null,
    failure: null,
    reason: null,
    first_t: id * 1000,
    last_t: id * 1000,
    lines: null,
    folded: false,
    ...more,
  } as NodeWire;
}

/** One call of a node, returned unless told otherwise. */
export function call(more: Partial<CallWire> = {}): CallWire {
  return { args: [], ret: null, error: null, state: "returned", t: 0, duration: null, ...more };
}

/** Nodes of one lane from `[id, parent]` pairs, with depths worked out from the parents. */
export function tree(pairs: [number, number | null][], more: Partial<NodeWire> = {}): NodeWire[] {
  const depth = new Map<number, number>();
  return pairs.map(([id, parent]) => {
    const d = parent === null ? 0 : (depth.get(parent) ?? 0) + 1;
    depth.set(id, d);
    return node(id, parent, { depth: d, ...more });
  });
}

export function lane(id: number, name = "MainThread"): LaneWire {
  return { id, thread_id: id + 1, task_id: null, name };
}

export function status(more: Partial<StatusWire> = {}): StatusWire {
  return {
    run: RUN,
    state: "live",
    script: "app.py",
    argv: ["app.py"],
    cwd: "/p",
    python: "3.11.7",
    backend: "settrace",
    kind: "run",
    started_at: 1_700_000_000,
    ended_at: null,
    exit_code: null,
    elapsed_ns: 0,
    nodes: 0,
    calls: 0,
    exceptions: 0,
    dropped: 0,
    hidden: 0,
    ...more,
  };
}

export function snapshot(
  version: number,
  nodes: NodeWire[],
  more: Partial<SnapshotMessage> = {},
): SnapshotMessage {
  return {
    type: "snapshot",
    v: WIRE_VERSION,
    spine: SPINE_VERSION,
    run: RUN,
    mode: "live",
    at: null,
    version,
    status: status({ nodes: nodes.length }),
    lanes: [lane(0)],
    nodes,
    functions: [],
    ...more,
  };
}

export function patch(
  base: number,
  version: number,
  nodes: NodeWire[],
  more: Partial<PatchMessage> = {},
): PatchMessage {
  return {
    type: "patch",
    v: WIRE_VERSION,
    spine: SPINE_VERSION,
    run: RUN,
    mode: "live",
    at: null,
    base,
    version,
    status: null,
    lanes: [],
    nodes,
    functions: [],
    pulses: [],
    ...more,
  };
}

export function pulse(dir: "down" | "up", nodeId: number, parent: number | null, t = 0): PulseWire {
  return { dir, node: nodeId, parent, outcome: dir === "up" ? "success" : null, t };
}

/** An entry of the run list: a recorded, ended run unless told otherwise. */
export function run(id: string, startedAt: number, more: Partial<RunInfo> = {}): RunInfo {
  return {
    id,
    kind: "run",
    script: `${id}.py`,
    argv: [`${id}.py`],
    state: "ended",
    live: false,
    stored: true,
    started_at: startedAt,
    ended_at: startedAt + 1,
    exit_code: 0,
    calls: 10,
    exceptions: 0,
    ...more,
  };
}
