import { describe, expect, it } from "vitest";
import { firstRunToShow, isRunning, newLiveRun, newestFirst } from "../src/runorder";
import { run } from "./fixtures";

const ids = (runs: { id: string }[]) => runs.map((r) => r.id);

describe("newestFirst", () => {
  it("orders by start time, live and recorded runs interleaved", () => {
    // As the hub sends them: live runs first, then recorded ones.
    const hub = [
      run("live-old", 100, { live: true, state: "ended" }),
      run("live-now", 300, { live: true, state: "live" }),
      run("rec-new", 400),
      run("rec-mid", 200),
      run("rec-oldest", 50),
    ];
    expect(ids(newestFirst(hub))).toEqual(["rec-new", "live-now", "rec-mid", "live-old", "rec-oldest"]);
  });

  it("breaks ties by id and leaves the list it was given alone", () => {
    const hub = [run("a", 100), run("c", 100), run("b", 100)];
    expect(ids(newestFirst(hub))).toEqual(["c", "b", "a"]);
    expect(ids(hub)).toEqual(["a", "c", "b"]);
  });
});

describe("firstRunToShow", () => {
  it("is the running run, even when a recorded run is newer", () => {
    const runs = [run("running", 100, { live: true, state: "live" }), run("recorded", 200)];
    expect(firstRunToShow(runs)?.id).toBe("running");
  });

  it("is the newest running run when several run", () => {
    const runs = [
      run("a", 100, { live: true, state: "live" }),
      run("b", 150, { live: true, state: "live" }),
    ];
    expect(firstRunToShow(runs)?.id).toBe("b");
  });

  it("is otherwise the latest run that is not a ghost run", () => {
    const runs = [
      run("old", 100),
      run("ended-here", 200, { live: true, state: "ended" }),
      run("newer", 300),
      run("ghost", 400, { kind: "ghost" }),
    ];
    expect(firstRunToShow(runs)?.id).toBe("newer");
  });

  it("is a lost run too, when that is the latest", () => {
    expect(firstRunToShow([run("old", 100), run("lost", 200, { state: "lost" })])?.id).toBe("lost");
  });

  it("is nothing when there are only ghost runs, or no runs", () => {
    expect(firstRunToShow([run("ghost", 100, { kind: "ghost" })])).toBeUndefined();
    expect(firstRunToShow([])).toBeUndefined();
  });
});

describe("newLiveRun", () => {
  it("is a live run that is running, the newest first", () => {
    const runs = [
      run("r1", 100, { live: true, state: "live" }),
      run("r2", 200, { live: true, state: "live" }),
    ];
    expect(newLiveRun(runs, new Set(["r1", "r2"]))?.id).toBe("r2");
  });

  it("is a live run that ended before the page heard of it", () => {
    const runs = [
      run("quick", 200, { live: true, state: "ended" }),
      run("seen", 100, { live: true, state: "ended" }),
    ];
    expect(newLiveRun(runs, new Set(["seen"]))?.id).toBe("quick");
    expect(newLiveRun(runs, new Set(["seen", "quick"]))).toBeUndefined();
  });

  it("is never a recorded run", () => {
    expect(newLiveRun([run("recorded", 500)], new Set())).toBeUndefined();
  });
});

describe("isRunning", () => {
  it("needs a run streamed here that has not ended", () => {
    expect(isRunning(run("a", 1, { live: true, state: "live" }))).toBe(true);
    expect(isRunning(run("a", 1, { live: true, state: "ended" }))).toBe(false);
    expect(isRunning(run("a", 1, { live: false, state: "live" }))).toBe(false);
  });
});
