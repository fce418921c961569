// The hub → viewer messages and viewer → hub commands, mirrored from Python.
//
// Source of truth: src/debugflow/server/messages.py (shapes), src/debugflow/transport/wire.py
// (versions) and docs/protocol.md. tests/test_viewer_protocol.py checks that every interface
// below names exactly the fields `messages.message_fields()` lists and that the version
// constants match, so this file cannot drift from the hub.

/** Framing of every WebSocket message (field `v`). */
export const WIRE_VERSION = 1;
/** Shape of snapshot/patch contents (field `spine`). */
export const SPINE_VERSION = 1;
/** Event records inside producer frames (hello.events). */
export const EVENT_VERSION = 1;

export type NodeKind = "call" | "mark";
export type NodeState = "processing" | "success" | "exception" | "info" | "unfinished";
export type RunState = "live" | "ended" | "lost";
export type ViewMode = "live" | "stored" | "replay";
export type PulseDir = "down" | "up";
export type Outcome = "success" | "exception";

/** One `name: type=value` preview (arguments, or the return value named "return"). */
export interface ArgWire {
  name: string;
  type: string;
  value: string;
}

/** The last exception that left a node, kept after later calls succeed. */
export interface ErrorWire {
  type: string;
  message: string;
  line: number | null;
}

/** Durations of a node's finished calls, in nanoseconds. */
export interface DurationWire {
  last: number;
  min: number;
  median: number;
  max: number;
  total: number;
}

/** One spine node: a function under one parent node, its repeated calls collapsed (×calls). */
export interface NodeWire {
  id: number;
  parent: number | null;
  lane: number;
  depth: number;
  kind: NodeKind;
  fkey: string;
  function: string;
  module: string;
  file: string;
  line: number;
  call_line: number | null;
  spawned_by: number | null;
  state: NodeState;
  calls: number;
  active: number;
  exceptions: number;
  args: ArgWire[];
  ret: ArgWire | null;
  error: ErrorWire | null;
  dur: DurationWire | null;
  first_t: number;
  last_t: number;
}

/** A column of the spine: one thread, or one asyncio task in a thread. */
export interface LaneWire {
  id: number;
  thread_id: number;
  task_id: number | null;
  name: string;
}

/** The run's status panel. */
export interface StatusWire {
  run: string;
  state: RunState;
  script: string;
  argv: string[];
  cwd: string;
  python: string;
  backend: string;
  kind: string;
  started_at: number;
  ended_at: number | null;
  exit_code: number | null;
  elapsed_ns: number;
  nodes: number;
  calls: number;
  exceptions: number;
  dropped: number;
  hidden: number;
}

/** Exact per-function statistics from the tracer (sent near the end of a run). */
export interface FunctionWire {
  fkey: string;
  function: string;
  module: string;
  file: string;
  line: number;
  calls: number;
  exceptions: number;
  total_ns: number;
  own_ns: number;
  min_ns: number;
  median_ns: number;
  max_ns: number;
}

/** An animation: `down` from parent to node on call, `up` from node to parent on return. */
export interface PulseWire {
  dir: PulseDir;
  node: number;
  parent: number | null;
  outcome: Outcome | null;
  t: number;
}

/** The whole spine of one run at `version`. */
export interface SnapshotMessage {
  type: "snapshot";
  v: number;
  spine: number;
  run: string;
  mode: ViewMode;
  at: number | null;
  version: number;
  status: StatusWire;
  lanes: LaneWire[];
  nodes: NodeWire[];
  functions: FunctionWire[];
}

/** What changed from `base` to `version`: apply only when the viewer holds `base`. */
export interface PatchMessage {
  type: "patch";
  v: number;
  spine: number;
  run: string;
  mode: ViewMode;
  at: number | null;
  base: number;
  version: number;
  status: StatusWire | null;
  lanes: LaneWire[];
  nodes: NodeWire[];
  functions: FunctionWire[];
  pulses: PulseWire[];
}

/** One entry of the run list: live runs first, then recorded ones. */
export interface RunInfo {
  id: string;
  kind: string;
  script: string;
  argv: string[];
  state: RunState;
  live: boolean;
  stored: boolean;
  started_at: number;
  ended_at: number | null;
  exit_code: number | null;
  calls: number;
  exceptions: number;
}

/** The run list, sent on connect and whenever it changes. */
export interface RunsMessage {
  type: "runs";
  v: number;
  runs: RunInfo[];
}

/** Who the viewer is talking to. */
export interface HubInfoWire {
  pid: number;
  version: string;
}

/** First message on every viewer connection. */
export interface HelloMessage {
  type: "hello";
  v: number;
  spine: number;
  events: number;
  hub: HubInfoWire;
}

/** A refused command or frame; `fatal` ones are followed by closing the connection. */
export interface ErrorMessage {
  type: "error";
  v: number;
  code: string;
  message: string;
  fatal: boolean;
}

export type SpineMessage = SnapshotMessage | PatchMessage;
export type ViewerMessage = HelloMessage | RunsMessage | SnapshotMessage | PatchMessage | ErrorMessage;

// -- viewer → hub commands (src/debugflow/server/commands.py) ---------------------------------

export interface SubscribeCommand {
  type: "subscribe";
  run: string;
}

export interface UnsubscribeCommand {
  type: "unsubscribe";
  run: string;
}

/** Show a run as it was at `at` (null: its end), then play on at `speed` (0: paused). */
export interface ReplayCommand {
  type: "replay";
  run: string;
  at: number | null;
  speed: number;
}

export interface ListRunsCommand {
  type: "list_runs";
}

export type ViewerCommand = SubscribeCommand | UnsubscribeCommand | ReplayCommand | ListRunsCommand;

/** The answer of `POST /api/open`. */
export interface OpenResult {
  ok: boolean;
  command?: string[];
  error?: string;
}
