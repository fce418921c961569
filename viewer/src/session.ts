// Which run the HUD shows and how: following it live, or replaying it at a time and speed.
// Turns hub messages into model changes and user intents into hub commands (docs/protocol.md).

import type { Connection } from "./connection";
import {
  type HelloMessage,
  type PatchMessage,
  type RunInfo,
  SPINE_VERSION,
  type SnapshotMessage,
  type ViewerMessage,
  WIRE_VERSION,
} from "./protocol";
import { type Change, RunModel } from "./runmodel";
import { firstRunToShow, newLiveRun } from "./runorder";
import type { TimelineState } from "./timeline";

export interface SessionEvents {
  incompatible(text: string): void;
  runs(runs: RunInfo[]): void;
  opened(model: RunModel): void;
  applied(model: RunModel, change: Change): void;
  error(text: string): void;
}

type ViewKind = "live" | "replay";

const SEEK_INTERVAL_MS = 80; // scrubbing sends at most this often (each seek replays on the hub)

export class Session {
  model: RunModel | null = null;
  runs: RunInfo[] = [];
  followLive = true;
  private listed = false; // the first run list tells what was there before the page
  private kind: ViewKind = "live";
  private playing = false;
  private awaitingStart = false; // the first snapshot after "play" is where it starts, not its end
  private speed = 1;
  private duration = 0;
  private compatible = true;
  private seekTimer: number | undefined;
  private pendingSeek: number | null = null;
  private lastSeekAt = 0;

  constructor(
    private readonly connection: Connection,
    private readonly events: SessionEvents,
  ) {}

  handle(message: ViewerMessage): void {
    if (message.type === "hello") this.hello(message);
    else if (message.type === "runs") this.onRuns(message.runs);
    else if (message.type === "error") this.events.error(message.message);
    else if (this.compatible && (message.type === "snapshot" || message.type === "patch")) this.onSpine(message);
  }

  /** Show a run: live runs are followed, recorded ones open at their end, ready to replay. */
  open(run: RunInfo, byUser: boolean): void {
    if (byUser) this.followLive = false;
    const previous = this.model;
    if (previous !== null && previous.runId !== run.id) {
      this.connection.send({ type: "unsubscribe", run: previous.runId });
    }
    this.model = new RunModel(run.id);
    this.duration = 0; // learnt from the first snapshot: its status, or a replay's end
    this.playing = false;
    this.events.opened(this.model);
    if (run.live) this.subscribe();
    else this.replay(null, 0);
  }

  seek(at: number): void {
    if (this.model === null) return;
    this.kind = "replay";
    this.playing = false;
    this.pendingSeek = at;
    const wait = SEEK_INTERVAL_MS - (performance.now() - this.lastSeekAt);
    window.clearTimeout(this.seekTimer);
    if (wait <= 0) this.flushSeek();
    else this.seekTimer = window.setTimeout(() => this.flushSeek(), wait);
  }

  play(): void {
    if (this.model === null) return;
    const from = this.cursor() >= this.duration ? 0 : this.cursor();
    this.playing = true;
    this.awaitingStart = true;
    this.replay(from, this.speed);
  }

  pause(): void {
    if (this.model === null) return;
    this.playing = false;
    this.replay(this.cursor(), 0);
  }

  setSpeed(speed: number): void {
    this.speed = speed;
    if (this.playing) this.replay(this.cursor(), speed);
  }

  goLive(): void {
    if (this.model === null) return;
    this.playing = false;
    this.subscribe();
  }

  setFollowLive(on: boolean): void {
    this.followLive = on;
    if (on) this.onRuns(this.runs);
  }

  refresh(): void {
    this.connection.send({ type: "list_runs" });
  }

  timeline(): TimelineState {
    const info = this.currentInfo();
    return {
      enabled: this.model !== null && this.model.version >= 0,
      replaying: this.kind === "replay",
      playing: this.playing,
      at: this.cursor(),
      duration: this.duration,
      speed: this.speed,
      canGoLive: this.kind === "replay" && info?.live === true,
    };
  }

  private hello(message: HelloMessage): void {
    this.compatible = message.v === WIRE_VERSION && message.spine === SPINE_VERSION;
    if (!this.compatible) {
      const older = message.v > WIRE_VERSION || message.spine > SPINE_VERSION ? "older" : "newer";
      this.events.incompatible(
        `This HUD (wire ${WIRE_VERSION}, spine ${SPINE_VERSION}) is ${older} than the hub ` +
          `(wire ${message.v}, spine ${message.spine}, debugflow ${message.hub.version}). ` +
          "Reload the page, or run the same DebugFlow version for the hub and the page.",
      );
      return;
    }
    if (this.model !== null) this.resync(); // a reconnect: ask for the picture again
  }

  private onRuns(runs: RunInfo[]): void {
    const first = !this.listed;
    const known = new Set(this.runs.map((run) => run.id));
    this.listed = true;
    this.runs = runs;
    this.events.runs(runs);
    if (!this.followLive || !this.compatible) return;
    // The first list is what was there before the page: show the running run, else the latest
    // recorded one. Later lists only bring new live runs to follow.
    const next = first && this.model === null ? firstRunToShow(runs) : newLiveRun(runs, known);
    if (next !== undefined && next.id !== this.model?.runId) this.open(next, false);
  }

  private onSpine(message: SnapshotMessage | PatchMessage): void {
    const model = this.model;
    if (model === null || message.run !== model.runId) return;
    const previous = model.version;
    const result = model.apply(message);
    if (result.kind === "gap") {
      this.resync();
      return;
    }
    this.track(message, previous);
    this.events.applied(model, result.change);
  }

  // Keep the timeline's length and the play state in step with what arrives. A playing replay
  // ends with a snapshot at its end: the same version again, or the end of the timeline.
  private track(message: SnapshotMessage | PatchMessage, previous: number): void {
    if (message.mode === "replay" && message.at !== null) {
      const starting = this.awaitingStart;
      if (message.type === "snapshot") this.awaitingStart = false;
      const atEnd = message.version === previous || message.at >= this.duration;
      if (this.playing && message.type === "snapshot" && !starting && atEnd) this.playing = false;
      this.duration = Math.max(this.duration, message.at);
    } else if (this.model?.status !== null && this.model?.status !== undefined) {
      this.duration = Math.max(this.duration, this.model.status.elapsed_ns);
    }
  }

  private cursor(): number {
    const model = this.model;
    if (model === null) return 0;
    if (this.kind === "live") return this.duration;
    return this.pendingSeek ?? model.at ?? 0;
  }

  private flushSeek(): void {
    if (this.pendingSeek === null) return;
    this.lastSeekAt = performance.now();
    this.replay(this.pendingSeek, 0);
    this.pendingSeek = null;
  }

  private subscribe(): void {
    if (this.model === null) return;
    this.kind = "live";
    this.connection.send({ type: "subscribe", run: this.model.runId });
  }

  private replay(at: number | null, speed: number): void {
    if (this.model === null) return;
    this.kind = "replay";
    this.connection.send({ type: "replay", run: this.model.runId, at, speed });
  }

  private resync(): void {
    if (this.kind === "live") this.subscribe();
    else this.replay(this.model?.at ?? null, this.playing ? this.speed : 0);
  }

  private currentInfo(): RunInfo | undefined {
    const id = this.model?.runId;
    return this.runs.find((run) => run.id === id);
  }
}
