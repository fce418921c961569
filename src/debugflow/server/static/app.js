class Y {
  constructor(t, e) {
    this.origin = t, this.token = e;
  }
  origin;
  token;
  socket = null;
  handlers = null;
  retryMs = 500;
  timer;
  stopped = !1;
  /** The connection for `location` (the page URL carries `?token=…`). */
  static fromLocation(t) {
    const e = new URLSearchParams(t.search).get("token") ?? "";
    return new Y(t.origin, e);
  }
  start(t) {
    this.handlers = t, this.stopped = !1, this.open();
  }
  send(t) {
    this.socket?.readyState === WebSocket.OPEN && this.socket.send(JSON.stringify(t));
  }
  async openSource(t, e) {
    try {
      const s = await fetch(this.url("/api/open"), {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ file: t, line: e })
      }), i = await s.json();
      return s.ok && i.ok ? { ok: !0, command: i.command ?? [] } : { ok: !1, error: i.error ?? `the hub answered ${s.status}` };
    } catch (s) {
      return { ok: !1, error: `the hub could not be reached (${String(s)})` };
    }
  }
  async get(t, e) {
    const s = Object.entries(e).map(([i, r]) => `&${i}=${encodeURIComponent(r)}`).join("");
    try {
      const i = await fetch(this.url(t) + s), r = await i.json().catch(() => null);
      return i.ok ? { ok: !0, body: r } : { ok: !1, error: (typeof r == "object" && r !== null && "error" in r ? String(r.error) : "") || `the hub answered ${i.status}` };
    } catch (i) {
      return { ok: !1, error: `the hub could not be reached (${String(i)})` };
    }
  }
  stop() {
    this.stopped = !0, window.clearTimeout(this.timer), this.socket?.close();
  }
  url(t) {
    return `${this.origin}${t}?token=${encodeURIComponent(this.token)}`;
  }
  open() {
    this.handlers?.state("connecting");
    const t = new WebSocket(this.url("/ws/viewer").replace(/^http/, "ws"));
    this.socket = t, t.onopen = () => {
      this.retryMs = 500, this.handlers?.state("open");
    }, t.onmessage = (e) => this.receive(e.data), t.onclose = () => this.closed(t);
  }
  receive(t) {
    let e;
    try {
      e = JSON.parse(t);
    } catch {
      return;
    }
    this.handlers?.message(e);
  }
  closed(t) {
    t === this.socket && (this.socket = null, this.handlers?.state("closed"), !this.stopped && (this.timer = window.setTimeout(() => this.open(), this.retryMs), this.retryMs = Math.min(this.retryMs * 2, 5e3)));
  }
}
const g = {
  edge: "rgba(125, 211, 252, 0.30)",
  pulseDown: "#22d3ee",
  text: "#d7e3ee",
  dim: "#7b8b9c",
  args: "#93a9bd",
  ret: "#86efac",
  error: "#fca5a5",
  header: "#5eead4",
  focusZone: "rgba(34, 211, 238, 0.045)",
  focusRing: "#f0f9ff",
  link: "rgba(196, 181, 253, 0.45)",
  hit: "#fbbf24",
  hitDim: "rgba(251, 191, 36, 0.55)"
}, N = {
  processing: "#facc15",
  success: "#4ade80",
  exception: "#f87171",
  info: "#c4b5fd",
  unfinished: "#94a3b8"
}, M = {
  fill: "rgba(167, 139, 250, 0.35)",
  stroke: "#a78bfa",
  text: "#c4b5fd",
  args: "#a5a0c8",
  dash: [3, 3],
  placeholderAlpha: 0.45
}, rt = { success: "#4ade80", exception: "#f87171" }, R = '"JetBrains Mono", "Fira Code", "DejaVu Sans Mono", Menlo, Consolas, monospace', u = {
  pad: 16,
  // left margin of the first lane
  columnWidth: 400,
  // one lane at least; labels are clipped to it
  maxColumnWidth: 1400,
  // one lane at most, however wide the stage
  laneGap: 28,
  headerHeight: 34,
  // lane names, drawn pinned to the top
  rowHeight: 60,
  // args line above, node, return line below
  indent: 16,
  // per depth level…
  maxIndentDepth: 10,
  // …up to this depth, so deep recursion stays in the column
  radius: 7,
  textGap: 14,
  // from the node centre to its labels
  nodeInset: 28,
  // from a column's left edge to a root's centre (room for the fold chevron)
  chevronOffset: 16,
  // from the node centre back to its fold chevron
  bottomSpace: 120
}, S = {
  pulseMs: 420,
  // a pulse travelling between a node and its parent
  flashMs: 700,
  // the green/red flash when a call ends
  maxPulses: 160,
  // animations beyond this are dropped (decoration, never state)
  followEase: 0.18,
  // share of the remaining distance scrolled per frame when following
  focusMinNodes: 5
  // the view starts following once this many nodes exist
}, Pt = 12, Bt = 120;
class Ht {
  pulses = [];
  flashes = /* @__PURE__ */ new Map();
  /** Start the animations of one applied message. */
  add(t, e, s) {
    t.reset && this.clear(), t.pulses.forEach((i, r) => this.addPulse(i, s + Math.min(r * Pt, Bt))), this.flashEnds(t, e, s), this.pulses.length > S.maxPulses && this.pulses.splice(0, this.pulses.length - S.maxPulses);
  }
  /** Drop finished animations; returns whether anything is still moving. */
  prune(t) {
    this.pulses = this.pulses.filter((e) => t - e.start < S.pulseMs);
    for (const [e, s] of this.flashes)
      t - s.start > S.flashMs && this.flashes.delete(e);
    return this.pulses.length > 0 || this.flashes.size > 0;
  }
  clear() {
    this.pulses = [], this.flashes.clear();
  }
  addPulse(t, e) {
    this.pulses.push({ dir: t.dir, node: t.node, parent: t.parent, outcome: t.outcome, start: e }), t.dir === "down" ? this.flashes.set(t.node, { color: "call", start: e + S.pulseMs * 0.8 }) : t.outcome !== null && this.flashes.set(t.node, { color: t.outcome, start: e });
  }
  // A call that ended without its pulse (the hub keeps only the newest ones) still flashes.
  flashEnds(t, e, s) {
    for (const [i, r] of t.before) {
      const o = e.node(i)?.state, l = o === "success" || o === "exception";
      r.state === "processing" && l && !this.flashes.has(i) && this.flashes.set(i, { color: o, start: s });
    }
  }
}
const qt = /* @__PURE__ */ new Set(["stack", "locals", "evaluate"]);
function ot(n) {
  return { run: n, state: null, pending: /* @__PURE__ */ new Map(), refusal: null, nextId: 1 };
}
function zt(n, t) {
  return n.state !== null && t.rev <= n.state.rev ? n : { ...n, state: t };
}
function jt(n, t) {
  const e = new Map(n.pending);
  return e.set(n.nextId, t), { view: { ...n, pending: e, refusal: null, nextId: n.nextId + 1 }, id: n.nextId };
}
function Kt(n, t) {
  const e = n.pending.get(t.id);
  if (e === void 0 || t.run !== n.run) return { view: n, request: void 0, fresh: !1 };
  const s = new Map(n.pending);
  s.delete(t.id);
  const r = t.accepted || qt.has(e.op) ? n.refusal : t.reason || "The debugger refused the request.", o = "seq" in e ? e.seq : null, l = o === null || o === n.state?.seq;
  return { view: { ...n, pending: s, refusal: r }, request: e, fresh: l };
}
function Gt(n, t) {
  return n.pending.size === 0 ? n : { ...n, pending: /* @__PURE__ */ new Map(), refusal: t };
}
function lt(n) {
  return n.state?.phase === "paused" ? n.state.place : null;
}
function Wt(n) {
  const t = n.state?.seq;
  for (const e of n.pending.values()) if (e.op === "command" && e.seq === t) return !0;
  return !1;
}
function at(n, t) {
  const e = n.state?.phase, s = t && !Wt(n), i = s && e === "paused";
  return { continue: i, next: i, step: i, return: i, pause: s && (e === "running" || e === "stepping") };
}
function ht(n, t) {
  return (n.state?.breakpoints ?? []).filter((e) => e.file === t && e.line !== null);
}
function Vt(n, t) {
  const e = n.state;
  if (e === null) return t ? "No debugger state yet." : "";
  if (!t && e.phase !== "ended") return "The run is over; its debugger cannot be reached.";
  const s = e.place;
  switch (e.phase) {
    case "paused":
      return s === null ? "Paused." : `Paused (${s.reason}) at ${$(s.file)}:${s.line} in ${s.function}` + (s.detail ? ` — ${s.detail}` : "") + (s.thread_name ? ` [${s.thread_name}]` : "");
    case "pausing":
      return "Pausing…";
    case "stepping":
      return `Stepping (${e.step ?? "step"})…`;
    case "ended":
      return "The program ended.";
    default:
      return e.waiting > 0 ? `Running (${e.waiting} waiting)` : "Running";
  }
}
function $(n) {
  const t = Math.max(n.lastIndexOf("/"), n.lastIndexOf("\\"));
  return n.slice(t + 1);
}
class Ut {
  constructor(t) {
    this.connection = t;
  }
  connection;
  current = ot(null);
  waiters = /* @__PURE__ */ new Map();
  listeners = [];
  get view() {
    return this.current;
  }
  /** Call `listener` after every change of the view. */
  subscribe(t) {
    this.listeners.push(t);
  }
  /** Another run is on screen: forget the previous one's debugger (its answers are dropped). */
  reset(t) {
    t !== this.current.run && (this.waiters.clear(), this.set(ot(t)));
  }
  handle(t) {
    if (t.run !== this.current.run) return;
    if (t.type === "debug_state") {
      this.set(zt(this.current, t.state));
      return;
    }
    const e = Kt(this.current, t);
    if (e.request === void 0) return;
    const s = this.waiters.get(t.id);
    this.waiters.delete(t.id), this.set(e.view), s?.({ accepted: t.accepted, reason: t.reason, result: t.result, fresh: e.fresh });
  }
  /** The hub connection closed: what was sent will get no answer. */
  linkLost() {
    const t = "The connection to the hub was lost; nothing sent was answered.", e = [...this.waiters.values()];
    this.waiters.clear(), this.set(Gt(this.current, t));
    for (const s of e) s({ accepted: !1, reason: t, result: null, fresh: !1 });
  }
  /** Send a request for the run on screen; resolves with its answer (never, if the run changes). */
  request(t) {
    const e = this.current.run;
    if (e === null) return Promise.resolve({ accepted: !1, reason: "No run is open.", result: null, fresh: !1 });
    const s = jt(this.current, t);
    return this.set(s.view), new Promise((i) => {
      this.waiters.set(s.id, i), this.connection.send({ type: "debug", run: e, id: s.id, request: t });
    });
  }
  set(t) {
    this.current = t;
    for (const e of this.listeners) e(t);
  }
}
function a(n, t, e = "") {
  const s = document.createElement(n);
  return s.className = t, e !== "" && (s.textContent = e), s;
}
function p(n, t, e) {
  const s = a("button", t, n);
  return s.type = "button", s.addEventListener("click", e), s;
}
function Yt(n, t) {
  if (t === null) return null;
  let e = null;
  for (const s of n.functions)
    s.start <= t && t <= s.end && (e === null || s.start >= e.start) && (e = s);
  return e;
}
function Xt(n) {
  const t = Yt(n.source, n.anchor), e = /* @__PURE__ */ new Map();
  for (const i of n.breakpoints) i.line !== null && e.set(i.line, i);
  const s = /* @__PURE__ */ new Map();
  for (const i of n.stats ?? []) s.set(i.line, i);
  return n.source.lines.map((i, r) => {
    const o = r + 1;
    return {
      line: o,
      tokens: i,
      inFunction: t !== null && t.start <= o && o <= t.end,
      current: o === n.current,
      breakpoint: e.get(o) ?? null,
      stat: s.get(o) ?? null,
      replayed: o === n.replay
    };
  });
}
function X(n) {
  const t = [];
  for (const e of n)
    e.line !== null && t.push({ line: e.line, condition: e.condition, hit: e.hit, log: e.log });
  return t.sort((e, s) => e.line - s.line);
}
function Zt(n, t) {
  const e = X(n), s = e.filter((i) => i.line !== t);
  return s.length !== e.length ? s : [...s, { line: t, condition: null, hit: null, log: null }].sort((i, r) => i.line - r.line);
}
function Jt(n, t) {
  return [...X(n).filter((s) => s.line !== t.line), t].sort((s, i) => s.line - i.line);
}
function Qt(n) {
  const t = n.trim().toLowerCase();
  if (t === "") return { hit: null };
  const e = /^(every\s+)?([1-9][0-9]*)$/.exec(t);
  return e === null ? { error: 'A hit count is a number ("5": the 5th hit) or "every N".' } : { hit: e[1] === void 0 ? e[2] ?? "" : `every ${e[2] ?? ""}` };
}
function dt(n) {
  const t = n.trim();
  return t === "" ? null : t;
}
function te(n, t) {
  const e = [`Breakpoint at line ${n}`];
  return t === null ? e[0] ?? "" : (t.condition !== null && e.push(`if ${t.condition}`), t.hit !== null && e.push(`hit ${t.hit}`), t.log !== null && e.push(`logs "${t.log}"`), t.verified || e.push("not verified"), e.join(", "));
}
class ee {
  constructor(t) {
    this.actions = t, this.element = a("form", "df-bp-editor"), this.element.setAttribute("aria-label", "Edit breakpoint"), this.element.hidden = !0, this.title = a("div", "df-bp-title"), this.condition = P("Condition", "x > 3"), this.hit = P("Hit count", '5 or "every 100"'), this.log = P("Log message", "x is {x}"), this.error = a("div", "df-bp-error"), this.error.setAttribute("role", "alert");
    const e = a("button", "df-bp-save", "Save");
    e.type = "submit";
    const s = p("Remove", "df-bp-remove", () => {
      this.actions.remove(this.line), this.close();
    }), i = p("Cancel", "df-bp-cancel", () => this.close()), r = a("div", "df-bp-buttons");
    r.append(e, s, i), this.element.append(this.title, B(this.condition), B(this.hit), B(this.log), this.error, r), this.element.addEventListener("submit", (o) => {
      o.preventDefault(), this.submit();
    }), this.element.addEventListener("keydown", (o) => {
      o.key === "Escape" && this.close();
    });
  }
  actions;
  element;
  title;
  condition;
  hit;
  log;
  error;
  line = 0;
  /** Edit `line`'s breakpoint (or a new one), focusing the condition field. */
  open(t, e) {
    this.line = t, this.title.textContent = `Line ${t}: pause if the condition holds, on a hit count, or log a message instead`, this.condition.value = e?.condition ?? "", this.hit.value = e?.hit ?? "", this.log.value = e?.log ?? "", this.error.textContent = "", this.element.hidden = !1, this.condition.focus();
  }
  close() {
    this.element.hidden || (this.element.hidden = !0, this.actions.closed(this.line));
  }
  submit() {
    const t = Qt(this.hit.value);
    if ("error" in t) {
      this.error.textContent = t.error, this.hit.focus();
      return;
    }
    const e = { line: this.line, condition: dt(this.condition.value), hit: t.hit, log: dt(this.log.value) };
    this.actions.save(e), this.close();
  }
}
function P(n, t) {
  const e = a("input", "df-bp-field");
  return e.type = "text", e.name = n, e.placeholder = t, e.autocomplete = "off", e.spellcheck = !1, e;
}
function B(n) {
  const t = a("label", "df-bp-label", n.name);
  return t.append(n), t;
}
function m(n) {
  const t = Math.trunc(n);
  if (t < 1e3) return `${t}ns`;
  const e = [
    ["us", 1e3],
    ["ms", 1e6],
    ["s", 1e9]
  ];
  for (const [s, i] of e)
    for (const r of [2, 1, 0]) {
      const o = Math.floor((t * 10 ** r * 2 + i) / (2 * i));
      if (o < 1e3 || s === "s" && r === 0) return se(o, r) + s;
    }
  return `${t}ns`;
}
function se(n, t) {
  if (t === 0) return String(n);
  const e = String(n % 10 ** t).padStart(t, "0");
  return `${Math.floor(n / 10 ** t)}.${e}`;
}
function v(n) {
  return String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
function F(n) {
  return n.value === "" ? n.type ? `${n.name}: ${n.type}` : n.name : n.type ? `${n.name}: ${n.type}=${n.value}` : `${n.name}=${n.value}`;
}
function Z(n) {
  return n.kind === "call" || n.sample !== null ? Ft(n.sample) : "";
}
function Ft(n) {
  return n === null || n.args === null ? "…" : n.args.map(F).join(", ");
}
function Ot(n) {
  const t = n.sample === null ? "" : ie(n.sample), e = n.failure;
  if (e === null) return t;
  const i = `✖ another call ${e.args !== null && e.args.length > 0 ? `(${Ft(e)}) ` : ""}raised ${Q(e)}`;
  return t === "" ? i : `${t} · ${i}`;
}
function ie(n) {
  return n.state === "raised" ? `✖ ${Q(n)}` : n.state === "returned" && n.ret !== null ? `→ ${J(n.ret)}` : "";
}
function J(n) {
  return n.value === "" ? n.type : n.type ? `${n.type}=${n.value}` : n.value;
}
function Q(n) {
  if (n.error === null) return "";
  const { type: t, message: e } = n.error;
  return e ? `${t}: ${e}` : t;
}
function tt(n) {
  return n.sample?.state === "raised" ? n.sample : n.failure;
}
function W(n) {
  const t = tt(n);
  return t === null || t.error === null ? "" : `✖ ${Q(t)}`;
}
function C(n) {
  return n.calls > 1 ? `${n.function} ×${v(n.calls)}` : n.function;
}
function ne(n) {
  const t = n.dur;
  if (t === null) return n.active > 0 ? "running" : "";
  if (n.calls === 1 || t.min === t.max) return m(t.median);
  const [e, s, i] = [t.min, t.median, t.max].map(m);
  return `min ${e} · median ${s} · max ${i}`;
}
function It(n) {
  const t = n.sample?.duration;
  return t != null ? m(t) : n.dur !== null ? m(n.dur.median) : n.state === "processing" ? "running" : "no duration";
}
function re(n) {
  const t = tt(n)?.error, e = n.state === "exception" && t ? `exception ${t.type}` : n.state;
  return `${C(n)}, ${e}, ${It(n)}`;
}
function L(n) {
  return n.line > 0 ? `${n.file}:${n.line}` : n.file;
}
function oe(n) {
  return new Date(n * 1e3).toLocaleTimeString("en-GB", { hour12: !1 });
}
function ct(n) {
  const t = [oe(n.started_at)];
  return n.state === "live" ? (t.push("running"), t.join(" · ")) : (t.push(`${v(n.calls)} calls`), n.exceptions > 0 && t.push(`${v(n.exceptions)} exc`), n.exit_code !== null && n.exit_code !== 0 && t.push(`exit ${n.exit_code}`), t.join(" · "));
}
class le {
  constructor(t) {
    this.actions = t, this.element = a("div", "df-code"), this.element.setAttribute("role", "group"), this.element.setAttribute("aria-label", "Source"), this.element.addEventListener("keydown", (e) => this.onKey(e));
  }
  actions;
  element;
  rows = [];
  shown = [];
  focusLine = 1;
  /** A new file: build every row. */
  load(t) {
    this.shown = t, this.rows = t.map((e) => this.buildRow(e)), this.element.replaceChildren(...this.rows), this.focusLine = t.find((e) => e.current)?.line ?? 1, this.update(t);
  }
  /** The same file with other marks: touch only the rows whose marks changed. */
  update(t) {
    t.forEach((e, s) => {
      const i = this.rows[s];
      i !== void 0 && this.mark(i, e);
    }), this.shown = t, this.element.dataset.stats = String(t.some((e) => e.stat !== null)), this.setFocusable(this.focusLine);
  }
  /** Scroll `line` into the middle of the view when it is out of sight. */
  reveal(t) {
    const e = this.rows[t - 1];
    if (e === void 0) return;
    const s = this.element.getBoundingClientRect(), i = e.getBoundingClientRect();
    (i.top < s.top || i.bottom > s.bottom) && (this.element.scrollTop += i.top - s.top - s.height / 2 + i.height / 2);
  }
  /** The gutter button of `line` (for tests and the editor's focus return). */
  gutter(t) {
    return this.rows[t - 1]?.querySelector(".df-gutter") ?? null;
  }
  buildRow(t) {
    const e = a("div", "df-code-row");
    e.dataset.line = String(t.line);
    const s = a("button", "df-gutter");
    s.type = "button", s.tabIndex = -1, s.addEventListener("click", () => this.actions.toggle(t.line)), s.addEventListener("contextmenu", (l) => {
      l.preventDefault(), this.actions.edit(t.line, s);
    });
    const i = a("span", "df-line-number", String(t.line));
    i.setAttribute("aria-hidden", "true");
    const r = a("span", "df-line-stat"), o = a("code", "df-line-code");
    for (const [l = "", h = ""] of t.tokens)
      l === "" || l === "w" || l === "n" || l === "p" ? o.append(h) : o.append(a("span", `t-${l}`, h));
    return e.append(s, i, r, o), e;
  }
  mark(t, e) {
    t.classList.toggle("df-in-function", e.inFunction), t.classList.toggle("df-current", e.current), t.classList.toggle("df-replayed", e.replayed), e.current ? t.setAttribute("aria-current", "step") : t.removeAttribute("aria-current");
    const s = t.firstElementChild;
    ae(s, e.line, e.breakpoint);
    const i = s.nextElementSibling?.nextElementSibling, r = e.stat === null ? "" : `${v(e.stat.hits)}× ${m(e.stat.ns)}`;
    i.textContent !== r && (i.textContent = r);
  }
  onKey(t) {
    const e = t.target;
    if (!e.classList.contains("df-gutter")) return;
    const s = Number(e.closest(".df-code-row")?.dataset.line ?? "1"), r = { ArrowDown: 1, ArrowUp: -1, PageDown: 20, PageUp: -20 }[t.key];
    if (r === void 0) return;
    t.preventDefault();
    const o = Math.max(1, Math.min(this.shown.length, s + r));
    this.setFocusable(o), this.gutter(o)?.focus();
  }
  // One gutter button is in the tab order (roving tabindex), so Tab does not walk every line.
  setFocusable(t) {
    const e = this.gutter(this.focusLine);
    e !== null && (e.tabIndex = -1), this.focusLine = Math.max(1, Math.min(this.shown.length, t));
    const s = this.gutter(this.focusLine);
    s !== null && (s.tabIndex = 0);
  }
}
function ae(n, t, e) {
  const s = e === null ? "" : e.log !== null ? "log" : e.condition !== null || e.hit !== null ? "conditional" : "plain";
  if (n.dataset.breakpoint === s && n.dataset.verified === String(e?.verified ?? "")) return;
  n.dataset.breakpoint = s, n.dataset.verified = String(e?.verified ?? ""), n.setAttribute("aria-pressed", String(e !== null));
  const i = te(t, e);
  n.setAttribute("aria-label", i), n.title = `${i} — click to toggle, right-click to edit`;
}
const Nt = [
  { kind: "continue", text: "▶", name: "Continue", key: "F5", shift: !1 },
  { kind: "next", text: "⤼", name: "Step over", key: "F10", shift: !1 },
  { kind: "step", text: "↓", name: "Step into", key: "F11", shift: !1 },
  { kind: "return", text: "↑", name: "Step out", key: "F11", shift: !0 },
  { kind: "pause", text: "❚❚", name: "Pause", key: "F6", shift: !1 }
];
function he(n, t) {
  return Nt.find((e) => e.key === n && e.shift === t)?.kind ?? null;
}
class de {
  element;
  buttons = /* @__PURE__ */ new Map();
  controls;
  status;
  refusal;
  raised;
  uncaught;
  pauseAll;
  constructor(t) {
    this.element = a("div", "df-debugbar");
    const e = a("div", "df-debug-buttons");
    e.setAttribute("role", "toolbar"), e.setAttribute("aria-label", "Debugger");
    for (const o of Nt) {
      const l = o.shift ? `Shift+${o.key}` : o.key, h = p(o.text, "df-debug-button", () => t.command(o.kind));
      h.dataset.command = o.kind, h.setAttribute("aria-label", o.name), h.setAttribute("aria-keyshortcuts", l), h.title = `${o.name} (${l})`, h.disabled = !0, this.buttons.set(o.kind, h), e.append(h);
    }
    this.raised = H("raised"), this.uncaught = H("uncaught");
    const s = () => t.exceptions(this.raised.checked, this.uncaught.checked);
    this.raised.addEventListener("change", s), this.uncaught.addEventListener("change", s);
    const i = a("fieldset", "df-debug-exceptions");
    i.append(a("legend", "", "Pause on exceptions"), q(this.raised, "raised"), q(this.uncaught, "uncaught")), this.pauseAll = H("pause_all"), this.pauseAll.addEventListener("change", () => t.pauseAll(this.pauseAll.checked));
    const r = q(this.pauseAll, "pause all threads");
    r.classList.add("df-debug-pause-all"), r.title = "While a thread is paused, every other thread of the program waits at its next line", this.status = a("div", "df-debug-status"), this.status.setAttribute("role", "status"), this.refusal = a("div", "df-debug-refusal"), this.refusal.setAttribute("role", "status"), this.controls = [e, i, r], this.element.append(e, i, r, this.status, this.refusal);
  }
  render(t) {
    for (const s of this.controls) s.hidden = !t.present;
    this.element.hidden = !t.present && t.refusal === null;
    for (const [s, i] of this.buttons) i.disabled = !t.enabled[s];
    this.status.textContent !== t.status && (this.status.textContent = t.status);
    const e = t.refusal ?? "";
    this.refusal.textContent !== e && (this.refusal.textContent = e), this.raised.checked = t.exceptions?.raised ?? !1, this.uncaught.checked = t.exceptions?.uncaught ?? !1, this.pauseAll.checked = t.pauseAll;
  }
}
function H(n) {
  const t = a("input", "df-debug-exception");
  return t.type = "checkbox", t.name = n, t;
}
function q(n, t) {
  const e = a("label", "df-debug-exception-label");
  return e.append(n, ` ${t}`), e;
}
function ce(n) {
  return n.type === "debug_state" || n.type === "debug_reply";
}
function x(n) {
  return typeof n == "object" && n !== null;
}
function _(n, t) {
  return t.every((e) => typeof n[e] == "string");
}
function ue(n) {
  return !x(n) || !Array.isArray(n.frames) ? null : n.frames.every(
    (e) => x(e) && typeof e.index == "number" && typeof e.line == "number" && _(e, ["file", "function"])
  ) ? n : null;
}
function fe(n) {
  return !x(n) || typeof n.total != "number" || !Array.isArray(n.children) ? null : n.children.every(
    (e) => x(e) && _(e, ["key", "name", "type", "value"]) && typeof e.expandable == "boolean"
  ) ? n : null;
}
function pe(n) {
  return !x(n) || !_(n, ["type", "value"]) || n.error !== null && typeof n.error != "string" ? null : n;
}
function me(n) {
  if (!x(n) || typeof n.file != "string" || !Array.isArray(n.lines) || !Array.isArray(n.functions)) return null;
  const t = n.lines.every(
    (s) => Array.isArray(s) && s.every((i) => Array.isArray(i) && typeof i[0] == "string" && typeof i[1] == "string")
  ), e = n.functions.every(
    (s) => x(s) && typeof s.start == "number" && typeof s.end == "number"
  );
  return t && e ? n : null;
}
function ge(n) {
  return !x(n) || typeof n.node != "number" || !Array.isArray(n.calls) ? null : n.calls.every(
    (e) => x(e) && typeof e.t == "number" && typeof e.truncated == "number" && Array.isArray(e.steps) && e.steps.every(
      (s) => x(s) && typeof s.line == "number" && typeof s.t == "number" && Array.isArray(s.changed) && s.changed.every((i) => x(i) && _(i, ["name", "type", "value"]))
    )
  ) ? n : null;
}
const ve = 4, be = [0.25, 0.5, 1, 2, 4, 10];
function we(n) {
  return n.calls.filter((t) => t.steps.length > 0);
}
function ye(n, t) {
  const e = n.steps.length;
  if (e === 0) return null;
  const s = Math.max(0, Math.min(e - 1, Math.trunc(t))), i = n.steps[s];
  if (i === void 0) return null;
  const r = /* @__PURE__ */ new Map();
  for (let o = 0; o <= s; o += 1)
    for (const l of n.steps[o]?.changed ?? []) l.name !== "…" && r.set(l.name, l);
  return { index: s, count: e, line: i.line, t: i.t, changed: i.changed, locals: [...r.values()] };
}
function ut(n, t) {
  return t + 1 < n.steps.length ? t + 1 : null;
}
function xe(n) {
  return 1e3 / (ve * Math.max(n, 0.01));
}
class ke {
  /** `show` gets the step to highlight (null: replay closed). */
  constructor(t) {
    this.show = t, this.element = a("div", "df-replay"), this.element.setAttribute("role", "group"), this.element.setAttribute("aria-label", "Line replay"), this.element.hidden = !0, this.calls = a("select", "df-replay-call"), this.calls.setAttribute("aria-label", "Recorded call"), this.calls.addEventListener("change", () => this.goTo(0)), this.play = p("▶", "df-replay-play", () => this.toggle()), this.play.setAttribute("aria-label", "Play the call's lines"), this.scrub = a("input", "df-replay-scrub"), this.scrub.type = "range", this.scrub.min = "0", this.scrub.setAttribute("aria-label", "Step of the call"), this.scrub.addEventListener("input", () => {
      this.stop(), this.goTo(Number(this.scrub.value));
    }), this.speed = a("select", "df-replay-speed"), this.speed.setAttribute("aria-label", "Replay speed");
    for (const s of be) this.speed.append(new Option(`${s}×`, String(s), s === 1, s === 1));
    this.speed.addEventListener("change", () => {
      this.timer !== void 0 && this.schedule();
    }), this.info = a("div", "df-replay-info"), this.info.setAttribute("aria-live", "polite");
    const e = a("span", "df-replay-title", "Line replay");
    this.element.append(e, this.calls, this.play, this.scrub, this.speed, this.info);
  }
  show;
  element;
  calls;
  play;
  scrub;
  speed;
  info;
  list = [];
  index = 0;
  timer;
  /** The node's recorded calls (oldest first); an empty list closes the replay. */
  load(t) {
    this.stop(), this.list = t, this.element.hidden = t.length === 0;
    const e = Math.min(this.calls.selectedIndex, t.length - 1);
    this.calls.replaceChildren(
      ...t.map((s, i) => new Option(`call ${i + 1} of ${t.length} (${s.steps.length} lines${s.truncated > 0 ? `, +${s.truncated} not kept` : ""})`, String(i)))
    ), this.calls.selectedIndex = e >= 0 ? e : t.length - 1, t.length === 0 ? this.show(null) : this.goTo(0);
  }
  /** Whether a replay is playing (new calls wait until it stops). */
  get playing() {
    return this.timer !== void 0;
  }
  /** Stop playing and forget the calls (another node, another run). */
  close() {
    this.load([]);
  }
  get call() {
    return this.list[this.calls.selectedIndex];
  }
  goTo(t) {
    const e = this.call, s = e === void 0 ? null : ye(e, t);
    if (e === void 0 || s === null) return;
    this.index = s.index, this.scrub.max = String(s.count - 1), this.scrub.value = String(s.index);
    const i = s.changed.map(F).join(", "), r = `step ${s.index + 1}/${s.count} · line ${s.line} · +${m(s.t)}`;
    this.info.replaceChildren(
      a("div", "df-replay-step", i ? `${r} · changed ${i}` : r),
      a("div", "df-replay-locals", s.locals.length === 0 ? "" : `locals: ${s.locals.map(F).join(", ")}`)
    ), this.show(s);
  }
  toggle() {
    if (this.timer !== void 0) {
      this.stop();
      return;
    }
    const t = this.call;
    t !== void 0 && (ut(t, this.index) === null && this.goTo(0), this.play.textContent = "❚❚", this.play.setAttribute("aria-label", "Pause the replay"), this.schedule());
  }
  schedule() {
    window.clearTimeout(this.timer), this.timer = window.setTimeout(() => this.tick(), xe(Number(this.speed.value)));
  }
  tick() {
    const t = this.call, e = t === void 0 ? null : ut(t, this.index);
    if (e === null) {
      this.stop();
      return;
    }
    this.goTo(e), this.schedule();
  }
  stop() {
    window.clearTimeout(this.timer), this.timer = void 0, this.play.textContent = "▶", this.play.setAttribute("aria-label", "Play the call's lines");
  }
}
class Se {
  constructor(t) {
    this.connection = t;
  }
  connection;
  files = /* @__PURE__ */ new Map();
  refused = /* @__PURE__ */ new Set();
  run = null;
  /** Another run: its files are other files. */
  reset(t) {
    this.run = t, this.files.clear(), this.refused.clear();
  }
  /** The user asked for `file` again: a refusal is retried (it may be traced by now). */
  retry(t) {
    this.refused.delete(t) && this.files.delete(t);
  }
  /** The file's highlighted source, or why there is none. */
  get(t) {
    const e = this.run;
    if (e === null) return Promise.resolve("No run is open.");
    let s = this.files.get(t);
    return s === void 0 && (s = this.fetch(e, t), this.files.set(t, s)), s;
  }
  async fetch(t, e) {
    const s = await this.connection.get("/api/source", { run: t, file: e }), i = s.ok ? me(s.body) : null;
    return i !== null ? i : (this.refused.add(e), s.ok ? "The hub's answer was not a source listing." : `The source of ${e} is not available: ${s.error}`);
  }
}
class Ae {
  constructor(t) {
    this.pick = t, this.element = a("section", "df-inspect df-stack"), this.element.setAttribute("aria-label", "Call stack"), this.list = a("ol", "df-stack-list"), this.list.setAttribute("role", "listbox"), this.list.setAttribute("aria-label", "Call stack"), this.list.tabIndex = 0, this.list.addEventListener("keydown", (e) => this.onKey(e)), this.element.append(a("h3", "df-inspect-title", "Call stack"), this.list);
  }
  pick;
  element;
  list;
  frames = [];
  selected = 0;
  /** Show these frames (null: not paused, or not known yet), `selected` picked. */
  show(t, e, s = "") {
    if (this.frames = t ?? [], this.selected = e, t === null || t.length === 0) {
      this.list.replaceChildren(a("li", "df-inspect-empty", s)), this.list.removeAttribute("aria-activedescendant");
      return;
    }
    this.list.replaceChildren(...t.map((i) => this.item(i))), this.list.setAttribute("aria-activedescendant", `df-frame-${e}`);
  }
  item(t) {
    const e = a("li", "df-frame");
    return e.id = `df-frame-${t.index}`, e.dataset.frame = String(t.index), e.setAttribute("role", "option"), e.setAttribute("aria-selected", String(t.index === this.selected)), e.append(a("span", "df-frame-function", t.function), a("span", "df-frame-where", `${$(t.file)}:${t.line}`)), e.title = `${t.file}:${t.line}`, e.addEventListener("click", () => this.pick(t)), e;
  }
  onKey(t) {
    const e = t.key === "ArrowDown" ? 1 : t.key === "ArrowUp" ? -1 : 0;
    if (e === 0) return;
    t.preventDefault();
    const s = this.frames.findIndex((r) => r.index === this.selected), i = this.frames[s + e];
    i !== void 0 && this.pick(i);
  }
}
const Me = 50;
class $e {
  element;
  tree;
  generation = 0;
  fetch = null;
  expanded = /* @__PURE__ */ new Set();
  // paths of keys, joined by NUL
  constructor() {
    this.element = a("section", "df-inspect df-variables"), this.element.setAttribute("aria-label", "Locals"), this.tree = a("ul", "df-var-tree"), this.tree.setAttribute("role", "tree"), this.tree.setAttribute("aria-label", "Locals"), this.element.append(a("h3", "df-inspect-title", "Locals"), this.tree);
  }
  /** Show a frame's locals through `fetch` (null: nothing to show, with `note`). */
  show(t, e = "") {
    this.generation += 1, this.fetch = t, this.tree.replaceChildren(a("li", "df-inspect-empty", t === null ? e : "Loading…")), t !== null && this.fill(this.tree, [], 0, this.generation, !0);
  }
  async fill(t, e, s, i, r) {
    const o = this.fetch;
    if (o === null) return;
    const l = await o(e, s, Me);
    if (i !== this.generation || l === null) return;
    if (r && t.replaceChildren(), t.querySelector(":scope > .df-var-more")?.remove(), typeof l == "string") {
      t.append(a("li", "df-inspect-empty df-var-error", l));
      return;
    }
    const h = e.length + 1;
    for (const d of l.children) t.append(this.item(d, [...e, d.key], h, i));
    r && l.children.length === 0 && t.append(a("li", "df-inspect-empty", "(none)"));
    const c = s + l.children.length;
    if (c < l.total) {
      const d = a("li", "df-var-more");
      d.setAttribute("role", "none"), d.append(
        p(`show more (${l.total - c} left)`, "df-var-more-button", () => {
          this.fill(t, e, c, i, !1);
        })
      ), t.append(d);
    }
  }
  item(t, e, s, i) {
    const r = a("li", "df-var");
    r.setAttribute("role", "treeitem"), r.setAttribute("aria-level", String(s)), r.dataset.name = t.name;
    const o = a("div", "df-var-row"), l = a("span", "df-var-name", t.name), h = a("span", "df-var-type", t.type), c = a("span", "df-var-value", t.value);
    if (r.setAttribute("aria-label", `${t.name}: ${t.type} = ${t.value}`), !t.expandable)
      return o.append(a("span", "df-var-twisty"), l, h, c), r.tabIndex = -1, r.append(o), r;
    r.setAttribute("aria-expanded", "false");
    const d = p("▸", "df-var-twisty", () => A());
    d.setAttribute("aria-label", `Expand ${t.name}`);
    const f = a("ul", "df-var-children");
    f.setAttribute("role", "group"), f.hidden = !0;
    const A = () => {
      const w = r.getAttribute("aria-expanded") !== "true";
      r.setAttribute("aria-expanded", String(w)), d.textContent = w ? "▾" : "▸", d.setAttribute("aria-label", `${w ? "Collapse" : "Expand"} ${t.name}`), f.hidden = !w, w ? this.expanded.add(e.join("\0")) : this.expanded.delete(e.join("\0")), w && f.childElementCount === 0 && (f.append(a("li", "df-inspect-empty", "Loading…")), this.fill(f, e, 0, i, !0));
    };
    return o.append(d, l, h, c), r.append(o, f), this.expanded.has(e.join("\0")) && A(), r;
  }
}
class Le {
  element;
  list;
  input;
  expressions = [];
  evaluate = null;
  note = "";
  generation = 0;
  constructor() {
    this.element = a("section", "df-inspect df-watches"), this.element.setAttribute("aria-label", "Watches");
    const t = a("form", "df-watch-form");
    this.input = a("input", "df-watch-input"), this.input.type = "text", this.input.placeholder = "add a watch expression", this.input.setAttribute("aria-label", "Watch expression"), this.input.spellcheck = !1, this.input.autocomplete = "off", t.append(this.input), t.addEventListener("submit", (e) => {
      e.preventDefault(), this.add(this.input.value);
    }), this.list = a("ul", "df-watch-list"), this.list.setAttribute("aria-label", "Watch expressions"), this.element.append(a("h3", "df-inspect-title", "Watches"), t, this.list);
  }
  /** Re-evaluate every watch through `evaluate` (null: not paused, values shown as `note`). */
  show(t, e = "") {
    this.evaluate = t, this.note = e, this.generation += 1, this.render();
  }
  add(t) {
    const e = t.trim();
    e === "" || this.expressions.includes(e) || (this.expressions.push(e), this.input.value = "", this.render());
  }
  render() {
    const t = this.generation;
    this.list.replaceChildren(...this.expressions.map((e) => this.item(e, t)));
  }
  item(t, e) {
    const s = a("li", "df-watch");
    s.dataset.expr = t;
    const i = a("span", "df-watch-value", this.evaluate === null ? this.note : "…"), r = p("✕", "df-watch-remove", () => {
      this.expressions.splice(this.expressions.indexOf(t), 1), this.render();
    });
    r.setAttribute("aria-label", `Remove watch ${t}`), s.append(a("span", "df-watch-expr", t), i, r);
    const o = this.evaluate;
    return o !== null && o(t).then((l) => {
      if (l === null || e !== this.generation) return;
      const h = typeof l == "string" ? l : l.error ?? `${l.type} = ${l.value}`;
      i.textContent = h, s.dataset.error = String(typeof l == "string" || l.error !== null);
    }), s;
  }
}
function ft(n) {
  return n.state === null ? "No debugger in this run." : n.state.phase === "ended" ? "The program ended." : "Not paused.";
}
class Ce {
  // what the inspectors say while not paused
  constructor(t, e, s) {
    this.connection = t, this.client = e, this.host = s, this.sources = new Se(t), this.element = a("section", "df-codepanel"), this.element.setAttribute("role", "region"), this.element.setAttribute("aria-label", "Code panel"), this.element.hidden = !0;
    const i = a("header", "df-cp-head");
    this.title = a("h2", "df-cp-title"), this.where = a("div", "df-cp-where");
    const r = a("div", "df-cp-names");
    r.append(this.title, this.where);
    const o = p("Open in editor", "df-cp-open", () => this.openInEditor());
    o.setAttribute("aria-keyshortcuts", "O"), o.title = "Open this file at the line in your editor (O)";
    const l = p("✕", "df-cp-close", () => this.close());
    l.setAttribute("aria-label", "Close the code panel"), this.focusButton = p("Trace lines", "df-cp-focus", () => {
      this.toggleFocus();
    }), this.focusButton.title = "Trace this function's next calls line by line (hits, time, changed locals)", this.focusButton.setAttribute("aria-pressed", "false"), i.append(r, this.focusButton, o, l), this.bar = new de({
      command: (d) => this.command(d),
      exceptions: (d, f) => {
        this.client.request({ op: "exceptions", raised: d, uncaught: f });
      },
      pauseAll: (d) => {
        this.client.request({ op: "options", pause_all: d });
      }
    }), this.note = a("div", "df-cp-note"), this.note.setAttribute("role", "status"), this.code = new le({
      toggle: (d) => this.setBreakpoints(Zt(this.breakpoints(), d)),
      edit: (d) => this.editor.open(d, this.breakpoints().find((f) => f.line === d) ?? null)
    }), this.editor = new ee({
      save: (d) => this.setBreakpoints(Jt(this.breakpoints(), d)),
      remove: (d) => this.setBreakpoints(X(this.breakpoints()).filter((f) => f.line !== d)),
      closed: (d) => this.code.gutter(d)?.focus()
    }), this.replay = new ke((d) => {
      this.replayFrame = d, this.render();
    });
    const h = a("div", "df-cp-source");
    h.append(this.note, this.replay.element, this.code.element, this.editor.element), this.stack = new Ae((d) => this.pickFrame(d)), this.inspect = a("div", "df-cp-inspect");
    const c = a("div", "df-cp-side");
    c.append(this.stack.element, this.watches.element), this.inspect.append(c, this.variables.element), this.element.append(i, this.bar.element, h, this.inspect), this.element.addEventListener("keydown", (d) => {
      !(d.target instanceof HTMLInputElement) && (d.key === "o" || d.key === "O") && !d.ctrlKey && !d.metaKey && this.openInEditor();
    }), document.addEventListener("keydown", (d) => this.onKey(d)), e.subscribe((d) => this.onView(d)), this.clearPause();
  }
  connection;
  client;
  host;
  element;
  title;
  where;
  note;
  bar;
  replay;
  focusButton;
  replayFrame = null;
  linesLoading = !1;
  // one /api/lines request at a time…
  linesStale = !1;
  // …and one more when the node changed meanwhile
  code;
  editor;
  stack;
  variables = new $e();
  watches = new Le();
  inspect;
  sources;
  run = null;
  target = null;
  loaded = null;
  shownAt = "";
  // file:line last scrolled to
  pauseSeq = null;
  frames = null;
  frame = 0;
  idleShown = "";
  /** Another run is on screen: nothing of the previous one is kept. */
  reset(t) {
    t !== this.run && (this.run = t, this.sources.reset(t), this.target = null, this.loaded = null, this.shownAt = "", this.element.hidden = !0, this.replay.close(), this.client.reset(t), this.clearPause());
  }
  /** Show a node's function in its file. */
  openNode(t) {
    t.kind === "mark" || t.file === "" || (this.sources.retry(t.file), this.setTarget({ file: t.file, anchor: t.line, title: t.function, stats: t.lines, node: t }), this.element.hidden = !1, t.lines !== null && this.loadLines(t), this.render());
  }
  /** Show a node and trace its function's next calls line by line. */
  traceNode(t) {
    this.openNode(t), this.target?.node?.id === t.id && this.focusButton.getAttribute("aria-pressed") !== "true" && this.toggleFocus();
  }
  /** The run's status changed (live or not): only the debug bar depends on it. */
  refreshBar() {
    const t = this.client.view, e = this.host.live();
    this.bar.render({
      enabled: at(t, e),
      present: t.state !== null,
      status: Vt(t, e),
      refusal: t.refusal,
      exceptions: t.state?.exceptions ?? null,
      pauseAll: t.state?.pause_all ?? !1
    });
  }
  /** The HUD's spine changed: a shown node's line statistics may have grown. */
  refreshNode(t) {
    const e = this.target?.node;
    if (this.target === null || e?.id !== t.id || t.lines === null) return;
    const s = pt(e.lines) !== pt(t.lines);
    this.target = { ...this.target, stats: t.lines, node: t }, s && !this.replay.playing && this.loadLines(t), this.render();
  }
  // Another file or node: a replay of the previous node ends.
  setTarget(t) {
    const e = this.target;
    this.target = t, (e === null || t.node?.id !== e.node?.id) && (this.focusButton.setAttribute("aria-pressed", "false"), this.replay.close());
  }
  async loadLines(t) {
    const e = this.run;
    if (e === null) return;
    if (this.linesLoading) {
      this.linesStale = !0;
      return;
    }
    this.linesLoading = !0;
    const s = await this.connection.get("/api/lines", { run: e, node: String(t.id) });
    if (this.linesLoading = !1, this.run !== e || this.target?.node?.id !== t.id) return;
    this.linesStale && (this.linesStale = !1, this.loadLines(this.target.node));
    const i = s.ok ? ge(s.body) : null;
    if (i === null) {
      this.say(s.ok ? "The hub's answer was not a line trace." : `No line trace: ${s.error}`);
      return;
    }
    this.replay.load(we(i));
  }
  // Line tracing of the shown node's function: on or off in the traced process.
  async toggleFocus() {
    const t = this.target?.node;
    if (t == null) return;
    const e = this.focusButton.getAttribute("aria-pressed") !== "true";
    !(await this.client.request({ op: "focus", function: `${t.file}:${t.function}`, on: e })).accepted || this.target?.node?.id !== t.id || (this.focusButton.setAttribute("aria-pressed", String(e)), this.say(e ? `The next calls of ${t.function} are traced line by line.` : ""));
  }
  onView(t) {
    const e = lt(t), s = t.state?.seq ?? null;
    e !== null && s !== this.pauseSeq ? (this.pauseSeq = s, this.frames = null, this.frame = 0, this.sources.retry(e.file), this.setTarget({ file: e.file, anchor: e.line, title: e.function, stats: null, node: null }), this.element.hidden = !1, this.showFrame(s ?? 0, 0, "Loading…"), this.loadStack(s ?? 0)) : e === null && (this.pauseSeq !== null || this.idleShown !== ft(t)) && (this.pauseSeq = null, this.clearPause()), this.render();
  }
  clearPause() {
    this.frames = null, this.frame = 0;
    const t = ft(this.client.view);
    this.idleShown = t, this.inspect.dataset.paused = "false", this.stack.show(null, 0, t), this.variables.show(null, t), this.watches.show(null, "—");
  }
  async loadStack(t) {
    const e = await this.client.request({ op: "stack", seq: t });
    if (!e.fresh || t !== this.pauseSeq) return;
    const s = e.accepted ? ue(e.result) : null;
    this.frames = s?.frames ?? null, this.stack.show(this.frames, this.frame, e.accepted ? "The stack could not be read." : e.reason);
  }
  pickFrame(t) {
    const e = this.pauseSeq;
    e !== null && (this.frame = t.index, this.sources.retry(t.file), this.setTarget({ file: t.file, anchor: t.line, title: t.function, stats: null, node: null }), this.stack.show(this.frames, this.frame), this.showFrame(e, t.index, ""), this.render());
  }
  showFrame(t, e, s) {
    this.inspect.dataset.paused = "true", s !== "" && this.stack.show(null, e, s), this.variables.show(this.localsOf(t, e)), this.watches.show(this.evaluatorOf(t, e));
  }
  localsOf(t, e) {
    return async (s, i, r) => {
      const o = await this.client.request({ op: "locals", seq: t, frame: e, path: s, offset: i, limit: r });
      return o.fresh ? o.accepted ? fe(o.result) ?? "The debugger's answer was not a locals listing." : o.reason : null;
    };
  }
  evaluatorOf(t, e) {
    return async (s) => {
      const i = await this.client.request({ op: "evaluate", seq: t, frame: e, expr: s });
      return i.fresh ? i.accepted ? pe(i.result) ?? "The debugger's answer was not a value." : i.reason : null;
    };
  }
  command(t) {
    const e = this.client.view;
    e.state === null || !at(e, this.host.live())[t] || this.client.request({ op: "command", kind: t, seq: e.state.seq });
  }
  onKey(t) {
    const e = he(t.key, t.shiftKey), s = this.client.view.state?.phase;
    e === null || s === void 0 || s === "ended" || (t.preventDefault(), this.command(e));
  }
  breakpoints() {
    return this.target === null ? [] : ht(this.client.view, this.target.file);
  }
  setBreakpoints(t) {
    this.target !== null && this.client.request({ op: "set_breakpoints", file: this.target.file, breakpoints: t });
  }
  openInEditor() {
    const t = this.target;
    t !== null && this.host.openInEditor(t.file, this.currentLine() ?? t.anchor ?? 1);
  }
  close() {
    this.editor.close(), this.element.hidden = !0;
  }
  // The selected frame's line, when the shown file is that frame's.
  currentLine() {
    const t = lt(this.client.view);
    if (t === null || this.target === null) return null;
    const e = this.frames?.find((s) => s.index === this.frame) ?? { file: t.file, line: t.line };
    return e.file === this.target.file ? e.line : null;
  }
  render() {
    this.refreshBar();
    const t = this.target, e = t?.node ?? null;
    this.focusButton.hidden = e === null || this.client.view.state === null || !this.host.live(), t !== null && (this.title.textContent = t.title, this.where.textContent = `${$(t.file)}${t.anchor === null ? "" : `:${t.anchor}`}`, this.where.title = t.file, this.element.setAttribute("aria-label", `Code panel: ${$(t.file)}`), this.loaded?.file === t.file ? this.draw(this.loaded, !1) : this.load(t.file));
  }
  async load(t) {
    const e = this.run;
    this.say(`Loading ${$(t)}…`);
    const s = await this.sources.get(t);
    if (!(this.target?.file !== t || this.run !== e || this.loaded?.file === t)) {
      if (typeof s == "string") {
        this.say(s), this.code.load([]);
        return;
      }
      this.say(""), this.loaded = s, this.draw(s, !0);
    }
  }
  draw(t, e) {
    const s = this.target;
    if (s === null) return;
    const i = this.currentLine(), r = Xt({
      source: t,
      anchor: s.anchor,
      current: i,
      breakpoints: ht(this.client.view, t.file),
      stats: s.stats,
      replay: this.replayFrame?.line ?? null
    });
    e ? this.code.load(r) : this.code.update(r);
    const o = i ?? this.replayFrame?.line ?? s.anchor ?? 1, l = `${t.file}:${o}`;
    (e || l !== this.shownAt) && this.code.reveal(o), this.shownAt = l;
  }
  say(t) {
    this.note.textContent !== t && (this.note.textContent = t), this.note.hidden = t === "";
  }
}
function pt(n) {
  let t = 0;
  for (const e of n ?? []) t += e.hits;
  return t;
}
const et = "ghost";
function st(n) {
  return n?.kind === et;
}
function D(n) {
  return n.kind === "unreached";
}
function it(n) {
  return n.reason ?? "";
}
class Ee {
  constructor(t, e) {
    this.connection = t, this.actions = e, this.element = a("section", "df-details"), this.element.setAttribute("aria-label", "Details");
    const s = a("h2", "df-panel-title", "Details");
    this.body = a("div", "df-details-body"), this.status = a("div", "df-details-status"), this.status.setAttribute("role", "status"), this.element.append(s, this.body, this.status), this.clear();
  }
  connection;
  actions;
  element;
  body;
  status;
  shown = null;
  shownStats = null;
  /** Show a node (null: nothing selected). Re-renders only when the node changed. */
  show(t, e) {
    const s = e === null ? void 0 : t.node(e);
    if (s === void 0) {
      this.shown !== null && this.clear();
      return;
    }
    const i = t.functionOf(s) ?? null;
    s === this.shown && i === this.shownStats || (s.id !== this.shown?.id && (this.status.textContent = ""), this.shown = s, this.shownStats = i, this.element.dataset.node = String(s.id), this.body.replaceChildren(...this.render(t, s)));
  }
  clear() {
    this.shown = null, this.shownStats = null, delete this.element.dataset.node, this.body.replaceChildren(a("p", "df-details-empty", "Select a node (click it, or move in the spine with the keyboard) to see its values and statistics here."));
  }
  render(t, e) {
    const s = [a("div", "df-details-name", C(e))], i = a("div", "df-details-where"), r = a("span", "df-details-ref", e.kind === "mark" ? "manual pulse" : L(e));
    i.append(a("span", "df-details-module", e.module), r), s.push(i);
    const o = a("div", "df-details-actions");
    return e.file !== "" && e.kind !== "mark" && o.append(p("Open in editor", "df-open-editor", () => {
      this.open(e);
    })), o.append(p("Focus", "df-details-focus", () => this.actions.focus(e.id))), t.children.has(e.id) && o.append(p("Fold / unfold", "df-details-fold", () => this.actions.fold(e.id))), s.push(o), D(e) ? (s.push(E("Not reached", [k(it(e), "df-details-reason")])), s) : (s.push(...Te(e)), s.push(E("Statistics", [Fe(t, e)])), s);
  }
  async open(t) {
    this.status.textContent = `Opening ${L(t)}…`;
    const e = await this.connection.openSource(t.file, t.line);
    this.status.textContent = e.ok ? `Opened ${L(t)} in your editor.` : e.error ?? "The editor could not be started.";
  }
}
function Te(n) {
  const t = [], e = n.sample, s = n.calls > 1 ? "Latest call kept" : "Call";
  return e === null ? n.kind === "call" && t.push(E(s, [k("values not kept (past the detail budget)", "df-details-dim")])) : t.push(E(s, mt(e))), n.failure !== null && t.push(E("Another call raised", mt(n.failure))), t;
}
function mt(n) {
  const t = [];
  if (n.args === null) t.push(k("arguments not kept", "df-details-dim"));
  else if (n.args.length === 0) t.push(k("no arguments", "df-details-dim"));
  else for (const e of n.args) t.push(k(F(e), "df-details-arg"));
  return n.state === "raised" ? t.push(k(Re(n), "df-details-error")) : n.state === "returned" && n.ret !== null ? t.push(k(`→ ${J(n.ret)}`, "df-details-return")) : n.state === "running" && t.push(k("running…", "df-details-dim")), n.duration !== null && t.push(k(`took ${m(n.duration)}`, "df-details-dim")), t;
}
function Re(n) {
  if (n.error === null) return "✖ raised";
  const t = n.error.line === null ? "" : ` (line ${n.error.line})`;
  return `✖ ${n.error.message ? `${n.error.type}: ${n.error.message}` : n.error.type}${t}`;
}
function Fe(n, t) {
  const e = a("dl", "df-details-stats"), s = (r, o, l) => {
    const h = a("dt", "", r), c = a("dd", "", o);
    c.dataset.stat = l, e.append(h, c);
  };
  s("calls", v(t.calls), "calls"), s("exceptions", t.exceptions > 0 ? `${v(t.exceptions)} · ${W(t)}` : "0", "exceptions"), t.active > 0 && s("running", v(t.active), "running"), t.dur !== null && (s("min / median / max", [t.dur.min, t.dur.median, t.dur.max].map(m).join(" / "), "minmax"), s("total time", m(t.dur.total), "total"), s("own time", m(t.dur.own), "own"));
  const i = n.functionOf(t);
  return i !== void 0 && (s("all calls of the function", `${v(i.calls)} (${v(i.exceptions)} raised)`, "fn-calls"), s("function total / own", `${m(i.total_ns)} / ${m(i.own_ns)}`, "fn-time"), s("function min / median / max", [i.min_ns, i.median_ns, i.max_ns].map(m).join(" / "), "fn-minmax")), e;
}
function E(n, t) {
  const e = a("div", "df-details-section");
  return e.append(a("h3", "df-details-heading", n), ...t), e;
}
function k(n, t) {
  return a("div", `df-details-value ${t}`, n);
}
const gt = "/ or Ctrl+F search · Enter / Shift+Enter next / previous hit · E next exception · S slowest · M most called · F focus the selected node · Esc leave focus · ←/→ fold in the spine · O overview";
class Oe {
  constructor(t) {
    this.actions = t, this.element = a("div", "df-explore"), this.element.setAttribute("role", "toolbar"), this.element.setAttribute("aria-label", "Find and fold");
    const e = a("form", "df-search");
    e.setAttribute("role", "search"), this.input = a("input", "df-search-input"), this.input.type = "search", this.input.placeholder = "Search function, module, file  (/regex/)", this.input.setAttribute("aria-label", "Search nodes by function, module or file name"), this.input.setAttribute("aria-keyshortcuts", "/ Control+F"), this.input.addEventListener("input", () => this.changed()), this.input.addEventListener("keydown", (l) => this.onKey(l)), e.addEventListener("submit", (l) => l.preventDefault()), this.regex = p(".*", "df-regex", () => {
      this.regex.setAttribute("aria-pressed", String(this.regex.getAttribute("aria-pressed") !== "true")), this.changed();
    }), this.regex.setAttribute("aria-pressed", "false"), this.regex.setAttribute("aria-label", "Regular expression"), this.regex.title = "Read the search as a regular expression", this.count = a("span", "df-search-count"), this.count.setAttribute("role", "status");
    const s = p("↑", "df-search-prev", () => t.step(!0));
    s.setAttribute("aria-label", "Previous match"), s.title = "Previous match (Shift+Enter)";
    const i = p("↓", "df-search-next", () => t.step(!1));
    i.setAttribute("aria-label", "Next match"), i.title = "Next match (Enter)", e.append(this.input, this.regex, this.count, s, i);
    const r = p("Next exception", "df-next-exception", () => t.nextException(!1));
    r.setAttribute("aria-keyshortcuts", "E"), r.title = "Next exception (E, Shift+E: previous)", this.slowest = p("Slowest", "df-slowest", () => t.openList("slowest")), this.slowest.setAttribute("aria-keyshortcuts", "S"), this.slowest.setAttribute("aria-haspopup", "dialog"), this.slowest.title = "Slowest functions by own and by total time (S)", this.called = p("Most called", "df-most-called", () => t.openList("called")), this.called.setAttribute("aria-keyshortcuts", "M"), this.called.setAttribute("aria-haspopup", "dialog"), this.called.title = "Most called functions (M)", this.depth = a("select", "df-fold-depth"), this.depth.setAttribute("aria-label", "Fold all below depth"), this.depth.append(new Option("fold: none", ""));
    for (const l of [1, 2, 3, 4, 6, 8]) this.depth.append(new Option(`fold below depth ${l}`, String(l)));
    this.depth.addEventListener("change", () => t.foldBelow(this.depth.value === "" ? null : Number(this.depth.value))), this.crumbs = a("nav", "df-crumbs"), this.crumbs.setAttribute("aria-label", "Focus"), this.crumbs.hidden = !0;
    const o = a("span", "df-help", "?");
    o.title = gt, o.setAttribute("aria-label", `Keyboard shortcuts: ${gt}`), o.tabIndex = 0, this.element.append(e, r, this.slowest, this.called, this.depth, o, this.crumbs);
  }
  actions;
  element;
  input;
  regex;
  count;
  crumbs;
  depth;
  slowest;
  called;
  /** Show how many nodes match and which one is current ("3 of 17"), or why the query fails. */
  setCount(t, e, s, i) {
    const r = s !== null ? "invalid regex" : i ? "" : e === 0 ? "no match" : t > 0 ? `${t} of ${e}` : `${e} found`;
    this.count.textContent !== r && (this.count.textContent = r), this.count.title = s ?? "", this.input.setAttribute("aria-invalid", String(s !== null));
  }
  /** Show the focus breadcrumb: "All › main › work" (empty: no focus). */
  setCrumbs(t) {
    if (this.crumbs.hidden = t.length === 0, t.length === 0) {
      this.crumbs.replaceChildren();
      return;
    }
    const e = [p("All", "df-crumb", () => this.actions.crumb(null))];
    t.forEach((s, i) => {
      e.push(a("span", "df-crumb-sep", "›"));
      const r = i === t.length - 1, o = p(s.label, "df-crumb", () => this.actions.crumb(s.id));
      r && o.setAttribute("aria-current", "location"), e.push(o);
    }), this.crumbs.replaceChildren(...e);
  }
  /** Reflect a fold depth chosen elsewhere (null: none). */
  setFoldDepth(t) {
    this.depth.value = t === null ? "" : String(t);
  }
  changed() {
    this.actions.search(this.input.value, this.regex.getAttribute("aria-pressed") === "true");
  }
  onKey(t) {
    t.key === "Enter" ? (t.preventDefault(), this.actions.step(t.shiftKey)) : t.key === "Escape" && (t.preventDefault(), t.stopPropagation(), this.input.value === "" ? this.input.blur() : (this.input.value = "", this.changed()));
  }
}
const vt = { slowest: ["own", "total"], called: ["calls"] }, Ie = { own: "by own time", total: "by total time", calls: "by calls" };
class Ne {
  constructor(t) {
    this.actions = t, this.element = a("div", "df-jumplist"), this.element.setAttribute("role", "dialog"), this.element.hidden = !0, this.tabs = a("div", "df-jumplist-tabs"), this.list = a("ol", "df-jumplist-items");
    const e = p("✕", "df-jumplist-close", () => this.close());
    e.setAttribute("aria-label", "Close"), this.element.append(this.tabs, e, this.list), this.element.addEventListener("keydown", (s) => this.onKey(s));
  }
  actions;
  element;
  tabs;
  list;
  kind = "slowest";
  by = "own";
  get open() {
    return !this.element.hidden;
  }
  /** Open (or switch to) a list, and put the keyboard on its first entry. */
  show(t) {
    this.kind = t, this.by = vt[t][0], this.element.setAttribute("aria-label", t === "slowest" ? "Slowest functions" : "Most called functions"), this.element.hidden = !1, this.render(), this.list.querySelector("button")?.focus();
  }
  close() {
    this.element.hidden || (this.element.hidden = !0, this.actions.closed());
  }
  /** Refresh the entries while open (the run grew, or its exact statistics arrived). */
  refresh() {
    this.open && this.render(!1);
  }
  render(t = !0) {
    t && this.tabs.replaceChildren(
      ...vt[this.kind].map((s) => {
        const i = p(Ie[s], "df-jumplist-tab", () => {
          this.by = s, this.render();
        });
        return i.setAttribute("aria-pressed", String(s === this.by)), i;
      })
    );
    const e = this.actions.rank(this.by);
    if (e.length === 0) {
      this.list.replaceChildren(a("li", "df-jumplist-empty", "No finished calls yet."));
      return;
    }
    this.list.replaceChildren(...e.map((s) => this.item(s)));
  }
  item(t) {
    const e = a("li", "df-jumplist-item"), s = this.by === "calls" ? `×${v(t.value)}` : m(t.value), i = p("", "df-jumplist-pick", () => {
      this.actions.jump(t.node);
    });
    return i.dataset.node = String(t.node), i.dataset.function = t.function, i.append(a("span", "df-jumplist-figure", s), a("span", "df-jumplist-name", t.function), a("span", "df-jumplist-meta", `${t.module} · ${v(t.calls)} calls${t.nodes > 1 ? ` · ${t.nodes} nodes` : ""}`)), i.setAttribute("aria-label", `${t.function}, ${s}${t.exact ? "" : " (so far)"}, ${v(t.calls)} calls`), e.append(i), e;
  }
  onKey(t) {
    const e = [...this.list.querySelectorAll("button")], s = e.indexOf(document.activeElement);
    if (t.key === "Escape") this.close();
    else if (t.key === "ArrowDown") e[Math.min(e.length - 1, s + 1)]?.focus();
    else if (t.key === "ArrowUp") e[Math.max(0, s - 1)]?.focus();
    else return;
    t.preventDefault(), t.stopPropagation();
  }
}
const b = {
  laneLabel: 14,
  // height of a band's title
  laneGap: 6,
  maxRow: 14,
  minRow: 2,
  squeezed: 8
  // pixels given to each squeezed stretch of time
};
class _e {
  width = 0;
  height = 0;
  /** The time at the right edge, ns since the run started. */
  end = 1;
  rowHeight = b.maxRow;
  bands = [];
  /** Rectangles of every laid out node, in model id order. */
  boxes = [];
  boxOf = /* @__PURE__ */ new Map();
  bandOf = /* @__PURE__ */ new Map();
  // Nodes of each (lane, depth) row by start time, for hit testing and neighbours.
  rows = /* @__PURE__ */ new Map();
  model = null;
  /** Squeezed stretches, in time order, not overlapping. */
  squeezes = [];
  scale = 1;
  // pixels per nanosecond outside the squeezed stretches
  /**
   * Lay out every node of `model` in a `width`×`height` box; `now` ends running nodes, and the
   * time of nodes for which `squeeze` holds is drawn a few pixels wide.
   */
  build(t, e, s, i, r = () => !1) {
    this.model = t, this.width = Math.max(1, e), this.height = Math.max(1, s), this.rows.clear(), this.boxOf.clear(), this.bandOf.clear(), this.boxes = [];
    const o = /* @__PURE__ */ new Map();
    let l = Math.max(1, i);
    for (const h of t.nodes) {
      if (h === void 0) continue;
      o.set(h.lane, Math.max(o.get(h.lane) ?? 0, h.depth)), l = Math.max(l, h.last_t);
      const c = I(h.lane, h.depth), d = this.rows.get(c);
      d === void 0 ? this.rows.set(c, [h]) : d.push(h);
    }
    this.end = l, this.squeezeTime(t, r), this.layBands(t, o);
    for (const h of this.rows.values()) h.sort((c, d) => c.first_t - d.first_t || c.id - d.id);
    for (const h of t.nodes) {
      const c = h === void 0 ? void 0 : this.bandOf.get(h.lane);
      if (h === void 0 || c === void 0 || h.depth >= c.depths) continue;
      const [d, f] = O(h, l), A = this.xOf(d), w = {
        id: h.id,
        x: A,
        y: c.top + b.laneLabel + h.depth * this.rowHeight,
        w: Math.max(1, this.xOf(f) - A),
        h: this.rowHeight
      };
      this.boxes.push(w), this.boxOf.set(h.id, w);
    }
  }
  /** A node's rectangle (undefined: not laid out, or too deep for its band). */
  box(t) {
    return this.boxOf.get(t);
  }
  xOf(t) {
    let e = 0, s = 0;
    for (const { start: i, stop: r } of this.squeezes) {
      if (t < i) break;
      if (e += (i - s) * this.scale, t < r) return e + b.squeezed * (t - i) / (r - i);
      e += b.squeezed, s = r;
    }
    return e + (t - s) * this.scale;
  }
  timeOf(t) {
    const e = Math.max(0, Math.min(t, this.width));
    let s = 0, i = 0;
    for (const { start: r, stop: o } of this.squeezes) {
      const l = (r - i) * this.scale;
      if (e < s + l) break;
      if (s += l, e < s + b.squeezed) return r + (e - s) / b.squeezed * (o - r);
      s += b.squeezed, i = o;
    }
    return Math.min(this.end, i + (e - s) / this.scale);
  }
  // The squeezed stretches (merged where they overlap) and the scale of the rest.
  squeezeTime(t, e) {
    const s = [];
    let i = this.end;
    for (const c of t.nodes) c !== void 0 && (i = Math.min(i, c.first_t));
    i > 0 && i < this.end && s.push({ start: 0, stop: i });
    for (const c of t.nodes) {
      if (c === void 0 || !e(c)) continue;
      const [d, f] = O(c, this.end);
      f > d && s.push({ start: d, stop: f });
    }
    s.sort((c, d) => c.start - d.start);
    const r = [];
    for (const c of s) {
      const d = r[r.length - 1];
      d !== void 0 && c.start <= d.stop ? d.stop = Math.max(d.stop, c.stop) : r.push({ ...c });
    }
    const o = r.reduce((c, d) => c + (d.stop - d.start), 0), l = this.end - o, h = this.width - b.squeezed * r.length;
    if (r.length === 0 || l <= 0 || h < this.width / 2) {
      this.squeezes = [], this.scale = this.width / this.end;
      return;
    }
    this.squeezes = r, this.scale = h / l;
  }
  /** The band under a y coordinate. */
  bandAt(t) {
    return this.bands.find((e) => t >= e.top && t < e.top + e.height);
  }
  /** The node drawn under a point, if any. */
  hit(t, e) {
    const s = this.bandAt(e);
    if (s === void 0) return;
    const i = Math.floor((e - s.top - b.laneLabel) / this.rowHeight);
    if (i < 0 || i >= s.depths) return;
    let r;
    for (const o of this.rows.get(I(s.lane, i)) ?? []) {
      const l = this.boxOf.get(o.id);
      if (l !== void 0) {
        if (l.x > t + 1) break;
        if (t >= l.x && t <= l.x + l.w) return o.id;
        r === void 0 && t >= l.x - 1 && t <= l.x + l.w + 1 && (r = o.id);
      }
    }
    return r;
  }
  /**
   * The nodes a brush from x0 to x1 (in the band under y) takes in: those that start inside
   * the range, shallowest first, then by start. When none starts inside, the deepest node
   * running across the range's start. The first one is where the spine goes.
   */
  brush(t, e, s) {
    const i = this.bandAt(s) ?? this.bands[0];
    if (i === void 0) return [];
    const r = this.timeOf(Math.min(t, e)), o = this.timeOf(Math.max(t, e)), l = [];
    let h;
    for (let c = 0; c < i.depths; c++)
      for (const d of this.rows.get(I(i.lane, c)) ?? []) {
        if (d.first_t > o) break;
        d.first_t >= r ? l.push(d) : O(d, this.end)[1] >= r && (h = d);
      }
    return l.sort((c, d) => c.depth - d.depth || c.first_t - d.first_t || c.id - d.id), l.length > 0 ? l.map((c) => c.id) : h === void 0 ? [] : [h.id];
  }
  /** The time range covered by some nodes (the spine's visible rows), or null. */
  spanOf(t) {
    const e = this.model;
    if (e === null) return null;
    let s = 1 / 0, i = -1 / 0;
    for (const r of t) {
      const o = e.node(r);
      if (o === void 0) continue;
      const [l, h] = O(o, this.end);
      s = Math.min(s, l), i = Math.max(i, h);
    }
    return s <= i ? [s, i] : null;
  }
  /** The node next to `id` on the overview: its parent (up), first child (down), or the one
   * before or after it at the same depth of its lane (left, right). */
  neighbour(t, e) {
    const s = this.model, i = s?.node(t);
    if (s === null || i === void 0) return;
    if (e === "up") return i.parent ?? void 0;
    if (e === "down")
      return (s.children.get(t) ?? []).find((h) => this.boxOf.has(h));
    const r = this.rows.get(I(i.lane, i.depth)) ?? [], o = r.indexOf(i);
    return r[e === "left" ? o - 1 : o + 1]?.id;
  }
  // Bands share the height by their number of depths; the row height is the same in all.
  layBands(t, e) {
    const s = [...e.keys()].sort((d, f) => d - f), i = s.length * (b.laneLabel + b.laneGap), r = s.reduce((d, f) => d + (e.get(f) ?? 0) + 1, 0), o = Math.max(0, this.height - i), l = r > 0 ? Math.floor(o / r) : b.maxRow;
    this.rowHeight = Math.max(b.minRow, Math.min(b.maxRow, l));
    const h = Math.floor(o / Math.max(1, s.length) / this.rowHeight);
    let c = 0;
    this.bands = s.map((d) => {
      const f = (e.get(d) ?? 0) + 1, A = l >= b.minRow ? f : Math.max(1, Math.min(f, h)), w = {
        lane: d,
        name: t.lanes[d]?.name ?? `lane ${d}`,
        top: c,
        height: b.laneLabel + A * this.rowHeight,
        depths: A
      };
      return c += w.height + b.laneGap, this.bandOf.set(d, w), w;
    });
  }
}
function O(n, t) {
  const e = n.active > 0 || n.state === "processing" ? t : n.last_t;
  return [n.first_t, Math.max(n.first_t, e)];
}
function I(n, t) {
  return `${n}:${t}`;
}
const De = 500, bt = 4;
class Pe {
  constructor(t) {
    this.actions = t, this.element = a("section", "df-overview"), this.element.setAttribute("aria-label", "Run overview"), this.canvas = a("canvas", "df-overview-canvas"), this.canvas.tabIndex = 0, this.canvas.setAttribute("role", "img"), this.canvas.setAttribute("aria-label", "Run overview"), this.canvas.setAttribute("aria-roledescription", "run overview"), this.canvas.setAttribute("aria-keyshortcuts", "O"), this.described = a("span", "df-overview-cursor"), this.described.id = "df-overview-cursor", this.described.setAttribute("aria-live", "polite"), this.canvas.setAttribute("aria-describedby", this.described.id), this.canvas.title = "Time across, depth down. Click or drag to move the spine there; arrows and Enter from the keyboard.", this.picture = document.createElement("canvas");
    const e = this.canvas.getContext("2d");
    if (e === null) throw new Error("this browser cannot draw on a canvas");
    this.ctx = e, this.element.append(a("h2", "df-panel-title", "Overview"), this.canvas, this.described), this.listen(), new ResizeObserver(() => this.resize()).observe(this.canvas);
  }
  actions;
  element;
  canvas;
  layout = new _e();
  described;
  picture;
  ctx;
  builtVersion = -1;
  builtAt = -1 / 0;
  builtSlow = /* @__PURE__ */ new Set();
  size = { width: 0, height: 0 };
  dpr = 1;
  brushFrom = null;
  brushTo = null;
  cursor = null;
  model = null;
  dirty = !0;
  /** A new run: forget the picture and the cursor. */
  reset() {
    this.builtVersion = -1, this.cursor = null, this.brushFrom = this.brushTo = null, this.described.textContent = "", this.dirty = !0;
  }
  /** Draw one frame; rebuilds the boxes when the run changed (throttled while it is live).
   * `squeeze`: nodes whose time is drawn a few pixels wide (folded imports). */
  draw(t, e, s, i) {
    this.model = t;
    const { width: r, height: o } = this.size;
    if (r <= 0 || o <= 0) return;
    const l = t.version !== this.builtVersion || e.slow !== this.builtSlow || this.dirty, h = t.status?.state === "live";
    if (l && (s - this.builtAt >= De || this.builtVersion < 0 || !h || this.dirty)) {
      const d = t.status?.elapsed_ns ?? 0;
      this.layout.build(t, r, o, d, i), this.paintBoxes(t, e.slow), this.builtVersion = t.version, this.builtSlow = e.slow, this.builtAt = s, this.dirty = !1;
    }
    const { ctx: c } = this;
    c.setTransform(1, 0, 0, 1, 0, 0), c.clearRect(0, 0, this.canvas.width, this.canvas.height), c.drawImage(this.picture, 0, 0), c.setTransform(this.dpr, 0, 0, this.dpr, 0, 0), this.drawMarks(e);
  }
  /** Give the overview the keyboard (the O shortcut). */
  focus() {
    this.canvas.focus();
  }
  resize() {
    const t = this.canvas.getBoundingClientRect();
    this.dpr = window.devicePixelRatio || 1, this.size = { width: Math.floor(t.width), height: Math.floor(t.height) };
    for (const e of [this.canvas, this.picture])
      e.width = Math.max(1, Math.round(this.size.width * this.dpr)), e.height = Math.max(1, Math.round(this.size.height * this.dpr));
    this.dirty = !0;
  }
  // The boxes, once per rebuild: depth-tinted cyan, red where calls raised, amber outlines on
  // the slowest functions' nodes, lane names on top of their bands.
  paintBoxes(t, e) {
    const s = this.picture.getContext("2d");
    if (s === null) return;
    s.setTransform(this.dpr, 0, 0, this.dpr, 0, 0), s.clearRect(0, 0, this.size.width, this.size.height);
    const i = this.layout.rowHeight >= 6 ? 1 : 0;
    for (const r of this.layout.boxes) {
      const o = t.node(r.id);
      o !== void 0 && (s.fillStyle = o.state === "exception" ? N.exception : o.state === "processing" ? N.processing : Be(o.depth), s.fillRect(r.x, r.y, Math.max(1, r.w - i), r.h - i));
    }
    s.strokeStyle = g.hit, s.lineWidth = 1.5;
    for (const r of e) {
      const o = this.layout.box(r);
      o !== void 0 && s.strokeRect(o.x + 0.75, o.y + 0.75, Math.max(2, o.w - 1.5), o.h - 1.5);
    }
    s.fillStyle = "rgba(196, 181, 253, 0.16)";
    for (const { start: r, stop: o } of this.layout.squeezes) {
      const l = this.layout.xOf(r);
      s.fillRect(l, 0, Math.max(1, this.layout.xOf(o) - l), this.size.height);
    }
    s.font = `600 10px ${R}`, s.textBaseline = "top", s.fillStyle = g.header;
    for (const r of this.layout.bands) s.fillText(`▍${r.name}`.toUpperCase(), 2, r.top + 1);
  }
  drawMarks(t) {
    const { ctx: e, layout: s } = this, i = this.size.height;
    if (t.visible !== null) {
      const r = s.xOf(t.visible[0]), o = Math.max(r + 2, s.xOf(t.visible[1]));
      e.fillStyle = "rgba(240, 249, 255, 0.10)", e.fillRect(r, 0, o - r, i), e.strokeStyle = "rgba(240, 249, 255, 0.65)", e.lineWidth = 1, e.strokeRect(r + 0.5, 0.5, o - r - 1, i - 1);
    }
    e.fillStyle = g.hit;
    for (const r of t.hits) {
      const o = s.box(r);
      o !== void 0 && e.fillRect(o.x, o.y + o.h - 3, Math.max(2, o.w), 3);
    }
    for (const [r, o] of [
      [t.selected, g.focusRing],
      [this.cursor, g.pulseDown]
    ]) {
      const l = r === null ? void 0 : s.box(r);
      l !== void 0 && (e.strokeStyle = o, e.lineWidth = 2, e.strokeRect(l.x - 1, l.y - 1, Math.max(3, l.w + 2), l.h + 2));
    }
    if (this.brushFrom !== null && this.brushTo !== null) {
      const r = Math.min(this.brushFrom.x, this.brushTo.x), o = Math.abs(this.brushTo.x - this.brushFrom.x);
      e.fillStyle = "rgba(34, 211, 238, 0.18)", e.fillRect(r, 0, o, i);
    }
    e.fillStyle = g.dim, e.font = `10px ${R}`, e.textBaseline = "bottom", e.fillText(m(s.end), Math.max(0, this.size.width - 60), i - 1);
  }
  listen() {
    const t = (e) => {
      const s = this.canvas.getBoundingClientRect();
      return { x: e.clientX - s.left, y: e.clientY - s.top };
    };
    this.canvas.addEventListener("pointerdown", (e) => {
      this.canvas.setPointerCapture(e.pointerId), this.brushFrom = t(e), this.brushTo = this.brushFrom;
    }), this.canvas.addEventListener("pointermove", (e) => {
      this.brushFrom !== null && (this.brushTo = t(e));
    }), this.canvas.addEventListener("pointerup", (e) => {
      const s = this.brushFrom, i = t(e);
      if (this.brushFrom = this.brushTo = null, s === null) return;
      const r = Math.abs(i.x - s.x) < bt, l = (r ? this.layout.hit(i.x, i.y) : void 0) ?? this.layout.brush(s.x, r ? s.x + bt : i.x, s.y)[0];
      l !== void 0 && this.jumpTo(l);
    }), this.canvas.addEventListener("pointercancel", () => {
      this.brushFrom = this.brushTo = null;
    }), this.canvas.addEventListener("keydown", (e) => this.onKey(e));
  }
  onKey(t) {
    const s = { ArrowLeft: "left", ArrowRight: "right", ArrowUp: "up", ArrowDown: "down" }[t.key];
    if (s !== void 0) {
      const i = this.cursor ?? this.layout.boxes[0]?.id, r = i === void 0 ? void 0 : this.cursor === null ? i : this.layout.neighbour(i, s);
      r !== void 0 && this.setCursor(r);
    } else if (t.key === "Enter" || t.key === " ")
      this.cursor !== null && this.actions.jump(this.cursor);
    else if (t.key === "Home") {
      const i = this.layout.boxes[0]?.id;
      i !== void 0 && this.setCursor(i);
    } else
      return;
    t.preventDefault(), t.stopPropagation();
  }
  /** Put the keyboard cursor on a node (kept in step with the selection). */
  setCursor(t) {
    this.cursor = t;
    const e = t === null ? void 0 : this.model?.node(t);
    this.described.textContent = e === void 0 ? "" : `${C(e)}, ${e.state}, depth ${e.depth}${e.dur ? `, ${m(e.dur.total)} total` : ""}`;
  }
  get cursorNode() {
    return this.cursor;
  }
  jumpTo(t) {
    this.setCursor(t), this.actions.jump(t);
  }
}
function Be(n) {
  const t = Math.min(n, 12) / 12, e = 58 - t * 26;
  return `hsl(${188 + t * 30}, 70%, ${e}%)`;
}
function wt(n, t, e = 10) {
  const s = /* @__PURE__ */ new Map();
  for (const r of n.nodes) {
    if (r === void 0 || r.kind !== "call") continue;
    let o = s.get(r.fkey);
    o === void 0 && (o = { nodes: [], own: 0, total: 0, calls: 0 }, s.set(r.fkey, o)), o.nodes.push(r), o.own += r.dur?.own ?? 0, o.total += r.dur?.total ?? 0, o.calls += r.calls;
  }
  const i = [];
  for (const [r, o] of s) {
    const l = o.nodes[0], h = n.functions.get(r), c = h === void 0 ? o[t] : t === "own" ? h.own_ns : t === "total" ? h.total_ns : h.calls;
    i.push({
      fkey: r,
      function: l.function,
      module: l.module,
      value: c,
      calls: h?.calls ?? o.calls,
      node: He(o.nodes, t).id,
      nodes: o.nodes.length,
      exact: h !== void 0
    });
  }
  return i.sort((r, o) => o.value - r.value || r.node - o.node), i.filter((r) => r.value > 0).slice(0, e);
}
function yt(n, t) {
  return t === "calls" ? n.calls : t === "own" ? n.dur?.own ?? 0 : n.dur?.total ?? 0;
}
function He(n, t) {
  let e = n[0];
  for (const s of n) yt(s, t) > yt(e, t) && (e = s);
  return e;
}
function xt(n) {
  return n.state === "exception" || n.exceptions > 0;
}
function qe(n, t) {
  if (!xt(t)) return !1;
  const e = kt(t);
  for (const s of n.children.get(t.id) ?? []) {
    const i = n.node(s);
    if (i !== void 0 && xt(i) && (e === null || kt(i) === e)) return !1;
  }
  return !0;
}
function kt(n) {
  const t = n.sample?.state === "raised" ? n.sample : n.failure;
  return t?.error == null ? null : `${t.error.type}: ${t.error.message}`;
}
function ze(n, t, e, s = !1) {
  const i = t.length;
  if (i === 0) return null;
  const r = e === null ? -1 : t.indexOf(e);
  for (let o = 1; o <= i; o++) {
    const l = s ? (((r < 0 ? 0 : r) - o) % i + i) % i : (r + o) % i, h = n.node(t[l]);
    if (h !== void 0 && qe(n, h)) return h.id;
  }
  return null;
}
const je = /^\/(.+)\/([a-z]*)$/s;
function Ke(n, t = !1) {
  const e = n.trim();
  if (e === "") return { ok: !0, match: () => !1, empty: !0 };
  const s = je.exec(e);
  if (t || s !== null) {
    const r = s?.[1] ?? e, o = s?.[2] ?? "i";
    let l;
    try {
      l = new RegExp(r, o.replace(/[gy]/g, ""));
    } catch (h) {
      return { ok: !1, error: h instanceof Error ? h.message : String(h) };
    }
    return { ok: !0, match: (h) => St(h).some((c) => l.test(c)), empty: !1 };
  }
  const i = e.toLowerCase();
  return { ok: !0, match: (r) => St(r).some((o) => o.toLowerCase().includes(i)), empty: !1 };
}
function St(n) {
  return [n.function, n.module, n.file];
}
function Ge(n) {
  const t = [];
  for (const i of n.nodes) i !== void 0 && i.parent === null && t.push(i);
  t.sort((i, r) => i.lane - r.lane || i.id - r.id);
  const e = [], s = t.map((i) => i.id).reverse();
  for (; s.length > 0; ) {
    const i = s.pop();
    e.push(i);
    const r = n.children.get(i);
    if (r !== void 0) for (let o = r.length - 1; o >= 0; o--) s.push(r[o]);
  }
  return e;
}
function We(n, t, e) {
  const s = [];
  for (const i of t) {
    const r = n.node(i);
    r !== void 0 && e(r) && s.push(i);
  }
  return s;
}
class Ve {
  hits = [];
  index = -1;
  /** Replace the hits, keeping the current node when it is still among them. */
  setHits(t) {
    const e = this.current;
    this.hits = t, this.index = e === null ? -1 : t.indexOf(e);
  }
  /** The node of the current hit, or null before the first step. */
  get current() {
    return this.index < 0 ? null : this.hits[this.index] ?? null;
  }
  /** 1-based position of the current hit (0: none yet). */
  get position() {
    return this.index + 1;
  }
  /** Go to the next hit (or the previous one); returns its node, or null when there is none. */
  step(t = !1) {
    const e = this.hits.length;
    return e === 0 ? null : (this.index < 0 ? this.index = t ? e - 1 : 0 : this.index = (this.index + (t ? e - 1 : 1)) % e, this.current);
  }
  /** Go to the first hit after a node in `order` (the selected one), or the first one. */
  stepFrom(t, e, s = !1) {
    if (t === null || this.hits.length === 0) return this.step(s);
    const i = /* @__PURE__ */ new Map();
    e.forEach((h, c) => i.set(h, c));
    const r = i.get(t) ?? -1, o = this.hits.map((h) => i.get(h) ?? -1);
    let l;
    if (s) {
      l = -1;
      for (let h = o.length - 1; h >= 0 && l < 0; h--) o[h] < r && (l = h);
      l < 0 && (l = this.hits.length - 1);
    } else
      l = o.findIndex((h) => h > r), l < 0 && (l = 0);
    return this.index = l, this.current;
  }
  clear() {
    this.hits = [], this.index = -1;
  }
}
const Ue = 250, Ye = 5;
class Xe {
  constructor(t, e) {
    this.host = t, this.bar = new Oe({
      search: (s, i) => this.search(s, i),
      step: (s) => this.step(s),
      nextException: (s) => this.nextException(s),
      openList: (s) => this.openList(s),
      foldBelow: (s) => this.foldBelow(s),
      crumb: (s) => this.setFocus(s)
    }), this.list = new Ne({
      rank: (s) => this.rank(s),
      jump: (s) => this.jump(s),
      closed: () => (this.listKind === "slowest" ? this.bar.slowest : this.bar.called).focus()
    }), this.overview = new Pe({ jump: (s) => this.jump(s) }), this.details = new Ee(e, {
      focus: (s) => this.setFocus(s),
      fold: (s) => this.toggleFold(s)
    }), window.addEventListener("keydown", (s) => this.onKey(s));
  }
  host;
  bar;
  list;
  overview;
  details;
  /** The node shown in the details panel. */
  selected = null;
  cursor = new Ve();
  hits = /* @__PURE__ */ new Set();
  matcher = null;
  order = [];
  orderVersion = -1;
  refreshedVersion = -1;
  refreshedAt = -1 / 0;
  slow = /* @__PURE__ */ new Set();
  listKind = "slowest";
  foldsDrawn = -1;
  squeezedKey = "";
  /** A new run: no selection, no hits, nothing folded by hand. */
  reset() {
    this.selected = null, this.cursor.clear(), this.hits = /* @__PURE__ */ new Set(), this.orderVersion = -1, this.refreshedVersion = -1, this.slow = /* @__PURE__ */ new Set(), this.squeezedKey = "", this.host.layout.folds.clear(), this.bar.setFoldDepth(null), this.bar.setCrumbs([]), this.overview.reset(), this.list.close();
  }
  /** Once per HUD frame: follow the run (throttled), draw the overview, fill the details. */
  frame(t, e) {
    t.version !== this.refreshedVersion && e - this.refreshedAt >= Ue ? (this.refreshedVersion = t.version, this.refreshedAt = e, this.matcher !== null && this.runSearch(t), this.slow = new Set(wt(t, "own", Ye).map((o) => o.node)), this.list.refresh()) : t.version !== this.refreshedVersion && this.host.schedule();
    const s = this.host.layout.folds;
    if (s.revision !== this.foldsDrawn) {
      this.foldsDrawn = s.revision;
      const l = t.nodes.filter((h) => h?.kind === "imports" && s.isFolded(h)).map((h) => h.id).join(",");
      l !== this.squeezedKey && (this.squeezedKey = l, this.overview.dirty = !0);
    }
    const r = { visible: this.overview.layout.spanOf(this.host.visibleNodes()), hits: this.hits, selected: this.selected, slow: this.slow };
    this.overview.draw(t, r, e, (o) => o.kind === "imports" && s.isFolded(o)), this.details.show(t, this.selected);
  }
  /** Select a node (a click, the keyboard in the spine); null clears. */
  select(t) {
    t !== this.selected && (this.selected = t, this.overview.setCursor(t), this.host.schedule());
  }
  /** Fold or unfold one node. */
  setFold(t, e) {
    const s = this.host.model?.node(t);
    s !== void 0 && (this.host.layout.folds.set(s, e), this.host.relayout());
  }
  toggleFold(t) {
    const e = this.host.model?.node(t);
    e !== void 0 && this.setFold(t, !this.host.layout.folds.isFolded(e));
  }
  /** Show only a node's subtree (null: the whole run), with its breadcrumb. */
  setFocus(t) {
    const e = this.host.model;
    if (e === null) return;
    const s = this.host.layout.folds;
    s.setFocus(t);
    const i = t === null ? void 0 : e.node(t);
    i !== void 0 && s.isFolded(i) && s.set(i, !1), this.bar.setCrumbs(
      s.breadcrumb((r) => e.node(r)).map((r) => ({ id: r, label: e.node(r)?.function ?? String(r) }))
    ), this.host.relayout(), t !== null ? this.host.scrollTo(t) : this.selected !== null && this.reveal(this.selected);
  }
  /** Move the spine to a node: unfold what hides it, leave a focus it is outside of, select it. */
  jump(t) {
    this.select(t), this.reveal(t), this.host.markSelected(t);
  }
  reveal(t) {
    const e = this.host.model, s = e?.node(t);
    if (e === null || s === void 0) return;
    const i = this.host.layout.folds, r = (l) => e.node(l);
    let o = i.reveal(s, r);
    i.inFocus(s, r) || (i.setFocus(null), this.bar.setCrumbs([]), o = !0), (o || this.host.layout.row(t) === void 0) && this.host.relayout(), this.host.scrollTo(t);
  }
  treeOrder(t) {
    return this.orderVersion !== t.version && (this.order = Ge(t), this.orderVersion = t.version), this.order;
  }
  search(t, e) {
    const s = Ke(t, e);
    if (!s.ok) {
      this.matcher = null, this.setHits([]), this.bar.setCount(0, 0, s.error, !1);
      return;
    }
    this.matcher = s.empty ? null : s.match, this.cursor.clear();
    const i = this.host.model;
    if (this.matcher === null || i === null) {
      this.setHits([]), this.bar.setCount(0, 0, null, !0);
      return;
    }
    this.runSearch(i);
  }
  runSearch(t) {
    this.matcher !== null && this.setHits(We(t, this.treeOrder(t), this.matcher));
  }
  setHits(t) {
    this.cursor.setHits(t), this.hits = new Set(t), this.bar.setCount(this.cursor.position, t.length, null, this.matcher === null), this.host.schedule();
  }
  step(t) {
    const e = this.host.model;
    if (e === null || this.cursor.hits.length === 0) return;
    const s = this.cursor.current === null ? this.selected : null, i = s === null ? this.cursor.step(t) : this.cursor.stepFrom(s, this.treeOrder(e), t);
    this.bar.setCount(this.cursor.position, this.cursor.hits.length, null, !1), i !== null && this.jump(i);
  }
  nextException(t) {
    const e = this.host.model;
    if (e === null) return;
    const s = ze(e, this.treeOrder(e), this.selected, t);
    s !== null && this.jump(s);
  }
  rank(t) {
    const e = this.host.model;
    return e === null ? [] : wt(e, t, 15);
  }
  openList(t) {
    this.listKind = t, this.list.show(t);
  }
  foldBelow(t) {
    const e = this.host.layout.folds;
    t === null ? e.unfoldAll() : e.foldBelow(t), this.bar.setFoldDepth(t), this.host.relayout(), this.selected !== null && this.reveal(this.selected);
  }
  // Shortcuts work anywhere but in text fields and lists (which use the keys themselves).
  onKey(t) {
    const s = t.target?.closest("input, select, textarea, [role=dialog]") != null;
    if ((t.ctrlKey || t.metaKey) && t.key.toLowerCase() === "f" && !t.shiftKey) {
      t.preventDefault(), this.bar.input.focus(), this.bar.input.select();
      return;
    }
    if (!(s || t.ctrlKey || t.metaKey || t.altKey)) {
      switch (t.key) {
        case "/":
          this.bar.input.focus(), this.bar.input.select();
          break;
        case "e":
        case "E":
          this.nextException(t.shiftKey);
          break;
        case "s":
          this.openList("slowest");
          break;
        case "m":
          this.openList("called");
          break;
        case "f":
          this.selected !== null && this.setFocus(this.selected);
          break;
        case "o":
          this.overview.focus();
          break;
        case "Escape":
          if (this.host.layout.folds.focus === null) return;
          this.setFocus(null);
          break;
        default:
          return;
      }
      t.preventDefault();
    }
  }
}
class Ze {
  /** Ids of the nodes with a call running, kept in step with each applied message. */
  running = /* @__PURE__ */ new Set();
  target = null;
  /** The node to follow, or null before anything was drawn. */
  get current() {
    return this.target;
  }
  /** A new run: nothing is followed yet. */
  reset() {
    this.running.clear(), this.target = null;
  }
  /** Take in one applied message; returns the node to follow now. */
  update(t, e) {
    if (e.reset) {
      this.running.clear();
      for (const s of t.nodes) s?.state === "processing" && this.running.add(s.id);
    } else
      for (const s of e.touched)
        t.node(s)?.state === "processing" ? this.running.add(s) : this.running.delete(s);
    return this.target = this.choose(t, e.reset ? void 0 : Qe(e.added)), this.target;
  }
  choose(t, e) {
    const s = this.deepestRunning(t), i = this.target === null ? void 0 : t.node(this.target);
    return i === void 0 ? s?.id ?? e ?? ts(t) : i.state === "processing" ? s !== void 0 && s.depth > i.depth ? s.id : e !== void 0 && At(t, i.id, e) ? e : i.id : s !== void 0 && !At(t, s.id, i.id) ? s.id : e ?? i.id;
  }
  // Deepest first; among equals the latest to start or end, then the newest node.
  deepestRunning(t) {
    let e;
    for (const s of this.running) {
      const i = t.node(s);
      i !== void 0 && (e === void 0 || Je(i, e)) && (e = i);
    }
    return e;
  }
}
function Je(n, t) {
  return n.depth !== t.depth ? n.depth > t.depth : n.last_t !== t.last_t ? n.last_t > t.last_t : n.id > t.id;
}
function At(n, t, e) {
  let s = n.node(e)?.parent ?? null;
  for (; s !== null; ) {
    if (s === t) return !0;
    s = n.node(s)?.parent ?? null;
  }
  return !1;
}
function Qe(n) {
  let t;
  for (const e of n) (t === void 0 || e > t) && (t = e);
  return t;
}
function ts(n) {
  return n.nodes.length === 0 ? null : n.nodes.length - 1;
}
function nt(n) {
  return [...n].sort(ns);
}
function es(n) {
  return n.live && n.state === "live";
}
function ss(n) {
  const t = nt(n);
  return t.find(es) ?? t.find((e) => e.kind !== et);
}
function is(n, t) {
  return nt(n).find((e) => e.live && (e.state === "live" || !t.has(e.id)));
}
function ns(n, t) {
  return n.started_at !== t.started_at ? t.started_at - n.started_at : n.id < t.id ? 1 : n.id > t.id ? -1 : 0;
}
class rs {
  constructor(t) {
    this.actions = t, this.element = a("aside", "df-history"), this.element.setAttribute("aria-label", "History");
    const e = a("div", "df-history-head");
    e.append(a("h2", "df-history-title", "History"), p("↻", "df-refresh", () => t.refresh()));
    const s = a("label", "df-follow-live");
    this.follow = a("input", ""), this.follow.type = "checkbox", this.follow.checked = !0, this.follow.addEventListener("change", () => t.followLive(this.follow.checked)), s.append(this.follow, " follow new live runs"), this.list = a("ul", "df-runs"), this.list.setAttribute("aria-label", "Runs"), this.element.append(e, s, this.list);
  }
  actions;
  element;
  list;
  follow;
  runs = [];
  current = null;
  /** Show a new run list (in time order, whatever order the hub sent). */
  setRuns(t) {
    this.runs = nt(t), this.render();
  }
  /** Mark the run on screen. */
  setCurrent(t) {
    this.current = t;
    for (const e of this.list.querySelectorAll("[data-run]"))
      e.setAttribute("aria-current", String(e.dataset.run === t));
  }
  setFollowLive(t) {
    this.follow.checked = t;
  }
  render() {
    const t = this.runs.map((e) => this.item(e));
    t.length === 0 && t.push(a("li", "df-runs-empty", "No runs yet. Try: flow run script.py")), this.list.replaceChildren(...t);
  }
  item(t) {
    const e = a("li", "df-run"), s = p("", "df-run-open", () => this.actions.open(t));
    s.dataset.run = t.id, s.dataset.state = t.state, s.setAttribute("aria-current", String(t.id === this.current));
    const i = a("span", "df-run-script", t.script || t.id), r = a("span", "df-run-meta", ct(t)), o = a("span", `df-run-state df-run-${t.state}`, t.state);
    s.append(o, i, r);
    const l = t.kind === et;
    l && (s.dataset.ghost = "true", i.prepend(a("span", "df-run-ghost", "GHOST"), " "));
    const h = `${t.script || t.id}${l ? ", ghost" : ""}, ${t.state}, ${ct(t)}`;
    return s.setAttribute("aria-label", h), e.append(s), e;
  }
}
const os = /* @__PURE__ */ new Set(["imports"]);
class ls {
  /** Folded by the user (overrides every rule). */
  closed = /* @__PURE__ */ new Set();
  /** Opened by the user (overrides the depth limit and the default for "imports"). */
  opened = /* @__PURE__ */ new Set();
  /** Nodes at this depth or deeper start folded (null: no limit). */
  depthLimit = null;
  /** The node whose subtree alone is shown, or null for the whole run. */
  focused = null;
  /** Bumped on every change, so views can tell when to lay out again. */
  revision = 0;
  /** Whether a node's children are hidden. */
  isFolded(t) {
    return this.closed.has(t.id) ? !0 : this.opened.has(t.id) ? !1 : t.folded === !0 || os.has(t.kind) ? !0 : this.depthLimit !== null && t.depth >= this.depthLimit;
  }
  /** Fold (true) or unfold (false) one node. */
  set(t, e) {
    e ? (this.opened.delete(t.id), this.closed.add(t.id)) : (this.closed.delete(t.id), this.opened.add(t.id)), this.revision++;
  }
  /** Flip one node; returns whether it is folded now. */
  toggle(t) {
    const e = !this.isFolded(t);
    return this.set(t, e), e;
  }
  /** Fold every node at `depth` or deeper (0 folds the roots); earlier choices are dropped. */
  foldBelow(t) {
    this.closed.clear(), this.opened.clear(), this.depthLimit = Math.max(0, Math.floor(t)), this.revision++;
  }
  /** The depth limit of the last foldBelow, or null. */
  get foldDepth() {
    return this.depthLimit;
  }
  /** Unfold everything the user folded and drop the depth limit ("imports" stay folded). */
  unfoldAll() {
    this.closed.clear(), this.opened.clear(), this.depthLimit = null, this.revision++;
  }
  /** Unfold every ancestor of a node, so it is laid out (a search hit, a jump). */
  reveal(t, e) {
    let s = !1, i = t.parent === null ? void 0 : e(t.parent);
    for (; i !== void 0; )
      this.isFolded(i) && (this.closed.delete(i.id), this.opened.add(i.id), s = !0), i = i.parent === null ? void 0 : e(i.parent);
    return s && this.revision++, s;
  }
  /** The node in focus (only its subtree is shown), or null. */
  get focus() {
    return this.focused;
  }
  /** Show only this node's subtree (null: the whole run again). */
  setFocus(t) {
    this.focused !== t && (this.focused = t, this.revision++);
  }
  /** Whether a node is inside the focused subtree (everything is, without a focus). */
  inFocus(t, e) {
    if (this.focused === null) return !0;
    let s = t;
    for (; s !== void 0; ) {
      if (s.id === this.focused) return !0;
      s = s.parent === null ? void 0 : e(s.parent);
    }
    return !1;
  }
  /** The breadcrumb of the focus: its ancestors from the root down to it (empty: no focus). */
  breadcrumb(t) {
    const e = [];
    let s = this.focused === null ? void 0 : t(this.focused);
    for (; s !== void 0; )
      e.push(s.id), s = s.parent === null ? void 0 : t(s.parent);
    return e.reverse();
  }
  /** A new run: nothing folded by hand, no limit, no focus. */
  clear() {
    this.closed.clear(), this.opened.clear(), this.depthLimit = null, this.focused = null, this.revision++;
  }
}
class as {
  /** Node ids of each lane column, top to bottom. */
  columns = [];
  /** Lane id shown in each column. */
  laneOfColumn = [];
  rowOf = /* @__PURE__ */ new Map();
  columnOfLane = /* @__PURE__ */ new Map();
  /** Which subtrees are folded and which node is in focus. */
  folds = new ls();
  /** Width of one lane column in CSS pixels (see fitColumns). */
  columnWidth = u.columnWidth;
  /** Recompute every row from the model. */
  build(t) {
    this.rowOf.clear(), this.columnOfLane.clear();
    const e = /* @__PURE__ */ new Map(), s = this.folds.focus === null ? void 0 : t.node(this.folds.focus);
    if (s !== void 0) e.set(s.lane, [s.id]);
    else
      for (const r of t.nodes)
        r !== void 0 && r.parent === null && this.push(e, r.lane, r.id);
    const i = [...e.keys()].sort((r, o) => r - o);
    this.laneOfColumn = i, this.columns = i.map((r, o) => (this.columnOfLane.set(r, o), this.walk(t, e.get(r) ?? [])));
  }
  /** Size the columns to a stage `width` wide: lanes share it, none narrower than the minimum. */
  fitColumns(t, e) {
    const s = (t - 2 * u.pad - Math.max(0, e - 1) * u.laneGap) / Math.max(1, e), i = Math.max(u.columnWidth, Math.min(u.maxColumnWidth, Math.floor(s))), r = i !== this.columnWidth;
    return this.columnWidth = i, r;
  }
  /** Left edge of a column in content coordinates. */
  x(t) {
    return hs(t, this.columnWidth);
  }
  /** Whether a node's children are hidden. */
  isFolded(t, e) {
    const s = t.node(e);
    return s !== void 0 && this.folds.isFolded(s);
  }
  /** Row index of a node in its column, or undefined when it is hidden under a collapsed one. */
  row(t) {
    return this.rowOf.get(t);
  }
  column(t) {
    return this.columnOfLane.get(t);
  }
  /** Centre of a node's circle in content coordinates. */
  center(t, e) {
    const s = t.node(e), i = this.rowOf.get(e), r = s === void 0 ? void 0 : this.columnOfLane.get(s.lane);
    if (s === void 0 || i === void 0 || r === void 0) return;
    const o = Math.min(s.depth, u.maxIndentDepth);
    return {
      x: this.x(r) + u.nodeInset + o * u.indent,
      y: V(i) + u.rowHeight / 2
    };
  }
  /** The node under a content-coordinate point, if any. */
  hit(t, e) {
    const s = this.columnWidth + u.laneGap, i = Math.floor((t - u.pad) / s), r = t - this.x(i);
    if (i < 0 || r < 0 || r > this.columnWidth) return;
    const o = Math.floor((e - u.headerHeight) / u.rowHeight);
    return o < 0 ? void 0 : this.columns[i]?.[o];
  }
  get width() {
    return this.x(this.columns.length) + u.pad;
  }
  get height() {
    const t = Math.max(0, ...this.columns.map((e) => e.length));
    return V(t) + u.bottomSpace;
  }
  walk(t, e) {
    const s = [], i = [...e].reverse();
    for (; i.length > 0; ) {
      const r = i.pop();
      this.rowOf.set(r, s.length), s.push(r);
      const o = t.children.get(r), l = t.node(r);
      if (!(o === void 0 || l === void 0 || this.folds.isFolded(l)))
        for (let h = o.length - 1; h >= 0; h--) i.push(o[h]);
    }
    return s;
  }
  push(t, e, s) {
    const i = t.get(e);
    i === void 0 ? t.set(e, [s]) : i.push(s);
  }
}
function hs(n, t = u.columnWidth) {
  return u.pad + n * (t + u.laneGap);
}
function V(n) {
  return u.headerHeight + n * u.rowHeight;
}
class ds {
  frames = 0;
  maxGapMs = 0;
  since = performance.now();
  last = performance.now();
  running = !1;
  start() {
    if (this.running) return;
    this.running = !0;
    const t = (e) => {
      this.frames += 1, this.maxGapMs = Math.max(this.maxGapMs, e - this.last), this.last = e, this.running && requestAnimationFrame(t);
    };
    requestAnimationFrame(t);
  }
  stop() {
    this.running = !1;
  }
  /** Start counting afresh. */
  reset() {
    this.frames = 0, this.maxGapMs = 0, this.since = performance.now(), this.last = this.since;
  }
  /** Frames per second since the last reset. */
  fps() {
    const t = (performance.now() - this.since) / 1e3;
    return t > 0 ? this.frames / t : 0;
  }
}
class cs {
  element;
  shownId = null;
  shownVersion = -1;
  constructor() {
    this.element = document.createElement("div"), this.element.className = "df-card", this.element.id = "df-hover", this.element.setAttribute("role", "tooltip"), this.element.hidden = !0;
  }
  /** Show `id` right of (x, y) in the stage (CSS pixels) or left of it when there is no room. */
  show(t, e, s, i, r) {
    const o = e === null ? void 0 : t.node(e);
    if (o === void 0) {
      this.element.hidden = !0, this.shownId = null;
      return;
    }
    (this.shownId !== o.id || this.shownVersion !== t.version) && (this.element.replaceChildren(...us(t, o)), this.element.dataset.node = String(o.id), this.shownId = o.id, this.shownVersion = t.version), this.element.hidden = !1;
    const l = this.element.offsetWidth, h = this.element.offsetHeight, c = s + 8 + l > r.width ? Math.max(4, r.width - l - 8) : s + 8, d = Math.min(Math.max(4, i - 10), Math.max(4, r.height - h - 4));
    this.element.style.transform = `translate(${Math.round(c)}px, ${Math.round(d)}px)`;
  }
  get visibleNode() {
    return this.element.hidden ? null : this.shownId;
  }
}
function us(n, t) {
  if (D(t)) return ms(t);
  const e = [T("df-card-title", C(t))], s = t.kind === "mark" ? "manual pulse" : `${t.module} · ${L(t)}`;
  e.push(T("df-card-where", s)), e.push(y("state", t.state === "processing" ? `running (${t.active} open)` : t.state));
  const i = t.sample?.duration;
  if ((i != null || t.dur !== null) && e.push(y("duration", It(t), "df-duration")), e.push(y("calls", fs(t))), t.dur !== null) {
    const { min: o, median: l, max: h } = t.dur;
    e.push(y("min / median / max", [o, l, h].map(m).join(" / "))), e.push(y("total / own", `${m(t.dur.total)} / ${m(t.dur.own)}`));
  }
  const r = n.functionOf(t);
  return r !== void 0 && e.push(y("all calls of this function", v(r.calls))), e.push(...ps(t)), e.push(T("df-card-hint", "click: show the source · right-click: trace its lines")), e;
}
function fs(n) {
  const t = n.exceptions > 0 ? ` · ${v(n.exceptions)} raised` : "";
  return `${v(n.calls)}${t}`;
}
function ps(n) {
  const t = [], e = n.sample;
  if (e !== null && (t.push(y(n.calls > 1 ? "latest call kept: args" : "args", Z(n), "df-value")), e.state === "raised" ? t.push(y("raised", W(n), "df-error")) : e.ret !== null && t.push(y("returned", J(e.ret), "df-value"))), n.failure !== null) {
    const s = n.failure.args === null ? "values not kept" : n.failure.args.map(F).join(", ");
    t.push(y("another call raised", `${W(n)} · ${s}`, "df-error"));
  }
  return t;
}
function ms(n) {
  return [
    T("df-card-title", n.function),
    T("df-card-where", `ghost placeholder · ${n.module} · ${L(n)}`),
    y("not reached", it(n), "df-value df-reason")
  ];
}
function T(n, t) {
  const e = document.createElement("div");
  return e.className = n, e.textContent = t, e;
}
function y(n, t, e = "") {
  const s = document.createElement("div");
  s.className = `df-card-row ${e}`.trim();
  const i = document.createElement("span");
  i.className = "df-card-label", i.textContent = n;
  const r = document.createElement("span");
  return r.className = "df-card-value", r.textContent = t, s.append(i, r), s;
}
const U = { top: 0.35, height: 0.3 }, gs = 400, Mt = 40, vs = 360;
class bs {
  gliding = !1;
  upSince = null;
  /** Go to the target now, wherever it is (the Follow button, a new run). */
  kick() {
    this.gliding = !0, this.upSince = -1 / 0;
  }
  /** One frame's step toward keeping `target` (content coordinates) in the band. */
  step(t, e, s) {
    const i = Dt(e.y - t.height / 2, 0, t.maxTop), r = _t(t, e.x), o = i - t.top, l = r - t.left, h = t.height * U.height / 2;
    if (o < -h) {
      if (this.upSince ??= s, s - this.upSince < gs)
        return this.gliding = !1, { left: t.left, top: t.top, moving: !0 };
    } else
      this.upSince = null;
    return !this.gliding && Math.abs(l) < 1 && Math.abs(o) <= h ? { left: t.left, top: t.top, moving: !1 } : Math.abs(l) < 1 && Math.abs(o) < 1 ? (this.gliding = !1, { left: r, top: i, moving: !1 }) : (this.gliding = !0, { left: t.left + $t(l), top: t.top + $t(o), moving: !0 });
  }
}
function _t(n, t) {
  return t - Mt >= n.left && t + vs <= n.left + n.width ? n.left : Dt(t - Mt, 0, n.maxLeft);
}
function Dt(n, t, e) {
  return Math.max(t, Math.min(n, Math.max(t, e)));
}
function $t(n) {
  const t = n * S.followEase;
  return Math.abs(t) < 1 ? Math.sign(n) * Math.min(1, Math.abs(n)) : t;
}
const ws = "…", ys = 4e3, xs = /…*\s*$/u;
class ks {
  cache = /* @__PURE__ */ new Map();
  /** `text` as drawn in at most `width` pixels with the context's current font. */
  fit(t, e, s) {
    if (e === "" || s <= 0) return "";
    const i = `${t.font}|${Math.floor(s)}|${e}`, r = this.cache.get(i);
    if (r !== void 0) return r;
    const o = this.measureFit(t, e, s);
    return this.cache.size >= ys && this.cache.clear(), this.cache.set(i, o), o;
  }
  measureFit(t, e, s) {
    if (t.measureText(e).width <= s) return e;
    const i = Array.from(e);
    let r = 0, o = i.length;
    for (; r < o; ) {
      const l = Math.ceil((r + o) / 2);
      t.measureText(Lt(i, l)).width <= s ? r = l : o = l - 1;
    }
    return Lt(i, r);
  }
}
function Lt(n, t) {
  return n.slice(0, t).join("").replace(xs, "") + ws;
}
const Ss = 0.26, z = `11px ${R}`, Ct = `600 13px ${R}`;
class As {
  constructor(t) {
    this.canvas = t;
    const e = t.getContext("2d");
    if (e === null) throw new Error("this browser cannot draw on a canvas");
    this.ctx = e;
  }
  canvas;
  ctx;
  fitter = new ks();
  dpr = 1;
  /** Match the canvas to its box in CSS pixels. */
  resize(t, e, s) {
    this.dpr = s, this.canvas.width = Math.max(1, Math.round(t * s)), this.canvas.height = Math.max(1, Math.round(e * s));
  }
  /** Draw one frame; returns how many nodes were drawn. */
  draw(t) {
    const { ctx: e } = this, { view: s } = t;
    e.setTransform(this.dpr, 0, 0, this.dpr, 0, 0), e.clearRect(0, 0, s.width, s.height), t.focusZone && this.drawFocusZone(s), e.save(), e.translate(-s.left, -s.top);
    let i = 0;
    for (const r of Et(t.layout, s))
      i += this.drawColumn(t, r);
    return this.drawPulses(t), e.restore(), this.drawHeaders(t), i;
  }
  drawColumn(t, e) {
    const s = t.layout.columns[e] ?? [], i = Math.max(0, Math.floor((t.view.top - u.headerHeight) / u.rowHeight) - 1), r = Math.min(s.length - 1, Math.ceil((t.view.top + t.view.height) / u.rowHeight));
    if (i > r) return 0;
    const o = s.slice(i, r + 1);
    this.drawEdges(t, o);
    for (const l of o) this.drawNode(t, l);
    return o.length;
  }
  drawEdges(t, e) {
    const { ctx: s } = this, { model: i, layout: r } = t, o = new Set(e);
    for (const l of Ms(i, e[0])) o.add(l);
    s.strokeStyle = g.edge, s.lineWidth = 1.5, s.beginPath();
    for (const l of o) this.traceChildLine(t, l);
    for (const l of e) {
      const h = i.node(l), c = r.center(i, l), d = h?.parent != null ? r.center(i, h.parent) : void 0;
      c === void 0 || d === void 0 || (s.moveTo(d.x, c.y), s.lineTo(c.x - u.radius, c.y));
    }
    s.stroke(), this.drawSpawnLinks(t, e);
  }
  // The vertical line from a node down to its last shown child.
  traceChildLine(t, e) {
    const { model: s, layout: i } = t, r = i.isFolded(s, e) ? void 0 : s.children.get(e), o = r?.[r.length - 1], l = i.center(s, e), h = o === void 0 ? void 0 : i.center(s, o);
    l === void 0 || h === void 0 || (this.ctx.moveTo(l.x, l.y + u.radius), this.ctx.lineTo(l.x, h.y));
  }
  // A call started from another lane (thread or task) links to the node that spawned it.
  drawSpawnLinks(t, e) {
    const { ctx: s } = this;
    s.save(), s.setLineDash([4, 5]), s.strokeStyle = g.link, s.beginPath();
    for (const i of e) {
      const r = t.model.node(i);
      if (r?.spawned_by == null) continue;
      const o = t.layout.center(t.model, r.spawned_by), l = t.layout.center(t.model, i);
      o === void 0 || l === void 0 || (s.moveTo(o.x + u.radius, o.y), s.bezierCurveTo(o.x + 120, o.y, l.x - 120, l.y, l.x - u.radius, l.y));
    }
    s.stroke(), s.restore();
  }
  drawNode(t, e) {
    const s = t.model.node(e), i = t.layout.center(t.model, e);
    if (s === void 0 || i === void 0) return;
    const { ctx: r } = this, o = st(t.model.status), l = D(s);
    r.globalAlpha = t.hover !== null && t.hover !== e ? Ss : 1, (t.hover === e || t.focus === e || t.selected === e) && this.drawRowBox(t, s, i), t.hits.has(e) && this.drawHitMark(t, s, i, t.hit === e), t.model.children.has(e) && this.drawChevron(t.layout.isFolded(t.model, e), i), l && (r.globalAlpha *= M.placeholderAlpha), o ? this.drawGhostCircle(s, i, l) : this.drawCircle(t, s, i), this.drawLabels(t, s, i, o), r.globalAlpha = 1;
  }
  // Ghost nodes: a translucent violet disc with a dashed ring; placeholders only the ring.
  drawGhostCircle(t, e, s) {
    const { ctx: i } = this;
    i.save(), i.beginPath(), i.arc(e.x, e.y, u.radius, 0, Math.PI * 2), s || (i.fillStyle = t.state === "exception" ? N.exception : M.fill, i.fill()), i.setLineDash([...M.dash]), i.strokeStyle = M.stroke, i.lineWidth = 1.5, i.stroke(), i.restore();
  }
  drawCircle(t, e, s) {
    const { ctx: i } = this, r = t.anim.flashes.get(e.id), o = r !== void 0 ? $s(r.start, t.now) : 0, l = N[e.state], h = e.state === "processing" ? 0.5 + 0.5 * Math.sin(t.now / 180) : 0;
    i.save(), i.shadowColor = l, i.shadowBlur = 8 + 6 * h + 18 * o, i.fillStyle = l, i.beginPath(), i.arc(s.x, s.y, u.radius + 3 * o, 0, Math.PI * 2), i.fill(), r !== void 0 && o > 0 && (i.strokeStyle = r.color === "call" ? g.pulseDown : rt[r.color], i.lineWidth = 2, i.beginPath(), i.arc(s.x, s.y, u.radius + 4 + 10 * (1 - o), 0, Math.PI * 2), i.globalAlpha *= o, i.stroke()), i.restore();
  }
  drawLabels(t, e, s, i) {
    const { ctx: r } = this, o = this.fitLabels(t.model, t.layout, e, s), l = s.x + u.textGap, h = s.y - u.rowHeight / 2;
    r.textBaseline = "alphabetic", r.font = z, r.fillStyle = i ? M.args : g.args, r.fillText(o.args, l, h + 15), r.font = Ct, r.fillStyle = e.state === "unfinished" ? g.dim : i ? M.text : g.text, r.fillText(o.title, l, s.y + 4.5), r.font = z, r.fillStyle = e.state === "exception" ? g.error : i ? M.args : g.ret, r.fillText(o.result, l, h + u.rowHeight - 6);
  }
  /** A node's three lines as they are drawn, clipped to its column (undefined: not laid out). */
  labels(t, e, s) {
    const i = t.node(s), r = e.center(t, s);
    return i === void 0 || r === void 0 ? void 0 : this.fitLabels(t, e, i, r);
  }
  fitLabels(t, e, s, i) {
    const { ctx: r, fitter: o } = this, l = e.column(s.lane) ?? 0, h = e.x(l) + e.columnWidth - (i.x + u.textGap) - 6;
    r.font = z;
    const c = o.fit(r, Z(s), h), d = o.fit(r, Ot(s), h);
    r.font = Ct;
    const f = o.fit(r, Ls(t, e, s), h);
    return { args: c, title: f, result: d };
  }
  drawRowBox(t, e, s) {
    const { ctx: i } = this, r = t.layout.column(e.lane) ?? 0, o = t.layout.x(r), l = t.layout.columnWidth;
    i.save(), i.fillStyle = t.selected === e.id ? "rgba(148, 197, 255, 0.13)" : "rgba(148, 197, 255, 0.07)", i.fillRect(o, s.y - u.rowHeight / 2 + 1, l, u.rowHeight - 2), (t.focus === e.id || t.selected === e.id) && (i.strokeStyle = g.focusRing, i.lineWidth = 1.5, i.strokeRect(o + 1, s.y - u.rowHeight / 2 + 2, l - 2, u.rowHeight - 4)), i.restore();
  }
  // A search hit: an amber bar at the row's left edge (solid for the current hit).
  drawHitMark(t, e, s, i) {
    const { ctx: r } = this, o = t.layout.x(t.layout.column(e.lane) ?? 0);
    r.save(), r.fillStyle = i ? g.hit : g.hitDim, r.fillRect(o + 1, s.y - u.rowHeight / 2 + 6, i ? 5 : 3, u.rowHeight - 12), i && (r.strokeStyle = g.hit, r.lineWidth = 2, r.beginPath(), r.arc(s.x, s.y, u.radius + 4, 0, Math.PI * 2), r.stroke()), r.restore();
  }
  // ▸ folded, ▾ open: left of the circle, where a click folds or unfolds (chevronAt).
  drawChevron(t, e) {
    const { ctx: s } = this, i = e.x - u.chevronOffset;
    s.save(), s.fillStyle = t ? g.header : g.dim, s.beginPath(), t ? (s.moveTo(i - 3, e.y - 5), s.lineTo(i + 4, e.y), s.lineTo(i - 3, e.y + 5)) : (s.moveTo(i - 5, e.y - 3), s.lineTo(i + 5, e.y - 3), s.lineTo(i, e.y + 4)), s.fill(), s.restore();
  }
  drawPulses(t) {
    const { ctx: e } = this;
    e.save();
    for (const s of t.anim.pulses) {
      const i = (t.now - s.start) / S.pulseMs, r = i >= 0 && i <= 1 ? Cs(t, s, i) : void 0;
      if (r === void 0) continue;
      const o = s.dir === "down" ? g.pulseDown : rt[s.outcome ?? "success"];
      e.shadowColor = o, e.shadowBlur = 14, e.fillStyle = o, e.beginPath(), e.arc(r.x, r.y, 3.5, 0, Math.PI * 2), e.fill();
    }
    e.restore();
  }
  drawFocusZone(t) {
    const { ctx: e } = this, s = t.height * U.top, i = t.height * U.height, r = e.createLinearGradient(0, s, 0, s + i);
    r.addColorStop(0, "rgba(34, 211, 238, 0)"), r.addColorStop(0.5, g.focusZone), r.addColorStop(1, "rgba(34, 211, 238, 0)"), e.fillStyle = r, e.fillRect(0, s, t.width, i);
  }
  drawHeaders(t) {
    const { ctx: e } = this, { view: s, layout: i, model: r } = t;
    e.fillStyle = "rgba(7, 11, 18, 0.97)", e.fillRect(0, 0, s.width, u.headerHeight), e.font = `600 11px ${R}`, e.textBaseline = "middle";
    for (const o of Et(i, s)) {
      const l = r.lanes[i.laneOfColumn[o] ?? -1], h = i.x(o) - s.left;
      e.fillStyle = g.header;
      const c = l === void 0 ? "" : `▍${l.name}`;
      e.fillText(this.fitter.fit(e, c.toUpperCase(), i.columnWidth), h, u.headerHeight / 2);
    }
  }
}
function Et(n, t) {
  const e = [];
  for (let s = 0; s < n.columns.length; s++) {
    const i = n.x(s);
    i + n.columnWidth >= t.left && i <= t.left + t.width && e.push(s);
  }
  return e;
}
function Ms(n, t) {
  const e = [];
  let s = t === void 0 ? void 0 : n.node(t);
  for (; s?.parent != null; )
    e.push(s.parent), s = n.node(s.parent);
  return e;
}
function $s(n, t) {
  const e = (t - n) / S.flashMs;
  return e < 0 || e > 1 ? 0 : 1 - e;
}
function Ls(n, t, e) {
  const s = t.isFolded(n, e.id) ? n.children.get(e.id)?.length : 0;
  return s ? `${C(e)}  ▸ ${s} folded` : C(e);
}
function Cs(n, t, e) {
  const { model: s, layout: i } = n, r = i.center(s, t.node);
  if (r === void 0) return;
  const l = (t.parent === null ? void 0 : i.center(s, t.parent)) ?? { x: r.x, y: V(0) }, h = t.dir === "down" ? e : 1 - e, c = Math.abs(r.y - l.y), d = Math.abs(r.x - l.x), f = h * (c + d);
  return f <= c ? { x: l.x, y: l.y + Math.sign(r.y - l.y) * f } : { x: l.x + Math.sign(r.x - l.x) * (f - c), y: r.y };
}
const Es = 600, Ts = 8;
class Rs {
  constructor(t, e) {
    this.element = t, this.changed = e, this.spacer = document.createElement("div"), this.spacer.className = "df-spacer", t.append(this.spacer);
    const s = () => {
      this.intentAt = performance.now();
    };
    for (const i of ["wheel", "touchstart", "pointerdown", "keydown"])
      t.addEventListener(i, s, { passive: !0 });
    t.addEventListener("scroll", () => this.onScroll());
  }
  element;
  changed;
  following = !0;
  spacer;
  expected = null;
  intentAt = -1 / 0;
  follower = new bs();
  /** Size the scrollable area to the content. */
  setContentSize(t, e) {
    this.spacer.style.width = `${Math.ceil(t)}px`, this.spacer.style.height = `${Math.ceil(e)}px`;
  }
  get left() {
    return this.element.scrollLeft;
  }
  get top() {
    return this.element.scrollTop;
  }
  /** Take one step toward keeping `target` in the focus zone; returns whether to keep going. */
  follow(t, e, s) {
    if (!this.following || t === null || e < S.focusMinNodes) return !1;
    const i = this.box(), r = this.follower.step(i, t, s);
    return (r.left !== i.left || r.top !== i.top) && this.scrollTo(r.left, r.top), r.moving;
  }
  /** Jump so a content point is in view (keyboard focus, test hooks); stops following. */
  reveal(t) {
    this.following = !1;
    const e = this.box(), s = Math.max(0, Math.min(t.y - e.height / 2, e.maxTop));
    this.scrollTo(_t(e, t.x), s), this.changed();
  }
  /** Start following again, straight to the followed node (the "Follow" button, End, a new run). */
  resume() {
    this.following = !0, this.follower.kick(), this.changed();
  }
  box() {
    const t = this.element;
    return {
      left: t.scrollLeft,
      top: t.scrollTop,
      width: t.clientWidth,
      height: t.clientHeight,
      maxLeft: t.scrollWidth - t.clientWidth,
      maxTop: t.scrollHeight - t.clientHeight
    };
  }
  scrollTo(t, e) {
    this.element.scrollLeft = t, this.element.scrollTop = e, this.expected = { left: this.element.scrollLeft, top: this.element.scrollTop };
  }
  onScroll() {
    const t = this.element;
    if (!(this.expected !== null && Math.abs(t.scrollTop - this.expected.top) < 2 && Math.abs(t.scrollLeft - this.expected.left) < 2) && performance.now() - this.intentAt < Es) {
      const i = t.scrollTop + t.clientHeight >= t.scrollHeight - Ts;
      this.following = i, this.expected = null;
    }
    this.changed();
  }
}
const j = 1, K = 2;
class Fs {
  constructor(t) {
    this.runId = t;
  }
  runId;
  version = -1;
  mode = "live";
  at = null;
  status = null;
  nodes = [];
  lanes = [];
  functions = /* @__PURE__ */ new Map();
  /** Children of each node in id order (the order they are drawn). */
  children = /* @__PURE__ */ new Map();
  /** Apply a snapshot or patch; a patch that does not follow the version held is a gap. */
  apply(t) {
    if (t.type === "patch" && t.base !== this.version) return { kind: "gap" };
    const e = { reset: !1, added: [], touched: [], before: /* @__PURE__ */ new Map(), pulses: [] };
    t.type === "snapshot" ? (this.clear(), e.reset = !0, this.status = t.status) : (t.status !== null && (this.status = t.status), e.pulses = t.pulses), this.version = t.version, this.mode = t.mode, this.at = t.at;
    for (const s of t.lanes) this.lanes[s.id] = s;
    for (const s of t.functions) this.functions.set(s.fkey, s);
    for (const s of t.nodes) this.put(s, e);
    return { kind: "applied", change: e };
  }
  /** The node with this id, if held. */
  node(t) {
    return this.nodes[t];
  }
  /** Exact tracer statistics for a node's function, once the run sent them. */
  functionOf(t) {
    return this.functions.get(t.fkey);
  }
  put(t, e) {
    const s = this.nodes[t.id];
    s === void 0 ? (e.added.push(t.id), t.parent !== null && this.childList(t.parent).push(t.id)) : e.before.set(t.id, s), this.nodes[t.id] = t, e.touched.push(t.id);
  }
  childList(t) {
    let e = this.children.get(t);
    return e === void 0 && (e = [], this.children.set(t, e)), e;
  }
  clear() {
    this.nodes.length = 0, this.lanes.length = 0, this.functions.clear(), this.children.clear();
  }
}
const Os = 80;
class Is {
  constructor(t, e) {
    this.connection = t, this.events = e;
  }
  connection;
  events;
  model = null;
  runs = [];
  followLive = !0;
  listed = !1;
  // the first run list tells what was there before the page
  kind = "live";
  playing = !1;
  awaitingStart = !1;
  // the first snapshot after "play" is where it starts, not its end
  speed = 1;
  duration = 0;
  compatible = !0;
  seekTimer;
  pendingSeek = null;
  lastSeekAt = 0;
  handle(t) {
    t.type === "hello" ? this.hello(t) : t.type === "runs" ? this.onRuns(t.runs) : t.type === "error" ? this.events.error(t.message) : this.compatible && (t.type === "snapshot" || t.type === "patch") && this.onSpine(t);
  }
  /** Show a run: live runs are followed, recorded ones open at their end, ready to replay. */
  open(t, e) {
    e && (this.followLive = !1);
    const s = this.model;
    s !== null && s.runId !== t.id && this.connection.send({ type: "unsubscribe", run: s.runId }), this.model = new Fs(t.id), this.duration = 0, this.playing = !1, this.events.opened(this.model), t.live ? this.subscribe() : this.replay(null, 0);
  }
  seek(t) {
    if (this.model === null) return;
    this.kind = "replay", this.playing = !1, this.pendingSeek = t;
    const e = Os - (performance.now() - this.lastSeekAt);
    window.clearTimeout(this.seekTimer), e <= 0 ? this.flushSeek() : this.seekTimer = window.setTimeout(() => this.flushSeek(), e);
  }
  play() {
    if (this.model === null) return;
    const t = this.cursor() >= this.duration ? 0 : this.cursor();
    this.playing = !0, this.awaitingStart = !0, this.replay(t, this.speed);
  }
  pause() {
    this.model !== null && (this.playing = !1, this.replay(this.cursor(), 0));
  }
  setSpeed(t) {
    this.speed = t, this.playing && this.replay(this.cursor(), t);
  }
  goLive() {
    this.model !== null && (this.playing = !1, this.subscribe());
  }
  setFollowLive(t) {
    this.followLive = t, t && this.onRuns(this.runs);
  }
  refresh() {
    this.connection.send({ type: "list_runs" });
  }
  timeline() {
    const t = this.currentInfo();
    return {
      enabled: this.model !== null && this.model.version >= 0,
      replaying: this.kind === "replay",
      playing: this.playing,
      at: this.cursor(),
      duration: this.duration,
      speed: this.speed,
      canGoLive: this.kind === "replay" && t?.live === !0
    };
  }
  hello(t) {
    if (this.compatible = t.v === j && t.spine === K, !this.compatible) {
      const e = t.v > j || t.spine > K ? "older" : "newer";
      this.events.incompatible(
        `This HUD (wire ${j}, spine ${K}) is ${e} than the hub (wire ${t.v}, spine ${t.spine}, debugflow ${t.hub.version}). Reload the page, or run the same DebugFlow version for the hub and the page.`
      );
      return;
    }
    this.model !== null && this.resync();
  }
  onRuns(t) {
    const e = !this.listed, s = new Set(this.runs.map((r) => r.id));
    if (this.listed = !0, this.runs = t, this.events.runs(t), !this.followLive || !this.compatible) return;
    const i = e && this.model === null ? ss(t) : is(t, s);
    i !== void 0 && i.id !== this.model?.runId && this.open(i, !1);
  }
  onSpine(t) {
    const e = this.model;
    if (e === null || t.run !== e.runId) return;
    const s = e.version, i = e.apply(t);
    if (i.kind === "gap") {
      this.resync();
      return;
    }
    this.track(t, s), this.events.applied(e, i.change);
  }
  // Keep the timeline's length and the play state in step with what arrives. A playing replay
  // ends with a snapshot at its end: the same version again, or the end of the timeline.
  track(t, e) {
    if (t.mode === "replay" && t.at !== null) {
      const s = this.awaitingStart;
      t.type === "snapshot" && (this.awaitingStart = !1);
      const i = t.version === e || t.at >= this.duration;
      this.playing && t.type === "snapshot" && !s && i && (this.playing = !1), this.duration = Math.max(this.duration, t.at);
    } else this.model?.status !== null && this.model?.status !== void 0 && (this.duration = Math.max(this.duration, this.model.status.elapsed_ns));
  }
  cursor() {
    const t = this.model;
    return t === null ? 0 : this.kind === "live" ? this.duration : this.pendingSeek ?? t.at ?? 0;
  }
  flushSeek() {
    this.pendingSeek !== null && (this.lastSeekAt = performance.now(), this.replay(this.pendingSeek, 0), this.pendingSeek = null);
  }
  subscribe() {
    this.model !== null && (this.kind = "live", this.connection.send({ type: "subscribe", run: this.model.runId }));
  }
  replay(t, e) {
    this.model !== null && (this.kind = "replay", this.connection.send({ type: "replay", run: this.model.runId, at: t, speed: e }));
  }
  resync() {
    this.kind === "live" ? this.subscribe() : this.replay(this.model?.at ?? null, this.playing ? this.speed : 0);
  }
  currentInfo() {
    const t = this.model?.runId;
    return this.runs.find((e) => e.id === t);
  }
}
class Ns {
  element;
  constructor() {
    this.element = a("div", "df-side");
  }
  /** Add a panel below the ones already there; `grow` panels share the spare height. */
  add(t, e = !1) {
    t.classList.add("df-side-panel"), e && t.classList.add("df-side-grow"), this.element.append(t);
  }
}
class _s {
  constructor(t) {
    this.connection = t, this.element = a("div", "df-popup"), this.element.setAttribute("role", "dialog"), this.element.setAttribute("aria-label", "Open source"), this.element.hidden = !0, this.message = a("div", "df-popup-message"), this.message.setAttribute("role", "status"), this.copyButton = p("Copy path:line", "df-copy", () => {
      this.copy();
    });
    const e = p("✕", "df-popup-close", () => this.hide());
    e.setAttribute("aria-label", "Close"), this.element.append(this.message, this.copyButton, e), this.element.addEventListener("keydown", (s) => {
      s.key === "Escape" && this.hide();
    });
  }
  connection;
  element;
  message;
  copyButton;
  ref = "";
  /** Open `node`'s source (or a file and line) through the hub; the popup shows at (x, y). */
  async open(t, e, s) {
    if (this.ref = L(t), this.copyButton.dataset.ref = this.ref, this.element.style.transform = `translate(${Math.round(e)}px, ${Math.round(s)}px)`, this.element.hidden = !1, t.kind === "mark" || t.file === "") {
      this.say("A manual pulse has no source file.", "info");
      return;
    }
    this.say(`Opening ${this.ref}…`, "info");
    const i = await this.connection.openSource(t.file, t.line);
    i.ok ? this.say(`Opened ${this.ref} in your editor.`, "ok") : this.say(i.error ?? "The editor could not be started.", "error");
  }
  hide() {
    this.element.hidden = !0;
  }
  say(t, e) {
    this.message.textContent = t, this.element.dataset.result = e;
  }
  async copy() {
    try {
      await navigator.clipboard.writeText(this.ref), this.say(`Copied ${this.ref}`, "ok");
    } catch {
      this.say(this.ref, "info"), window.getSelection()?.selectAllChildren(this.message);
    }
  }
}
const Ds = ["script", "state", "nodes", "calls", "exceptions", "elapsed"];
class Ps {
  element;
  values = /* @__PURE__ */ new Map();
  extra;
  link;
  ghostBadge;
  constructor() {
    this.element = a("header", "df-status"), this.element.setAttribute("aria-label", "Run status");
    const t = a("div", "df-brand", "DebugFlow");
    this.ghostBadge = a("span", "df-ghost-badge", "GHOST"), this.ghostBadge.title = "dry run with mock arguments (flow ghost)", this.ghostBadge.hidden = !0, this.element.append(t, this.ghostBadge);
    for (const e of Ds) {
      const s = a("div", `df-stat df-stat-${e}`), i = a("span", "df-stat-value", "–");
      i.dataset.field = e, s.append(a("span", "df-stat-label", e), i), this.values.set(e, i), this.element.append(s);
    }
    this.extra = a("div", "df-stat-extra"), this.link = a("div", "df-link", "connecting"), this.link.setAttribute("role", "status"), this.element.append(this.extra, this.link);
  }
  /** Show a run's status (null: no run open). */
  render(t, e, s) {
    if (this.showGhost(st(t)), t === null) {
      for (const i of this.values.values()) i.textContent = "–";
      this.extra.textContent = "";
      return;
    }
    this.set("script", t.argv.join(" ") || t.script || t.run), this.set("state", Bs(t, e, s)), this.element.dataset.state = e === "replay" ? "replay" : t.state, this.set("nodes", v(t.nodes)), this.set("calls", v(t.calls)), this.set("exceptions", v(t.exceptions)), this.set("elapsed", m(Hs(t, e))), this.extra.textContent = qs(t);
  }
  /** Show whether the hub connection is up. */
  renderLink(t) {
    this.link.textContent = t === "open" ? "hub connected" : t === "connecting" ? "connecting…" : "hub unreachable — retrying", this.link.dataset.link = t;
  }
  showGhost(t) {
    this.ghostBadge.hidden = !t, t ? this.element.dataset.ghost = "true" : delete this.element.dataset.ghost;
  }
  set(t, e) {
    const s = this.values.get(t);
    s !== void 0 && s.textContent !== e && (s.textContent = e);
  }
}
function Bs(n, t, e) {
  return t === "replay" ? `replay @ ${m(e ?? 0)}` : n.state === "ended" ? n.exit_code === null ? "ended" : `ended (exit ${n.exit_code})` : n.state;
}
function Hs(n, t) {
  if (t !== "live" || n.state !== "live" || n.started_at <= 0) return n.elapsed_ns;
  const e = (Date.now() / 1e3 - n.started_at) * 1e9;
  return Math.max(n.elapsed_ns, e);
}
function qs(n) {
  const t = [];
  return n.dropped > 0 && t.push(`${v(n.dropped)} events dropped`), n.hidden > 0 && t.push(`${v(n.hidden)} calls past the node limit`), n.backend && t.push(`${n.backend} · Python ${n.python}`), t.join(" · ");
}
const zs = [0.25, 0.5, 1, 2, 5, 10, 50, 200], G = 1e3;
class js {
  constructor(t) {
    this.actions = t, this.element = a("footer", "df-timeline"), this.element.setAttribute("aria-label", "Replay"), this.playButton = p("▶", "df-play", () => this.state?.playing ? t.pause() : t.play()), this.slider = a("input", "df-scrubber"), this.slider.type = "range", this.slider.min = "0", this.slider.max = String(G), this.slider.setAttribute("aria-label", "Timeline"), this.slider.addEventListener("input", () => {
      this.dragging = !0, t.seek(this.sliderNs());
    }), this.slider.addEventListener("change", () => {
      this.dragging = !1, t.seek(this.sliderNs());
    }), this.clock = a("span", "df-clock", "0ns / 0ns"), this.speed = a("select", "df-speed"), this.speed.setAttribute("aria-label", "Replay speed");
    for (const s of zs) this.speed.append(new Option(`${s}×`, String(s), s === 1, s === 1));
    this.speed.addEventListener("change", () => t.setSpeed(Number(this.speed.value))), this.live = p("● Live", "df-golive", () => t.goLive()), this.marks = a("div", "df-pause-marks"), this.marks.setAttribute("role", "list"), this.marks.setAttribute("aria-label", "Pauses");
    const e = a("div", "df-track");
    e.append(this.slider, this.marks), this.element.append(this.playButton, e, this.clock, this.speed, this.live);
  }
  actions;
  element;
  playButton;
  slider;
  clock;
  speed;
  live;
  marks;
  pauses = [];
  marked = "";
  // the pauses and duration the marks were placed for
  state = null;
  dragging = !1;
  /** The run's recorded pauses (a new run: none until its `pauses` message). */
  setPauses(t) {
    this.pauses = t, this.marked = "";
  }
  render(t) {
    this.state = t, this.element.dataset.replaying = String(t.replaying), this.element.dataset.playing = String(t.playing), this.playButton.textContent = t.playing ? "❚❚" : "▶", this.playButton.setAttribute("aria-label", t.playing ? "Pause" : "Play"), this.playButton.disabled = !t.enabled, this.slider.disabled = !t.enabled, this.speed.disabled = !t.enabled;
    const e = t.replaying ? t.at : t.duration;
    this.dragging || (this.slider.value = String(t.duration > 0 ? Math.round(e / t.duration * G) : 0)), this.slider.setAttribute("aria-valuetext", `${m(e)} of ${m(t.duration)}`), this.clock.textContent = `${m(e)} / ${m(t.duration)}`, this.live.hidden = !t.canGoLive, this.placeMarks(t.duration);
  }
  placeMarks(t) {
    const e = `${this.pauses.length}:${t}`;
    if (e === this.marked) return;
    this.marked = e;
    const s = t <= 0 ? [] : this.pauses.map((i) => this.mark(i, t));
    this.marks.replaceChildren(...s);
  }
  mark(t, e) {
    const s = a("div", "df-pause-item");
    s.setAttribute("role", "listitem"), s.style.left = `${Math.min(100, t.t / e * 100)}%`;
    const i = `${$(t.file)}:${t.line} in ${t.function}`, r = t.how === null ? "" : `, resumed by ${t.how}`, o = `Paused (${t.reason}) at ${i}, ${m(t.t)}${r}`, l = p("", "df-pause-mark", () => this.actions.seek(t.t));
    return l.dataset.reason = t.reason, l.setAttribute("aria-label", o), l.title = o, s.append(l), s;
  }
  sliderNs() {
    const t = this.state?.duration ?? 0;
    return Math.round(Number(this.slider.value) / G * t);
  }
}
class Ks {
  constructor(t) {
    this.actions = t, this.element = document.createElement("ul"), this.element.className = "df-tree", this.element.setAttribute("role", "tree"), this.element.setAttribute("aria-label", "Call spine"), this.element.tabIndex = 0, this.element.addEventListener("keydown", (e) => this.onKey(e)), this.element.addEventListener("focus", () => this.onTreeFocus()), this.element.addEventListener("focusin", (e) => this.onFocusIn(e));
  }
  actions;
  element;
  items = /* @__PURE__ */ new Map();
  signatures = /* @__PURE__ */ new Map();
  lanes = /* @__PURE__ */ new Map();
  current = null;
  isFolded = () => !1;
  hiddenByFocus = [];
  /** Drop every item (a new run, or a snapshot). */
  reset() {
    this.element.replaceChildren(), this.items.clear(), this.signatures.clear(), this.lanes.clear(), this.current = null, this.hiddenByFocus = [], this.element.tabIndex = 0;
  }
  /** Bring the items of these nodes up to date, creating new ones in id order. */
  update(t, e, s) {
    this.isFolded = s;
    for (const o of t.lanes) o !== void 0 && this.updateLane(o);
    const i = [...e].sort((o, l) => o - l), r = st(t.status);
    for (const o of i) {
      const l = t.node(o);
      l !== void 0 && this.updateItem(l, s(o), r);
    }
  }
  /** Set every expandable item's aria-expanded from the fold state (after a fold changed). */
  syncFolds(t) {
    this.isFolded = t;
    for (const [e, s] of this.items) {
      if (!s.hasAttribute("aria-expanded")) continue;
      const i = String(!t(e));
      s.getAttribute("aria-expanded") !== i && s.setAttribute("aria-expanded", i);
    }
  }
  /**
   * Reflect a focus: only the focused node's subtree and its ancestors stay in the tree; the
   * siblings along the way and the other lanes are hidden (null: everything shown again).
   */
  setFocusRoot(t, e) {
    for (const r of this.hiddenByFocus) r.hidden = !1;
    this.hiddenByFocus = [];
    const s = e === null ? void 0 : t.node(e);
    if (s === void 0) {
      this.element.setAttribute("aria-label", "Call spine");
      return;
    }
    let i = this.items.get(s.id);
    for (; i !== void 0 && i !== this.element; ) {
      const r = i.parentElement;
      for (const o of r?.children ?? [])
        o !== i && o instanceof HTMLElement && !o.hidden && (o.hidden = !0, this.hiddenByFocus.push(o));
      i = r?.closest("[role=treeitem]") ?? void 0;
    }
    this.element.setAttribute("aria-label", `Call spine, focused on ${s.function}`);
  }
  /** Mark the selected node (a jump from search or a list) without moving the keyboard. */
  markSelected(t) {
    for (const s of this.element.querySelectorAll("[aria-selected]")) s.removeAttribute("aria-selected");
    const e = t === null ? void 0 : this.items.get(t);
    e !== void 0 && (e.setAttribute("aria-selected", "true"), this.current !== null && this.current !== e && (this.current.tabIndex = -1), this.current = e, e.tabIndex = 0, this.element.tabIndex = -1);
  }
  /** Mark one item expanded or collapsed. */
  setExpanded(t, e) {
    const s = this.items.get(t);
    s?.hasAttribute("aria-expanded") && s.setAttribute("aria-expanded", String(e));
  }
  /** Move keyboard focus to a node's item (from a click on the canvas). */
  focusItem(t) {
    const e = this.items.get(t);
    e !== void 0 && this.moveTo(e);
  }
  updateLane(t) {
    let e = this.lanes.get(t.id);
    e === void 0 && (e = document.createElement("li"), e.setAttribute("role", "treeitem"), e.setAttribute("aria-level", "1"), e.setAttribute("aria-expanded", "true"), e.dataset.lane = String(t.id), e.tabIndex = -1, e.append(Tt()), this.element.append(e), this.lanes.set(t.id, e)), e.setAttribute("aria-label", `lane ${t.name}`);
  }
  updateItem(t, e, s) {
    const i = this.items.get(t.id) ?? this.createItem(t), r = re(t), o = Z(t), l = Ot(t), h = `${r}
${o}
${l}
${t.state}
${s}`;
    if (this.signatures.get(t.id) !== h) {
      this.signatures.set(t.id, h), i.setAttribute("aria-label", r), i.setAttribute("aria-description", [o, l].filter((f) => f !== "").join(" ; ")), i.dataset.state = t.state, i.dataset.calls = String(t.calls), i.dataset.args = o, i.dataset.result = l;
      const c = t.sample?.duration;
      c != null && (i.dataset.durationNs = String(c)), i.dataset.timing = ne(t);
      const d = tt(t)?.error;
      d && (i.dataset.error = `${d.type}: ${d.message}`), Gs(i, t, s);
    }
    i.hasAttribute("aria-expanded") && i.setAttribute("aria-expanded", String(!e));
  }
  createItem(t) {
    const e = document.createElement("li");
    return e.setAttribute("role", "treeitem"), e.id = `df-node-${t.id}`, e.tabIndex = -1, e.dataset.node = String(t.id), e.dataset.function = t.function, e.dataset.kind = t.kind, e.dataset.source = t.line > 0 ? `${t.file}:${t.line}` : t.file, e.setAttribute("aria-level", String(t.depth + 2)), this.parentGroup(t).append(e), this.items.set(t.id, e), e;
  }
  // Children go into their parent's group (created on the first child, which also makes the
  // parent expandable); roots go into their lane's group.
  parentGroup(t) {
    const e = t.parent === null ? this.lanes.get(t.lane) : this.items.get(t.parent);
    if (e === void 0) return this.element;
    let s = e.querySelector(":scope > [role=group]");
    if (s === null) {
      s = Tt(), e.append(s);
      const i = t.parent !== null && this.isFolded(t.parent);
      e.setAttribute("aria-expanded", String(!i));
    }
    return s;
  }
  onTreeFocus() {
    const t = this.visibleItems()[0];
    this.current === null && t !== void 0 ? this.moveTo(t) : this.current?.focus();
  }
  onFocusIn(t) {
    const e = t.target;
    if (e instanceof HTMLLIElement) {
      this.current = e, this.element.tabIndex = -1;
      for (const s of this.element.querySelectorAll("[aria-selected]")) s.removeAttribute("aria-selected");
      e.setAttribute("aria-selected", "true"), this.actions.focusNode(e.dataset.node === void 0 ? null : Number(e.dataset.node));
    }
  }
  onKey(t) {
    const e = this.current;
    if (e === null) return;
    this.handleKey(t.key, e) && t.preventDefault();
  }
  handleKey(t, e) {
    const s = () => {
      const r = this.visibleItems();
      return { items: r, index: r.indexOf(e) };
    }, i = e.getAttribute("aria-expanded");
    switch (t) {
      case "ArrowDown": {
        const { items: r, index: o } = s();
        return this.moveTo(r[o + 1]);
      }
      case "ArrowUp": {
        const { items: r, index: o } = s();
        return this.moveTo(r[o - 1]);
      }
      case "Home":
        return this.moveTo(s().items[0]);
      case "End": {
        const { items: r } = s();
        return this.moveTo(r[r.length - 1]);
      }
      case "ArrowRight":
        return i === "false" ? this.toggle(e, !1) : i === "true" ? this.moveTo(Ws(e)) : !1;
      case "ArrowLeft":
        return i === "true" && e.dataset.node !== void 0 ? this.toggle(e, !0) : this.moveTo(e.parentElement?.closest("[role=treeitem]") ?? void 0);
      case "Enter":
        return e.dataset.node !== void 0 && this.actions.openSource(Number(e.dataset.node)), !0;
      case "l":
      case "L":
        return e.dataset.node !== void 0 && this.actions.traceLines(Number(e.dataset.node)), e.dataset.node !== void 0;
      case "o":
      case "O":
        return e.dataset.node !== void 0 && this.actions.openEditor(Number(e.dataset.node)), e.dataset.node !== void 0;
      default:
        return !1;
    }
  }
  toggle(t, e) {
    return this.actions.setCollapsed(Number(t.dataset.node), e), t.setAttribute("aria-expanded", String(!e)), !0;
  }
  moveTo(t) {
    return t === void 0 ? !1 : (this.current !== null && (this.current.tabIndex = -1), t.tabIndex = 0, t.focus(), !0);
  }
  // Items whose ancestors are all expanded, in document (= drawing) order.
  visibleItems() {
    return [...this.element.querySelectorAll("[role=treeitem]")].filter(
      (e) => e.closest('[aria-expanded="false"] [role=treeitem]') === null && e.closest("[hidden]") === null
    );
  }
}
function Gs(n, t, e) {
  e ? n.dataset.ghost = "true" : delete n.dataset.ghost, D(t) ? (n.dataset.placeholder = "true", n.dataset.reason = it(t)) : (delete n.dataset.placeholder, delete n.dataset.reason);
}
function Ws(n) {
  const t = n.querySelector(":scope > [role=group]");
  for (const e of t?.children ?? [])
    if (e instanceof HTMLLIElement && !e.hidden) return e;
}
function Tt() {
  const n = document.createElement("ul");
  return n.setAttribute("role", "group"), n;
}
const Vs = 200, Us = 250, Ys = 500;
class Xs {
  constructor(t, e) {
    this.connection = e, this.root = t, this.session = new Is(e, {
      incompatible: (i) => this.showIncompatible(i),
      runs: (i) => this.onRuns(i),
      opened: (i) => this.onOpened(i),
      applied: (i, r) => this.onApplied(i, r),
      error: (i) => this.showToast(i)
    }), this.canvas = a("canvas", "df-canvas"), this.canvas.setAttribute("aria-hidden", "true"), this.painter = new As(this.canvas), this.stage = a("div", "df-stage");
    const s = a("div", "df-scroller");
    this.scroller = new Rs(s, () => this.schedule()), this.history = new rs({
      open: (i) => this.session.open(i, !0),
      followLive: (i) => this.session.setFollowLive(i),
      refresh: () => this.session.refresh()
    }), this.timeline = new js({
      seek: (i) => this.session.seek(i),
      play: () => this.session.play(),
      pause: () => this.session.pause(),
      setSpeed: (i) => this.session.setSpeed(i),
      goLive: () => this.session.goLive()
    }), this.tree = new Ks({
      focusNode: (i) => this.onTreeFocus(i),
      openSource: (i) => this.openCode(i),
      openEditor: (i) => this.openSource(i, null),
      traceLines: (i) => this.traceLines(i),
      setCollapsed: (i, r) => this.setCollapsed(i, r)
    }), this.explorer = new Xe(this.exploreHost(), e), this.popup = new _s(e), this.debug = new Ut(e), this.codePanel = new Ce(e, this.debug, {
      live: () => this.model?.status?.state === "live",
      openInEditor: (i, r) => this.openInEditor(i, r)
    }), this.followButton = p("↓ Follow", "df-follow", () => this.scroller.resume()), this.notice = a("div", "df-notice"), this.toast = a("div", "df-toast"), this.toast.setAttribute("role", "alert"), this.build(s), this.listen(s);
  }
  connection;
  session;
  layout = new as();
  anim = new Ht();
  meter = new ds();
  scroller;
  /** Which node the focus zone follows. */
  followed = new Ze();
  /** When each node was first laid out and drawn (Date.now() ms), for latency measurements. */
  appeared = /* @__PURE__ */ new Map();
  drawn = 0;
  hover = null;
  focus = null;
  /** Search, jumps, fold and focus, the overview and the details panel. */
  explorer;
  /** The column right of the spine where side panels are mounted. */
  side = new Ns();
  root;
  stage;
  canvas;
  painter;
  status = new Ps();
  history;
  timeline;
  tree;
  card = new cs();
  popup;
  debug;
  codePanel;
  followButton;
  notice;
  toast;
  layoutDirty = !1;
  foldsShown = -1;
  treeDirty = /* @__PURE__ */ new Set();
  newNodes = [];
  frameRequested = !1;
  treeFlushedAt = 0;
  size = { width: 0, height: 0 };
  /** Connect and start drawing. */
  start() {
    this.meter.start(), this.connection.start({
      message: (t) => {
        ce(t) ? this.debug.handle(t) : t.type === "pauses" ? this.onPauses(t) : this.session.handle(t);
      },
      state: (t) => {
        t === "closed" && this.debug.linkLost(), this.status.renderLink(t);
      }
    }), this.schedule();
  }
  /** The current run's model, if a run is open. */
  get model() {
    return this.session.model;
  }
  /** Where a node is drawn, in viewport (client) pixels; undefined when hidden or unknown. */
  nodeRect(t) {
    const e = this.model, s = e === null ? void 0 : this.layout.center(e, t);
    if (s === void 0) return;
    const i = this.stage.getBoundingClientRect(), r = i.left + s.x - this.scroller.left, o = i.top + s.y - this.scroller.top;
    return new DOMRect(r - 8, o - 8, 16, 16);
  }
  /** A node's three text lines as drawn, clipped to its column; undefined when not laid out. */
  labels(t) {
    const e = this.model;
    return e === null ? void 0 : this.painter.labels(e, this.layout, t);
  }
  /** Scroll a node into the middle of the view (stops following). */
  reveal(t) {
    const e = this.model, s = e === null ? void 0 : this.layout.center(e, t);
    s !== void 0 && this.scroller.reveal(s);
  }
  build(t) {
    this.root.classList.add("df-hud"), this.root.replaceChildren();
    const e = a("div", "df-body"), s = a("nav", "df-tree-box");
    s.setAttribute("aria-label", "Spine (keyboard: arrows move, Enter opens the source)"), s.append(this.tree.element), this.stage.append(this.canvas, t, this.card.element, this.popup.element, this.followButton, this.notice), this.side.add(this.explorer.details.element, !0), this.side.add(this.history.element), e.append(this.stage, this.explorer.overview.element, this.codePanel.element, this.side.element), this.root.append(this.status.element, this.explorer.bar.element, e, this.timeline.element, s), this.root.append(this.explorer.list.element, this.toast), this.setNotice("Waiting for a traced program… run `flow run your_script.py` in this project."), new ResizeObserver(() => this.resize()).observe(this.stage);
  }
  listen(t) {
    t.addEventListener("pointermove", (e) => this.onPointer(e)), t.addEventListener("pointerleave", () => this.setHover(null)), t.addEventListener("click", (e) => this.onClick(e)), t.addEventListener("contextmenu", (e) => this.onContextMenu(e)), t.addEventListener("keydown", (e) => {
      e.key === "End" && this.scroller.resume();
    });
  }
  resize() {
    const t = this.stage.getBoundingClientRect();
    this.size = { width: t.width, height: t.height }, this.painter.resize(t.width, t.height, window.devicePixelRatio || 1), this.layoutDirty = !0, this.schedule();
  }
  onRuns(t) {
    this.history.setRuns(t), this.history.setCurrent(this.model?.runId ?? null), this.history.setFollowLive(this.session.followLive);
  }
  onOpened(t) {
    this.explorer.reset(), this.layout.build(t), this.tree.reset(), this.anim.clear(), this.appeared.clear(), this.treeDirty.clear(), this.newNodes = [], this.hover = null, this.focus = null, this.popup.hide(), this.codePanel.reset(t.runId), this.timeline.setPauses([]), this.followed.reset(), this.scroller.resume(), this.history.setCurrent(t.runId), this.history.setFollowLive(this.session.followLive), this.setNotice("Loading the run…"), this.schedule();
  }
  onPauses(t) {
    t.run === this.model?.runId && (this.timeline.setPauses(t.pauses), this.schedule());
  }
  onApplied(t, e) {
    if (e.reset) {
      this.tree.reset(), this.treeDirty.clear(), this.layoutDirty = !0;
      for (const s of t.nodes) s !== void 0 && this.treeDirty.add(s.id);
    }
    e.added.length > 0 && (this.layoutDirty = !0, this.newNodes.push(...e.added));
    for (const s of e.touched) {
      this.treeDirty.add(s);
      const i = t.node(s);
      i !== void 0 && this.codePanel.refreshNode(i);
    }
    this.codePanel.refreshBar(), this.followed.update(t, e), this.anim.add(e, t, performance.now()), this.schedule();
  }
  schedule() {
    this.frameRequested || (this.frameRequested = !0, requestAnimationFrame((t) => this.frame(t)));
  }
  frame(t) {
    this.frameRequested = !1;
    const e = this.model;
    e !== null && this.commit(e);
    const s = this.scroller.follow(this.followTarget(e), e?.nodes.length ?? 0, t);
    this.followButton.hidden = this.scroller.following || (e?.nodes.length ?? 0) < 5, this.status.render(e?.status ?? null, e?.mode ?? null, e?.at ?? null), this.timeline.render(this.session.timeline()), this.drawn = e === null ? 0 : this.paint(e, t), e !== null && this.explorer.frame(e, t), (this.hover ?? this.focus) !== null && e !== null && this.refreshCard(e), e !== null && this.flushTree(e);
    const i = this.anim.prune(t), r = e?.status?.state === "live" && e.mode === "live";
    (i || s || r || this.treeDirty.size > 0) && this.schedule();
  }
  // Apply what arrived since the last frame: layout and appearance times.
  commit(t) {
    this.layoutDirty && this.relayout();
    const e = Date.now();
    for (const i of this.newNodes) this.appeared.has(i) || this.appeared.set(i, e);
    this.newNodes = [];
    const s = t.version < 0 ? "Loading the run…" : "Run started — waiting for its first traced call…";
    this.setNotice(t.nodes.length === 0 ? s : "");
  }
  // The accessible tree follows at most ~4 times a second when much changes at once.
  flushTree(t) {
    const e = performance.now() - this.treeFlushedAt > Us;
    if (this.treeDirty.size === 0 || this.treeDirty.size > Vs && !e) return;
    const s = [...this.treeDirty].sort((i, r) => i - r).slice(0, Ys);
    this.tree.update(t, s, (i) => this.layout.isFolded(t, i));
    for (const i of s) this.treeDirty.delete(i);
    this.treeFlushedAt = this.treeDirty.size > 0 ? 0 : performance.now();
  }
  paint(t, e) {
    return this.painter.draw({
      model: t,
      layout: this.layout,
      anim: this.anim,
      view: { left: this.scroller.left, top: this.scroller.top, ...this.size },
      hover: this.hover,
      focus: this.focus,
      focusZone: this.scroller.following && t.nodes.length >= 5,
      now: e,
      hits: this.explorer.hits,
      hit: this.explorer.cursor.current,
      selected: this.explorer.selected
    });
  }
  /** Lay the spine out again now: after new nodes, a resize, a fold or a focus. */
  relayout() {
    const t = this.model;
    this.layoutDirty = !1, t !== null && (this.layout.build(t), this.layout.fitColumns(this.size.width, this.layout.columns.length), this.scroller.setContentSize(this.layout.width, this.layout.height + this.size.height / 2), this.layout.folds.revision !== this.foldsShown && (this.foldsShown = this.layout.folds.revision, this.tree.syncFolds((e) => this.layout.isFolded(t, e)), this.tree.setFocusRoot(t, this.layout.folds.focus)), this.schedule());
  }
  /** Node ids of the rows in view, in every column. */
  visibleNodes() {
    const t = Math.max(0, Math.floor((this.scroller.top - u.headerHeight) / u.rowHeight)), e = Math.ceil((this.scroller.top + this.size.height - u.headerHeight) / u.rowHeight);
    return this.layout.columns.flatMap((s) => s.slice(t, Math.max(t, e)));
  }
  exploreHost() {
    const t = this;
    return {
      get model() {
        return t.model;
      },
      layout: this.layout,
      relayout: () => this.relayout(),
      scrollTo: (e) => this.reveal(e),
      visibleNodes: () => this.visibleNodes(),
      markSelected: (e) => this.tree.markSelected(e),
      schedule: () => this.schedule()
    };
  }
  followTarget(t) {
    const e = this.followed.current;
    return t === null || e === null ? null : this.layout.center(t, e) ?? null;
  }
  onPointer(t) {
    const e = this.stage.getBoundingClientRect(), s = t.clientX - e.left + this.scroller.left, i = this.layout.hit(s, t.clientY - e.top + this.scroller.top);
    this.setHover(i ?? null);
  }
  setHover(t) {
    if (t === this.hover) return;
    this.hover = t;
    const e = this.model;
    e !== null && this.refreshCard(e), this.stage.dataset.hover = t === null ? "" : String(t), this.schedule();
  }
  // The card sits beside the node's column, so it never hides the spine it describes.
  refreshCard(t) {
    const e = this.hover ?? this.focus, s = e === null ? void 0 : t.node(e), i = this.nodePoint(e), r = s === void 0 ? void 0 : this.layout.column(s.lane), o = r === void 0 ? 0 : this.layout.x(r) + this.layout.columnWidth - this.scroller.left;
    this.card.show(t, e, o, (i?.y ?? 0) - 24, new DOMRect(0, 0, this.size.width, this.size.height));
  }
  nodePoint(t) {
    const e = this.model, s = e === null || t === null ? void 0 : this.layout.center(e, t);
    return s === void 0 ? null : { x: s.x - this.scroller.left, y: s.y - this.scroller.top };
  }
  onClick(t) {
    const e = this.stage.getBoundingClientRect(), s = { x: t.clientX - e.left, y: t.clientY - e.top }, i = this.layout.hit(s.x + this.scroller.left, s.y + this.scroller.top);
    if (i === void 0) {
      this.popup.hide();
      return;
    }
    this.popup.hide();
    const r = this.model, o = r === null ? void 0 : this.layout.center(r, i);
    if (o !== void 0 && s.x + this.scroller.left < o.x - u.radius && r?.children.has(i)) {
      this.explorer.toggleFold(i);
      return;
    }
    this.explorer.select(i), this.openCode(i);
  }
  // Right-click on a node: trace its function's lines (the browser's menu elsewhere).
  onContextMenu(t) {
    const e = this.stage.getBoundingClientRect(), s = this.layout.hit(t.clientX - e.left + this.scroller.left, t.clientY - e.top + this.scroller.top);
    s !== void 0 && (t.preventDefault(), this.traceLines(s));
  }
  traceLines(t) {
    const e = this.model?.node(t);
    e !== void 0 && this.codePanel.traceNode(e);
  }
  /** Show a node's source in the code panel. */
  openCode(t) {
    const e = this.model?.node(t);
    e !== void 0 && this.codePanel.openNode(e);
  }
  // The editor's answer shows in the usual popup, at the stage's top right (beside the panel).
  openInEditor(t, e) {
    const s = Math.max(8, this.size.width - 420);
    this.popup.open({ kind: "call", file: t, line: e }, s, 8);
  }
  openSource(t, e) {
    const s = this.model?.node(t), i = e ?? this.nodePoint(t);
    if (s === void 0 || i === null) return;
    const r = Math.min(i.x + 12, Math.max(8, this.size.width - 320));
    this.popup.open(s, r, i.y + 14);
  }
  onTreeFocus(t) {
    this.focus = t, this.explorer.select(t), t !== null && this.reveal(t);
    const e = this.model;
    e !== null && this.refreshCard(e), this.schedule();
  }
  setCollapsed(t, e) {
    this.explorer.setFold(t, e);
  }
  setNotice(t) {
    this.notice.textContent !== t && (this.notice.textContent = t), this.notice.hidden = t === "";
  }
  showIncompatible(t) {
    this.root.dataset.incompatible = "true", this.setNotice(t), this.notice.classList.add("df-notice-error");
  }
  showToast(t) {
    this.toast.textContent = t, this.toast.hidden = !1, window.setTimeout(() => {
      this.toast.textContent === t && (this.toast.hidden = !0);
    }, 6e3);
  }
}
function Zs(n) {
  window.debugflowHud = {
    get frames() {
      return n.meter.frames;
    },
    get maxFrameGapMs() {
      return n.meter.maxGapMs;
    },
    fps: () => n.meter.fps(),
    resetMeter: () => n.meter.reset(),
    runId: () => n.model?.runId ?? null,
    version: () => n.model?.version ?? -1,
    drawn: () => n.drawn,
    following: () => n.scroller.following,
    nodes: () => (n.model?.nodes ?? []).filter((t) => t !== void 0).map((t) => ({ id: t.id, function: t.function, state: t.state })),
    nodeRect: (t) => {
      const e = n.nodeRect(t);
      return e === void 0 ? null : { x: e.x, y: e.y, width: e.width, height: e.height };
    },
    reveal: (t) => n.reveal(t),
    labels: (t) => n.labels(t) ?? null,
    appeared: () => Object.fromEntries(n.appeared),
    debugRequest: (t) => n.debug.request(t),
    rows: () => n.layout.columns.map((t) => [...t]),
    visible: () => n.visibleNodes(),
    selected: () => n.explorer.selected,
    hits: () => [...n.explorer.cursor.hits],
    folded: (t) => n.model === null ? !1 : n.layout.isFolded(n.model, t),
    overviewBox: (t) => {
      const e = n.explorer.overview.layout.box(t);
      if (e === void 0) return null;
      const s = n.explorer.overview.canvas.getBoundingClientRect();
      return { x: s.left + e.x, y: s.top + e.y, width: e.w, height: e.h };
    }
  };
}
function Js(n, t) {
  const e = new Xs(n, t);
  return e.start(), e;
}
function Rt() {
  const n = document.getElementById("debugflow-hud");
  n === null || n.dataset.autostart === "false" || Zs(Js(n, Y.fromLocation(window.location)));
}
document.readyState === "loading" ? document.addEventListener("DOMContentLoaded", Rt) : Rt();
export {
  Y as HubConnection,
  Js as render
};
