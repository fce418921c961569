// The seam between the HUD and its hub: a small interface, and the WebSocket + REST
// implementation that talks to the hub the page was loaded from.

import type { OpenResult, ViewerCommand, ViewerMessage } from "./protocol";

export type LinkState = "connecting" | "open" | "closed";

/** A GET of the hub's /api: the decoded JSON body, or why there is none. */
export type ApiResult = { ok: true; body: unknown } | { ok: false; error: string };

export interface ConnectionHandlers {
  message(message: ViewerMessage): void;
  state(state: LinkState): void;
}

/** What the HUD needs from a hub; tests or other hosts can pass their own. */
export interface Connection {
  start(handlers: ConnectionHandlers): void;
  send(command: ViewerCommand): void;
  openSource(file: string, line: number): Promise<OpenResult>;
  /** GET `path` (an /api route) with these query parameters. */
  get(path: string, query: Record<string, string>): Promise<ApiResult>;
  stop(): void;
}

const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 5000;

/** A connection to the hub serving this page; the token comes from the page's own URL. */
export class HubConnection implements Connection {
  private socket: WebSocket | null = null;
  private handlers: ConnectionHandlers | null = null;
  private retryMs = RETRY_MIN_MS;
  private timer: number | undefined;
  private stopped = false;

  constructor(
    private readonly origin: string,
    private readonly token: string,
  ) {}

  /** The connection for `location` (the page URL carries `?token=…`). */
  static fromLocation(location: Location): HubConnection {
    const token = new URLSearchParams(location.search).get("token") ?? "";
    return new HubConnection(location.origin, token);
  }

  start(handlers: ConnectionHandlers): void {
    this.handlers = handlers;
    this.stopped = false;
    this.open();
  }

  send(command: ViewerCommand): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(command));
  }

  async openSource(file: string, line: number): Promise<OpenResult> {
    try {
      const response = await fetch(this.url("/api/open"), {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ file, line }),
      });
      const body = (await response.json()) as { ok?: boolean; command?: string[]; error?: string };
      if (response.ok && body.ok) return { ok: true, command: body.command ?? [] };
      return { ok: false, error: body.error ?? `the hub answered ${response.status}` };
    } catch (error) {
      return { ok: false, error: `the hub could not be reached (${String(error)})` };
    }
  }

  async get(path: string, query: Record<string, string>): Promise<ApiResult> {
    const params = Object.entries(query)
      .map(([key, value]) => `&${key}=${encodeURIComponent(value)}`)
      .join("");
    try {
      const response = await fetch(this.url(path) + params);
      const body: unknown = await response.json().catch(() => null);
      if (response.ok) return { ok: true, body };
      const error = typeof body === "object" && body !== null && "error" in body ? String(body.error) : "";
      return { ok: false, error: error || `the hub answered ${response.status}` };
    } catch (error) {
      return { ok: false, error: `the hub could not be reached (${String(error)})` };
    }
  }

  stop(): void {
    this.stopped = true;
    window.clearTimeout(this.timer);
    this.socket?.close();
  }

  private url(path: string): string {
    return `${this.origin}${path}?token=${encodeURIComponent(this.token)}`;
  }

  private open(): void {
    this.handlers?.state("connecting");
    const socket = new WebSocket(this.url("/ws/viewer").replace(/^http/, "ws"));
    this.socket = socket;
    socket.onopen = () => {
      this.retryMs = RETRY_MIN_MS;
      this.handlers?.state("open");
    };
    socket.onmessage = (event: MessageEvent<string>) => this.receive(event.data);
    socket.onclose = () => this.closed(socket);
  }

  private receive(text: string): void {
    let message: ViewerMessage;
    try {
      message = JSON.parse(text) as ViewerMessage;
    } catch {
      return; // the hub only sends JSON; anything else is ignored, not fatal
    }
    this.handlers?.message(message);
  }

  private closed(socket: WebSocket): void {
    if (socket !== this.socket) return;
    this.socket = null;
    this.handlers?.state("closed");
    if (this.stopped) return;
    // Back off so a stopped hub is not hammered; a restarted one is found again.
    this.timer = window.setTimeout(() => this.open(), this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
  }
}
