import { describe, expect, it } from "vitest";
import { type RunInfo, SPINE_VERSION, WIRE_VERSION } from "../src/protocol";
import { Session } from "../src/session";
import { Recorder, run } from "./fixtures";

function newTab(): { session: Session; hub: Recorder; opened: string[] } {
  const hub = new Recorder();
  const opened: string[] = [];
  const session = new Session(hub, {
    incompatible: () => {},
    runs: () => {},
    opened: (model) => opened.push(model.runId),
    applied: () => {},
    error: () => {},
  });
  const hubInfo = { pid: 1, version: "0.1.0" };
  session.handle({ type: "hello", v: WIRE_VERSION, spine: SPINE_VERSION, events: 1, hub: hubInfo });
  return { session, hub, opened };
}

function list(session: Session, runs: RunInfo[]): void {
  session.handle({ type: "runs", v: WIRE_VERSION, runs });
}

describe("a new tab", () => {
  it("opens the running run, following it live", () => {
    const { session, hub, opened } = newTab();
    list(session, [run("running", 100, { live: true, state: "live" }), run("recorded", 200)]);
    expect(opened).toEqual(["running"]);
    expect(hub.sent).toEqual([{ type: "subscribe", run: "running" }]);
    expect(session.followLive).toBe(true);
  });

  it("opens the latest recorded run that is not a ghost, at its end", () => {
    const { session, hub, opened } = newTab();
    list(session, [run("old", 100), run("latest", 300), run("ghost", 400, { kind: "ghost" })]);
    expect(opened).toEqual(["latest"]);
    expect(hub.sent).toEqual([{ type: "replay", run: "latest", at: null, speed: 0 }]);
  });

  it("waits when there is nothing to show, then follows the first live run", () => {
    const { session, opened } = newTab();
    list(session, []);
    expect(opened).toEqual([]);
    list(session, [run("new", 500, { live: true, state: "live" })]);
    expect(opened).toEqual(["new"]);
  });

  it("still follows a new live run after opening a recorded one", () => {
    const { session, hub, opened } = newTab();
    const recorded = run("recorded", 100);
    list(session, [recorded]);
    list(session, [run("new", 500, { live: true, state: "live" }), recorded]);
    expect(opened).toEqual(["recorded", "new"]);
    expect(hub.sent.at(-1)).toEqual({ type: "subscribe", run: "new" });
    // A later list with no new live run changes nothing.
    list(session, [run("new", 500, { live: true, state: "ended" }), recorded]);
    expect(opened).toEqual(["recorded", "new"]);
  });

  it("opens only once: a recorded run added later is not opened by itself", () => {
    const { session, opened } = newTab();
    list(session, [run("first", 100)]);
    list(session, [run("first", 100), run("second", 200)]);
    expect(opened).toEqual(["first"]);
  });
});
