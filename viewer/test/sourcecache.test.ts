import { describe, expect, it } from "vitest";
import type { ApiResult, Connection } from "../src/connection";
import { SourceCache } from "../src/sourcecache";

/** A hub whose /api/source answers come from a list, counting the requests. */
class Hub implements Connection {
  asked: Record<string, string>[] = [];
  constructor(private readonly answers: ApiResult[]) {}
  start(): void {}
  stop(): void {}
  send(): void {}
  openSource(): Promise<never> {
    return Promise.reject(new Error("not in these tests"));
  }
  get(_path: string, query: Record<string, string>): Promise<ApiResult> {
    this.asked.push(query);
    return Promise.resolve(this.answers.shift() ?? { ok: false, error: "no more answers" });
  }
}

const SOURCE = { file: "/p/a.py", lines: [[["k", "def"]]], functions: [{ name: "f", start: 1, end: 1 }], mtime: 1 };

describe("the code panel's source cache", () => {
  it("fetches a file once per run", async () => {
    const hub = new Hub([{ ok: true, body: SOURCE }]);
    const cache = new SourceCache(hub);
    cache.reset("r1");
    expect(await cache.get("/p/a.py")).toEqual(SOURCE);
    expect(await cache.get("/p/a.py")).toEqual(SOURCE);
    expect(hub.asked).toEqual([{ run: "r1", file: "/p/a.py" }]);
  });

  it("keeps a refusal until the file is asked for again", async () => {
    const hub = new Hub([{ ok: false, error: "not a file of this run" }, { ok: true, body: SOURCE }]);
    const cache = new SourceCache(hub);
    cache.reset("r1");
    expect(await cache.get("/p/a.py")).toContain("not a file of this run");
    expect(await cache.get("/p/a.py")).toContain("not a file of this run"); // no refetch on redraw
    expect(hub.asked).toHaveLength(1);
    cache.retry("/p/a.py");
    expect(await cache.get("/p/a.py")).toEqual(SOURCE);
    cache.retry("/p/a.py"); // a file that was served is not fetched again
    await cache.get("/p/a.py");
    expect(hub.asked).toHaveLength(2);
  });

  it("refuses an answer that is not a source listing", async () => {
    const cache = new SourceCache(new Hub([{ ok: true, body: { file: "/p/a.py", lines: "x" } }]));
    cache.reset("r1");
    expect(await cache.get("/p/a.py")).toBe("The hub's answer was not a source listing.");
  });
});
