class D {
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
    return new D(t.origin, e);
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
      }), n = await s.json();
      return s.ok && n.ok ? { ok: !0, command: n.command ?? [] } : { ok: !1, error: n.error ?? `the hub answered ${s.status}` };
    } catch (s) {
      return { ok: !1, error: `the hub could not be reached (${String(s)})` };
    }
  }
  async get(t, e) {
    const s = Object.entries(e).map(([n, r]) => `&${n}=${encodeURIComponent(r)}`).join("");
    try {
      const n = await fetch(this.url(t) + s), r = await n.json().catch(() => null);
      return n.ok ? { ok: !0, body: r } : { ok: !1, error: (typeof r == "object" && r !== null && "error" in r ? String(r.error) : "") || `the hub answered ${n.status}` };
    } catch (n) {
      return { ok: !1, error: `the hub could not be reached (${String(n)})` };
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
  link: "rgba(196, 181, 253, 0.45)"
}, Y = {
  processing: "#facc15",
  success: "#4ade80",
  exception: "#f87171",
  info: "#c4b5fd",
  unfinished: "#94a3b8"
}, k = {
  fill: "rgba(167, 139, 250, 0.35)",
  stroke: "#a78bfa",
  text: "#c4b5fd",
  args: "#a5a0c8",
  dash: [3, 3],
  placeholderAlpha: 0.45
}, X = { success: "#4ade80", exception: "#f87171" }, B = '"JetBrains Mono", "Fira Code", "DejaVu Sans Mono", Menlo, Consolas, monospace', u = {
  pad: 16,
  // left margin of the first lane
  columnWidth: 400,
  // one lane; labels are clipped to it
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
  bottomSpace: 120
}, b = {
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
}, At = 12, Lt = 120;
class Mt {
  pulses = [];
  flashes = /* @__PURE__ */ new Map();
  /** Start the animations of one applied message. */
  add(t, e, s) {
    t.reset && this.clear(), t.pulses.forEach((n, r) => this.addPulse(n, s + Math.min(r * At, Lt))), this.flashEnds(t, e, s), this.pulses.length > b.maxPulses && this.pulses.splice(0, this.pulses.length - b.maxPulses);
  }
  /** Drop finished animations; returns whether anything is still moving. */
  prune(t) {
    this.pulses = this.pulses.filter((e) => t - e.start < b.pulseMs);
    for (const [e, s] of this.flashes)
      t - s.start > b.flashMs && this.flashes.delete(e);
    return this.pulses.length > 0 || this.flashes.size > 0;
  }
  clear() {
    this.pulses = [], this.flashes.clear();
  }
  addPulse(t, e) {
    this.pulses.push({ dir: t.dir, node: t.node, parent: t.parent, outcome: t.outcome, start: e }), t.dir === "down" ? this.flashes.set(t.node, { color: "call", start: e + b.pulseMs * 0.8 }) : t.outcome !== null && this.flashes.set(t.node, { color: t.outcome, start: e });
  }
  // A call that ended without its pulse (the hub keeps only the newest ones) still flashes.
  flashEnds(t, e, s) {
    for (const [n, r] of t.before) {
      const o = e.node(n)?.state, l = o === "success" || o === "exception";
      r.state === "processing" && l && !this.flashes.has(n) && this.flashes.set(n, { color: o, start: s });
    }
  }
}
const Ct = /* @__PURE__ */ new Set(["stack", "locals", "evaluate"]);
function Z(i) {
  return { run: i, state: null, pending: /* @__PURE__ */ new Map(), refusal: null, nextId: 1 };
}
function Tt(i, t) {
  return i.state !== null && t.rev <= i.state.rev ? i : { ...i, state: t };
}
function Et(i, t) {
  const e = new Map(i.pending);
  return e.set(i.nextId, t), { view: { ...i, pending: e, refusal: null, nextId: i.nextId + 1 }, id: i.nextId };
}
function It(i, t) {
  const e = i.pending.get(t.id);
  if (e === void 0 || t.run !== i.run) return { view: i, request: void 0, fresh: !1 };
  const s = new Map(i.pending);
  s.delete(t.id);
  const r = t.accepted || Ct.has(e.op) ? i.refusal : t.reason || "The debugger refused the request.", o = "seq" in e ? e.seq : null, l = o === null || o === i.state?.seq;
  return { view: { ...i, pending: s, refusal: r }, request: e, fresh: l };
}
function Rt(i, t) {
  return i.pending.size === 0 ? i : { ...i, pending: /* @__PURE__ */ new Map(), refusal: t };
}
function J(i) {
  return i.state?.phase === "paused" ? i.state.place : null;
}
function Nt(i) {
  const t = i.state?.seq;
  for (const e of i.pending.values()) if (e.op === "command" && e.seq === t) return !0;
  return !1;
}
function Q(i, t) {
  const e = i.state?.phase, s = t && !Nt(i), n = s && e === "paused";
  return { continue: n, next: n, step: n, return: n, pause: s && (e === "running" || e === "stepping") };
}
function tt(i, t) {
  return (i.state?.breakpoints ?? []).filter((e) => e.file === t && e.line !== null);
}
function Pt(i, t) {
  const e = i.state;
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
function $(i) {
  const t = Math.max(i.lastIndexOf("/"), i.lastIndexOf("\\"));
  return i.slice(t + 1);
}
class Ot {
  constructor(t) {
    this.connection = t;
  }
  connection;
  current = Z(null);
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
    t !== this.current.run && (this.waiters.clear(), this.set(Z(t)));
  }
  handle(t) {
    if (t.run !== this.current.run) return;
    if (t.type === "debug_state") {
      this.set(Tt(this.current, t.state));
      return;
    }
    const e = It(this.current, t);
    if (e.request === void 0) return;
    const s = this.waiters.get(t.id);
    this.waiters.delete(t.id), this.set(e.view), s?.({ accepted: t.accepted, reason: t.reason, result: t.result, fresh: e.fresh });
  }
  /** The hub connection closed: what was sent will get no answer. */
  linkLost() {
    const t = "The connection to the hub was lost; nothing sent was answered.", e = [...this.waiters.values()];
    this.waiters.clear(), this.set(Rt(this.current, t));
    for (const s of e) s({ accepted: !1, reason: t, result: null, fresh: !1 });
  }
  /** Send a request for the run on screen; resolves with its answer (never, if the run changes). */
  request(t) {
    const e = this.current.run;
    if (e === null) return Promise.resolve({ accepted: !1, reason: "No run is open.", result: null, fresh: !1 });
    const s = Et(this.current, t);
    return this.set(s.view), new Promise((n) => {
      this.waiters.set(s.id, n), this.connection.send({ type: "debug", run: e, id: s.id, request: t });
    });
  }
  set(t) {
    this.current = t;
    for (const e of this.listeners) e(t);
  }
}
function a(i, t, e = "") {
  const s = document.createElement(i);
  return s.className = t, e !== "" && (s.textContent = e), s;
}
function p(i, t, e) {
  const s = a("button", t, i);
  return s.type = "button", s.addEventListener("click", e), s;
}
function _t(i, t) {
  if (t === null) return null;
  let e = null;
  for (const s of i.functions)
    s.start <= t && t <= s.end && (e === null || s.start >= e.start) && (e = s);
  return e;
}
function Dt(i) {
  const t = _t(i.source, i.anchor), e = /* @__PURE__ */ new Map();
  for (const n of i.breakpoints) n.line !== null && e.set(n.line, n);
  const s = /* @__PURE__ */ new Map();
  for (const n of i.stats ?? []) s.set(n.line, n);
  return i.source.lines.map((n, r) => {
    const o = r + 1;
    return {
      line: o,
      tokens: n,
      inFunction: t !== null && t.start <= o && o <= t.end,
      current: o === i.current,
      breakpoint: e.get(o) ?? null,
      stat: s.get(o) ?? null,
      replayed: o === i.replay
    };
  });
}
function F(i) {
  const t = [];
  for (const e of i)
    e.line !== null && t.push({ line: e.line, condition: e.condition, hit: e.hit, log: e.log });
  return t.sort((e, s) => e.line - s.line);
}
function Bt(i, t) {
  const e = F(i), s = e.filter((n) => n.line !== t);
  return s.length !== e.length ? s : [...s, { line: t, condition: null, hit: null, log: null }].sort((n, r) => n.line - r.line);
}
function Ft(i, t) {
  return [...F(i).filter((s) => s.line !== t.line), t].sort((s, n) => s.line - n.line);
}
function Ht(i) {
  const t = i.trim().toLowerCase();
  if (t === "") return { hit: null };
  const e = /^(every\s+)?([1-9][0-9]*)$/.exec(t);
  return e === null ? { error: 'A hit count is a number ("5": the 5th hit) or "every N".' } : { hit: e[1] === void 0 ? e[2] ?? "" : `every ${e[2] ?? ""}` };
}
function et(i) {
  const t = i.trim();
  return t === "" ? null : t;
}
function qt(i, t) {
  const e = [`Breakpoint at line ${i}`];
  return t === null ? e[0] ?? "" : (t.condition !== null && e.push(`if ${t.condition}`), t.hit !== null && e.push(`hit ${t.hit}`), t.log !== null && e.push(`logs "${t.log}"`), t.verified || e.push("not verified"), e.join(", "));
}
class Gt {
  constructor(t) {
    this.actions = t, this.element = a("form", "df-bp-editor"), this.element.setAttribute("aria-label", "Edit breakpoint"), this.element.hidden = !0, this.title = a("div", "df-bp-title"), this.condition = T("Condition", "x > 3"), this.hit = T("Hit count", '5 or "every 100"'), this.log = T("Log message", "x is {x}"), this.error = a("div", "df-bp-error"), this.error.setAttribute("role", "alert");
    const e = a("button", "df-bp-save", "Save");
    e.type = "submit";
    const s = p("Remove", "df-bp-remove", () => {
      this.actions.remove(this.line), this.close();
    }), n = p("Cancel", "df-bp-cancel", () => this.close()), r = a("div", "df-bp-buttons");
    r.append(e, s, n), this.element.append(this.title, E(this.condition), E(this.hit), E(this.log), this.error, r), this.element.addEventListener("submit", (o) => {
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
    const t = Ht(this.hit.value);
    if ("error" in t) {
      this.error.textContent = t.error, this.hit.focus();
      return;
    }
    const e = { line: this.line, condition: et(this.condition.value), hit: t.hit, log: et(this.log.value) };
    this.actions.save(e), this.close();
  }
}
function T(i, t) {
  const e = a("input", "df-bp-field");
  return e.type = "text", e.name = i, e.placeholder = t, e.autocomplete = "off", e.spellcheck = !1, e;
}
function E(i) {
  const t = a("label", "df-bp-label", i.name);
  return t.append(i), t;
}
function m(i) {
  const t = Math.trunc(i);
  if (t < 1e3) return `${t}ns`;
  const e = [
    ["us", 1e3],
    ["ms", 1e6],
    ["s", 1e9]
  ];
  for (const [s, n] of e)
    for (const r of [2, 1, 0]) {
      const o = Math.floor((t * 10 ** r * 2 + n) / (2 * n));
      if (o < 1e3 || s === "s" && r === 0) return Wt(o, r) + s;
    }
  return `${t}ns`;
}
function Wt(i, t) {
  if (t === 0) return String(i);
  const e = String(i % 10 ** t).padStart(t, "0");
  return `${Math.floor(i / 10 ** t)}.${e}`;
}
function v(i) {
  return String(Math.trunc(i)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
function L(i) {
  return i.value === "" ? i.type ? `${i.name}: ${i.type}` : i.name : i.type ? `${i.name}: ${i.type}=${i.value}` : `${i.name}=${i.value}`;
}
function H(i) {
  return i.kind === "call" || i.sample !== null ? vt(i.sample) : "";
}
function vt(i) {
  return i === null || i.args === null ? "…" : i.args.map(L).join(", ");
}
function yt(i) {
  const t = i.sample === null ? "" : jt(i.sample), e = i.failure;
  if (e === null) return t;
  const n = `✖ another call ${e.args !== null && e.args.length > 0 ? `(${vt(e)}) ` : ""}raised ${q(e)}`;
  return t === "" ? n : `${t} · ${n}`;
}
function jt(i) {
  return i.state === "raised" ? `✖ ${q(i)}` : i.state === "returned" && i.ret !== null ? `→ ${wt(i.ret)}` : "";
}
function wt(i) {
  return i.value === "" ? i.type : i.type ? `${i.type}=${i.value}` : i.value;
}
function q(i) {
  if (i.error === null) return "";
  const { type: t, message: e } = i.error;
  return e ? `${t}: ${e}` : t;
}
function G(i) {
  return i.sample?.state === "raised" ? i.sample : i.failure;
}
function st(i) {
  const t = G(i);
  return t === null || t.error === null ? "" : `✖ ${q(t)}`;
}
function M(i) {
  return i.calls > 1 ? `${i.function} ×${v(i.calls)}` : i.function;
}
function zt(i) {
  const t = i.dur;
  if (t === null) return i.active > 0 ? "running" : "";
  if (i.calls === 1 || t.min === t.max) return m(t.median);
  const [e, s, n] = [t.min, t.median, t.max].map(m);
  return `min ${e} · median ${s} · max ${n}`;
}
function bt(i) {
  const t = i.sample?.duration;
  return t != null ? m(t) : i.dur !== null ? m(i.dur.median) : i.state === "processing" ? "running" : "no duration";
}
function Kt(i) {
  const t = G(i)?.error, e = i.state === "exception" && t ? `exception ${t.type}` : i.state;
  return `${M(i)}, ${e}, ${bt(i)}`;
}
function W(i) {
  return i.line > 0 ? `${i.file}:${i.line}` : i.file;
}
function Ut(i) {
  return new Date(i * 1e3).toLocaleTimeString("en-GB", { hour12: !1 });
}
function it(i) {
  const t = [Ut(i.started_at)];
  return i.state === "live" ? (t.push("running"), t.join(" · ")) : (t.push(`${v(i.calls)} calls`), i.exceptions > 0 && t.push(`${v(i.exceptions)} exc`), i.exit_code !== null && i.exit_code !== 0 && t.push(`exit ${i.exit_code}`), t.join(" · "));
}
class Vt {
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
      const n = this.rows[s];
      n !== void 0 && this.mark(n, e);
    }), this.shown = t, this.element.dataset.stats = String(t.some((e) => e.stat !== null)), this.setFocusable(this.focusLine);
  }
  /** Scroll `line` into the middle of the view when it is out of sight. */
  reveal(t) {
    const e = this.rows[t - 1];
    if (e === void 0) return;
    const s = this.element.getBoundingClientRect(), n = e.getBoundingClientRect();
    (n.top < s.top || n.bottom > s.bottom) && (this.element.scrollTop += n.top - s.top - s.height / 2 + n.height / 2);
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
    const n = a("span", "df-line-number", String(t.line));
    n.setAttribute("aria-hidden", "true");
    const r = a("span", "df-line-stat"), o = a("code", "df-line-code");
    for (const [l = "", c = ""] of t.tokens)
      l === "" || l === "w" || l === "n" || l === "p" ? o.append(c) : o.append(a("span", `t-${l}`, c));
    return e.append(s, n, r, o), e;
  }
  mark(t, e) {
    t.classList.toggle("df-in-function", e.inFunction), t.classList.toggle("df-current", e.current), t.classList.toggle("df-replayed", e.replayed), e.current ? t.setAttribute("aria-current", "step") : t.removeAttribute("aria-current");
    const s = t.firstElementChild;
    Yt(s, e.line, e.breakpoint);
    const n = s.nextElementSibling?.nextElementSibling, r = e.stat === null ? "" : `${v(e.stat.hits)}× ${m(e.stat.ns)}`;
    n.textContent !== r && (n.textContent = r);
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
function Yt(i, t, e) {
  const s = e === null ? "" : e.log !== null ? "log" : e.condition !== null || e.hit !== null ? "conditional" : "plain";
  if (i.dataset.breakpoint === s && i.dataset.verified === String(e?.verified ?? "")) return;
  i.dataset.breakpoint = s, i.dataset.verified = String(e?.verified ?? ""), i.setAttribute("aria-pressed", String(e !== null));
  const n = qt(t, e);
  i.setAttribute("aria-label", n), i.title = `${n} — click to toggle, right-click to edit`;
}
const xt = [
  { kind: "continue", text: "▶", name: "Continue", key: "F5", shift: !1 },
  { kind: "next", text: "⤼", name: "Step over", key: "F10", shift: !1 },
  { kind: "step", text: "↓", name: "Step into", key: "F11", shift: !1 },
  { kind: "return", text: "↑", name: "Step out", key: "F11", shift: !0 },
  { kind: "pause", text: "❚❚", name: "Pause", key: "F6", shift: !1 }
];
function Xt(i, t) {
  return xt.find((e) => e.key === i && e.shift === t)?.kind ?? null;
}
class Zt {
  element;
  buttons = /* @__PURE__ */ new Map();
  controls;
  status;
  refusal;
  raised;
  uncaught;
  constructor(t) {
    this.element = a("div", "df-debugbar");
    const e = a("div", "df-debug-buttons");
    e.setAttribute("role", "toolbar"), e.setAttribute("aria-label", "Debugger");
    for (const r of xt) {
      const o = r.shift ? `Shift+${r.key}` : r.key, l = p(r.text, "df-debug-button", () => t.command(r.kind));
      l.dataset.command = r.kind, l.setAttribute("aria-label", r.name), l.setAttribute("aria-keyshortcuts", o), l.title = `${r.name} (${o})`, l.disabled = !0, this.buttons.set(r.kind, l), e.append(l);
    }
    this.raised = nt("raised"), this.uncaught = nt("uncaught");
    const s = () => t.exceptions(this.raised.checked, this.uncaught.checked);
    this.raised.addEventListener("change", s), this.uncaught.addEventListener("change", s);
    const n = a("fieldset", "df-debug-exceptions");
    n.append(a("legend", "", "Pause on exceptions"), rt(this.raised, "raised"), rt(this.uncaught, "uncaught")), this.status = a("div", "df-debug-status"), this.status.setAttribute("role", "status"), this.refusal = a("div", "df-debug-refusal"), this.refusal.setAttribute("role", "status"), this.controls = [e, n], this.element.append(e, n, this.status, this.refusal);
  }
  render(t) {
    for (const s of this.controls) s.hidden = !t.present;
    this.element.hidden = !t.present && t.refusal === null;
    for (const [s, n] of this.buttons) n.disabled = !t.enabled[s];
    this.status.textContent !== t.status && (this.status.textContent = t.status);
    const e = t.refusal ?? "";
    this.refusal.textContent !== e && (this.refusal.textContent = e), this.raised.checked = t.exceptions?.raised ?? !1, this.uncaught.checked = t.exceptions?.uncaught ?? !1;
  }
}
function nt(i) {
  const t = a("input", "df-debug-exception");
  return t.type = "checkbox", t.name = i, t;
}
function rt(i, t) {
  const e = a("label", "df-debug-exception-label");
  return e.append(i, ` ${t}`), e;
}
function Jt(i) {
  return i.type === "debug_state" || i.type === "debug_reply";
}
function w(i) {
  return typeof i == "object" && i !== null;
}
function C(i, t) {
  return t.every((e) => typeof i[e] == "string");
}
function Qt(i) {
  return !w(i) || !Array.isArray(i.frames) ? null : i.frames.every(
    (e) => w(e) && typeof e.index == "number" && typeof e.line == "number" && C(e, ["file", "function"])
  ) ? i : null;
}
function te(i) {
  return !w(i) || typeof i.total != "number" || !Array.isArray(i.children) ? null : i.children.every(
    (e) => w(e) && C(e, ["key", "name", "type", "value"]) && typeof e.expandable == "boolean"
  ) ? i : null;
}
function ee(i) {
  return !w(i) || !C(i, ["type", "value"]) || i.error !== null && typeof i.error != "string" ? null : i;
}
function se(i) {
  if (!w(i) || typeof i.file != "string" || !Array.isArray(i.lines) || !Array.isArray(i.functions)) return null;
  const t = i.lines.every(
    (s) => Array.isArray(s) && s.every((n) => Array.isArray(n) && typeof n[0] == "string" && typeof n[1] == "string")
  ), e = i.functions.every(
    (s) => w(s) && typeof s.start == "number" && typeof s.end == "number"
  );
  return t && e ? i : null;
}
function ie(i) {
  return !w(i) || typeof i.node != "number" || !Array.isArray(i.calls) ? null : i.calls.every(
    (e) => w(e) && typeof e.t == "number" && typeof e.truncated == "number" && Array.isArray(e.steps) && e.steps.every(
      (s) => w(s) && typeof s.line == "number" && typeof s.t == "number" && Array.isArray(s.changed) && s.changed.every((n) => w(n) && C(n, ["name", "type", "value"]))
    )
  ) ? i : null;
}
const ne = 4, re = [0.25, 0.5, 1, 2, 4, 10];
function oe(i) {
  return i.calls.filter((t) => t.steps.length > 0);
}
function le(i, t) {
  const e = i.steps.length;
  if (e === 0) return null;
  const s = Math.max(0, Math.min(e - 1, Math.trunc(t))), n = i.steps[s];
  if (n === void 0) return null;
  const r = /* @__PURE__ */ new Map();
  for (let o = 0; o <= s; o += 1)
    for (const l of i.steps[o]?.changed ?? []) l.name !== "…" && r.set(l.name, l);
  return { index: s, count: e, line: n.line, t: n.t, changed: n.changed, locals: [...r.values()] };
}
function ot(i, t) {
  return t + 1 < i.steps.length ? t + 1 : null;
}
function ae(i) {
  return 1e3 / (ne * Math.max(i, 0.01));
}
class he {
  /** `show` gets the step to highlight (null: replay closed). */
  constructor(t) {
    this.show = t, this.element = a("div", "df-replay"), this.element.setAttribute("role", "group"), this.element.setAttribute("aria-label", "Line replay"), this.element.hidden = !0, this.calls = a("select", "df-replay-call"), this.calls.setAttribute("aria-label", "Recorded call"), this.calls.addEventListener("change", () => this.goTo(0)), this.play = p("▶", "df-replay-play", () => this.toggle()), this.play.setAttribute("aria-label", "Play the call's lines"), this.scrub = a("input", "df-replay-scrub"), this.scrub.type = "range", this.scrub.min = "0", this.scrub.setAttribute("aria-label", "Step of the call"), this.scrub.addEventListener("input", () => {
      this.stop(), this.goTo(Number(this.scrub.value));
    }), this.speed = a("select", "df-replay-speed"), this.speed.setAttribute("aria-label", "Replay speed");
    for (const s of re) this.speed.append(new Option(`${s}×`, String(s), s === 1, s === 1));
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
      ...t.map((s, n) => new Option(`call ${n + 1} of ${t.length} (${s.steps.length} lines${s.truncated > 0 ? `, +${s.truncated} not kept` : ""})`, String(n)))
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
    const e = this.call, s = e === void 0 ? null : le(e, t);
    if (e === void 0 || s === null) return;
    this.index = s.index, this.scrub.max = String(s.count - 1), this.scrub.value = String(s.index);
    const n = s.changed.map(L).join(", "), r = `step ${s.index + 1}/${s.count} · line ${s.line} · +${m(s.t)}`;
    this.info.replaceChildren(
      a("div", "df-replay-step", n ? `${r} · changed ${n}` : r),
      a("div", "df-replay-locals", s.locals.length === 0 ? "" : `locals: ${s.locals.map(L).join(", ")}`)
    ), this.show(s);
  }
  toggle() {
    if (this.timer !== void 0) {
      this.stop();
      return;
    }
    const t = this.call;
    t !== void 0 && (ot(t, this.index) === null && this.goTo(0), this.play.textContent = "❚❚", this.play.setAttribute("aria-label", "Pause the replay"), this.schedule());
  }
  schedule() {
    window.clearTimeout(this.timer), this.timer = window.setTimeout(() => this.tick(), ae(Number(this.speed.value)));
  }
  tick() {
    const t = this.call, e = t === void 0 ? null : ot(t, this.index);
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
class ce {
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
    const s = await this.connection.get("/api/source", { run: t, file: e }), n = s.ok ? se(s.body) : null;
    return n !== null ? n : (this.refused.add(e), s.ok ? "The hub's answer was not a source listing." : `The source of ${e} is not available: ${s.error}`);
  }
}
class ue {
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
    this.list.replaceChildren(...t.map((n) => this.item(n))), this.list.setAttribute("aria-activedescendant", `df-frame-${e}`);
  }
  item(t) {
    const e = a("li", "df-frame");
    return e.id = `df-frame-${t.index}`, e.dataset.frame = String(t.index), e.setAttribute("role", "option"), e.setAttribute("aria-selected", String(t.index === this.selected)), e.append(a("span", "df-frame-function", t.function), a("span", "df-frame-where", `${$(t.file)}:${t.line}`)), e.title = `${t.file}:${t.line}`, e.addEventListener("click", () => this.pick(t)), e;
  }
  onKey(t) {
    const e = t.key === "ArrowDown" ? 1 : t.key === "ArrowUp" ? -1 : 0;
    if (e === 0) return;
    t.preventDefault();
    const s = this.frames.findIndex((r) => r.index === this.selected), n = this.frames[s + e];
    n !== void 0 && this.pick(n);
  }
}
const de = 50;
class fe {
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
  async fill(t, e, s, n, r) {
    const o = this.fetch;
    if (o === null) return;
    const l = await o(e, s, de);
    if (n !== this.generation || l === null) return;
    if (r && t.replaceChildren(), t.querySelector(":scope > .df-var-more")?.remove(), typeof l == "string") {
      t.append(a("li", "df-inspect-empty df-var-error", l));
      return;
    }
    const c = e.length + 1;
    for (const h of l.children) t.append(this.item(h, [...e, h.key], c, n));
    r && l.children.length === 0 && t.append(a("li", "df-inspect-empty", "(none)"));
    const d = s + l.children.length;
    if (d < l.total) {
      const h = a("li", "df-var-more");
      h.setAttribute("role", "none"), h.append(
        p(`show more (${l.total - d} left)`, "df-var-more-button", () => {
          this.fill(t, e, d, n, !1);
        })
      ), t.append(h);
    }
  }
  item(t, e, s, n) {
    const r = a("li", "df-var");
    r.setAttribute("role", "treeitem"), r.setAttribute("aria-level", String(s)), r.dataset.name = t.name;
    const o = a("div", "df-var-row"), l = a("span", "df-var-name", t.name), c = a("span", "df-var-type", t.type), d = a("span", "df-var-value", t.value);
    if (r.setAttribute("aria-label", `${t.name}: ${t.type} = ${t.value}`), !t.expandable)
      return o.append(a("span", "df-var-twisty"), l, c, d), r.tabIndex = -1, r.append(o), r;
    r.setAttribute("aria-expanded", "false");
    const h = p("▸", "df-var-twisty", () => V());
    h.setAttribute("aria-label", `Expand ${t.name}`);
    const f = a("ul", "df-var-children");
    f.setAttribute("role", "group"), f.hidden = !0;
    const V = () => {
      const S = r.getAttribute("aria-expanded") !== "true";
      r.setAttribute("aria-expanded", String(S)), h.textContent = S ? "▾" : "▸", h.setAttribute("aria-label", `${S ? "Collapse" : "Expand"} ${t.name}`), f.hidden = !S, S ? this.expanded.add(e.join("\0")) : this.expanded.delete(e.join("\0")), S && f.childElementCount === 0 && (f.append(a("li", "df-inspect-empty", "Loading…")), this.fill(f, e, 0, n, !0));
    };
    return o.append(h, l, c, d), r.append(o, f), this.expanded.has(e.join("\0")) && V(), r;
  }
}
class pe {
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
    const n = a("span", "df-watch-value", this.evaluate === null ? this.note : "…"), r = p("✕", "df-watch-remove", () => {
      this.expressions.splice(this.expressions.indexOf(t), 1), this.render();
    });
    r.setAttribute("aria-label", `Remove watch ${t}`), s.append(a("span", "df-watch-expr", t), n, r);
    const o = this.evaluate;
    return o !== null && o(t).then((l) => {
      if (l === null || e !== this.generation) return;
      const c = typeof l == "string" ? l : l.error ?? `${l.type} = ${l.value}`;
      n.textContent = c, s.dataset.error = String(typeof l == "string" || l.error !== null);
    }), s;
  }
}
function lt(i) {
  return i.state === null ? "No debugger in this run." : i.state.phase === "ended" ? "The program ended." : "Not paused.";
}
class me {
  // what the inspectors say while not paused
  constructor(t, e, s) {
    this.connection = t, this.client = e, this.host = s, this.sources = new ce(t), this.element = a("section", "df-codepanel"), this.element.setAttribute("role", "region"), this.element.setAttribute("aria-label", "Code panel"), this.element.hidden = !0;
    const n = a("header", "df-cp-head");
    this.title = a("h2", "df-cp-title"), this.where = a("div", "df-cp-where");
    const r = a("div", "df-cp-names");
    r.append(this.title, this.where);
    const o = p("Open in editor", "df-cp-open", () => this.openInEditor());
    o.setAttribute("aria-keyshortcuts", "O"), o.title = "Open this file at the line in your editor (O)";
    const l = p("✕", "df-cp-close", () => this.close());
    l.setAttribute("aria-label", "Close the code panel"), this.focusButton = p("Trace lines", "df-cp-focus", () => {
      this.toggleFocus();
    }), this.focusButton.title = "Trace this function's next calls line by line (hits, time, changed locals)", this.focusButton.setAttribute("aria-pressed", "false"), n.append(r, this.focusButton, o, l), this.bar = new Zt({
      command: (h) => this.command(h),
      exceptions: (h, f) => {
        this.client.request({ op: "exceptions", raised: h, uncaught: f });
      }
    }), this.note = a("div", "df-cp-note"), this.note.setAttribute("role", "status"), this.code = new Vt({
      toggle: (h) => this.setBreakpoints(Bt(this.breakpoints(), h)),
      edit: (h) => this.editor.open(h, this.breakpoints().find((f) => f.line === h) ?? null)
    }), this.editor = new Gt({
      save: (h) => this.setBreakpoints(Ft(this.breakpoints(), h)),
      remove: (h) => this.setBreakpoints(F(this.breakpoints()).filter((f) => f.line !== h)),
      closed: (h) => this.code.gutter(h)?.focus()
    }), this.replay = new he((h) => {
      this.replayFrame = h, this.render();
    });
    const c = a("div", "df-cp-source");
    c.append(this.note, this.replay.element, this.code.element, this.editor.element), this.stack = new ue((h) => this.pickFrame(h)), this.inspect = a("div", "df-cp-inspect");
    const d = a("div", "df-cp-side");
    d.append(this.stack.element, this.watches.element), this.inspect.append(d, this.variables.element), this.element.append(n, this.bar.element, c, this.inspect), this.element.addEventListener("keydown", (h) => {
      !(h.target instanceof HTMLInputElement) && (h.key === "o" || h.key === "O") && !h.ctrlKey && !h.metaKey && this.openInEditor();
    }), document.addEventListener("keydown", (h) => this.onKey(h)), e.subscribe((h) => this.onView(h)), this.clearPause();
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
  variables = new fe();
  watches = new pe();
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
      enabled: Q(t, e),
      present: t.state !== null,
      status: Pt(t, e),
      refusal: t.refusal,
      exceptions: t.state?.exceptions ?? null
    });
  }
  /** The HUD's spine changed: a shown node's line statistics may have grown. */
  refreshNode(t) {
    const e = this.target?.node;
    if (this.target === null || e?.id !== t.id || t.lines === null) return;
    const s = at(e.lines) !== at(t.lines);
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
    const n = s.ok ? ie(s.body) : null;
    if (n === null) {
      this.say(s.ok ? "The hub's answer was not a line trace." : `No line trace: ${s.error}`);
      return;
    }
    this.replay.load(oe(n));
  }
  // Line tracing of the shown node's function: on or off in the traced process.
  async toggleFocus() {
    const t = this.target?.node;
    if (t == null) return;
    const e = this.focusButton.getAttribute("aria-pressed") !== "true";
    !(await this.client.request({ op: "focus", function: `${t.file}:${t.function}`, on: e })).accepted || this.target?.node?.id !== t.id || (this.focusButton.setAttribute("aria-pressed", String(e)), this.say(e ? `The next calls of ${t.function} are traced line by line.` : ""));
  }
  onView(t) {
    const e = J(t), s = t.state?.seq ?? null;
    e !== null && s !== this.pauseSeq ? (this.pauseSeq = s, this.frames = null, this.frame = 0, this.sources.retry(e.file), this.setTarget({ file: e.file, anchor: e.line, title: e.function, stats: null, node: null }), this.element.hidden = !1, this.showFrame(s ?? 0, 0, "Loading…"), this.loadStack(s ?? 0)) : e === null && (this.pauseSeq !== null || this.idleShown !== lt(t)) && (this.pauseSeq = null, this.clearPause()), this.render();
  }
  clearPause() {
    this.frames = null, this.frame = 0;
    const t = lt(this.client.view);
    this.idleShown = t, this.inspect.dataset.paused = "false", this.stack.show(null, 0, t), this.variables.show(null, t), this.watches.show(null, "—");
  }
  async loadStack(t) {
    const e = await this.client.request({ op: "stack", seq: t });
    if (!e.fresh || t !== this.pauseSeq) return;
    const s = e.accepted ? Qt(e.result) : null;
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
    return async (s, n, r) => {
      const o = await this.client.request({ op: "locals", seq: t, frame: e, path: s, offset: n, limit: r });
      return o.fresh ? o.accepted ? te(o.result) ?? "The debugger's answer was not a locals listing." : o.reason : null;
    };
  }
  evaluatorOf(t, e) {
    return async (s) => {
      const n = await this.client.request({ op: "evaluate", seq: t, frame: e, expr: s });
      return n.fresh ? n.accepted ? ee(n.result) ?? "The debugger's answer was not a value." : n.reason : null;
    };
  }
  command(t) {
    const e = this.client.view;
    e.state === null || !Q(e, this.host.live())[t] || this.client.request({ op: "command", kind: t, seq: e.state.seq });
  }
  onKey(t) {
    const e = Xt(t.key, t.shiftKey), s = this.client.view.state?.phase;
    e === null || s === void 0 || s === "ended" || (t.preventDefault(), this.command(e));
  }
  breakpoints() {
    return this.target === null ? [] : tt(this.client.view, this.target.file);
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
    const t = J(this.client.view);
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
    const n = this.currentLine(), r = Dt({
      source: t,
      anchor: s.anchor,
      current: n,
      breakpoints: tt(this.client.view, t.file),
      stats: s.stats,
      replay: this.replayFrame?.line ?? null
    });
    e ? this.code.load(r) : this.code.update(r);
    const o = n ?? this.replayFrame?.line ?? s.anchor ?? 1, l = `${t.file}:${o}`;
    (e || l !== this.shownAt) && this.code.reveal(o), this.shownAt = l;
  }
  say(t) {
    this.note.textContent !== t && (this.note.textContent = t), this.note.hidden = t === "";
  }
}
function at(i) {
  let t = 0;
  for (const e of i ?? []) t += e.hits;
  return t;
}
class ge {
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
    return this.target = this.choose(t, e.reset ? void 0 : ye(e.added)), this.target;
  }
  choose(t, e) {
    const s = this.deepestRunning(t), n = this.target === null ? void 0 : t.node(this.target);
    return n === void 0 ? s?.id ?? e ?? we(t) : n.state === "processing" ? s !== void 0 && s.depth > n.depth ? s.id : e !== void 0 && ht(t, n.id, e) ? e : n.id : s !== void 0 && !ht(t, s.id, n.id) ? s.id : e ?? n.id;
  }
  // Deepest first; among equals the latest to start or end, then the newest node.
  deepestRunning(t) {
    let e;
    for (const s of this.running) {
      const n = t.node(s);
      n !== void 0 && (e === void 0 || ve(n, e)) && (e = n);
    }
    return e;
  }
}
function ve(i, t) {
  return i.depth !== t.depth ? i.depth > t.depth : i.last_t !== t.last_t ? i.last_t > t.last_t : i.id > t.id;
}
function ht(i, t, e) {
  let s = i.node(e)?.parent ?? null;
  for (; s !== null; ) {
    if (s === t) return !0;
    s = i.node(s)?.parent ?? null;
  }
  return !1;
}
function ye(i) {
  let t;
  for (const e of i) (t === void 0 || e > t) && (t = e);
  return t;
}
function we(i) {
  return i.nodes.length === 0 ? null : i.nodes.length - 1;
}
const j = "ghost";
function z(i) {
  return i?.kind === j;
}
function K(i) {
  return i.kind === "unreached";
}
function kt(i) {
  return i.reason ?? "";
}
function U(i) {
  return [...i].sort(Se);
}
function be(i) {
  return i.live && i.state === "live";
}
function xe(i) {
  const t = U(i);
  return t.find(be) ?? t.find((e) => e.kind !== j);
}
function ke(i, t) {
  return U(i).find((e) => e.live && (e.state === "live" || !t.has(e.id)));
}
function Se(i, t) {
  return i.started_at !== t.started_at ? t.started_at - i.started_at : i.id < t.id ? 1 : i.id > t.id ? -1 : 0;
}
class $e {
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
    this.runs = U(t), this.render();
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
    const n = a("span", "df-run-script", t.script || t.id), r = a("span", "df-run-meta", it(t)), o = a("span", `df-run-state df-run-${t.state}`, t.state);
    s.append(o, n, r);
    const l = t.kind === j;
    l && (s.dataset.ghost = "true", n.prepend(a("span", "df-run-ghost", "GHOST"), " "));
    const c = `${t.script || t.id}${l ? ", ghost" : ""}, ${t.state}, ${it(t)}`;
    return s.setAttribute("aria-label", c), e.append(s), e;
  }
}
class Ae {
  /** Node ids of each lane column, top to bottom. */
  columns = [];
  /** Lane id shown in each column. */
  laneOfColumn = [];
  rowOf = /* @__PURE__ */ new Map();
  columnOfLane = /* @__PURE__ */ new Map();
  /** Nodes whose children are hidden (from the keyboard tree or a click on ▸). */
  collapsed = /* @__PURE__ */ new Set();
  /** Recompute every row from the model. */
  build(t) {
    this.rowOf.clear(), this.columnOfLane.clear();
    const e = /* @__PURE__ */ new Map();
    for (const n of t.nodes)
      n !== void 0 && n.parent === null && this.push(e, n.lane, n.id);
    const s = [...e.keys()].sort((n, r) => n - r);
    this.laneOfColumn = s, this.columns = s.map((n, r) => (this.columnOfLane.set(n, r), this.walk(t, e.get(n) ?? [])));
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
    const s = t.node(e), n = this.rowOf.get(e), r = s === void 0 ? void 0 : this.columnOfLane.get(s.lane);
    if (s === void 0 || n === void 0 || r === void 0) return;
    const o = Math.min(s.depth, u.maxIndentDepth);
    return {
      x: x(r) + 12 + o * u.indent,
      y: O(n) + u.rowHeight / 2
    };
  }
  /** The node under a content-coordinate point, if any. */
  hit(t, e) {
    const s = u.columnWidth + u.laneGap, n = Math.floor((t - u.pad) / s), r = t - x(n);
    if (n < 0 || r < 0 || r > u.columnWidth) return;
    const o = Math.floor((e - u.headerHeight) / u.rowHeight);
    return o < 0 ? void 0 : this.columns[n]?.[o];
  }
  get width() {
    return x(this.columns.length) + u.pad;
  }
  get height() {
    const t = Math.max(0, ...this.columns.map((e) => e.length));
    return O(t) + u.bottomSpace;
  }
  walk(t, e) {
    const s = [], n = [...e].reverse();
    for (; n.length > 0; ) {
      const r = n.pop();
      this.rowOf.set(r, s.length), s.push(r);
      const o = t.children.get(r);
      if (!(o === void 0 || this.collapsed.has(r)))
        for (let l = o.length - 1; l >= 0; l--) n.push(o[l]);
    }
    return s;
  }
  push(t, e, s) {
    const n = t.get(e);
    n === void 0 ? t.set(e, [s]) : n.push(s);
  }
}
function x(i) {
  return u.pad + i * (u.columnWidth + u.laneGap);
}
function O(i) {
  return u.headerHeight + i * u.rowHeight;
}
class Le {
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
class Me {
  element;
  shownId = null;
  shownVersion = -1;
  constructor() {
    this.element = document.createElement("div"), this.element.className = "df-card", this.element.id = "df-hover", this.element.setAttribute("role", "tooltip"), this.element.hidden = !0;
  }
  /** Show `id` right of (x, y) in the stage (CSS pixels) or left of it when there is no room. */
  show(t, e, s, n, r) {
    const o = e === null ? void 0 : t.node(e);
    if (o === void 0) {
      this.element.hidden = !0, this.shownId = null;
      return;
    }
    (this.shownId !== o.id || this.shownVersion !== t.version) && (this.element.replaceChildren(...Ce(t, o)), this.element.dataset.node = String(o.id), this.shownId = o.id, this.shownVersion = t.version), this.element.hidden = !1;
    const l = this.element.offsetWidth, c = this.element.offsetHeight, d = s + 8 + l > r.width ? Math.max(4, r.width - l - 8) : s + 8, h = Math.min(Math.max(4, n - 10), Math.max(4, r.height - c - 4));
    this.element.style.transform = `translate(${Math.round(d)}px, ${Math.round(h)}px)`;
  }
  get visibleNode() {
    return this.element.hidden ? null : this.shownId;
  }
}
function Ce(i, t) {
  if (K(t)) return Ie(t);
  const e = [A("df-card-title", M(t))], s = t.kind === "mark" ? "manual pulse" : `${t.module} · ${W(t)}`;
  e.push(A("df-card-where", s)), e.push(y("state", t.state === "processing" ? `running (${t.active} open)` : t.state));
  const n = t.sample?.duration;
  if ((n != null || t.dur !== null) && e.push(y("duration", bt(t), "df-duration")), e.push(y("calls", Te(t))), t.dur !== null) {
    const { min: o, median: l, max: c } = t.dur;
    e.push(y("min / median / max", [o, l, c].map(m).join(" / "))), e.push(y("total / own", `${m(t.dur.total)} / ${m(t.dur.own)}`));
  }
  const r = i.functionOf(t);
  return r !== void 0 && e.push(y("all calls of this function", v(r.calls))), e.push(...Ee(t)), e.push(A("df-card-hint", "click: show the source · right-click: trace its lines")), e;
}
function Te(i) {
  const t = i.exceptions > 0 ? ` · ${v(i.exceptions)} raised` : "";
  return `${v(i.calls)}${t}`;
}
function Ee(i) {
  const t = [], e = i.sample;
  if (e !== null && (t.push(y(i.calls > 1 ? "latest call kept: args" : "args", H(i), "df-value")), e.state === "raised" ? t.push(y("raised", st(i), "df-error")) : e.ret !== null && t.push(y("returned", wt(e.ret), "df-value"))), i.failure !== null) {
    const s = i.failure.args === null ? "values not kept" : i.failure.args.map(L).join(", ");
    t.push(y("another call raised", `${st(i)} · ${s}`, "df-error"));
  }
  return t;
}
function Ie(i) {
  return [
    A("df-card-title", i.function),
    A("df-card-where", `ghost placeholder · ${i.module} · ${W(i)}`),
    y("not reached", kt(i), "df-value df-reason")
  ];
}
function A(i, t) {
  const e = document.createElement("div");
  return e.className = i, e.textContent = t, e;
}
function y(i, t, e = "") {
  const s = document.createElement("div");
  s.className = `df-card-row ${e}`.trim();
  const n = document.createElement("span");
  n.className = "df-card-label", n.textContent = i;
  const r = document.createElement("span");
  return r.className = "df-card-value", r.textContent = t, s.append(n, r), s;
}
const _ = { top: 0.35, height: 0.3 }, Re = 400, ct = 40, Ne = 360;
class Pe {
  gliding = !1;
  upSince = null;
  /** Go to the target now, wherever it is (the Follow button, a new run). */
  kick() {
    this.gliding = !0, this.upSince = -1 / 0;
  }
  /** One frame's step toward keeping `target` (content coordinates) in the band. */
  step(t, e, s) {
    const n = $t(e.y - t.height / 2, 0, t.maxTop), r = St(t, e.x), o = n - t.top, l = r - t.left, c = t.height * _.height / 2;
    if (o < -c) {
      if (this.upSince ??= s, s - this.upSince < Re)
        return this.gliding = !1, { left: t.left, top: t.top, moving: !0 };
    } else
      this.upSince = null;
    return !this.gliding && Math.abs(l) < 1 && Math.abs(o) <= c ? { left: t.left, top: t.top, moving: !1 } : Math.abs(l) < 1 && Math.abs(o) < 1 ? (this.gliding = !1, { left: r, top: n, moving: !1 }) : (this.gliding = !0, { left: t.left + ut(l), top: t.top + ut(o), moving: !0 });
  }
}
function St(i, t) {
  return t - ct >= i.left && t + Ne <= i.left + i.width ? i.left : $t(t - ct, 0, i.maxLeft);
}
function $t(i, t, e) {
  return Math.max(t, Math.min(i, Math.max(t, e)));
}
function ut(i) {
  const t = i * b.followEase;
  return Math.abs(t) < 1 ? Math.sign(i) * Math.min(1, Math.abs(i)) : t;
}
const Oe = "…", _e = 4e3, De = /…*\s*$/u;
class Be {
  cache = /* @__PURE__ */ new Map();
  /** `text` as drawn in at most `width` pixels with the context's current font. */
  fit(t, e, s) {
    if (e === "" || s <= 0) return "";
    const n = `${t.font}|${Math.floor(s)}|${e}`, r = this.cache.get(n);
    if (r !== void 0) return r;
    const o = this.measureFit(t, e, s);
    return this.cache.size >= _e && this.cache.clear(), this.cache.set(n, o), o;
  }
  measureFit(t, e, s) {
    if (t.measureText(e).width <= s) return e;
    const n = Array.from(e);
    let r = 0, o = n.length;
    for (; r < o; ) {
      const l = Math.ceil((r + o) / 2);
      t.measureText(dt(n, l)).width <= s ? r = l : o = l - 1;
    }
    return dt(n, r);
  }
}
function dt(i, t) {
  return i.slice(0, t).join("").replace(De, "") + Oe;
}
const Fe = 0.26, I = `11px ${B}`, ft = `600 13px ${B}`;
class He {
  constructor(t) {
    this.canvas = t;
    const e = t.getContext("2d");
    if (e === null) throw new Error("this browser cannot draw on a canvas");
    this.ctx = e;
  }
  canvas;
  ctx;
  fitter = new Be();
  dpr = 1;
  /** Match the canvas to its box in CSS pixels. */
  resize(t, e, s) {
    this.dpr = s, this.canvas.width = Math.max(1, Math.round(t * s)), this.canvas.height = Math.max(1, Math.round(e * s));
  }
  /** Draw one frame; returns how many nodes were drawn. */
  draw(t) {
    const { ctx: e } = this, { view: s } = t;
    e.setTransform(this.dpr, 0, 0, this.dpr, 0, 0), e.clearRect(0, 0, s.width, s.height), t.focusZone && this.drawFocusZone(s), e.save(), e.translate(-s.left, -s.top);
    let n = 0;
    for (const r of pt(t.layout, s))
      n += this.drawColumn(t, r);
    return this.drawPulses(t), e.restore(), this.drawHeaders(t), n;
  }
  drawColumn(t, e) {
    const s = t.layout.columns[e] ?? [], n = Math.max(0, Math.floor((t.view.top - u.headerHeight) / u.rowHeight) - 1), r = Math.min(s.length - 1, Math.ceil((t.view.top + t.view.height) / u.rowHeight));
    if (n > r) return 0;
    const o = s.slice(n, r + 1);
    this.drawEdges(t, o);
    for (const l of o) this.drawNode(t, l);
    return o.length;
  }
  drawEdges(t, e) {
    const { ctx: s } = this, { model: n, layout: r } = t, o = new Set(e);
    for (const l of qe(n, e[0])) o.add(l);
    s.strokeStyle = g.edge, s.lineWidth = 1.5, s.beginPath();
    for (const l of o) this.traceChildLine(t, l);
    for (const l of e) {
      const c = n.node(l), d = r.center(n, l), h = c?.parent != null ? r.center(n, c.parent) : void 0;
      d === void 0 || h === void 0 || (s.moveTo(h.x, d.y), s.lineTo(d.x - u.radius, d.y));
    }
    s.stroke(), this.drawSpawnLinks(t, e);
  }
  // The vertical line from a node down to its last shown child.
  traceChildLine(t, e) {
    const { model: s, layout: n } = t, r = n.collapsed.has(e) ? void 0 : s.children.get(e), o = r?.[r.length - 1], l = n.center(s, e), c = o === void 0 ? void 0 : n.center(s, o);
    l === void 0 || c === void 0 || (this.ctx.moveTo(l.x, l.y + u.radius), this.ctx.lineTo(l.x, c.y));
  }
  // A call started from another lane (thread or task) links to the node that spawned it.
  drawSpawnLinks(t, e) {
    const { ctx: s } = this;
    s.save(), s.setLineDash([4, 5]), s.strokeStyle = g.link, s.beginPath();
    for (const n of e) {
      const r = t.model.node(n);
      if (r?.spawned_by == null) continue;
      const o = t.layout.center(t.model, r.spawned_by), l = t.layout.center(t.model, n);
      o === void 0 || l === void 0 || (s.moveTo(o.x + u.radius, o.y), s.bezierCurveTo(o.x + 120, o.y, l.x - 120, l.y, l.x - u.radius, l.y));
    }
    s.stroke(), s.restore();
  }
  drawNode(t, e) {
    const s = t.model.node(e), n = t.layout.center(t.model, e);
    if (s === void 0 || n === void 0) return;
    const { ctx: r } = this, o = z(t.model.status), l = K(s);
    r.globalAlpha = t.hover !== null && t.hover !== e ? Fe : 1, (t.hover === e || t.focus === e) && this.drawRowBox(t, s, n), l && (r.globalAlpha *= k.placeholderAlpha), o ? this.drawGhostCircle(s, n, l) : this.drawCircle(t, s, n), this.drawLabels(t, s, n, o), r.globalAlpha = 1;
  }
  // Ghost nodes: a translucent violet disc with a dashed ring; placeholders only the ring.
  drawGhostCircle(t, e, s) {
    const { ctx: n } = this;
    n.save(), n.beginPath(), n.arc(e.x, e.y, u.radius, 0, Math.PI * 2), s || (n.fillStyle = t.state === "exception" ? Y.exception : k.fill, n.fill()), n.setLineDash([...k.dash]), n.strokeStyle = k.stroke, n.lineWidth = 1.5, n.stroke(), n.restore();
  }
  drawCircle(t, e, s) {
    const { ctx: n } = this, r = t.anim.flashes.get(e.id), o = r !== void 0 ? Ge(r.start, t.now) : 0, l = Y[e.state], c = e.state === "processing" ? 0.5 + 0.5 * Math.sin(t.now / 180) : 0;
    n.save(), n.shadowColor = l, n.shadowBlur = 8 + 6 * c + 18 * o, n.fillStyle = l, n.beginPath(), n.arc(s.x, s.y, u.radius + 3 * o, 0, Math.PI * 2), n.fill(), r !== void 0 && o > 0 && (n.strokeStyle = r.color === "call" ? g.pulseDown : X[r.color], n.lineWidth = 2, n.beginPath(), n.arc(s.x, s.y, u.radius + 4 + 10 * (1 - o), 0, Math.PI * 2), n.globalAlpha *= o, n.stroke()), n.restore();
  }
  drawLabels(t, e, s, n) {
    const { ctx: r } = this, o = this.fitLabels(t.model, t.layout, e, s), l = s.x + u.textGap, c = s.y - u.rowHeight / 2;
    r.textBaseline = "alphabetic", r.font = I, r.fillStyle = n ? k.args : g.args, r.fillText(o.args, l, c + 15), r.font = ft, r.fillStyle = e.state === "unfinished" ? g.dim : n ? k.text : g.text, r.fillText(o.title, l, s.y + 4.5), r.font = I, r.fillStyle = e.state === "exception" ? g.error : n ? k.args : g.ret, r.fillText(o.result, l, c + u.rowHeight - 6);
  }
  /** A node's three lines as they are drawn, clipped to its column (undefined: not laid out). */
  labels(t, e, s) {
    const n = t.node(s), r = e.center(t, s);
    return n === void 0 || r === void 0 ? void 0 : this.fitLabels(t, e, n, r);
  }
  fitLabels(t, e, s, n) {
    const { ctx: r, fitter: o } = this, l = e.column(s.lane) ?? 0, c = x(l) + u.columnWidth - (n.x + u.textGap) - 6;
    r.font = I;
    const d = o.fit(r, H(s), c), h = o.fit(r, yt(s), c);
    r.font = ft;
    const f = o.fit(r, We(t, e, s), c);
    return { args: d, title: f, result: h };
  }
  drawRowBox(t, e, s) {
    const { ctx: n } = this, r = t.layout.column(e.lane) ?? 0, o = x(r);
    n.save(), n.fillStyle = "rgba(148, 197, 255, 0.07)", n.fillRect(o, s.y - u.rowHeight / 2 + 1, u.columnWidth, u.rowHeight - 2), t.focus === e.id && (n.strokeStyle = g.focusRing, n.lineWidth = 1.5, n.strokeRect(o + 1, s.y - u.rowHeight / 2 + 2, u.columnWidth - 2, u.rowHeight - 4)), n.restore();
  }
  drawPulses(t) {
    const { ctx: e } = this;
    e.save();
    for (const s of t.anim.pulses) {
      const n = (t.now - s.start) / b.pulseMs, r = n >= 0 && n <= 1 ? je(t, s, n) : void 0;
      if (r === void 0) continue;
      const o = s.dir === "down" ? g.pulseDown : X[s.outcome ?? "success"];
      e.shadowColor = o, e.shadowBlur = 14, e.fillStyle = o, e.beginPath(), e.arc(r.x, r.y, 3.5, 0, Math.PI * 2), e.fill();
    }
    e.restore();
  }
  drawFocusZone(t) {
    const { ctx: e } = this, s = t.height * _.top, n = t.height * _.height, r = e.createLinearGradient(0, s, 0, s + n);
    r.addColorStop(0, "rgba(34, 211, 238, 0)"), r.addColorStop(0.5, g.focusZone), r.addColorStop(1, "rgba(34, 211, 238, 0)"), e.fillStyle = r, e.fillRect(0, s, t.width, n);
  }
  drawHeaders(t) {
    const { ctx: e } = this, { view: s, layout: n, model: r } = t;
    e.fillStyle = "rgba(7, 11, 18, 0.97)", e.fillRect(0, 0, s.width, u.headerHeight), e.font = `600 11px ${B}`, e.textBaseline = "middle";
    for (const o of pt(n, s)) {
      const l = r.lanes[n.laneOfColumn[o] ?? -1], c = x(o) - s.left;
      e.fillStyle = g.header;
      const d = l === void 0 ? "" : `▍${l.name}`;
      e.fillText(this.fitter.fit(e, d.toUpperCase(), u.columnWidth), c, u.headerHeight / 2);
    }
  }
}
function pt(i, t) {
  const e = [];
  for (let s = 0; s < i.columns.length; s++) {
    const n = x(s);
    n + u.columnWidth >= t.left && n <= t.left + t.width && e.push(s);
  }
  return e;
}
function qe(i, t) {
  const e = [];
  let s = t === void 0 ? void 0 : i.node(t);
  for (; s?.parent != null; )
    e.push(s.parent), s = i.node(s.parent);
  return e;
}
function Ge(i, t) {
  const e = (t - i) / b.flashMs;
  return e < 0 || e > 1 ? 0 : 1 - e;
}
function We(i, t, e) {
  const s = t.collapsed.has(e.id) ? i.children.get(e.id)?.length : 0;
  return s ? `${M(e)}  ▸ ${s} more` : M(e);
}
function je(i, t, e) {
  const { model: s, layout: n } = i, r = n.center(s, t.node);
  if (r === void 0) return;
  const l = (t.parent === null ? void 0 : n.center(s, t.parent)) ?? { x: r.x, y: O(0) }, c = t.dir === "down" ? e : 1 - e, d = Math.abs(r.y - l.y), h = Math.abs(r.x - l.x), f = c * (d + h);
  return f <= d ? { x: l.x, y: l.y + Math.sign(r.y - l.y) * f } : { x: l.x + Math.sign(r.x - l.x) * (f - d), y: r.y };
}
const ze = 600, Ke = 8;
class Ue {
  constructor(t, e) {
    this.element = t, this.changed = e, this.spacer = document.createElement("div"), this.spacer.className = "df-spacer", t.append(this.spacer);
    const s = () => {
      this.intentAt = performance.now();
    };
    for (const n of ["wheel", "touchstart", "pointerdown", "keydown"])
      t.addEventListener(n, s, { passive: !0 });
    t.addEventListener("scroll", () => this.onScroll());
  }
  element;
  changed;
  following = !0;
  spacer;
  expected = null;
  intentAt = -1 / 0;
  follower = new Pe();
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
    if (!this.following || t === null || e < b.focusMinNodes) return !1;
    const n = this.box(), r = this.follower.step(n, t, s);
    return (r.left !== n.left || r.top !== n.top) && this.scrollTo(r.left, r.top), r.moving;
  }
  /** Jump so a content point is in view (keyboard focus, test hooks); stops following. */
  reveal(t) {
    this.following = !1;
    const e = this.box(), s = Math.max(0, Math.min(t.y - e.height / 2, e.maxTop));
    this.scrollTo(St(e, t.x), s), this.changed();
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
    if (!(this.expected !== null && Math.abs(t.scrollTop - this.expected.top) < 2 && Math.abs(t.scrollLeft - this.expected.left) < 2) && performance.now() - this.intentAt < ze) {
      const n = t.scrollTop + t.clientHeight >= t.scrollHeight - Ke;
      this.following = n, this.expected = null;
    }
    this.changed();
  }
}
const R = 1, N = 2;
class Ve {
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
const Ye = 80;
class Xe {
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
    s !== null && s.runId !== t.id && this.connection.send({ type: "unsubscribe", run: s.runId }), this.model = new Ve(t.id), this.duration = 0, this.playing = !1, this.events.opened(this.model), t.live ? this.subscribe() : this.replay(null, 0);
  }
  seek(t) {
    if (this.model === null) return;
    this.kind = "replay", this.playing = !1, this.pendingSeek = t;
    const e = Ye - (performance.now() - this.lastSeekAt);
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
    if (this.compatible = t.v === R && t.spine === N, !this.compatible) {
      const e = t.v > R || t.spine > N ? "older" : "newer";
      this.events.incompatible(
        `This HUD (wire ${R}, spine ${N}) is ${e} than the hub (wire ${t.v}, spine ${t.spine}, debugflow ${t.hub.version}). Reload the page, or run the same DebugFlow version for the hub and the page.`
      );
      return;
    }
    this.model !== null && this.resync();
  }
  onRuns(t) {
    const e = !this.listed, s = new Set(this.runs.map((r) => r.id));
    if (this.listed = !0, this.runs = t, this.events.runs(t), !this.followLive || !this.compatible) return;
    const n = e && this.model === null ? xe(t) : ke(t, s);
    n !== void 0 && n.id !== this.model?.runId && this.open(n, !1);
  }
  onSpine(t) {
    const e = this.model;
    if (e === null || t.run !== e.runId) return;
    const s = e.version, n = e.apply(t);
    if (n.kind === "gap") {
      this.resync();
      return;
    }
    this.track(t, s), this.events.applied(e, n.change);
  }
  // Keep the timeline's length and the play state in step with what arrives. A playing replay
  // ends with a snapshot at its end: the same version again, or the end of the timeline.
  track(t, e) {
    if (t.mode === "replay" && t.at !== null) {
      const s = this.awaitingStart;
      t.type === "snapshot" && (this.awaitingStart = !1);
      const n = t.version === e || t.at >= this.duration;
      this.playing && t.type === "snapshot" && !s && n && (this.playing = !1), this.duration = Math.max(this.duration, t.at);
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
class Ze {
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
    if (this.ref = W(t), this.copyButton.dataset.ref = this.ref, this.element.style.transform = `translate(${Math.round(e)}px, ${Math.round(s)}px)`, this.element.hidden = !1, t.kind === "mark" || t.file === "") {
      this.say("A manual pulse has no source file.", "info");
      return;
    }
    this.say(`Opening ${this.ref}…`, "info");
    const n = await this.connection.openSource(t.file, t.line);
    n.ok ? this.say(`Opened ${this.ref} in your editor.`, "ok") : this.say(n.error ?? "The editor could not be started.", "error");
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
const Je = ["script", "state", "nodes", "calls", "exceptions", "elapsed"];
class Qe {
  element;
  values = /* @__PURE__ */ new Map();
  extra;
  link;
  ghostBadge;
  constructor() {
    this.element = a("header", "df-status"), this.element.setAttribute("aria-label", "Run status");
    const t = a("div", "df-brand", "DebugFlow");
    this.ghostBadge = a("span", "df-ghost-badge", "GHOST"), this.ghostBadge.title = "dry run with mock arguments (flow ghost)", this.ghostBadge.hidden = !0, this.element.append(t, this.ghostBadge);
    for (const e of Je) {
      const s = a("div", `df-stat df-stat-${e}`), n = a("span", "df-stat-value", "–");
      n.dataset.field = e, s.append(a("span", "df-stat-label", e), n), this.values.set(e, n), this.element.append(s);
    }
    this.extra = a("div", "df-stat-extra"), this.link = a("div", "df-link", "connecting"), this.link.setAttribute("role", "status"), this.element.append(this.extra, this.link);
  }
  /** Show a run's status (null: no run open). */
  render(t, e, s) {
    if (this.showGhost(z(t)), t === null) {
      for (const n of this.values.values()) n.textContent = "–";
      this.extra.textContent = "";
      return;
    }
    this.set("script", t.argv.join(" ") || t.script || t.run), this.set("state", ts(t, e, s)), this.element.dataset.state = e === "replay" ? "replay" : t.state, this.set("nodes", v(t.nodes)), this.set("calls", v(t.calls)), this.set("exceptions", v(t.exceptions)), this.set("elapsed", m(es(t, e))), this.extra.textContent = ss(t);
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
function ts(i, t, e) {
  return t === "replay" ? `replay @ ${m(e ?? 0)}` : i.state === "ended" ? i.exit_code === null ? "ended" : `ended (exit ${i.exit_code})` : i.state;
}
function es(i, t) {
  if (t !== "live" || i.state !== "live" || i.started_at <= 0) return i.elapsed_ns;
  const e = (Date.now() / 1e3 - i.started_at) * 1e9;
  return Math.max(i.elapsed_ns, e);
}
function ss(i) {
  const t = [];
  return i.dropped > 0 && t.push(`${v(i.dropped)} events dropped`), i.hidden > 0 && t.push(`${v(i.hidden)} calls past the node limit`), i.backend && t.push(`${i.backend} · Python ${i.python}`), t.join(" · ");
}
const is = [0.25, 0.5, 1, 2, 5, 10, 50, 200], P = 1e3;
class ns {
  constructor(t) {
    this.actions = t, this.element = a("footer", "df-timeline"), this.element.setAttribute("aria-label", "Replay"), this.playButton = p("▶", "df-play", () => this.state?.playing ? t.pause() : t.play()), this.slider = a("input", "df-scrubber"), this.slider.type = "range", this.slider.min = "0", this.slider.max = String(P), this.slider.setAttribute("aria-label", "Timeline"), this.slider.addEventListener("input", () => {
      this.dragging = !0, t.seek(this.sliderNs());
    }), this.slider.addEventListener("change", () => {
      this.dragging = !1, t.seek(this.sliderNs());
    }), this.clock = a("span", "df-clock", "0ns / 0ns"), this.speed = a("select", "df-speed"), this.speed.setAttribute("aria-label", "Replay speed");
    for (const s of is) this.speed.append(new Option(`${s}×`, String(s), s === 1, s === 1));
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
    this.dragging || (this.slider.value = String(t.duration > 0 ? Math.round(e / t.duration * P) : 0)), this.slider.setAttribute("aria-valuetext", `${m(e)} of ${m(t.duration)}`), this.clock.textContent = `${m(e)} / ${m(t.duration)}`, this.live.hidden = !t.canGoLive, this.placeMarks(t.duration);
  }
  placeMarks(t) {
    const e = `${this.pauses.length}:${t}`;
    if (e === this.marked) return;
    this.marked = e;
    const s = t <= 0 ? [] : this.pauses.map((n) => this.mark(n, t));
    this.marks.replaceChildren(...s);
  }
  mark(t, e) {
    const s = a("div", "df-pause-item");
    s.setAttribute("role", "listitem"), s.style.left = `${Math.min(100, t.t / e * 100)}%`;
    const n = `${$(t.file)}:${t.line} in ${t.function}`, r = t.how === null ? "" : `, resumed by ${t.how}`, o = `Paused (${t.reason}) at ${n}, ${m(t.t)}${r}`, l = p("", "df-pause-mark", () => this.actions.seek(t.t));
    return l.dataset.reason = t.reason, l.setAttribute("aria-label", o), l.title = o, s.append(l), s;
  }
  sliderNs() {
    const t = this.state?.duration ?? 0;
    return Math.round(Number(this.slider.value) / P * t);
  }
}
class rs {
  constructor(t) {
    this.actions = t, this.element = document.createElement("ul"), this.element.className = "df-tree", this.element.setAttribute("role", "tree"), this.element.setAttribute("aria-label", "Call spine"), this.element.tabIndex = 0, this.element.addEventListener("keydown", (e) => this.onKey(e)), this.element.addEventListener("focus", () => this.onTreeFocus()), this.element.addEventListener("focusin", (e) => this.onFocusIn(e));
  }
  actions;
  element;
  items = /* @__PURE__ */ new Map();
  signatures = /* @__PURE__ */ new Map();
  lanes = /* @__PURE__ */ new Map();
  current = null;
  /** Drop every item (a new run, or a snapshot). */
  reset() {
    this.element.replaceChildren(), this.items.clear(), this.signatures.clear(), this.lanes.clear(), this.current = null, this.element.tabIndex = 0;
  }
  /** Bring the items of these nodes up to date, creating new ones in id order. */
  update(t, e, s) {
    for (const o of t.lanes) o !== void 0 && this.updateLane(o);
    const n = [...e].sort((o, l) => o - l), r = z(t.status);
    for (const o of n) {
      const l = t.node(o);
      l !== void 0 && this.updateItem(l, s.has(o), r);
    }
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
    e === void 0 && (e = document.createElement("li"), e.setAttribute("role", "treeitem"), e.setAttribute("aria-level", "1"), e.setAttribute("aria-expanded", "true"), e.dataset.lane = String(t.id), e.tabIndex = -1, e.append(mt()), this.element.append(e), this.lanes.set(t.id, e)), e.setAttribute("aria-label", `lane ${t.name}`);
  }
  updateItem(t, e, s) {
    const n = this.items.get(t.id) ?? this.createItem(t), r = Kt(t), o = H(t), l = yt(t), c = `${r}
${o}
${l}
${t.state}
${s}`;
    if (this.signatures.get(t.id) !== c) {
      this.signatures.set(t.id, c), n.setAttribute("aria-label", r), n.setAttribute("aria-description", [o, l].filter((f) => f !== "").join(" ; ")), n.dataset.state = t.state, n.dataset.calls = String(t.calls), n.dataset.args = o, n.dataset.result = l;
      const d = t.sample?.duration;
      d != null && (n.dataset.durationNs = String(d)), n.dataset.timing = zt(t);
      const h = G(t)?.error;
      h && (n.dataset.error = `${h.type}: ${h.message}`), os(n, t, s);
    }
    n.hasAttribute("aria-expanded") && n.setAttribute("aria-expanded", String(!e));
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
    return s === null && (s = mt(), e.append(s), e.setAttribute("aria-expanded", "true")), s;
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
    const s = this.visibleItems(), n = s.indexOf(e), r = e.getAttribute("aria-expanded");
    switch (t) {
      case "ArrowDown":
        return this.moveTo(s[n + 1]);
      case "ArrowUp":
        return this.moveTo(s[n - 1]);
      case "Home":
        return this.moveTo(s[0]);
      case "End":
        return this.moveTo(s[s.length - 1]);
      case "ArrowRight":
        return r === "false" ? this.toggle(e, !1) : r === "true" ? this.moveTo(s[n + 1]) : !1;
      case "ArrowLeft":
        return r === "true" && e.dataset.node !== void 0 ? this.toggle(e, !0) : this.moveTo(e.parentElement?.closest("[role=treeitem]") ?? void 0);
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
    return [...this.element.querySelectorAll("[role=treeitem]")].filter((e) => e.closest('[aria-expanded="false"] [role=treeitem]') === null);
  }
}
function os(i, t, e) {
  e ? i.dataset.ghost = "true" : delete i.dataset.ghost, K(t) ? (i.dataset.placeholder = "true", i.dataset.reason = kt(t)) : (delete i.dataset.placeholder, delete i.dataset.reason);
}
function mt() {
  const i = document.createElement("ul");
  return i.setAttribute("role", "group"), i;
}
const ls = 200, as = 250;
class hs {
  constructor(t, e) {
    this.connection = e, this.root = t, this.session = new Xe(e, {
      incompatible: (n) => this.showIncompatible(n),
      runs: (n) => this.onRuns(n),
      opened: (n) => this.onOpened(n),
      applied: (n, r) => this.onApplied(n, r),
      error: (n) => this.showToast(n)
    }), this.canvas = a("canvas", "df-canvas"), this.canvas.setAttribute("aria-hidden", "true"), this.painter = new He(this.canvas), this.stage = a("div", "df-stage");
    const s = a("div", "df-scroller");
    this.scroller = new Ue(s, () => this.schedule()), this.history = new $e({
      open: (n) => this.session.open(n, !0),
      followLive: (n) => this.session.setFollowLive(n),
      refresh: () => this.session.refresh()
    }), this.timeline = new ns({
      seek: (n) => this.session.seek(n),
      play: () => this.session.play(),
      pause: () => this.session.pause(),
      setSpeed: (n) => this.session.setSpeed(n),
      goLive: () => this.session.goLive()
    }), this.tree = new rs({
      focusNode: (n) => this.onTreeFocus(n),
      openSource: (n) => this.openCode(n),
      openEditor: (n) => this.openSource(n, null),
      traceLines: (n) => this.traceLines(n),
      setCollapsed: (n, r) => this.setCollapsed(n, r)
    }), this.popup = new Ze(e), this.debug = new Ot(e), this.codePanel = new me(e, this.debug, {
      live: () => this.model?.status?.state === "live",
      openInEditor: (n, r) => this.openInEditor(n, r)
    }), this.followButton = p("↓ Follow", "df-follow", () => this.scroller.resume()), this.notice = a("div", "df-notice"), this.toast = a("div", "df-toast"), this.toast.setAttribute("role", "alert"), this.build(s), this.listen(s);
  }
  connection;
  session;
  layout = new Ae();
  anim = new Mt();
  meter = new Le();
  scroller;
  /** Which node the focus zone follows. */
  followed = new ge();
  /** When each node was first laid out and drawn (Date.now() ms), for latency measurements. */
  appeared = /* @__PURE__ */ new Map();
  drawn = 0;
  hover = null;
  focus = null;
  root;
  stage;
  canvas;
  painter;
  status = new Qe();
  history;
  timeline;
  tree;
  card = new Me();
  popup;
  debug;
  codePanel;
  followButton;
  notice;
  toast;
  layoutDirty = !1;
  treeDirty = /* @__PURE__ */ new Set();
  newNodes = [];
  frameRequested = !1;
  treeFlushedAt = 0;
  size = { width: 0, height: 0 };
  /** Connect and start drawing. */
  start() {
    this.meter.start(), this.connection.start({
      message: (t) => {
        Jt(t) ? this.debug.handle(t) : t.type === "pauses" ? this.onPauses(t) : this.session.handle(t);
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
    const n = this.stage.getBoundingClientRect(), r = n.left + s.x - this.scroller.left, o = n.top + s.y - this.scroller.top;
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
    s.setAttribute("aria-label", "Spine (keyboard: arrows move, Enter opens the source)"), s.append(this.tree.element), this.stage.append(this.canvas, t, this.card.element, this.popup.element, this.followButton, this.notice), e.append(this.stage, this.codePanel.element, this.history.element), this.root.append(this.status.element, e, this.timeline.element, s, this.toast), this.setNotice("Waiting for a traced program… run `flow run your_script.py` in this project."), new ResizeObserver(() => this.resize()).observe(this.stage);
  }
  listen(t) {
    t.addEventListener("pointermove", (e) => this.onPointer(e)), t.addEventListener("pointerleave", () => this.setHover(null)), t.addEventListener("click", (e) => this.onClick(e)), t.addEventListener("contextmenu", (e) => this.onContextMenu(e)), t.addEventListener("keydown", (e) => {
      e.key === "End" && this.scroller.resume();
    });
  }
  resize() {
    const t = this.stage.getBoundingClientRect();
    this.size = { width: t.width, height: t.height }, this.painter.resize(t.width, t.height, window.devicePixelRatio || 1), this.schedule();
  }
  onRuns(t) {
    this.history.setRuns(t), this.history.setCurrent(this.model?.runId ?? null), this.history.setFollowLive(this.session.followLive);
  }
  onOpened(t) {
    this.layout.collapsed.clear(), this.layout.build(t), this.tree.reset(), this.anim.clear(), this.appeared.clear(), this.treeDirty.clear(), this.newNodes = [], this.hover = null, this.focus = null, this.popup.hide(), this.codePanel.reset(t.runId), this.timeline.setPauses([]), this.followed.reset(), this.scroller.resume(), this.history.setCurrent(t.runId), this.history.setFollowLive(this.session.followLive), this.setNotice("Loading the run…"), this.schedule();
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
      const n = t.node(s);
      n !== void 0 && this.codePanel.refreshNode(n);
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
    this.followButton.hidden = this.scroller.following || (e?.nodes.length ?? 0) < 5, this.status.render(e?.status ?? null, e?.mode ?? null, e?.at ?? null), this.timeline.render(this.session.timeline()), this.drawn = e === null ? 0 : this.paint(e, t), (this.hover ?? this.focus) !== null && e !== null && this.refreshCard(e);
    const n = this.anim.prune(t), r = e?.status?.state === "live" && e.mode === "live";
    (n || s || r || this.treeDirty.size > 0) && this.schedule();
  }
  // Apply what arrived since the last frame: layout, the accessible tree, appearance times.
  commit(t) {
    this.layoutDirty && (this.layout.build(t), this.scroller.setContentSize(this.layout.width, this.layout.height + this.size.height / 2), this.layoutDirty = !1);
    const e = performance.now() - this.treeFlushedAt > as;
    this.treeDirty.size > 0 && (this.treeDirty.size <= ls || e) && (this.tree.update(t, this.treeDirty, this.layout.collapsed), this.treeDirty.clear(), this.treeFlushedAt = performance.now());
    const s = Date.now();
    for (const r of this.newNodes) this.appeared.has(r) || this.appeared.set(r, s);
    this.newNodes = [];
    const n = t.version < 0 ? "Loading the run…" : "Run started — waiting for its first traced call…";
    this.setNotice(t.nodes.length === 0 ? n : "");
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
      now: e
    });
  }
  followTarget(t) {
    const e = this.followed.current;
    return t === null || e === null ? null : this.layout.center(t, e) ?? null;
  }
  onPointer(t) {
    const e = this.stage.getBoundingClientRect(), s = t.clientX - e.left + this.scroller.left, n = this.layout.hit(s, t.clientY - e.top + this.scroller.top);
    this.setHover(n ?? null);
  }
  setHover(t) {
    if (t === this.hover) return;
    this.hover = t;
    const e = this.model;
    e !== null && this.refreshCard(e), this.stage.dataset.hover = t === null ? "" : String(t), this.schedule();
  }
  // The card sits beside the node's column, so it never hides the spine it describes.
  refreshCard(t) {
    const e = this.hover ?? this.focus, s = e === null ? void 0 : t.node(e), n = this.nodePoint(e), r = s === void 0 ? void 0 : this.layout.column(s.lane), o = r === void 0 ? 0 : x(r) + u.columnWidth - this.scroller.left;
    this.card.show(t, e, o, (n?.y ?? 0) - 24, new DOMRect(0, 0, this.size.width, this.size.height));
  }
  nodePoint(t) {
    const e = this.model, s = e === null || t === null ? void 0 : this.layout.center(e, t);
    return s === void 0 ? null : { x: s.x - this.scroller.left, y: s.y - this.scroller.top };
  }
  onClick(t) {
    const e = this.stage.getBoundingClientRect(), s = { x: t.clientX - e.left, y: t.clientY - e.top }, n = this.layout.hit(s.x + this.scroller.left, s.y + this.scroller.top);
    if (n === void 0) {
      this.popup.hide();
      return;
    }
    this.popup.hide(), this.openCode(n);
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
    const s = this.model?.node(t), n = e ?? this.nodePoint(t);
    if (s === void 0 || n === null) return;
    const r = Math.min(n.x + 12, Math.max(8, this.size.width - 320));
    this.popup.open(s, r, n.y + 14);
  }
  onTreeFocus(t) {
    this.focus = t, t !== null && this.reveal(t);
    const e = this.model;
    e !== null && this.refreshCard(e), this.schedule();
  }
  setCollapsed(t, e) {
    e ? this.layout.collapsed.add(t) : this.layout.collapsed.delete(t), this.layoutDirty = !0, this.schedule();
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
function cs(i) {
  window.debugflowHud = {
    get frames() {
      return i.meter.frames;
    },
    get maxFrameGapMs() {
      return i.meter.maxGapMs;
    },
    fps: () => i.meter.fps(),
    resetMeter: () => i.meter.reset(),
    runId: () => i.model?.runId ?? null,
    version: () => i.model?.version ?? -1,
    drawn: () => i.drawn,
    following: () => i.scroller.following,
    nodes: () => (i.model?.nodes ?? []).filter((t) => t !== void 0).map((t) => ({ id: t.id, function: t.function, state: t.state })),
    nodeRect: (t) => {
      const e = i.nodeRect(t);
      return e === void 0 ? null : { x: e.x, y: e.y, width: e.width, height: e.height };
    },
    reveal: (t) => i.reveal(t),
    labels: (t) => i.labels(t) ?? null,
    appeared: () => Object.fromEntries(i.appeared),
    debugRequest: (t) => i.debug.request(t)
  };
}
function us(i, t) {
  const e = new hs(i, t);
  return e.start(), e;
}
function gt() {
  const i = document.getElementById("debugflow-hud");
  i === null || i.dataset.autostart === "false" || cs(us(i, D.fromLocation(window.location)));
}
document.readyState === "loading" ? document.addEventListener("DOMContentLoaded", gt) : gt();
export {
  D as HubConnection,
  us as render
};
