// The source files the code panel showed for one run, fetched once each from GET /api/source
// (and checked). A file the hub would not give stays refused until the user asks for it again.

import type { Connection } from "./connection";
import { asSource } from "./debugwire";
import type { SourceResult } from "./protocol";

export class SourceCache {
  private readonly files = new Map<string, Promise<SourceResult | string>>();
  private readonly refused = new Set<string>();
  private run: string | null = null;

  constructor(private readonly connection: Connection) {}

  /** Another run: its files are other files. */
  reset(run: string | null): void {
    this.run = run;
    this.files.clear();
    this.refused.clear();
  }

  /** The user asked for `file` again: a refusal is retried (it may be traced by now). */
  retry(file: string): void {
    if (!this.refused.delete(file)) return;
    this.files.delete(file);
  }

  /** The file's highlighted source, or why there is none. */
  get(file: string): Promise<SourceResult | string> {
    const run = this.run;
    if (run === null) return Promise.resolve("No run is open.");
    let pending = this.files.get(file);
    if (pending === undefined) {
      pending = this.fetch(run, file);
      this.files.set(file, pending);
    }
    return pending;
  }

  private async fetch(run: string, file: string): Promise<SourceResult | string> {
    const answer = await this.connection.get("/api/source", { run, file });
    const source = answer.ok ? asSource(answer.body) : null;
    if (source !== null) return source;
    this.refused.add(file);
    if (!answer.ok) return `The source of ${file} is not available: ${answer.error}`;
    return "The hub's answer was not a source listing.";
  }
}
