class tt {
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
    return new tt(t.origin, e);
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
    const s = Object.entries(e).map(([i, o]) => `&${i}=${encodeURIComponent(o)}`).join("");
    try {
      const i = await fetch(this.url(t) + s), o = await i.json().catch(() => null);
      return i.ok ? { ok: !0, body: o } : { ok: !1, error: (typeof o == "object" && o !== null && "error" in o ? String(o.error) : "") || `the hub answered ${i.status}` };
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
const v = {
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
}, D = {
  processing: "#facc15",
  success: "#4ade80",
  exception: "#f87171",
  info: "#c4b5fd",
  unfinished: "#94a3b8"
}, L = {
  fill: "rgba(167, 139, 250, 0.35)",
  stroke: "#a78bfa",
  text: "#c4b5fd",
  args: "#a5a0c8",
  dash: [3, 3],
  placeholderAlpha: 0.45
}, ut = { success: "#4ade80", exception: "#f87171" }, I = '"JetBrains Mono", "Fira Code", "DejaVu Sans Mono", Menlo, Consolas, monospace', d = {
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
}, M = {
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
}, Wt = 12, Gt = 120;
class Vt {
  pulses = [];
  flashes = /* @__PURE__ */ new Map();
  /** Start the animations of one applied message. */
  add(t, e, s) {
    t.reset && this.clear(), t.pulses.forEach((i, o) => this.addPulse(i, s + Math.min(o * Wt, Gt))), this.flashEnds(t, e, s), this.pulses.length > M.maxPulses && this.pulses.splice(0, this.pulses.length - M.maxPulses);
  }
  /** Drop finished animations; returns whether anything is still moving. */
  prune(t) {
    this.pulses = this.pulses.filter((e) => t - e.start < M.pulseMs);
    for (const [e, s] of this.flashes)
      t - s.start > M.flashMs && this.flashes.delete(e);
    return this.pulses.length > 0 || this.flashes.size > 0;
  }
  clear() {
    this.pulses = [], this.flashes.clear();
  }
  addPulse(t, e) {
    this.pulses.push({ dir: t.dir, node: t.node, parent: t.parent, outcome: t.outcome, start: e }), t.dir === "down" ? this.flashes.set(t.node, { color: "call", start: e + M.pulseMs * 0.8 }) : t.outcome !== null && this.flashes.set(t.node, { color: t.outcome, start: e });
  }
  // A call that ended without its pulse (the hub keeps only the newest ones) still flashes.
  flashEnds(t, e, s) {
    for (const [i, o] of t.before) {
      const r = e.node(i)?.state, l = r === "success" || r === "exception";
      o.state === "processing" && l && !this.flashes.has(i) && this.flashes.set(i, { color: r, start: s });
    }
  }
}
const Ut = /* @__PURE__ */ new Set(["stack", "locals", "evaluate"]);
function dt(n) {
  return { run: n, state: null, pending: /* @__PURE__ */ new Map(), refusal: null, nextId: 1 };
}
function Yt(n, t) {
  return n.state !== null && t.rev <= n.state.rev ? n : { ...n, state: t };
}
function Xt(n, t) {
  const e = new Map(n.pending);
  return e.set(n.nextId, t), { view: { ...n, pending: e, refusal: null, nextId: n.nextId + 1 }, id: n.nextId };
}
function Zt(n, t) {
  const e = n.pending.get(t.id);
  if (e === void 0 || t.run !== n.run) return { view: n, request: void 0, fresh: !1 };
  const s = new Map(n.pending);
  s.delete(t.id);
  const o = t.accepted || Ut.has(e.op) ? n.refusal : t.reason || "The debugger refused the request.", r = "seq" in e ? e.seq : null, l = r === null || r === n.state?.seq;
  return { view: { ...n, pending: s, refusal: o }, request: e, fresh: l };
}
function Jt(n, t) {
  return n.pending.size === 0 ? n : { ...n, pending: /* @__PURE__ */ new Map(), refusal: t };
}
function ft(n) {
  return n.state?.phase === "paused" ? n.state.place : null;
}
function Qt(n) {
  const t = n.state?.seq;
  for (const e of n.pending.values()) if (e.op === "command" && e.seq === t) return !0;
  return !1;
}
function pt(n, t) {
  const e = n.state?.phase, s = t && !Qt(n), i = s && e === "paused";
  return { continue: i, next: i, step: i, return: i, pause: s && (e === "running" || e === "stepping") };
}
function mt(n, t) {
  return (n.state?.breakpoints ?? []).filter((e) => e.file === t && e.line !== null);
}
function te(n, t) {
  const e = n.state;
  if (e === null) return t ? "No debugger state yet." : "";
  if (!t && e.phase !== "ended") return "The run is over; its debugger cannot be reached.";
  const s = e.place;
  switch (e.phase) {
    case "paused":
      return s === null ? "Paused." : `Paused (${s.reason}) at ${C(s.file)}:${s.line} in ${s.function}` + (s.detail ? ` — ${s.detail}` : "") + (s.thread_name ? ` [${s.thread_name}]` : "");
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
function C(n) {
  const t = Math.max(n.lastIndexOf("/"), n.lastIndexOf("\\"));
  return n.slice(t + 1);
}
class ee {
  constructor(t) {
    this.connection = t;
  }
  connection;
  current = dt(null);
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
    t !== this.current.run && (this.waiters.clear(), this.set(dt(t)));
  }
  handle(t) {
    if (t.run !== this.current.run) return;
    if (t.type === "debug_state") {
      this.set(Yt(this.current, t.state));
      return;
    }
    const e = Zt(this.current, t);
    if (e.request === void 0) return;
    const s = this.waiters.get(t.id);
    this.waiters.delete(t.id), this.set(e.view), s?.({ accepted: t.accepted, reason: t.reason, result: t.result, fresh: e.fresh });
  }
  /** The hub connection closed: what was sent will get no answer. */
  linkLost() {
    const t = "The connection to the hub was lost; nothing sent was answered.", e = [...this.waiters.values()];
    this.waiters.clear(), this.set(Jt(this.current, t));
    for (const s of e) s({ accepted: !1, reason: t, result: null, fresh: !1 });
  }
  /** Send a request for the run on screen; resolves with its answer (never, if the run changes). */
  request(t) {
    const e = this.current.run;
    if (e === null) return Promise.resolve({ accepted: !1, reason: "No run is open.", result: null, fresh: !1 });
    const s = Xt(this.current, t);
    return this.set(s.view), new Promise((i) => {
      this.waiters.set(s.id, i), this.connection.send({ type: "debug", run: e, id: s.id, request: t });
    });
  }
  set(t) {
    this.current = t;
    for (const e of this.listeners) e(t);
  }
}
function h(n, t, e = "") {
  const s = document.createElement(n);
  return s.className = t, e !== "" && (s.textContent = e), s;
}
function p(n, t, e) {
  const s = h("button", t, n);
  return s.type = "button", s.addEventListener("click", e), s;
}
function se(n, t) {
  if (t === null) return null;
  let e = null;
  for (const s of n.functions)
    s.start <= t && t <= s.end && (e === null || s.start >= e.start) && (e = s);
  return e;
}
function ie(n) {
  const t = se(n.source, n.anchor), e = /* @__PURE__ */ new Map();
  for (const i of n.breakpoints) i.line !== null && e.set(i.line, i);
  const s = /* @__PURE__ */ new Map();
  for (const i of n.stats ?? []) s.set(i.line, i);
  return n.source.lines.map((i, o) => {
    const r = o + 1;
    return {
      line: r,
      tokens: i,
      inFunction: t !== null && t.start <= r && r <= t.end,
      current: r === n.current,
      breakpoint: e.get(r) ?? null,
      stat: s.get(r) ?? null,
      replayed: r === n.replay
    };
  });
}
function et(n) {
  const t = [];
  for (const e of n)
    e.line !== null && t.push({ line: e.line, condition: e.condition, hit: e.hit, log: e.log });
  return t.sort((e, s) => e.line - s.line);
}
function ne(n, t) {
  const e = et(n), s = e.filter((i) => i.line !== t);
  return s.length !== e.length ? s : [...s, { line: t, condition: null, hit: null, log: null }].sort((i, o) => i.line - o.line);
}
function oe(n, t) {
  return [...et(n).filter((s) => s.line !== t.line), t].sort((s, i) => s.line - i.line);
}
function re(n) {
  const t = n.trim().toLowerCase();
  if (t === "") return { hit: null };
  const e = /^(every\s+)?([1-9][0-9]*)$/.exec(t);
  return e === null ? { error: 'A hit count is a number ("5": the 5th hit) or "every N".' } : { hit: e[1] === void 0 ? e[2] ?? "" : `every ${e[2] ?? ""}` };
}
function gt(n) {
  const t = n.trim();
  return t === "" ? null : t;
}
function le(n, t) {
  const e = [`Breakpoint at line ${n}`];
  return t === null ? e[0] ?? "" : (t.condition !== null && e.push(`if ${t.condition}`), t.hit !== null && e.push(`hit ${t.hit}`), t.log !== null && e.push(`logs "${t.log}"`), t.verified || e.push("not verified"), e.join(", "));
}
class ae {
  constructor(t) {
    this.actions = t, this.element = h("form", "df-bp-editor"), this.element.setAttribute("aria-label", "Edit breakpoint"), this.element.hidden = !0, this.title = h("div", "df-bp-title"), this.condition = q("Condition", "x > 3"), this.hit = q("Hit count", '5 or "every 100"'), this.log = q("Log message", "x is {x}"), this.error = h("div", "df-bp-error"), this.error.setAttribute("role", "alert");
    const e = h("button", "df-bp-save", "Save");
    e.type = "submit";
    const s = p("Remove", "df-bp-remove", () => {
      this.actions.remove(this.line), this.close();
    }), i = p("Cancel", "df-bp-cancel", () => this.close()), o = h("div", "df-bp-buttons");
    o.append(e, s, i), this.element.append(this.title, j(this.condition), j(this.hit), j(this.log), this.error, o), this.element.addEventListener("submit", (r) => {
      r.preventDefault(), this.submit();
    }), this.element.addEventListener("keydown", (r) => {
      r.key === "Escape" && this.close();
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
    const t = re(this.hit.value);
    if ("error" in t) {
      this.error.textContent = t.error, this.hit.focus();
      return;
    }
    const e = { line: this.line, condition: gt(this.condition.value), hit: t.hit, log: gt(this.log.value) };
    this.actions.save(e), this.close();
  }
}
function q(n, t) {
  const e = h("input", "df-bp-field");
  return e.type = "text", e.name = n, e.placeholder = t, e.autocomplete = "off", e.spellcheck = !1, e;
}
function j(n) {
  const t = h("label", "df-bp-label", n.name);
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
    for (const o of [2, 1, 0]) {
      const r = Math.floor((t * 10 ** o * 2 + i) / (2 * i));
      if (r < 1e3 || s === "s" && o === 0) return he(r, o) + s;
    }
  return `${t}ns`;
}
function he(n, t) {
  if (t === 0) return String(n);
  const e = String(n % 10 ** t).padStart(t, "0");
  return `${Math.floor(n / 10 ** t)}.${e}`;
}
function w(n) {
  return String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
function F(n) {
  return n.value === "" ? n.type ? `${n.name}: ${n.type}` : n.name : n.type ? `${n.name}: ${n.type}=${n.value}` : `${n.name}=${n.value}`;
}
function st(n) {
  return n.kind === "call" || n.sample !== null ? Pt(n.sample) : "";
}
function Pt(n) {
  return n === null || n.args === null ? "…" : n.args.map(F).join(", ");
}
function Dt(n) {
  const t = n.sample === null ? "" : ce(n.sample), e = n.failure;
  if (e === null) return t;
  const i = `✖ another call ${e.args !== null && e.args.length > 0 ? `(${Pt(e)}) ` : ""}raised ${nt(e)}`;
  return t === "" ? i : `${t} · ${i}`;
}
function ce(n) {
  return n.state === "raised" ? `✖ ${nt(n)}` : n.state === "returned" && n.ret !== null ? `→ ${it(n.ret)}` : "";
}
function it(n) {
  return n.value === "" ? n.type : n.type ? `${n.type}=${n.value}` : n.value;
}
function nt(n) {
  if (n.error === null) return "";
  const { type: t, message: e } = n.error;
  return e ? `${t}: ${e}` : t;
}
function ot(n) {
  return n.sample?.state === "raised" ? n.sample : n.failure;
}
function Z(n) {
  const t = ot(n);
  return t === null || t.error === null ? "" : `✖ ${nt(t)}`;
}
function T(n) {
  return n.calls > 1 ? `${n.function} ×${w(n.calls)}` : n.function;
}
function ue(n) {
  const t = n.dur;
  if (t === null) return n.active > 0 ? "running" : "";
  if (n.calls === 1 || t.min === t.max) return m(t.median);
  const [e, s, i] = [t.min, t.median, t.max].map(m);
  return `min ${e} · median ${s} · max ${i}`;
}
function Bt(n) {
  const t = n.sample?.duration;
  return t != null ? m(t) : n.dur !== null ? m(n.dur.median) : n.state === "processing" ? "running" : "no duration";
}
function de(n) {
  const t = ot(n)?.error, e = n.state === "exception" && t ? `exception ${t.type}` : n.state;
  return `${T(n)}, ${e}, ${Bt(n)}`;
}
function E(n) {
  return n.line > 0 ? `${n.file}:${n.line}` : n.file;
}
function fe(n) {
  return new Date(n * 1e3).toLocaleTimeString("en-GB", { hour12: !1 });
}
function vt(n) {
  const t = [fe(n.started_at)];
  return n.state === "live" ? (t.push("running"), t.join(" · ")) : (t.push(`${w(n.calls)} calls`), n.exceptions > 0 && t.push(`${w(n.exceptions)} exc`), n.exit_code !== null && n.exit_code !== 0 && t.push(`exit ${n.exit_code}`), t.join(" · "));
}
class pe {
  constructor(t) {
    this.actions = t, this.element = h("div", "df-code"), this.element.setAttribute("role", "group"), this.element.setAttribute("aria-label", "Source"), this.element.addEventListener("keydown", (e) => this.onKey(e));
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
    const e = h("div", "df-code-row");
    e.dataset.line = String(t.line);
    const s = h("button", "df-gutter");
    s.type = "button", s.tabIndex = -1, s.addEventListener("click", () => this.actions.toggle(t.line)), s.addEventListener("contextmenu", (l) => {
      l.preventDefault(), this.actions.edit(t.line, s);
    });
    const i = h("span", "df-line-number", String(t.line));
    i.setAttribute("aria-hidden", "true");
    const o = h("span", "df-line-stat"), r = h("code", "df-line-code");
    for (const [l = "", a = ""] of t.tokens)
      l === "" || l === "w" || l === "n" || l === "p" ? r.append(a) : r.append(h("span", `t-${l}`, a));
    return e.append(s, i, o, r), e;
  }
  mark(t, e) {
    t.classList.toggle("df-in-function", e.inFunction), t.classList.toggle("df-current", e.current), t.classList.toggle("df-replayed", e.replayed), e.current ? t.setAttribute("aria-current", "step") : t.removeAttribute("aria-current");
    const s = t.firstElementChild;
    me(s, e.line, e.breakpoint);
    const i = s.nextElementSibling?.nextElementSibling, o = e.stat === null ? "" : `${w(e.stat.hits)}× ${m(e.stat.ns)}`;
    i.textContent !== o && (i.textContent = o);
  }
  onKey(t) {
    const e = t.target;
    if (!e.classList.contains("df-gutter")) return;
    const s = Number(e.closest(".df-code-row")?.dataset.line ?? "1"), o = { ArrowDown: 1, ArrowUp: -1, PageDown: 20, PageUp: -20 }[t.key];
    if (o === void 0) return;
    t.preventDefault();
    const r = Math.max(1, Math.min(this.shown.length, s + o));
    this.setFocusable(r), this.gutter(r)?.focus();
  }
  // One gutter button is in the tab order (roving tabindex), so Tab does not walk every line.
  setFocusable(t) {
    const e = this.gutter(this.focusLine);
    e !== null && (e.tabIndex = -1), this.focusLine = Math.max(1, Math.min(this.shown.length, t));
    const s = this.gutter(this.focusLine);
    s !== null && (s.tabIndex = 0);
  }
}
function me(n, t, e) {
  const s = e === null ? "" : e.log !== null ? "log" : e.condition !== null || e.hit !== null ? "conditional" : "plain";
  if (n.dataset.breakpoint === s && n.dataset.verified === String(e?.verified ?? "")) return;
  n.dataset.breakpoint = s, n.dataset.verified = String(e?.verified ?? ""), n.setAttribute("aria-pressed", String(e !== null));
  const i = le(t, e);
  n.setAttribute("aria-label", i), n.title = `${i} — click to toggle, right-click to edit`;
}
const zt = [
  { kind: "continue", text: "▶", name: "Continue", key: "F5", shift: !1 },
  { kind: "next", text: "⤼", name: "Step over", key: "F10", shift: !1 },
  { kind: "step", text: "↓", name: "Step into", key: "F11", shift: !1 },
  { kind: "return", text: "↑", name: "Step out", key: "F11", shift: !0 },
  { kind: "pause", text: "❚❚", name: "Pause", key: "F6", shift: !1 }
];
function ge(n, t) {
  return zt.find((e) => e.key === n && e.shift === t)?.kind ?? null;
}
class ve {
  element;
  buttons = /* @__PURE__ */ new Map();
  controls;
  status;
  refusal;
  raised;
  uncaught;
  pauseAll;
  constructor(t) {
    this.element = h("div", "df-debugbar");
    const e = h("div", "df-debug-buttons");
    e.setAttribute("role", "toolbar"), e.setAttribute("aria-label", "Debugger");
    for (const r of zt) {
      const l = r.shift ? `Shift+${r.key}` : r.key, a = p(r.text, "df-debug-button", () => t.command(r.kind));
      a.dataset.command = r.kind, a.setAttribute("aria-label", r.name), a.setAttribute("aria-keyshortcuts", l), a.title = `${r.name} (${l})`, a.disabled = !0, this.buttons.set(r.kind, a), e.append(a);
    }
    this.raised = K("raised"), this.uncaught = K("uncaught");
    const s = () => t.exceptions(this.raised.checked, this.uncaught.checked);
    this.raised.addEventListener("change", s), this.uncaught.addEventListener("change", s);
    const i = h("fieldset", "df-debug-exceptions");
    i.append(h("legend", "", "Pause on exceptions"), W(this.raised, "raised"), W(this.uncaught, "uncaught")), this.pauseAll = K("pause_all"), this.pauseAll.addEventListener("change", () => t.pauseAll(this.pauseAll.checked));
    const o = W(this.pauseAll, "pause all threads");
    o.classList.add("df-debug-pause-all"), o.title = "While a thread is paused, every other thread of the program waits at its next line", this.status = h("div", "df-debug-status"), this.status.setAttribute("role", "status"), this.refusal = h("div", "df-debug-refusal"), this.refusal.setAttribute("role", "status"), this.controls = [e, i, o], this.element.append(e, i, o, this.status, this.refusal);
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
function K(n) {
  const t = h("input", "df-debug-exception");
  return t.type = "checkbox", t.name = n, t;
}
function W(n, t) {
  const e = h("label", "df-debug-exception-label");
  return e.append(n, ` ${t}`), e;
}
function we(n) {
  return n.type === "debug_state" || n.type === "debug_reply";
}
function S(n) {
  return typeof n == "object" && n !== null;
}
function z(n, t) {
  return t.every((e) => typeof n[e] == "string");
}
function be(n) {
  return !S(n) || !Array.isArray(n.frames) ? null : n.frames.every(
    (e) => S(e) && typeof e.index == "number" && typeof e.line == "number" && z(e, ["file", "function"])
  ) ? n : null;
}
function ye(n) {
  return !S(n) || typeof n.total != "number" || !Array.isArray(n.children) ? null : n.children.every(
    (e) => S(e) && z(e, ["key", "name", "type", "value"]) && typeof e.expandable == "boolean"
  ) ? n : null;
}
function xe(n) {
  return !S(n) || !z(n, ["type", "value"]) || n.error !== null && typeof n.error != "string" ? null : n;
}
function ke(n) {
  if (!S(n) || typeof n.file != "string" || !Array.isArray(n.lines) || !Array.isArray(n.functions)) return null;
  const t = n.lines.every(
    (s) => Array.isArray(s) && s.every((i) => Array.isArray(i) && typeof i[0] == "string" && typeof i[1] == "string")
  ), e = n.functions.every(
    (s) => S(s) && typeof s.start == "number" && typeof s.end == "number"
  );
  return t && e ? n : null;
}
function Se(n) {
  return !S(n) || typeof n.node != "number" || !Array.isArray(n.calls) ? null : n.calls.every(
    (e) => S(e) && typeof e.t == "number" && typeof e.truncated == "number" && Array.isArray(e.steps) && e.steps.every(
      (s) => S(s) && typeof s.line == "number" && typeof s.t == "number" && Array.isArray(s.changed) && s.changed.every((i) => S(i) && z(i, ["name", "type", "value"]))
    )
  ) ? n : null;
}
const Ae = 4, Me = [0.25, 0.5, 1, 2, 4, 10];
function $e(n) {
  return n.calls.filter((t) => t.steps.length > 0);
}
function Le(n, t) {
  const e = n.steps.length;
  if (e === 0) return null;
  const s = Math.max(0, Math.min(e - 1, Math.trunc(t))), i = n.steps[s];
  if (i === void 0) return null;
  const o = /* @__PURE__ */ new Map();
  for (let r = 0; r <= s; r += 1)
    for (const l of n.steps[r]?.changed ?? []) l.name !== "…" && o.set(l.name, l);
  return { index: s, count: e, line: i.line, t: i.t, changed: i.changed, locals: [...o.values()] };
}
function wt(n, t) {
  return t + 1 < n.steps.length ? t + 1 : null;
}
function Ce(n) {
  return 1e3 / (Ae * Math.max(n, 0.01));
}
class Ee {
  /** `show` gets the step to highlight (null: replay closed). */
  constructor(t) {
    this.show = t, this.element = h("div", "df-replay"), this.element.setAttribute("role", "group"), this.element.setAttribute("aria-label", "Line replay"), this.element.hidden = !0, this.calls = h("select", "df-replay-call"), this.calls.setAttribute("aria-label", "Recorded call"), this.calls.addEventListener("change", () => this.goTo(0)), this.play = p("▶", "df-replay-play", () => this.toggle()), this.play.setAttribute("aria-label", "Play the call's lines"), this.scrub = h("input", "df-replay-scrub"), this.scrub.type = "range", this.scrub.min = "0", this.scrub.setAttribute("aria-label", "Step of the call"), this.scrub.addEventListener("input", () => {
      this.stop(), this.goTo(Number(this.scrub.value));
    }), this.speed = h("select", "df-replay-speed"), this.speed.setAttribute("aria-label", "Replay speed");
    for (const s of Me) this.speed.append(new Option(`${s}×`, String(s), s === 1, s === 1));
    this.speed.addEventListener("change", () => {
      this.timer !== void 0 && this.schedule();
    }), this.info = h("div", "df-replay-info"), this.info.setAttribute("aria-live", "polite");
    const e = h("span", "df-replay-title", "Line replay");
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
    const e = this.call, s = e === void 0 ? null : Le(e, t);
    if (e === void 0 || s === null) return;
    this.index = s.index, this.scrub.max = String(s.count - 1), this.scrub.value = String(s.index);
    const i = s.changed.map(F).join(", "), o = `step ${s.index + 1}/${s.count} · line ${s.line} · +${m(s.t)}`;
    this.info.replaceChildren(
      h("div", "df-replay-step", i ? `${o} · changed ${i}` : o),
      h("div", "df-replay-locals", s.locals.length === 0 ? "" : `locals: ${s.locals.map(F).join(", ")}`)
    ), this.show(s);
  }
  toggle() {
    if (this.timer !== void 0) {
      this.stop();
      return;
    }
    const t = this.call;
    t !== void 0 && (wt(t, this.index) === null && this.goTo(0), this.play.textContent = "❚❚", this.play.setAttribute("aria-label", "Pause the replay"), this.schedule());
  }
  schedule() {
    window.clearTimeout(this.timer), this.timer = window.setTimeout(() => this.tick(), Ce(Number(this.speed.value)));
  }
  tick() {
    const t = this.call, e = t === void 0 ? null : wt(t, this.index);
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
class Te {
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
    const s = await this.connection.get("/api/source", { run: t, file: e }), i = s.ok ? ke(s.body) : null;
    return i !== null ? i : (this.refused.add(e), s.ok ? "The hub's answer was not a source listing." : `The source of ${e} is not available: ${s.error}`);
  }
}
class Re {
  constructor(t) {
    this.pick = t, this.element = h("section", "df-inspect df-stack"), this.element.setAttribute("aria-label", "Call stack"), this.list = h("ol", "df-stack-list"), this.list.setAttribute("role", "listbox"), this.list.setAttribute("aria-label", "Call stack"), this.list.tabIndex = 0, this.list.addEventListener("keydown", (e) => this.onKey(e)), this.element.append(h("h3", "df-inspect-title", "Call stack"), this.list);
  }
  pick;
  element;
  list;
  frames = [];
  selected = 0;
  /** Show these frames (null: not paused, or not known yet), `selected` picked. */
  show(t, e, s = "") {
    if (this.frames = t ?? [], this.selected = e, t === null || t.length === 0) {
      this.list.replaceChildren(h("li", "df-inspect-empty", s)), this.list.removeAttribute("aria-activedescendant");
      return;
    }
    this.list.replaceChildren(...t.map((i) => this.item(i))), this.list.setAttribute("aria-activedescendant", `df-frame-${e}`);
  }
  item(t) {
    const e = h("li", "df-frame");
    return e.id = `df-frame-${t.index}`, e.dataset.frame = String(t.index), e.setAttribute("role", "option"), e.setAttribute("aria-selected", String(t.index === this.selected)), e.append(h("span", "df-frame-function", t.function), h("span", "df-frame-where", `${C(t.file)}:${t.line}`)), e.title = `${t.file}:${t.line}`, e.addEventListener("click", () => this.pick(t)), e;
  }
  onKey(t) {
    const e = t.key === "ArrowDown" ? 1 : t.key === "ArrowUp" ? -1 : 0;
    if (e === 0) return;
    t.preventDefault();
    const s = this.frames.findIndex((o) => o.index === this.selected), i = this.frames[s + e];
    i !== void 0 && this.pick(i);
  }
}
const Oe = 50;
class Ie {
  element;
  tree;
  generation = 0;
  fetch = null;
  expanded = /* @__PURE__ */ new Set();
  // paths of keys, joined by NUL
  constructor() {
    this.element = h("section", "df-inspect df-variables"), this.element.setAttribute("aria-label", "Locals"), this.tree = h("ul", "df-var-tree"), this.tree.setAttribute("role", "tree"), this.tree.setAttribute("aria-label", "Locals"), this.element.append(h("h3", "df-inspect-title", "Locals"), this.tree);
  }
  /** Show a frame's locals through `fetch` (null: nothing to show, with `note`). */
  show(t, e = "") {
    this.generation += 1, this.fetch = t, this.tree.replaceChildren(h("li", "df-inspect-empty", t === null ? e : "Loading…")), t !== null && this.fill(this.tree, [], 0, this.generation, !0);
  }
  async fill(t, e, s, i, o) {
    const r = this.fetch;
    if (r === null) return;
    const l = await r(e, s, Oe);
    if (i !== this.generation || l === null) return;
    if (o && t.replaceChildren(), t.querySelector(":scope > .df-var-more")?.remove(), typeof l == "string") {
      t.append(h("li", "df-inspect-empty df-var-error", l));
      return;
    }
    const a = e.length + 1;
    for (const c of l.children) t.append(this.item(c, [...e, c.key], a, i));
    o && l.children.length === 0 && t.append(h("li", "df-inspect-empty", "(none)"));
    const u = s + l.children.length;
    if (u < l.total) {
      const c = h("li", "df-var-more");
      c.setAttribute("role", "none"), c.append(
        p(`show more (${l.total - u} left)`, "df-var-more-button", () => {
          this.fill(t, e, u, i, !1);
        })
      ), t.append(c);
    }
  }
  item(t, e, s, i) {
    const o = h("li", "df-var");
    o.setAttribute("role", "treeitem"), o.setAttribute("aria-level", String(s)), o.dataset.name = t.name;
    const r = h("div", "df-var-row"), l = h("span", "df-var-name", t.name), a = h("span", "df-var-type", t.type), u = h("span", "df-var-value", t.value);
    if (o.setAttribute("aria-label", `${t.name}: ${t.type} = ${t.value}`), !t.expandable)
      return r.append(h("span", "df-var-twisty"), l, a, u), o.tabIndex = -1, o.append(r), o;
    o.setAttribute("aria-expanded", "false");
    const c = p("▸", "df-var-twisty", () => b());
    c.setAttribute("aria-label", `Expand ${t.name}`);
    const f = h("ul", "df-var-children");
    f.setAttribute("role", "group"), f.hidden = !0;
    const b = () => {
      const g = o.getAttribute("aria-expanded") !== "true";
      o.setAttribute("aria-expanded", String(g)), c.textContent = g ? "▾" : "▸", c.setAttribute("aria-label", `${g ? "Collapse" : "Expand"} ${t.name}`), f.hidden = !g, g ? this.expanded.add(e.join("\0")) : this.expanded.delete(e.join("\0")), g && f.childElementCount === 0 && (f.append(h("li", "df-inspect-empty", "Loading…")), this.fill(f, e, 0, i, !0));
    };
    return r.append(c, l, a, u), o.append(r, f), this.expanded.has(e.join("\0")) && b(), o;
  }
}
class Fe {
  element;
  list;
  input;
  expressions = [];
  evaluate = null;
  note = "";
  generation = 0;
  constructor() {
    this.element = h("section", "df-inspect df-watches"), this.element.setAttribute("aria-label", "Watches");
    const t = h("form", "df-watch-form");
    this.input = h("input", "df-watch-input"), this.input.type = "text", this.input.placeholder = "add a watch expression", this.input.setAttribute("aria-label", "Watch expression"), this.input.spellcheck = !1, this.input.autocomplete = "off", t.append(this.input), t.addEventListener("submit", (e) => {
      e.preventDefault(), this.add(this.input.value);
    }), this.list = h("ul", "df-watch-list"), this.list.setAttribute("aria-label", "Watch expressions"), this.element.append(h("h3", "df-inspect-title", "Watches"), t, this.list);
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
    const s = h("li", "df-watch");
    s.dataset.expr = t;
    const i = h("span", "df-watch-value", this.evaluate === null ? this.note : "…"), o = p("✕", "df-watch-remove", () => {
      this.expressions.splice(this.expressions.indexOf(t), 1), this.render();
    });
    o.setAttribute("aria-label", `Remove watch ${t}`), s.append(h("span", "df-watch-expr", t), i, o);
    const r = this.evaluate;
    return r !== null && r(t).then((l) => {
      if (l === null || e !== this.generation) return;
      const a = typeof l == "string" ? l : l.error ?? `${l.type} = ${l.value}`;
      i.textContent = a, s.dataset.error = String(typeof l == "string" || l.error !== null);
    }), s;
  }
}
function bt(n) {
  return n.state === null ? "No debugger in this run." : n.state.phase === "ended" ? "The program ended." : "Not paused.";
}
class Ne {
  // what the inspectors say while not paused
  constructor(t, e, s) {
    this.connection = t, this.client = e, this.host = s, this.sources = new Te(t), this.element = h("section", "df-codepanel"), this.element.setAttribute("role", "region"), this.element.setAttribute("aria-label", "Code panel"), this.element.hidden = !0;
    const i = h("header", "df-cp-head");
    this.title = h("h2", "df-cp-title"), this.where = h("div", "df-cp-where");
    const o = h("div", "df-cp-names");
    o.append(this.title, this.where);
    const r = p("Open in editor", "df-cp-open", () => this.openInEditor());
    r.setAttribute("aria-keyshortcuts", "O"), r.title = "Open this file at the line in your editor (O)";
    const l = p("✕", "df-cp-close", () => this.close());
    l.setAttribute("aria-label", "Close the code panel"), this.focusButton = p("Trace lines", "df-cp-focus", () => {
      this.toggleFocus();
    }), this.focusButton.title = "Trace this function's next calls line by line (hits, time, changed locals)", this.focusButton.setAttribute("aria-pressed", "false"), i.append(o, this.focusButton, r, l), this.bar = new ve({
      command: (c) => this.command(c),
      exceptions: (c, f) => {
        this.client.request({ op: "exceptions", raised: c, uncaught: f });
      },
      pauseAll: (c) => {
        this.client.request({ op: "options", pause_all: c });
      }
    }), this.note = h("div", "df-cp-note"), this.note.setAttribute("role", "status"), this.code = new pe({
      toggle: (c) => this.setBreakpoints(ne(this.breakpoints(), c)),
      edit: (c) => this.editor.open(c, this.breakpoints().find((f) => f.line === c) ?? null)
    }), this.editor = new ae({
      save: (c) => this.setBreakpoints(oe(this.breakpoints(), c)),
      remove: (c) => this.setBreakpoints(et(this.breakpoints()).filter((f) => f.line !== c)),
      closed: (c) => this.code.gutter(c)?.focus()
    }), this.replay = new Ee((c) => {
      this.replayFrame = c, this.render();
    });
    const a = h("div", "df-cp-source");
    a.append(this.note, this.replay.element, this.code.element, this.editor.element), this.stack = new Re((c) => this.pickFrame(c)), this.inspect = h("div", "df-cp-inspect");
    const u = h("div", "df-cp-side");
    u.append(this.stack.element, this.watches.element), this.inspect.append(u, this.variables.element), this.element.append(i, this.bar.element, a, this.inspect), this.element.addEventListener("keydown", (c) => {
      !(c.target instanceof HTMLInputElement) && (c.key === "o" || c.key === "O") && !c.ctrlKey && !c.metaKey && this.openInEditor();
    }), document.addEventListener("keydown", (c) => this.onKey(c)), e.subscribe((c) => this.onView(c)), this.clearPause();
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
  variables = new Ie();
  watches = new Fe();
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
      enabled: pt(t, e),
      present: t.state !== null,
      status: te(t, e),
      refusal: t.refusal,
      exceptions: t.state?.exceptions ?? null,
      pauseAll: t.state?.pause_all ?? !1
    });
  }
  /** The HUD's spine changed: a shown node's line statistics may have grown. */
  refreshNode(t) {
    const e = this.target?.node;
    if (this.target === null || e?.id !== t.id || t.lines === null) return;
    const s = yt(e.lines) !== yt(t.lines);
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
    const i = s.ok ? Se(s.body) : null;
    if (i === null) {
      this.say(s.ok ? "The hub's answer was not a line trace." : `No line trace: ${s.error}`);
      return;
    }
    this.replay.load($e(i));
  }
  // Line tracing of the shown node's function: on or off in the traced process.
  async toggleFocus() {
    const t = this.target?.node;
    if (t == null) return;
    const e = this.focusButton.getAttribute("aria-pressed") !== "true";
    !(await this.client.request({ op: "focus", function: `${t.file}:${t.function}`, on: e })).accepted || this.target?.node?.id !== t.id || (this.focusButton.setAttribute("aria-pressed", String(e)), this.say(e ? `The next calls of ${t.function} are traced line by line.` : ""));
  }
  onView(t) {
    const e = ft(t), s = t.state?.seq ?? null;
    e !== null && s !== this.pauseSeq ? (this.pauseSeq = s, this.frames = null, this.frame = 0, this.sources.retry(e.file), this.setTarget({ file: e.file, anchor: e.line, title: e.function, stats: null, node: null }), this.element.hidden = !1, this.showFrame(s ?? 0, 0, "Loading…"), this.loadStack(s ?? 0)) : e === null && (this.pauseSeq !== null || this.idleShown !== bt(t)) && (this.pauseSeq = null, this.clearPause()), this.render();
  }
  clearPause() {
    this.frames = null, this.frame = 0;
    const t = bt(this.client.view);
    this.idleShown = t, this.inspect.dataset.paused = "false", this.stack.show(null, 0, t), this.variables.show(null, t), this.watches.show(null, "—");
  }
  async loadStack(t) {
    const e = await this.client.request({ op: "stack", seq: t });
    if (!e.fresh || t !== this.pauseSeq) return;
    const s = e.accepted ? be(e.result) : null;
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
    return async (s, i, o) => {
      const r = await this.client.request({ op: "locals", seq: t, frame: e, path: s, offset: i, limit: o });
      return r.fresh ? r.accepted ? ye(r.result) ?? "The debugger's answer was not a locals listing." : r.reason : null;
    };
  }
  evaluatorOf(t, e) {
    return async (s) => {
      const i = await this.client.request({ op: "evaluate", seq: t, frame: e, expr: s });
      return i.fresh ? i.accepted ? xe(i.result) ?? "The debugger's answer was not a value." : i.reason : null;
    };
  }
  command(t) {
    const e = this.client.view;
    e.state === null || !pt(e, this.host.live())[t] || this.client.request({ op: "command", kind: t, seq: e.state.seq });
  }
  onKey(t) {
    const e = ge(t.key, t.shiftKey), s = this.client.view.state?.phase;
    e === null || s === void 0 || s === "ended" || (t.preventDefault(), this.command(e));
  }
  breakpoints() {
    return this.target === null ? [] : mt(this.client.view, this.target.file);
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
    const t = ft(this.client.view);
    if (t === null || this.target === null) return null;
    const e = this.frames?.find((s) => s.index === this.frame) ?? { file: t.file, line: t.line };
    return e.file === this.target.file ? e.line : null;
  }
  render() {
    this.refreshBar();
    const t = this.target, e = t?.node ?? null;
    this.focusButton.hidden = e === null || this.client.view.state === null || !this.host.live(), t !== null && (this.title.textContent = t.title, this.where.textContent = `${C(t.file)}${t.anchor === null ? "" : `:${t.anchor}`}`, this.where.title = t.file, this.element.setAttribute("aria-label", `Code panel: ${C(t.file)}`), this.loaded?.file === t.file ? this.draw(this.loaded, !1) : this.load(t.file));
  }
  async load(t) {
    const e = this.run;
    this.say(`Loading ${C(t)}…`);
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
    const i = this.currentLine(), o = ie({
      source: t,
      anchor: s.anchor,
      current: i,
      breakpoints: mt(this.client.view, t.file),
      stats: s.stats,
      replay: this.replayFrame?.line ?? null
    });
    e ? this.code.load(o) : this.code.update(o);
    const r = i ?? this.replayFrame?.line ?? s.anchor ?? 1, l = `${t.file}:${r}`;
    (e || l !== this.shownAt) && this.code.reveal(r), this.shownAt = l;
  }
  say(t) {
    this.note.textContent !== t && (this.note.textContent = t), this.note.hidden = t === "";
  }
}
function yt(n) {
  let t = 0;
  for (const e of n ?? []) t += e.hits;
  return t;
}
const rt = "ghost";
function B(n) {
  return n?.kind === rt;
}
function H(n) {
  return n.kind === "unreached";
}
function lt(n) {
  return n.reason ?? "";
}
class _e {
  constructor(t, e) {
    this.connection = t, this.actions = e, this.element = h("section", "df-details"), this.element.setAttribute("aria-label", "Details");
    const s = h("h2", "df-panel-title", "Details");
    this.body = h("div", "df-details-body"), this.status = h("div", "df-details-status"), this.status.setAttribute("role", "status"), this.element.append(s, this.body, this.status), this.clear();
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
    this.shown = null, this.shownStats = null, delete this.element.dataset.node, this.body.replaceChildren(h("p", "df-details-empty", "Select a node (click it, or move in the spine with the keyboard) to see its values and statistics here."));
  }
  render(t, e) {
    const s = [h("div", "df-details-name", T(e))], i = h("div", "df-details-where"), o = h("span", "df-details-ref", e.kind === "mark" ? "manual pulse" : E(e));
    i.append(h("span", "df-details-module", e.module), o), s.push(i);
    const r = h("div", "df-details-actions");
    return e.file !== "" && e.kind !== "mark" && r.append(p("Open in editor", "df-open-editor", () => {
      this.open(e);
    })), r.append(p("Focus", "df-details-focus", () => this.actions.focus(e.id))), t.children.has(e.id) && r.append(p("Fold / unfold", "df-details-fold", () => this.actions.fold(e.id))), s.push(r), H(e) ? (s.push(R("Not reached", [A(lt(e), "df-details-reason")])), s) : (s.push(...Pe(e)), s.push(R("Statistics", [Be(t, e)])), s);
  }
  async open(t) {
    this.status.textContent = `Opening ${E(t)}…`;
    const e = await this.connection.openSource(t.file, t.line);
    this.status.textContent = e.ok ? `Opened ${E(t)} in your editor.` : e.error ?? "The editor could not be started.";
  }
}
function Pe(n) {
  const t = [], e = n.sample, s = n.calls > 1 ? "Latest call kept" : "Call";
  return e === null ? n.kind === "call" && t.push(R(s, [A("values not kept (past the detail budget)", "df-details-dim")])) : t.push(R(s, xt(e))), n.failure !== null && t.push(R("Another call raised", xt(n.failure))), t;
}
function xt(n) {
  const t = [];
  if (n.args === null) t.push(A("arguments not kept", "df-details-dim"));
  else if (n.args.length === 0) t.push(A("no arguments", "df-details-dim"));
  else for (const e of n.args) t.push(A(F(e), "df-details-arg"));
  return n.state === "raised" ? t.push(A(De(n), "df-details-error")) : n.state === "returned" && n.ret !== null ? t.push(A(`→ ${it(n.ret)}`, "df-details-return")) : n.state === "running" && t.push(A("running…", "df-details-dim")), n.duration !== null && t.push(A(`took ${m(n.duration)}`, "df-details-dim")), t;
}
function De(n) {
  if (n.error === null) return "✖ raised";
  const t = n.error.line === null ? "" : ` (line ${n.error.line})`;
  return `✖ ${n.error.message ? `${n.error.type}: ${n.error.message}` : n.error.type}${t}`;
}
function Be(n, t) {
  const e = h("dl", "df-details-stats"), s = (o, r, l) => {
    const a = h("dt", "", o), u = h("dd", "", r);
    u.dataset.stat = l, e.append(a, u);
  };
  s("calls", w(t.calls), "calls"), s("exceptions", t.exceptions > 0 ? `${w(t.exceptions)} · ${Z(t)}` : "0", "exceptions"), t.active > 0 && s("running", w(t.active), "running"), t.dur !== null && (s("min / median / max", [t.dur.min, t.dur.median, t.dur.max].map(m).join(" / "), "minmax"), s("total time", m(t.dur.total), "total"), s("own time", m(t.dur.own), "own"));
  const i = n.functionOf(t);
  return i !== void 0 && (s("all calls of the function", `${w(i.calls)} (${w(i.exceptions)} raised)`, "fn-calls"), s("function total / own", `${m(i.total_ns)} / ${m(i.own_ns)}`, "fn-time"), s("function min / median / max", [i.min_ns, i.median_ns, i.max_ns].map(m).join(" / "), "fn-minmax")), e;
}
function R(n, t) {
  const e = h("div", "df-details-section");
  return e.append(h("h3", "df-details-heading", n), ...t), e;
}
function A(n, t) {
  return h("div", `df-details-value ${t}`, n);
}
const kt = "/ or Ctrl+F search · Enter / Shift+Enter next / previous hit · E next exception · S slowest · M most called · F focus the selected node · Esc leave focus · ←/→ fold in the spine · O overview";
class ze {
  constructor(t) {
    this.actions = t, this.element = h("div", "df-explore"), this.element.setAttribute("role", "toolbar"), this.element.setAttribute("aria-label", "Find and fold");
    const e = h("form", "df-search");
    e.setAttribute("role", "search"), this.input = h("input", "df-search-input"), this.input.type = "search", this.input.placeholder = "Search function, module, file  (/regex/)", this.input.setAttribute("aria-label", "Search nodes by function, module or file name"), this.input.setAttribute("aria-keyshortcuts", "/ Control+F"), this.input.addEventListener("input", () => this.changed()), this.input.addEventListener("keydown", (l) => this.onKey(l)), e.addEventListener("submit", (l) => l.preventDefault()), this.regex = p(".*", "df-regex", () => {
      this.regex.setAttribute("aria-pressed", String(this.regex.getAttribute("aria-pressed") !== "true")), this.changed();
    }), this.regex.setAttribute("aria-pressed", "false"), this.regex.setAttribute("aria-label", "Regular expression"), this.regex.title = "Read the search as a regular expression", this.count = h("span", "df-search-count"), this.count.setAttribute("role", "status");
    const s = p("↑", "df-search-prev", () => t.step(!0));
    s.setAttribute("aria-label", "Previous match"), s.title = "Previous match (Shift+Enter)";
    const i = p("↓", "df-search-next", () => t.step(!1));
    i.setAttribute("aria-label", "Next match"), i.title = "Next match (Enter)", e.append(this.input, this.regex, this.count, s, i);
    const o = p("Next exception", "df-next-exception", () => t.nextException(!1));
    o.setAttribute("aria-keyshortcuts", "E"), o.title = "Next exception (E, Shift+E: previous)", this.slowest = p("Slowest", "df-slowest", () => t.openList("slowest")), this.slowest.setAttribute("aria-keyshortcuts", "S"), this.slowest.setAttribute("aria-haspopup", "dialog"), this.slowest.title = "Slowest functions by own and by total time (S)", this.called = p("Most called", "df-most-called", () => t.openList("called")), this.called.setAttribute("aria-keyshortcuts", "M"), this.called.setAttribute("aria-haspopup", "dialog"), this.called.title = "Most called functions (M)", this.depth = h("select", "df-fold-depth"), this.depth.setAttribute("aria-label", "Fold all below depth"), this.depth.append(new Option("fold: none", ""));
    for (const l of [1, 2, 3, 4, 6, 8]) this.depth.append(new Option(`fold below depth ${l}`, String(l)));
    this.depth.addEventListener("change", () => t.foldBelow(this.depth.value === "" ? null : Number(this.depth.value))), this.crumbs = h("nav", "df-crumbs"), this.crumbs.setAttribute("aria-label", "Focus"), this.crumbs.hidden = !0;
    const r = h("span", "df-help", "?");
    r.title = kt, r.setAttribute("aria-label", `Keyboard shortcuts: ${kt}`), r.tabIndex = 0, this.element.append(e, o, this.slowest, this.called, this.depth, r, this.crumbs);
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
    const o = s !== null ? "invalid regex" : i ? "" : e === 0 ? "no match" : t > 0 ? `${t} of ${e}` : `${e} found`;
    this.count.textContent !== o && (this.count.textContent = o), this.count.title = s ?? "", this.input.setAttribute("aria-invalid", String(s !== null));
  }
  /** Show the focus breadcrumb: "All › main › work" (empty: no focus). */
  setCrumbs(t) {
    if (this.crumbs.hidden = t.length === 0, t.length === 0) {
      this.crumbs.replaceChildren();
      return;
    }
    const e = [p("All", "df-crumb", () => this.actions.crumb(null))];
    t.forEach((s, i) => {
      e.push(h("span", "df-crumb-sep", "›"));
      const o = i === t.length - 1, r = p(s.label, "df-crumb", () => this.actions.crumb(s.id));
      o && r.setAttribute("aria-current", "location"), e.push(r);
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
const St = { slowest: ["own", "total"], called: ["calls"] }, He = { own: "by own time", total: "by total time", calls: "by calls" };
class qe {
  constructor(t) {
    this.actions = t, this.element = h("div", "df-jumplist"), this.element.setAttribute("role", "dialog"), this.element.hidden = !0, this.tabs = h("div", "df-jumplist-tabs"), this.list = h("ol", "df-jumplist-items");
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
    this.kind = t, this.by = St[t][0], this.element.setAttribute("aria-label", t === "slowest" ? "Slowest functions" : "Most called functions"), this.element.hidden = !1, this.render(), this.list.querySelector("button")?.focus();
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
      ...St[this.kind].map((s) => {
        const i = p(He[s], "df-jumplist-tab", () => {
          this.by = s, this.render();
        });
        return i.setAttribute("aria-pressed", String(s === this.by)), i;
      })
    );
    const e = this.actions.rank(this.by);
    if (e.length === 0) {
      this.list.replaceChildren(h("li", "df-jumplist-empty", "No finished calls yet."));
      return;
    }
    this.list.replaceChildren(...e.map((s) => this.item(s)));
  }
  item(t) {
    const e = h("li", "df-jumplist-item"), s = this.by === "calls" ? `×${w(t.value)}` : m(t.value), i = p("", "df-jumplist-pick", () => {
      this.actions.jump(t.node);
    });
    return i.dataset.node = String(t.node), i.dataset.function = t.function, i.append(h("span", "df-jumplist-figure", s), h("span", "df-jumplist-name", t.function), h("span", "df-jumplist-meta", `${t.module} · ${w(t.calls)} calls${t.nodes > 1 ? ` · ${t.nodes} nodes` : ""}`)), i.setAttribute("aria-label", `${t.function}, ${s}${t.exact ? "" : " (so far)"}, ${w(t.calls)} calls`), e.append(i), e;
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
const y = {
  laneLabel: 14,
  // height of a band's title
  laneGap: 6,
  maxRow: 14,
  minRow: 2,
  squeezed: 8
  // pixels given to each squeezed stretch of time
};
class je {
  width = 0;
  height = 0;
  /** The time at the right edge, ns since the run started. */
  end = 1;
  rowHeight = y.maxRow;
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
  build(t, e, s, i, o = () => !1) {
    this.model = t, this.width = Math.max(1, e), this.height = Math.max(1, s), this.rows.clear(), this.boxOf.clear(), this.bandOf.clear(), this.boxes = [];
    const r = /* @__PURE__ */ new Map();
    let l = Math.max(1, i);
    for (const a of t.nodes) {
      if (a === void 0) continue;
      r.set(a.lane, Math.max(r.get(a.lane) ?? 0, a.depth)), l = Math.max(l, a.last_t);
      const u = P(a.lane, a.depth), c = this.rows.get(u);
      c === void 0 ? this.rows.set(u, [a]) : c.push(a);
    }
    this.end = l, this.squeezeTime(t, o), this.layBands(t, r);
    for (const a of this.rows.values()) a.sort((u, c) => u.first_t - c.first_t || u.id - c.id);
    for (const a of t.nodes) {
      const u = a === void 0 ? void 0 : this.bandOf.get(a.lane);
      if (a === void 0 || u === void 0 || a.depth >= u.depths) continue;
      const [c, f] = _(a, l), b = this.xOf(c), g = {
        id: a.id,
        x: b,
        y: u.top + y.laneLabel + a.depth * this.rowHeight,
        w: Math.max(1, this.xOf(f) - b),
        h: this.rowHeight
      };
      this.boxes.push(g), this.boxOf.set(a.id, g);
    }
  }
  /** A node's rectangle (undefined: not laid out, or too deep for its band). */
  box(t) {
    return this.boxOf.get(t);
  }
  xOf(t) {
    let e = 0, s = 0;
    for (const { start: i, stop: o } of this.squeezes) {
      if (t < i) break;
      if (e += (i - s) * this.scale, t < o) return e + y.squeezed * (t - i) / (o - i);
      e += y.squeezed, s = o;
    }
    return e + (t - s) * this.scale;
  }
  timeOf(t) {
    const e = Math.max(0, Math.min(t, this.width));
    let s = 0, i = 0;
    for (const { start: o, stop: r } of this.squeezes) {
      const l = (o - i) * this.scale;
      if (e < s + l) break;
      if (s += l, e < s + y.squeezed) return o + (e - s) / y.squeezed * (r - o);
      s += y.squeezed, i = r;
    }
    return Math.min(this.end, i + (e - s) / this.scale);
  }
  // The squeezed stretches (merged where they overlap) and the scale of the rest.
  squeezeTime(t, e) {
    const s = [];
    let i = this.end;
    for (const u of t.nodes) u !== void 0 && (i = Math.min(i, u.first_t));
    i > 0 && i < this.end && s.push({ start: 0, stop: i });
    for (const u of t.nodes) {
      if (u === void 0 || !e(u)) continue;
      const [c, f] = _(u, this.end);
      f > c && s.push({ start: c, stop: f });
    }
    s.sort((u, c) => u.start - c.start);
    const o = [];
    for (const u of s) {
      const c = o[o.length - 1];
      c !== void 0 && u.start <= c.stop ? c.stop = Math.max(c.stop, u.stop) : o.push({ ...u });
    }
    const r = o.reduce((u, c) => u + (c.stop - c.start), 0), l = this.end - r, a = this.width - y.squeezed * o.length;
    if (o.length === 0 || l <= 0 || a < this.width / 2) {
      this.squeezes = [], this.scale = this.width / this.end;
      return;
    }
    this.squeezes = o, this.scale = a / l;
  }
  /** The band under a y coordinate. */
  bandAt(t) {
    return this.bands.find((e) => t >= e.top && t < e.top + e.height);
  }
  /** The node drawn under a point, if any. */
  hit(t, e) {
    const s = this.bandAt(e);
    if (s === void 0) return;
    const i = Math.floor((e - s.top - y.laneLabel) / this.rowHeight);
    if (i < 0 || i >= s.depths) return;
    let o;
    for (const r of this.rows.get(P(s.lane, i)) ?? []) {
      const l = this.boxOf.get(r.id);
      if (l !== void 0) {
        if (l.x > t + 1) break;
        if (t >= l.x && t <= l.x + l.w) return r.id;
        o === void 0 && t >= l.x - 1 && t <= l.x + l.w + 1 && (o = r.id);
      }
    }
    return o;
  }
  /**
   * The nodes a brush from x0 to x1 (in the band under y) takes in: those that start inside
   * the range, shallowest first, then by start. When none starts inside, the deepest node
   * running across the range's start. The first one is where the spine goes.
   */
  brush(t, e, s) {
    const i = this.bandAt(s) ?? this.bands[0];
    if (i === void 0) return [];
    const o = this.timeOf(Math.min(t, e)), r = this.timeOf(Math.max(t, e)), l = [];
    let a;
    for (let u = 0; u < i.depths; u++)
      for (const c of this.rows.get(P(i.lane, u)) ?? []) {
        if (c.first_t > r) break;
        c.first_t >= o ? l.push(c) : _(c, this.end)[1] >= o && (a = c);
      }
    return l.sort((u, c) => u.depth - c.depth || u.first_t - c.first_t || u.id - c.id), l.length > 0 ? l.map((u) => u.id) : a === void 0 ? [] : [a.id];
  }
  /** The time range covered by some nodes (the spine's visible rows), or null. */
  spanOf(t) {
    const e = this.model;
    if (e === null) return null;
    let s = 1 / 0, i = -1 / 0;
    for (const o of t) {
      const r = e.node(o);
      if (r === void 0) continue;
      const [l, a] = _(r, this.end);
      s = Math.min(s, l), i = Math.max(i, a);
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
      return (s.children.get(t) ?? []).find((a) => this.boxOf.has(a));
    const o = this.rows.get(P(i.lane, i.depth)) ?? [], r = o.indexOf(i);
    return o[e === "left" ? r - 1 : r + 1]?.id;
  }
  // Bands share the height by their number of depths; the row height is the same in all.
  layBands(t, e) {
    const s = [...e.keys()].sort((c, f) => c - f), i = s.length * (y.laneLabel + y.laneGap), o = s.reduce((c, f) => c + (e.get(f) ?? 0) + 1, 0), r = Math.max(0, this.height - i), l = o > 0 ? Math.floor(r / o) : y.maxRow;
    this.rowHeight = Math.max(y.minRow, Math.min(y.maxRow, l));
    const a = Math.floor(r / Math.max(1, s.length) / this.rowHeight);
    let u = 0;
    this.bands = s.map((c) => {
      const f = (e.get(c) ?? 0) + 1, b = l >= y.minRow ? f : Math.max(1, Math.min(f, a)), g = {
        lane: c,
        name: t.lanes[c]?.name ?? `lane ${c}`,
        top: u,
        height: y.laneLabel + b * this.rowHeight,
        depths: b
      };
      return u += g.height + y.laneGap, this.bandOf.set(c, g), g;
    });
  }
}
function _(n, t) {
  const e = n.active > 0 || n.state === "processing" ? t : n.last_t;
  return [n.first_t, Math.max(n.first_t, e)];
}
function P(n, t) {
  return `${n}:${t}`;
}
const Ke = 500, At = 4;
class We {
  // what the canvas shows now (draw)
  constructor(t) {
    this.actions = t, this.element = h("section", "df-overview"), this.element.setAttribute("aria-label", "Run overview"), this.canvas = h("canvas", "df-overview-canvas"), this.canvas.tabIndex = 0, this.canvas.setAttribute("role", "img"), this.canvas.setAttribute("aria-label", "Run overview"), this.canvas.setAttribute("aria-roledescription", "run overview"), this.canvas.setAttribute("aria-keyshortcuts", "O"), this.described = h("span", "df-overview-cursor"), this.described.id = "df-overview-cursor", this.described.setAttribute("aria-live", "polite"), this.canvas.setAttribute("aria-describedby", this.described.id), this.canvas.title = "Time across, depth down. Click or drag to move the spine there; arrows and Enter from the keyboard.", this.picture = document.createElement("canvas");
    const e = this.canvas.getContext("2d");
    if (e === null) throw new Error("this browser cannot draw on a canvas");
    this.ctx = e, this.element.append(h("h2", "df-panel-title", "Overview"), this.canvas, this.described), this.listen(), new ResizeObserver(() => this.resize()).observe(this.canvas);
  }
  actions;
  element;
  canvas;
  layout = new je();
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
  shown = [];
  /** A new run: forget the picture and the cursor. */
  reset() {
    this.builtVersion = -1, this.cursor = null, this.brushFrom = this.brushTo = null, this.described.textContent = "", this.dirty = !0;
  }
  /** Draw one frame; rebuilds the boxes when the run changed (throttled while it is live).
   * `squeeze`: nodes whose time is drawn a few pixels wide (folded imports). */
  draw(t, e, s, i) {
    this.model = t;
    const { width: o, height: r } = this.size;
    if (o <= 0 || r <= 0) return;
    const l = t.version !== this.builtVersion || e.slow !== this.builtSlow || this.dirty, a = t.status?.state === "live";
    if (l && (s - this.builtAt >= Ke || this.builtVersion < 0 || !a || this.dirty)) {
      const f = t.status?.elapsed_ns ?? 0;
      this.layout.build(t, o, r, f, i), this.paintBoxes(t, e.slow), this.builtVersion = t.version, this.builtSlow = e.slow, this.builtAt = s, this.dirty = !1, this.shown = [];
    }
    const u = [
      this.builtAt,
      e.visible?.[0],
      e.visible?.[1],
      e.hits,
      e.selected,
      this.cursor,
      this.brushFrom?.x,
      this.brushTo?.x,
      this.canvas.width,
      this.canvas.height
    ];
    if (u.length === this.shown.length && u.every((f, b) => f === this.shown[b])) return;
    this.shown = u;
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
    for (const o of this.layout.boxes) {
      const r = t.node(o.id);
      r !== void 0 && (s.fillStyle = r.state === "exception" ? D.exception : r.state === "processing" ? D.processing : Ge(r.depth), s.fillRect(o.x, o.y, Math.max(1, o.w - i), o.h - i));
    }
    s.strokeStyle = v.hit, s.lineWidth = 1.5;
    for (const o of e) {
      const r = this.layout.box(o);
      r !== void 0 && s.strokeRect(r.x + 0.75, r.y + 0.75, Math.max(2, r.w - 1.5), r.h - 1.5);
    }
    s.fillStyle = "rgba(196, 181, 253, 0.16)";
    for (const { start: o, stop: r } of this.layout.squeezes) {
      const l = this.layout.xOf(o);
      s.fillRect(l, 0, Math.max(1, this.layout.xOf(r) - l), this.size.height);
    }
    s.font = `600 10px ${I}`, s.textBaseline = "top", s.fillStyle = v.header;
    for (const o of this.layout.bands) s.fillText(`▍${o.name}`.toUpperCase(), 2, o.top + 1);
  }
  drawMarks(t) {
    const { ctx: e, layout: s } = this, i = this.size.height;
    if (t.visible !== null) {
      const o = s.xOf(t.visible[0]), r = Math.max(o + 2, s.xOf(t.visible[1]));
      e.fillStyle = "rgba(240, 249, 255, 0.10)", e.fillRect(o, 0, r - o, i), e.strokeStyle = "rgba(240, 249, 255, 0.65)", e.lineWidth = 1, e.strokeRect(o + 0.5, 0.5, r - o - 1, i - 1);
    }
    e.fillStyle = v.hit;
    for (const o of t.hits) {
      const r = s.box(o);
      r !== void 0 && e.fillRect(r.x, r.y + r.h - 3, Math.max(2, r.w), 3);
    }
    for (const [o, r] of [
      [t.selected, v.focusRing],
      [this.cursor, v.pulseDown]
    ]) {
      const l = o === null ? void 0 : s.box(o);
      l !== void 0 && (e.strokeStyle = r, e.lineWidth = 2, e.strokeRect(l.x - 1, l.y - 1, Math.max(3, l.w + 2), l.h + 2));
    }
    if (this.brushFrom !== null && this.brushTo !== null) {
      const o = Math.min(this.brushFrom.x, this.brushTo.x), r = Math.abs(this.brushTo.x - this.brushFrom.x);
      e.fillStyle = "rgba(34, 211, 238, 0.18)", e.fillRect(o, 0, r, i);
    }
    e.fillStyle = v.dim, e.font = `10px ${I}`, e.textBaseline = "bottom", e.fillText(m(s.end), Math.max(0, this.size.width - 60), i - 1);
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
      const o = Math.abs(i.x - s.x) < At, l = (o ? this.layout.hit(i.x, i.y) : void 0) ?? this.layout.brush(s.x, o ? s.x + At : i.x, s.y)[0];
      l !== void 0 && this.jumpTo(l);
    }), this.canvas.addEventListener("pointercancel", () => {
      this.brushFrom = this.brushTo = null;
    }), this.canvas.addEventListener("keydown", (e) => this.onKey(e));
  }
  onKey(t) {
    const s = { ArrowLeft: "left", ArrowRight: "right", ArrowUp: "up", ArrowDown: "down" }[t.key];
    if (s !== void 0) {
      const i = this.cursor ?? this.layout.boxes[0]?.id, o = i === void 0 ? void 0 : this.cursor === null ? i : this.layout.neighbour(i, s);
      o !== void 0 && this.setCursor(o);
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
    this.described.textContent = e === void 0 ? "" : `${T(e)}, ${e.state}, depth ${e.depth}${e.dur ? `, ${m(e.dur.total)} total` : ""}`;
  }
  get cursorNode() {
    return this.cursor;
  }
  jumpTo(t) {
    this.setCursor(t), this.actions.jump(t);
  }
}
function Ge(n) {
  const t = Math.min(n, 12) / 12, e = 58 - t * 26;
  return `hsl(${188 + t * 30}, 70%, ${e}%)`;
}
function Mt(n, t, e = 10) {
  const s = /* @__PURE__ */ new Map();
  for (const o of n.nodes) {
    if (o === void 0 || o.kind !== "call") continue;
    let r = s.get(o.fkey);
    r === void 0 && (r = { nodes: [], own: 0, total: 0, calls: 0 }, s.set(o.fkey, r)), r.nodes.push(o), r.own += o.dur?.own ?? 0, r.total += o.dur?.total ?? 0, r.calls += o.calls;
  }
  const i = [];
  for (const [o, r] of s) {
    const l = r.nodes[0], a = n.functions.get(o), u = a === void 0 ? r[t] : t === "own" ? a.own_ns : t === "total" ? a.total_ns : a.calls;
    i.push({
      fkey: o,
      function: l.function,
      module: l.module,
      value: u,
      calls: a?.calls ?? r.calls,
      node: Ve(r.nodes, t).id,
      nodes: r.nodes.length,
      exact: a !== void 0
    });
  }
  return i.sort((o, r) => r.value - o.value || o.node - r.node), i.filter((o) => o.value > 0).slice(0, e);
}
function $t(n, t) {
  return t === "calls" ? n.calls : t === "own" ? n.dur?.own ?? 0 : n.dur?.total ?? 0;
}
function Ve(n, t) {
  let e = n[0];
  for (const s of n) $t(s, t) > $t(e, t) && (e = s);
  return e;
}
function Lt(n) {
  return n.state === "exception" || n.exceptions > 0;
}
function Ue(n, t) {
  if (!Lt(t)) return !1;
  const e = Ct(t);
  for (const s of n.children.get(t.id) ?? []) {
    const i = n.node(s);
    if (i !== void 0 && Lt(i) && (e === null || Ct(i) === e)) return !1;
  }
  return !0;
}
function Ct(n) {
  const t = n.sample?.state === "raised" ? n.sample : n.failure;
  return t?.error == null ? null : `${t.error.type}: ${t.error.message}`;
}
function Ye(n, t, e, s = !1) {
  const i = t.length;
  if (i === 0) return null;
  const o = e === null ? -1 : t.indexOf(e);
  for (let r = 1; r <= i; r++) {
    const l = s ? (((o < 0 ? 0 : o) - r) % i + i) % i : (o + r) % i, a = n.node(t[l]);
    if (a !== void 0 && Ue(n, a)) return a.id;
  }
  return null;
}
const Xe = /^\/(.+)\/([a-z]*)$/s;
function Ze(n, t = !1) {
  const e = n.trim();
  if (e === "") return { ok: !0, match: () => !1, empty: !0 };
  const s = Xe.exec(e);
  if (t || s !== null) {
    const o = s?.[1] ?? e, r = s?.[2] ?? "i";
    let l;
    try {
      l = new RegExp(o, r.replace(/[gy]/g, ""));
    } catch (a) {
      return { ok: !1, error: a instanceof Error ? a.message : String(a) };
    }
    return { ok: !0, match: (a) => Et(a).some((u) => l.test(u)), empty: !1 };
  }
  const i = e.toLowerCase();
  return { ok: !0, match: (o) => Et(o).some((r) => r.toLowerCase().includes(i)), empty: !1 };
}
function Et(n) {
  return [n.function, n.module, n.file];
}
function Je(n) {
  const t = [];
  for (const i of n.nodes) i !== void 0 && i.parent === null && t.push(i);
  t.sort((i, o) => i.lane - o.lane || i.id - o.id);
  const e = [], s = t.map((i) => i.id).reverse();
  for (; s.length > 0; ) {
    const i = s.pop();
    e.push(i);
    const o = n.children.get(i);
    if (o !== void 0) for (let r = o.length - 1; r >= 0; r--) s.push(o[r]);
  }
  return e;
}
function Qe(n, t, e) {
  const s = [];
  for (const i of t) {
    const o = n.node(i);
    o !== void 0 && e(o) && s.push(i);
  }
  return s;
}
class ts {
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
    e.forEach((a, u) => i.set(a, u));
    const o = i.get(t) ?? -1, r = this.hits.map((a) => i.get(a) ?? -1);
    let l;
    if (s) {
      l = -1;
      for (let a = r.length - 1; a >= 0 && l < 0; a--) r[a] < o && (l = a);
      l < 0 && (l = this.hits.length - 1);
    } else
      l = r.findIndex((a) => a > o), l < 0 && (l = 0);
    return this.index = l, this.current;
  }
  clear() {
    this.hits = [], this.index = -1;
  }
}
const es = 250, ss = 5;
class is {
  constructor(t, e) {
    this.host = t, this.bar = new ze({
      search: (s, i) => this.search(s, i),
      step: (s) => this.step(s),
      nextException: (s) => this.nextException(s),
      openList: (s) => this.openList(s),
      foldBelow: (s) => this.foldBelow(s),
      crumb: (s) => this.setFocus(s)
    }), this.list = new qe({
      rank: (s) => this.rank(s),
      jump: (s) => this.jump(s),
      closed: () => (this.listKind === "slowest" ? this.bar.slowest : this.bar.called).focus()
    }), this.overview = new We({ jump: (s) => this.jump(s) }), this.details = new _e(e, {
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
  cursor = new ts();
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
    t.version !== this.refreshedVersion && e - this.refreshedAt >= es ? (this.refreshedVersion = t.version, this.refreshedAt = e, this.matcher !== null && this.runSearch(t), this.slow = new Set(Mt(t, "own", ss).map((r) => r.node)), this.list.refresh()) : t.version !== this.refreshedVersion && this.host.schedule();
    const s = this.host.layout.folds;
    if (s.revision !== this.foldsDrawn) {
      this.foldsDrawn = s.revision;
      const l = t.nodes.filter((a) => a?.kind === "imports" && s.isFolded(a)).map((a) => a.id).join(",");
      l !== this.squeezedKey && (this.squeezedKey = l, this.overview.dirty = !0);
    }
    const o = { visible: this.overview.layout.spanOf(this.host.visibleNodes()), hits: this.hits, selected: this.selected, slow: this.slow };
    this.overview.draw(t, o, e, (r) => r.kind === "imports" && s.isFolded(r)), this.details.show(t, this.selected);
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
      s.breadcrumb((o) => e.node(o)).map((o) => ({ id: o, label: e.node(o)?.function ?? String(o) }))
    ), this.host.relayout(), t !== null ? this.host.scrollTo(t) : this.selected !== null && this.reveal(this.selected);
  }
  /** Move the spine to a node: unfold what hides it, leave a focus it is outside of, select it. */
  jump(t) {
    this.select(t), this.reveal(t), this.host.markSelected(t);
  }
  reveal(t) {
    const e = this.host.model, s = e?.node(t);
    if (e === null || s === void 0) return;
    const i = this.host.layout.folds, o = (l) => e.node(l);
    let r = i.reveal(s, o);
    i.inFocus(s, o) || (i.setFocus(null), this.bar.setCrumbs([]), r = !0), (r || this.host.layout.row(t) === void 0) && this.host.relayout(), this.host.scrollTo(t);
  }
  treeOrder(t) {
    return this.orderVersion !== t.version && (this.order = Je(t), this.orderVersion = t.version), this.order;
  }
  search(t, e) {
    const s = Ze(t, e);
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
    this.matcher !== null && this.setHits(Qe(t, this.treeOrder(t), this.matcher));
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
    const s = Ye(e, this.treeOrder(e), this.selected, t);
    s !== null && this.jump(s);
  }
  rank(t) {
    const e = this.host.model;
    return e === null ? [] : Mt(e, t, 15);
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
class ns {
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
    return this.target = this.choose(t, e.reset ? void 0 : rs(e.added)), this.target;
  }
  choose(t, e) {
    const s = this.deepestRunning(t), i = this.target === null ? void 0 : t.node(this.target);
    return i === void 0 ? s?.id ?? e ?? ls(t) : i.state === "processing" ? s !== void 0 && s.depth > i.depth ? s.id : e !== void 0 && Tt(t, i.id, e) ? e : i.id : s !== void 0 && !Tt(t, s.id, i.id) ? s.id : e ?? i.id;
  }
  // Deepest first; among equals the latest to start or end, then the newest node.
  deepestRunning(t) {
    let e;
    for (const s of this.running) {
      const i = t.node(s);
      i !== void 0 && (e === void 0 || os(i, e)) && (e = i);
    }
    return e;
  }
}
function os(n, t) {
  return n.depth !== t.depth ? n.depth > t.depth : n.last_t !== t.last_t ? n.last_t > t.last_t : n.id > t.id;
}
function Tt(n, t, e) {
  let s = n.node(e)?.parent ?? null;
  for (; s !== null; ) {
    if (s === t) return !0;
    s = n.node(s)?.parent ?? null;
  }
  return !1;
}
function rs(n) {
  let t;
  for (const e of n) (t === void 0 || e > t) && (t = e);
  return t;
}
function ls(n) {
  return n.nodes.length === 0 ? null : n.nodes.length - 1;
}
function at(n) {
  return [...n].sort(us);
}
function as(n) {
  return n.live && n.state === "live";
}
function hs(n) {
  const t = at(n);
  return t.find(as) ?? t.find((e) => e.kind !== rt);
}
function cs(n, t) {
  return at(n).find((e) => e.live && (e.state === "live" || !t.has(e.id)));
}
function us(n, t) {
  return n.started_at !== t.started_at ? t.started_at - n.started_at : n.id < t.id ? 1 : n.id > t.id ? -1 : 0;
}
class ds {
  constructor(t) {
    this.actions = t, this.element = h("aside", "df-history"), this.element.setAttribute("aria-label", "History");
    const e = h("div", "df-history-head");
    e.append(h("h2", "df-history-title", "History"), p("↻", "df-refresh", () => t.refresh()));
    const s = h("label", "df-follow-live");
    this.follow = h("input", ""), this.follow.type = "checkbox", this.follow.checked = !0, this.follow.addEventListener("change", () => t.followLive(this.follow.checked)), s.append(this.follow, " follow new live runs"), this.list = h("ul", "df-runs"), this.list.setAttribute("aria-label", "Runs"), this.element.append(e, s, this.list);
  }
  actions;
  element;
  list;
  follow;
  runs = [];
  current = null;
  /** Show a new run list (in time order, whatever order the hub sent). */
  setRuns(t) {
    this.runs = at(t), this.render();
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
    t.length === 0 && t.push(h("li", "df-runs-empty", "No runs yet. Try: flow run script.py")), this.list.replaceChildren(...t);
  }
  item(t) {
    const e = h("li", "df-run"), s = p("", "df-run-open", () => this.actions.open(t));
    s.dataset.run = t.id, s.dataset.state = t.state, s.setAttribute("aria-current", String(t.id === this.current));
    const i = h("span", "df-run-script", t.script || t.id), o = h("span", "df-run-meta", vt(t)), r = h("span", `df-run-state df-run-${t.state}`, t.state);
    s.append(r, i, o);
    const l = t.kind === rt;
    l && (s.dataset.ghost = "true", i.prepend(h("span", "df-run-ghost", "GHOST"), " "));
    const a = `${t.script || t.id}${l ? ", ghost" : ""}, ${t.state}, ${vt(t)}`;
    return s.setAttribute("aria-label", a), e.append(s), e;
  }
}
const fs = /* @__PURE__ */ new Set(["imports"]);
class ps {
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
    return this.closed.has(t.id) ? !0 : this.opened.has(t.id) ? !1 : t.folded === !0 || fs.has(t.kind) ? !0 : this.depthLimit !== null && t.depth >= this.depthLimit;
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
class ms {
  /** Node ids of each lane column, top to bottom. */
  columns = [];
  /** Lane id shown in each column. */
  laneOfColumn = [];
  rowOf = /* @__PURE__ */ new Map();
  // Each laid out node's place among its laid out siblings (1-based) and their number, by
  // node id: what the accessible tree says as aria-posinset / aria-setsize.
  placeOf = [];
  siblingsOf = [];
  columnOfLane = /* @__PURE__ */ new Map();
  /** Which subtrees are folded and which node is in focus. */
  folds = new ps();
  /** Width of one lane column in CSS pixels (see fitColumns). */
  columnWidth = d.columnWidth;
  /** Bumped on every build, so views can tell when the rows may have changed. */
  revision = 0;
  /** Recompute every row from the model. */
  build(t) {
    this.revision++, this.rowOf.clear(), this.placeOf = [], this.siblingsOf = [], this.columnOfLane.clear();
    const e = /* @__PURE__ */ new Map(), s = this.folds.focus === null ? void 0 : t.node(this.folds.focus);
    if (s !== void 0) e.set(s.lane, [s.id]);
    else
      for (const o of t.nodes)
        o !== void 0 && o.parent === null && this.push(e, o.lane, o.id);
    const i = [...e.keys()].sort((o, r) => o - r);
    this.laneOfColumn = i, this.columns = i.map((o, r) => (this.columnOfLane.set(o, r), this.walk(t, e.get(o) ?? [])));
  }
  /** Size the columns to a stage `width` wide: lanes share it, none narrower than the minimum. */
  fitColumns(t, e) {
    const s = (t - 2 * d.pad - Math.max(0, e - 1) * d.laneGap) / Math.max(1, e), i = Math.max(d.columnWidth, Math.min(d.maxColumnWidth, Math.floor(s))), o = i !== this.columnWidth;
    return this.columnWidth = i, o;
  }
  /** Left edge of a column in content coordinates. */
  x(t) {
    return gs(t, this.columnWidth);
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
  /** A laid out node's position among its laid out siblings, from 1 (undefined: not laid out). */
  posInSet(t) {
    return this.placeOf[t];
  }
  /** How many laid out siblings a laid out node has, itself included. */
  setSize(t) {
    return this.siblingsOf[t];
  }
  /** Centre of a node's circle in content coordinates. */
  center(t, e) {
    const s = t.node(e), i = this.rowOf.get(e), o = s === void 0 ? void 0 : this.columnOfLane.get(s.lane);
    if (s === void 0 || i === void 0 || o === void 0) return;
    const r = Math.min(s.depth, d.maxIndentDepth);
    return {
      x: this.x(o) + d.nodeInset + r * d.indent,
      y: J(i) + d.rowHeight / 2
    };
  }
  /** The node under a content-coordinate point, if any. */
  hit(t, e) {
    const s = this.columnWidth + d.laneGap, i = Math.floor((t - d.pad) / s), o = t - this.x(i);
    if (i < 0 || o < 0 || o > this.columnWidth) return;
    const r = Math.floor((e - d.headerHeight) / d.rowHeight);
    return r < 0 ? void 0 : this.columns[i]?.[r];
  }
  get width() {
    return this.x(this.columns.length) + d.pad;
  }
  get height() {
    const t = Math.max(0, ...this.columns.map((e) => e.length));
    return J(t) + d.bottomSpace;
  }
  walk(t, e) {
    const s = [];
    this.place(e);
    const i = [...e].reverse();
    for (; i.length > 0; ) {
      const o = i.pop();
      this.rowOf.set(o, s.length), s.push(o);
      const r = t.children.get(o), l = t.node(o);
      if (!(r === void 0 || l === void 0 || this.folds.isFolded(l))) {
        this.place(r);
        for (let a = r.length - 1; a >= 0; a--) i.push(r[a]);
      }
    }
    return s;
  }
  place(t) {
    for (let e = 0; e < t.length; e++) {
      const s = t[e];
      this.placeOf[s] = e + 1, this.siblingsOf[s] = t.length;
    }
  }
  push(t, e, s) {
    const i = t.get(e);
    i === void 0 ? t.set(e, [s]) : i.push(s);
  }
}
function gs(n, t = d.columnWidth) {
  return d.pad + n * (t + d.laneGap);
}
function Ht(n, t) {
  const e = Math.max(0, Math.floor((n - d.headerHeight) / d.rowHeight)), s = Math.ceil((n + t - d.headerHeight) / d.rowHeight);
  return [e, Math.max(e, s)];
}
function J(n) {
  return d.headerHeight + n * d.rowHeight;
}
class vs {
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
class ws {
  element;
  shownId = null;
  shownVersion = -1;
  size = null;
  constructor() {
    this.element = document.createElement("div"), this.element.className = "df-card", this.element.id = "df-hover", this.element.setAttribute("role", "tooltip"), this.element.hidden = !0;
  }
  /** Show `id` right of (x, y) in the stage (CSS pixels) or left of it when there is no room. */
  show(t, e, s, i, o) {
    const r = e === null ? void 0 : t.node(e);
    if (r === void 0) {
      this.element.hidden || (this.element.hidden = !0), this.shownId = null;
      return;
    }
    (this.shownId !== r.id || this.shownVersion !== t.version) && (this.element.replaceChildren(...bs(t, r)), this.element.dataset.node = String(r.id), this.shownId = r.id, this.shownVersion = t.version, this.size = null), this.element.hidden && (this.element.hidden = !1, this.size = null), this.size ??= { width: this.element.offsetWidth, height: this.element.offsetHeight };
    const { width: l, height: a } = this.size, u = s + 8 + l > o.width ? Math.max(4, o.width - l - 8) : s + 8, c = Math.min(Math.max(4, i - 10), Math.max(4, o.height - a - 4)), f = `translate(${Math.round(u)}px, ${Math.round(c)}px)`;
    this.element.style.transform !== f && (this.element.style.transform = f);
  }
  get visibleNode() {
    return this.element.hidden ? null : this.shownId;
  }
}
function bs(n, t) {
  if (H(t)) return ks(t);
  const e = [O("df-card-title", T(t))], s = t.kind === "mark" ? "manual pulse" : `${t.module} · ${E(t)}`;
  e.push(O("df-card-where", s)), e.push(k("state", t.state === "processing" ? `running (${t.active} open)` : t.state));
  const i = t.sample?.duration;
  if ((i != null || t.dur !== null) && e.push(k("duration", Bt(t), "df-duration")), e.push(k("calls", ys(t))), t.dur !== null) {
    const { min: r, median: l, max: a } = t.dur;
    e.push(k("min / median / max", [r, l, a].map(m).join(" / "))), e.push(k("total / own", `${m(t.dur.total)} / ${m(t.dur.own)}`));
  }
  const o = n.functionOf(t);
  return o !== void 0 && e.push(k("all calls of this function", w(o.calls))), e.push(...xs(t)), e.push(O("df-card-hint", "click: show the source · right-click: trace its lines")), e;
}
function ys(n) {
  const t = n.exceptions > 0 ? ` · ${w(n.exceptions)} raised` : "";
  return `${w(n.calls)}${t}`;
}
function xs(n) {
  const t = [], e = n.sample;
  if (e !== null && (t.push(k(n.calls > 1 ? "latest call kept: args" : "args", st(n), "df-value")), e.state === "raised" ? t.push(k("raised", Z(n), "df-error")) : e.ret !== null && t.push(k("returned", it(e.ret), "df-value"))), n.failure !== null) {
    const s = n.failure.args === null ? "values not kept" : n.failure.args.map(F).join(", ");
    t.push(k("another call raised", `${Z(n)} · ${s}`, "df-error"));
  }
  return t;
}
function ks(n) {
  return [
    O("df-card-title", n.function),
    O("df-card-where", `ghost placeholder · ${n.module} · ${E(n)}`),
    k("not reached", lt(n), "df-value df-reason")
  ];
}
function O(n, t) {
  const e = document.createElement("div");
  return e.className = n, e.textContent = t, e;
}
function k(n, t, e = "") {
  const s = document.createElement("div");
  s.className = `df-card-row ${e}`.trim();
  const i = document.createElement("span");
  i.className = "df-card-label", i.textContent = n;
  const o = document.createElement("span");
  return o.className = "df-card-value", o.textContent = t, s.append(i, o), s;
}
const Q = { top: 0.35, height: 0.3 }, Ss = 400, Rt = 40, As = 360;
class Ms {
  gliding = !1;
  upSince = null;
  /** Go to the target now, wherever it is (the Follow button, a new run). */
  kick() {
    this.gliding = !0, this.upSince = -1 / 0;
  }
  /** One frame's step toward keeping `target` (content coordinates) in the band. */
  step(t, e, s) {
    const i = jt(e.y - t.height / 2, 0, t.maxTop), o = qt(t, e.x), r = i - t.top, l = o - t.left, a = t.height * Q.height / 2;
    if (r < -a) {
      if (this.upSince ??= s, s - this.upSince < Ss)
        return this.gliding = !1, { left: t.left, top: t.top, moving: !0 };
    } else
      this.upSince = null;
    return !this.gliding && Math.abs(l) < 1 && Math.abs(r) <= a ? { left: t.left, top: t.top, moving: !1 } : Math.abs(l) < 1 && Math.abs(r) < 1 ? (this.gliding = !1, { left: o, top: i, moving: !1 }) : (this.gliding = !0, { left: t.left + Ot(l), top: t.top + Ot(r), moving: !0 });
  }
}
function qt(n, t) {
  return t - Rt >= n.left && t + As <= n.left + n.width ? n.left : jt(t - Rt, 0, n.maxLeft);
}
function jt(n, t, e) {
  return Math.max(t, Math.min(n, Math.max(t, e)));
}
function Ot(n) {
  const t = n * M.followEase;
  return Math.abs(t) < 1 ? Math.sign(n) * Math.min(1, Math.abs(n)) : t;
}
const $s = "…", Ls = 4e3, Cs = /…*\s*$/u;
class Es {
  cache = /* @__PURE__ */ new Map();
  /** `text` as drawn in at most `width` pixels with the context's current font. */
  fit(t, e, s) {
    if (e === "" || s <= 0) return "";
    const i = `${t.font}|${Math.floor(s)}|${e}`, o = this.cache.get(i);
    if (o !== void 0) return o;
    const r = this.measureFit(t, e, s);
    return this.cache.size >= Ls && this.cache.clear(), this.cache.set(i, r), r;
  }
  measureFit(t, e, s) {
    if (t.measureText(e).width <= s) return e;
    const i = Array.from(e);
    let o = 0, r = i.length;
    for (; o < r; ) {
      const l = Math.ceil((o + r) / 2);
      t.measureText(It(i, l)).width <= s ? o = l : r = l - 1;
    }
    return It(i, o);
  }
}
function It(n, t) {
  return n.slice(0, t).join("").replace(Cs, "") + $s;
}
const Ts = 0.26, G = `11px ${I}`, Ft = `600 13px ${I}`;
class Rs {
  constructor(t) {
    this.canvas = t;
    const e = t.getContext("2d");
    if (e === null) throw new Error("this browser cannot draw on a canvas");
    this.ctx = e;
  }
  canvas;
  ctx;
  fitter = new Es();
  dpr = 1;
  // What the canvas shows now, and whether it animates (pulses, flashes, a running call's
  // breathing glow), so a frame where none of it changed draws nothing.
  drawnScene = null;
  drawnCount = 0;
  moving = !1;
  /** Match the canvas to its box in CSS pixels. */
  resize(t, e, s) {
    this.dpr = s, this.canvas.width = Math.max(1, Math.round(t * s)), this.canvas.height = Math.max(1, Math.round(e * s)), this.drawnScene = null;
  }
  /** Draw one frame; returns how many nodes were drawn. The canvas is left as it is when
   * nothing it shows changed since the last draw and nothing on it moves by itself. */
  draw(t) {
    return this.drawnScene !== null && !this.moving && Os(this.drawnScene, t) ? this.drawnCount : (this.drawnScene = Kt(t), this.moving = t.anim.pulses.length > 0 || t.anim.flashes.size > 0, this.drawnCount = this.drawAll(t), this.drawnCount);
  }
  drawAll(t) {
    const { ctx: e } = this, { view: s } = t;
    e.setTransform(this.dpr, 0, 0, this.dpr, 0, 0), e.clearRect(0, 0, s.width, s.height), t.focusZone && this.drawFocusZone(s), e.save(), e.translate(-s.left, -s.top);
    let i = 0;
    for (const o of Nt(t.layout, s))
      i += this.drawColumn(t, o);
    return this.drawPulses(t), e.restore(), this.drawHeaders(t), i;
  }
  drawColumn(t, e) {
    const s = t.layout.columns[e] ?? [], i = Math.max(0, Math.floor((t.view.top - d.headerHeight) / d.rowHeight) - 1), o = Math.min(s.length - 1, Math.ceil((t.view.top + t.view.height) / d.rowHeight));
    if (i > o) return 0;
    const r = s.slice(i, o + 1);
    this.drawEdges(t, r);
    for (const l of r) this.drawNode(t, l);
    return r.length;
  }
  drawEdges(t, e) {
    const { ctx: s } = this, { model: i, layout: o } = t, r = new Set(e);
    for (const l of Is(i, e[0])) r.add(l);
    s.strokeStyle = v.edge, s.lineWidth = 1.5, s.beginPath();
    for (const l of r) this.traceChildLine(t, l);
    for (const l of e) {
      const a = i.node(l), u = o.center(i, l), c = a?.parent != null ? o.center(i, a.parent) : void 0;
      u === void 0 || c === void 0 || (s.moveTo(c.x, u.y), s.lineTo(u.x - d.radius, u.y));
    }
    s.stroke(), this.drawSpawnLinks(t, e);
  }
  // The vertical line from a node down to its last shown child.
  traceChildLine(t, e) {
    const { model: s, layout: i } = t, o = i.isFolded(s, e) ? void 0 : s.children.get(e), r = o?.[o.length - 1], l = i.center(s, e), a = r === void 0 ? void 0 : i.center(s, r);
    l === void 0 || a === void 0 || (this.ctx.moveTo(l.x, l.y + d.radius), this.ctx.lineTo(l.x, a.y));
  }
  // A call started from another lane (thread or task) links to the node that spawned it.
  drawSpawnLinks(t, e) {
    const { ctx: s } = this;
    s.save(), s.setLineDash([4, 5]), s.strokeStyle = v.link, s.beginPath();
    for (const i of e) {
      const o = t.model.node(i);
      if (o?.spawned_by == null) continue;
      const r = t.layout.center(t.model, o.spawned_by), l = t.layout.center(t.model, i);
      r === void 0 || l === void 0 || (s.moveTo(r.x + d.radius, r.y), s.bezierCurveTo(r.x + 120, r.y, l.x - 120, l.y, l.x - d.radius, l.y));
    }
    s.stroke(), s.restore();
  }
  drawNode(t, e) {
    const s = t.model.node(e), i = t.layout.center(t.model, e);
    if (s === void 0 || i === void 0) return;
    const { ctx: o } = this, r = B(t.model.status), l = H(s);
    o.globalAlpha = t.hover !== null && t.hover !== e ? Ts : 1, (t.hover === e || t.focus === e || t.selected === e) && this.drawRowBox(t, s, i), t.hits.has(e) && this.drawHitMark(t, s, i, t.hit === e), t.model.children.has(e) && this.drawChevron(t.layout.isFolded(t.model, e), i), l && (o.globalAlpha *= L.placeholderAlpha), r ? this.drawGhostCircle(s, i, l) : this.drawCircle(t, s, i), this.drawLabels(t, s, i, r), o.globalAlpha = 1;
  }
  // Ghost nodes: a translucent violet disc with a dashed ring; placeholders only the ring.
  drawGhostCircle(t, e, s) {
    const { ctx: i } = this;
    i.save(), i.beginPath(), i.arc(e.x, e.y, d.radius, 0, Math.PI * 2), s || (i.fillStyle = t.state === "exception" ? D.exception : L.fill, i.fill()), i.setLineDash([...L.dash]), i.strokeStyle = L.stroke, i.lineWidth = 1.5, i.stroke(), i.restore();
  }
  drawCircle(t, e, s) {
    const { ctx: i } = this, o = t.anim.flashes.get(e.id), r = o !== void 0 ? Fs(o.start, t.now) : 0, l = D[e.state], a = e.state === "processing" ? 0.5 + 0.5 * Math.sin(t.now / 180) : 0;
    e.state === "processing" && (this.moving = !0), i.save(), i.shadowColor = l, i.shadowBlur = 8 + 6 * a + 18 * r, i.fillStyle = l, i.beginPath(), i.arc(s.x, s.y, d.radius + 3 * r, 0, Math.PI * 2), i.fill(), o !== void 0 && r > 0 && (i.strokeStyle = o.color === "call" ? v.pulseDown : ut[o.color], i.lineWidth = 2, i.beginPath(), i.arc(s.x, s.y, d.radius + 4 + 10 * (1 - r), 0, Math.PI * 2), i.globalAlpha *= r, i.stroke()), i.restore();
  }
  drawLabels(t, e, s, i) {
    const { ctx: o } = this, r = this.fitLabels(t.model, t.layout, e, s), l = s.x + d.textGap, a = s.y - d.rowHeight / 2;
    o.textBaseline = "alphabetic", o.font = G, o.fillStyle = i ? L.args : v.args, o.fillText(r.args, l, a + 15), o.font = Ft, o.fillStyle = e.state === "unfinished" ? v.dim : i ? L.text : v.text, o.fillText(r.title, l, s.y + 4.5), o.font = G, o.fillStyle = e.state === "exception" ? v.error : i ? L.args : v.ret, o.fillText(r.result, l, a + d.rowHeight - 6);
  }
  /** A node's three lines as they are drawn, clipped to its column (undefined: not laid out). */
  labels(t, e, s) {
    const i = t.node(s), o = e.center(t, s);
    return i === void 0 || o === void 0 ? void 0 : this.fitLabels(t, e, i, o);
  }
  fitLabels(t, e, s, i) {
    const { ctx: o, fitter: r } = this, l = e.column(s.lane) ?? 0, a = e.x(l) + e.columnWidth - (i.x + d.textGap) - 6;
    o.font = G;
    const u = r.fit(o, st(s), a), c = r.fit(o, Dt(s), a);
    o.font = Ft;
    const f = r.fit(o, Ns(t, e, s), a);
    return { args: u, title: f, result: c };
  }
  drawRowBox(t, e, s) {
    const { ctx: i } = this, o = t.layout.column(e.lane) ?? 0, r = t.layout.x(o), l = t.layout.columnWidth;
    i.save(), i.fillStyle = t.selected === e.id ? "rgba(148, 197, 255, 0.13)" : "rgba(148, 197, 255, 0.07)", i.fillRect(r, s.y - d.rowHeight / 2 + 1, l, d.rowHeight - 2), (t.focus === e.id || t.selected === e.id) && (i.strokeStyle = v.focusRing, i.lineWidth = 1.5, i.strokeRect(r + 1, s.y - d.rowHeight / 2 + 2, l - 2, d.rowHeight - 4)), i.restore();
  }
  // A search hit: an amber bar at the row's left edge (solid for the current hit).
  drawHitMark(t, e, s, i) {
    const { ctx: o } = this, r = t.layout.x(t.layout.column(e.lane) ?? 0);
    o.save(), o.fillStyle = i ? v.hit : v.hitDim, o.fillRect(r + 1, s.y - d.rowHeight / 2 + 6, i ? 5 : 3, d.rowHeight - 12), i && (o.strokeStyle = v.hit, o.lineWidth = 2, o.beginPath(), o.arc(s.x, s.y, d.radius + 4, 0, Math.PI * 2), o.stroke()), o.restore();
  }
  // ▸ folded, ▾ open: left of the circle, where a click folds or unfolds (chevronAt).
  drawChevron(t, e) {
    const { ctx: s } = this, i = e.x - d.chevronOffset;
    s.save(), s.fillStyle = t ? v.header : v.dim, s.beginPath(), t ? (s.moveTo(i - 3, e.y - 5), s.lineTo(i + 4, e.y), s.lineTo(i - 3, e.y + 5)) : (s.moveTo(i - 5, e.y - 3), s.lineTo(i + 5, e.y - 3), s.lineTo(i, e.y + 4)), s.fill(), s.restore();
  }
  drawPulses(t) {
    const { ctx: e } = this;
    e.save();
    for (const s of t.anim.pulses) {
      const i = (t.now - s.start) / M.pulseMs, o = i >= 0 && i <= 1 ? _s(t, s, i) : void 0;
      if (o === void 0) continue;
      const r = s.dir === "down" ? v.pulseDown : ut[s.outcome ?? "success"];
      e.shadowColor = r, e.shadowBlur = 14, e.fillStyle = r, e.beginPath(), e.arc(o.x, o.y, 3.5, 0, Math.PI * 2), e.fill();
    }
    e.restore();
  }
  drawFocusZone(t) {
    const { ctx: e } = this, s = t.height * Q.top, i = t.height * Q.height, o = e.createLinearGradient(0, s, 0, s + i);
    o.addColorStop(0, "rgba(34, 211, 238, 0)"), o.addColorStop(0.5, v.focusZone), o.addColorStop(1, "rgba(34, 211, 238, 0)"), e.fillStyle = o, e.fillRect(0, s, t.width, i);
  }
  drawHeaders(t) {
    const { ctx: e } = this, { view: s, layout: i, model: o } = t;
    e.fillStyle = "rgba(7, 11, 18, 0.97)", e.fillRect(0, 0, s.width, d.headerHeight), e.font = `600 11px ${I}`, e.textBaseline = "middle";
    for (const r of Nt(i, s)) {
      const l = o.lanes[i.laneOfColumn[r] ?? -1], a = i.x(r) - s.left;
      e.fillStyle = v.header;
      const u = l === void 0 ? "" : `▍${l.name}`;
      e.fillText(this.fitter.fit(e, u.toUpperCase(), i.columnWidth), a, d.headerHeight / 2);
    }
  }
}
function Kt(n) {
  const { model: t, layout: e, view: s, hover: i, focus: o, focusZone: r, hits: l, hit: a, selected: u } = n;
  return {
    model: t,
    applied: t.applied,
    status: t.status,
    layout: e,
    revision: e.revision,
    columnWidth: e.columnWidth,
    view: { ...s },
    hover: i,
    focus: o,
    focusZone: r,
    hits: l,
    hit: a,
    selected: u
  };
}
function Os(n, t) {
  const e = Kt(t), { view: s, ...i } = n, { view: o, ...r } = e;
  return Object.keys(i).every((a) => i[a] === r[a]) && s.left === o.left && s.top === o.top && s.width === o.width && s.height === o.height;
}
function Nt(n, t) {
  const e = [];
  for (let s = 0; s < n.columns.length; s++) {
    const i = n.x(s);
    i + n.columnWidth >= t.left && i <= t.left + t.width && e.push(s);
  }
  return e;
}
function Is(n, t) {
  const e = [];
  let s = t === void 0 ? void 0 : n.node(t);
  for (; s?.parent != null; )
    e.push(s.parent), s = n.node(s.parent);
  return e;
}
function Fs(n, t) {
  const e = (t - n) / M.flashMs;
  return e < 0 || e > 1 ? 0 : 1 - e;
}
function Ns(n, t, e) {
  const s = t.isFolded(n, e.id) ? n.children.get(e.id)?.length : 0;
  return s ? `${T(e)}  ▸ ${s} folded` : T(e);
}
function _s(n, t, e) {
  const { model: s, layout: i } = n, o = i.center(s, t.node);
  if (o === void 0) return;
  const l = (t.parent === null ? void 0 : i.center(s, t.parent)) ?? { x: o.x, y: J(0) }, a = t.dir === "down" ? e : 1 - e, u = Math.abs(o.y - l.y), c = Math.abs(o.x - l.x), f = a * (u + c);
  return f <= u ? { x: l.x, y: l.y + Math.sign(o.y - l.y) * f } : { x: l.x + Math.sign(o.x - l.x) * (f - u), y: o.y };
}
const Ps = 600, Ds = 8;
class Bs {
  constructor(t, e) {
    this.element = t, this.changed = e, this.spacer = document.createElement("div"), this.spacer.className = "df-spacer", t.append(this.spacer);
    const s = () => {
      this.intentAt = performance.now();
    };
    for (const i of ["wheel", "touchstart", "pointerdown", "keydown"])
      t.addEventListener(i, s, { passive: !0 });
    t.addEventListener("scroll", () => {
      this.scrolled = !0, this.changed();
    });
  }
  element;
  changed;
  following = !0;
  spacer;
  expected = null;
  intentAt = -1 / 0;
  follower = new Ms();
  view = { left: 0, top: 0, width: 0, height: 0 };
  content = { width: 0, height: 0 };
  scrolled = !1;
  /** Read the scroll position and the visible size: once a frame, before the frame writes. */
  measure() {
    const t = this.element;
    this.view = { left: t.scrollLeft, top: t.scrollTop, width: t.clientWidth, height: t.clientHeight }, this.scrolled && (this.scrolled = !1, this.onScroll());
  }
  /** Size the scrollable area to the content. */
  setContentSize(t, e) {
    this.content = { width: Math.ceil(t), height: Math.ceil(e) }, this.spacer.style.width = `${this.content.width}px`, this.spacer.style.height = `${this.content.height}px`;
  }
  /** Scroll position as of the last measure (or this class's own scroll since). */
  get left() {
    return this.view.left;
  }
  get top() {
    return this.view.top;
  }
  /** Take one step toward keeping `target` in the focus zone; returns whether to keep going. */
  follow(t, e, s) {
    if (!this.following || t === null || e < M.focusMinNodes) return !1;
    const i = this.box(), o = this.follower.step(i, t, s);
    return (o.left !== i.left || o.top !== i.top) && this.scrollTo(o.left, o.top), o.moving;
  }
  /** Jump so a content point is in view (keyboard focus, test hooks); stops following. */
  reveal(t) {
    this.following = !1;
    const e = this.box(), s = Math.max(0, Math.min(t.y - e.height / 2, e.maxTop));
    this.scrollTo(qt(e, t.x), s), this.changed();
  }
  /** Start following again, straight to the followed node (the "Follow" button, End, a new run). */
  resume() {
    this.following = !0, this.follower.kick(), this.changed();
  }
  box() {
    return zs(this.view, this.content);
  }
  scrollTo(t, e) {
    const s = Hs(this.box(), t, e);
    this.element.scrollLeft = s.left, this.element.scrollTop = s.top, this.view = { ...this.view, ...s }, this.expected = s;
  }
  // A scroll happened since the last frame: the user's (wheel, keys, drag) stops following
  // unless it went to the end; our own (follow, reveal) changes nothing.
  onScroll() {
    const { left: t, top: e } = this.view;
    !(this.expected !== null && Math.abs(e - this.expected.top) < 2 && Math.abs(t - this.expected.left) < 2) && performance.now() - this.intentAt < Ps && (this.following = e >= this.box().maxTop - Ds, this.expected = null);
  }
}
function zs(n, t) {
  return {
    ...n,
    maxLeft: Math.max(0, t.width - n.width),
    maxTop: Math.max(0, t.height - n.height)
  };
}
function Hs(n, t, e) {
  return {
    left: Math.round(Math.max(0, Math.min(t, n.maxLeft))),
    top: Math.round(Math.max(0, Math.min(e, n.maxTop)))
  };
}
const V = 1, U = 2;
class qs {
  constructor(t) {
    this.runId = t;
  }
  runId;
  version = -1;
  /** Bumped on every message applied, snapshot or patch: a replay's snapshot can repeat a
   * version with other contents, so views that redraw on change compare this. */
  applied = 0;
  mode = "live";
  at = null;
  status = null;
  nodes = [];
  lanes = [];
  functions = /* @__PURE__ */ new Map();
  /** Children of each node in the order their first calls started (the order they are drawn). */
  children = /* @__PURE__ */ new Map();
  /** Apply a snapshot or patch; a patch that does not follow the version held is a gap. */
  apply(t) {
    if (t.type === "patch" && t.base !== this.version) return { kind: "gap" };
    const e = { reset: !1, added: [], touched: [], before: /* @__PURE__ */ new Map(), pulses: [] };
    t.type === "snapshot" ? (this.clear(), e.reset = !0, this.status = t.status) : (t.status !== null && (this.status = t.status), e.pulses = t.pulses), this.version = t.version, this.applied++, this.mode = t.mode, this.at = t.at;
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
    s === void 0 ? (e.added.push(t.id), t.parent !== null && js(this.nodes, this.childList(t.parent), t)) : e.before.set(t.id, s), this.nodes[t.id] = t, e.touched.push(t.id);
  }
  childList(t) {
    let e = this.children.get(t);
    return e === void 0 && (e = [], this.children.set(t, e)), e;
  }
  clear() {
    this.nodes.length = 0, this.lanes.length = 0, this.functions.clear(), this.children.clear();
  }
}
function js(n, t, e) {
  const s = (r) => {
    const a = n[r]?.first_t ?? 0;
    return a < e.first_t || a === e.first_t && r < e.id;
  };
  let i = t.length;
  if (i === 0 || s(t[i - 1])) {
    t.push(e.id);
    return;
  }
  let o = 0;
  for (; o < i; ) {
    const r = o + i >> 1;
    s(t[r]) ? o = r + 1 : i = r;
  }
  t.splice(o, 0, e.id);
}
const Ks = 80;
class Ws {
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
    s !== null && s.runId !== t.id && this.connection.send({ type: "unsubscribe", run: s.runId }), this.model = new qs(t.id), this.duration = 0, this.playing = !1, this.events.opened(this.model), t.live ? this.subscribe() : this.replay(null, 0);
  }
  seek(t) {
    if (this.model === null) return;
    this.kind = "replay", this.playing = !1, this.pendingSeek = t;
    const e = Ks - (performance.now() - this.lastSeekAt);
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
    if (this.compatible = t.v === V && t.spine === U, !this.compatible) {
      const e = t.v > V || t.spine > U ? "older" : "newer";
      this.events.incompatible(
        `This HUD (wire ${V}, spine ${U}) is ${e} than the hub (wire ${t.v}, spine ${t.spine}, debugflow ${t.hub.version}). Reload the page, or run the same DebugFlow version for the hub and the page.`
      );
      return;
    }
    this.model !== null && this.resync();
  }
  onRuns(t) {
    const e = !this.listed, s = new Set(this.runs.map((o) => o.id));
    if (this.listed = !0, this.runs = t, this.events.runs(t), !this.followLive || !this.compatible) return;
    const i = e && this.model === null ? hs(t) : cs(t, s);
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
class Gs {
  element;
  constructor() {
    this.element = h("div", "df-side");
  }
  /** Add a panel below the ones already there; `grow` panels share the spare height. */
  add(t, e = !1) {
    t.classList.add("df-side-panel"), e && t.classList.add("df-side-grow"), this.element.append(t);
  }
}
class Vs {
  constructor(t) {
    this.connection = t, this.element = h("div", "df-popup"), this.element.setAttribute("role", "dialog"), this.element.setAttribute("aria-label", "Open source"), this.element.hidden = !0, this.message = h("div", "df-popup-message"), this.message.setAttribute("role", "status"), this.copyButton = p("Copy path:line", "df-copy", () => {
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
    if (this.ref = E(t), this.copyButton.dataset.ref = this.ref, this.element.style.transform = `translate(${Math.round(e)}px, ${Math.round(s)}px)`, this.element.hidden = !1, t.kind === "mark" || t.file === "") {
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
const Us = ["script", "state", "nodes", "calls", "exceptions", "elapsed"];
class Ys {
  element;
  values = /* @__PURE__ */ new Map();
  extra;
  link;
  ghostBadge;
  constructor() {
    this.element = h("header", "df-status"), this.element.setAttribute("aria-label", "Run status");
    const t = h("div", "df-brand", "DebugFlow");
    this.ghostBadge = h("span", "df-ghost-badge", "GHOST"), this.ghostBadge.title = "dry run with mock arguments (flow ghost)", this.ghostBadge.hidden = !0, this.element.append(t, this.ghostBadge);
    for (const e of Us) {
      const s = h("div", `df-stat df-stat-${e}`), i = h("span", "df-stat-value", "–");
      i.dataset.field = e, s.append(h("span", "df-stat-label", e), i), this.values.set(e, i), this.element.append(s);
    }
    this.extra = h("div", "df-stat-extra"), this.link = h("div", "df-link", "connecting"), this.link.setAttribute("role", "status"), this.element.append(this.extra, this.link);
  }
  /** Show a run's status (null: no run open). */
  render(t, e, s) {
    if (this.showGhost(B(t)), t === null) {
      for (const i of this.values.values()) i.textContent = "–";
      this.extra.textContent = "";
      return;
    }
    this.set("script", t.argv.join(" ") || t.script || t.run), this.set("state", Xs(t, e, s)), this.element.dataset.state = e === "replay" ? "replay" : t.state, this.set("nodes", w(t.nodes)), this.set("calls", w(t.calls)), this.set("exceptions", w(t.exceptions)), this.set("elapsed", m(Zs(t, e))), this.extra.textContent = Js(t);
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
function Xs(n, t, e) {
  return t === "replay" ? `replay @ ${m(e ?? 0)}` : n.state === "ended" ? n.exit_code === null ? "ended" : `ended (exit ${n.exit_code})` : n.state;
}
function Zs(n, t) {
  if (t !== "live" || n.state !== "live" || n.started_at <= 0) return n.elapsed_ns;
  const e = (Date.now() / 1e3 - n.started_at) * 1e9;
  return Math.max(n.elapsed_ns, e);
}
function Js(n) {
  const t = [];
  return n.dropped > 0 && t.push(`${w(n.dropped)} events dropped`), n.hidden > 0 && t.push(`${w(n.hidden)} calls past the node limit`), n.backend && t.push(`${n.backend} · Python ${n.python}`), t.join(" · ");
}
const Qs = [0.25, 0.5, 1, 2, 5, 10, 50, 200], Y = 1e3;
class ti {
  // what the bar was last written for (render)
  constructor(t) {
    this.actions = t, this.element = h("footer", "df-timeline"), this.element.setAttribute("aria-label", "Replay"), this.playButton = p("▶", "df-play", () => this.state?.playing ? t.pause() : t.play()), this.slider = h("input", "df-scrubber"), this.slider.type = "range", this.slider.min = "0", this.slider.max = String(Y), this.slider.setAttribute("aria-label", "Timeline"), this.slider.addEventListener("input", () => {
      this.dragging = !0, t.seek(this.sliderNs());
    }), this.slider.addEventListener("change", () => {
      this.dragging = !1, t.seek(this.sliderNs());
    }), this.clock = h("span", "df-clock", "0ns / 0ns"), this.speed = h("select", "df-speed"), this.speed.setAttribute("aria-label", "Replay speed");
    for (const s of Qs) this.speed.append(new Option(`${s}×`, String(s), s === 1, s === 1));
    this.speed.addEventListener("change", () => t.setSpeed(Number(this.speed.value))), this.live = p("● Live", "df-golive", () => t.goLive()), this.marks = h("div", "df-pause-marks"), this.marks.setAttribute("role", "list"), this.marks.setAttribute("aria-label", "Pauses");
    const e = h("div", "df-track");
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
  shown = "";
  /** The run's recorded pauses (a new run: none until its `pauses` message). */
  setPauses(t) {
    this.pauses = t, this.marked = "";
  }
  render(t) {
    this.state = t;
    const e = t.replaying ? t.at : t.duration, s = String(t.duration > 0 ? Math.round(e / t.duration * Y) : 0), i = [t.replaying, t.playing, t.enabled, t.canGoLive, e, t.duration, s, this.dragging].join("|");
    i !== this.shown && (this.shown = i, this.element.dataset.replaying = String(t.replaying), this.element.dataset.playing = String(t.playing), this.playButton.textContent = t.playing ? "❚❚" : "▶", this.playButton.setAttribute("aria-label", t.playing ? "Pause" : "Play"), this.playButton.disabled = !t.enabled, this.slider.disabled = !t.enabled, this.speed.disabled = !t.enabled, this.dragging || (this.slider.value = s), this.slider.setAttribute("aria-valuetext", `${m(e)} of ${m(t.duration)}`), this.clock.textContent = `${m(e)} / ${m(t.duration)}`, this.live.hidden = !t.canGoLive), this.placeMarks(t.duration);
  }
  placeMarks(t) {
    const e = `${this.pauses.length}:${t}`;
    if (e === this.marked) return;
    this.marked = e;
    const s = t <= 0 ? [] : this.pauses.map((i) => this.mark(i, t));
    this.marks.replaceChildren(...s);
  }
  mark(t, e) {
    const s = h("div", "df-pause-item");
    s.setAttribute("role", "listitem"), s.style.left = `${Math.min(100, t.t / e * 100)}%`;
    const i = `${C(t.file)}:${t.line} in ${t.function}`, o = t.how === null ? "" : `, resumed by ${t.how}`, r = `Paused (${t.reason}) at ${i}, ${m(t.t)}${o}`, l = p("", "df-pause-mark", () => this.actions.seek(t.t));
    return l.dataset.reason = t.reason, l.setAttribute("aria-label", r), l.title = r, s.append(l), s;
  }
  sliderNs() {
    const t = this.state?.duration ?? 0;
    return Math.round(Number(this.slider.value) / Y * t);
  }
}
const ei = 400, si = 100, ii = 5;
class X {
  constructor(t, e) {
    this.model = t, this.layout = e, this.path = ri(t, e.folds.focus);
    const s = e.folds.focus === null ? void 0 : t.node(e.folds.focus);
    this.pathColumn = s === void 0 ? -1 : e.column(s.lane) ?? -1, this.pathColumn < 0 && (this.path.length = 0);
  }
  model;
  layout;
  /** The focus's ancestors, root first (empty without a focus). */
  path;
  /** The column the focus is in (-1: none). */
  pathColumn;
  get columns() {
    return this.layout.columns.length;
  }
  /** How many node rows a column lists (the focus's ancestors included). */
  length(t) {
    return this.offset(t) + (this.layout.columns[t]?.length ?? 0);
  }
  /** The node at a row of a column. */
  at(t, e) {
    const s = this.offset(t);
    return e < s ? this.path[e] : this.layout.columns[t]?.[e - s];
  }
  /** Where a node is listed: its column and row, or undefined when it is not laid out. */
  find(t) {
    const e = this.path.indexOf(t);
    if (e >= 0) return { column: this.pathColumn, index: e };
    const s = this.model.node(t), i = s === void 0 ? void 0 : this.layout.column(s.lane), o = this.layout.row(t);
    if (!(i === void 0 || o === void 0))
      return { column: i, index: this.offset(i) + o };
  }
  /** The item of a node's row, with its level, set and fold state. */
  describe(t) {
    const e = this.model.node(t);
    if (e === void 0) return;
    const s = e.depth + 2;
    if (this.path.includes(t)) return { id: t, level: s, setSize: 1, posInSet: 1, expanded: !0 };
    const i = this.layout.setSize(t), o = this.layout.posInSet(t);
    if (i === void 0 || o === void 0) return;
    const r = this.model.children.has(t) ? !this.layout.isFolded(this.model, t) : null;
    return { id: t, level: s, setSize: i, posInSet: o, expanded: r };
  }
  /** The item before (-1) or after (+1) one, in the order a screen reader walks the tree. */
  step(t, e) {
    const s = this.position(t);
    if (s === void 0) return;
    let { column: i, index: o } = s;
    return o += e, o >= this.length(i) ? (i++, o = -1) : o < -1 && (i--, o = i < 0 ? 0 : this.length(i) - 1), this.keyAt(i, o);
  }
  /** The first item (Home) or the last one (End). */
  edge(t) {
    if (this.columns === 0) return;
    if (!t) return this.keyAt(0, -1);
    const e = this.columns - 1;
    return this.keyAt(e, this.length(e) - 1);
  }
  /** The item a node's ← goes to: its parent's, or its lane's for a root. */
  parent(t) {
    const e = this.model.node(t);
    if (e !== void 0)
      return e.parent !== null && this.find(e.parent) !== void 0 ? { kind: "node", id: e.parent } : this.layout.column(e.lane) === void 0 ? void 0 : { kind: "lane", id: e.lane };
  }
  /** A key's column and row (-1: the lane's own item), or undefined when it is not listed. */
  position(t) {
    if (t.kind === "node") return this.find(t.id);
    const e = this.layout.column(t.id);
    return e === void 0 ? void 0 : { column: e, index: -1 };
  }
  keyAt(t, e) {
    if (t < 0 || t >= this.columns) return;
    if (e < 0) return { kind: "lane", id: this.layout.laneOfColumn[t] };
    const s = this.at(t, e);
    return s === void 0 ? void 0 : { kind: "node", id: s };
  }
  offset(t) {
    return t === this.pathColumn ? this.path.length : 0;
  }
}
function ni(n, t) {
  const e = Math.floor((ei / Math.max(1, n) - t) / 2);
  return Math.max(ii, Math.min(si, e));
}
function oi(n, t, e) {
  const [s, i] = Ht(t.top, t.height), o = ni(n.columns, i - s), r = e === null ? void 0 : n.find(e), l = [];
  for (let a = 0; a < n.columns; a++) {
    const u = n.length(a) - (n.layout.columns[a]?.length ?? 0), c = n.length(a), f = Math.max(u, u + s - o), b = Math.min(c, u + i + o), g = [];
    for (let x = 0; x < u; x++) g.push(x);
    r !== void 0 && r.column === a && r.index >= u && r.index < f && g.push(r.index);
    for (let x = f; x < b; x++) g.push(x);
    r !== void 0 && r.column === a && r.index >= b && g.push(r.index);
    const N = [];
    for (const x of g) {
      const ht = n.at(a, x), ct = ht === void 0 ? void 0 : n.describe(ht);
      ct !== void 0 && N.push(ct);
    }
    l.push({ lane: n.layout.laneOfColumn[a], column: a, rows: N });
  }
  return l;
}
function ri(n, t) {
  const e = [];
  let s = t === null ? null : n.node(t)?.parent ?? null;
  for (; s !== null; )
    e.push(s), s = n.node(s)?.parent ?? null;
  return e.reverse();
}
class li {
  constructor(t, e) {
    this.actions = t, this.source = e, this.element = document.createElement("ul"), this.element.className = "df-tree", this.element.setAttribute("role", "tree"), this.element.setAttribute("aria-label", "Call spine"), this.element.tabIndex = 0, this.element.addEventListener("keydown", (s) => this.onKey(s)), this.element.addEventListener("focus", () => this.onTreeFocus()), this.element.addEventListener("focusin", (s) => this.onFocusIn(s));
  }
  actions;
  source;
  element;
  /** The node items in the page, by node id. */
  items = /* @__PURE__ */ new Map();
  signatures = /* @__PURE__ */ new Map();
  lanes = /* @__PURE__ */ new Map();
  /** The item with the roving tabindex and aria-selected (kept in the page wherever it is). */
  active = null;
  /** What the items were last built from: layout revision, view rows, active item. */
  shown = "";
  /** Drop every item (a new run, or a snapshot). */
  reset() {
    this.element.replaceChildren(), this.items.clear(), this.signatures.clear(), this.lanes.clear(), this.active = null, this.shown = "", this.element.tabIndex = 0, this.element.setAttribute("aria-label", "Call spine");
  }
  /** Number of node items in the page (tests and benchmarks check it stays small). */
  get size() {
    return this.items.size;
  }
  /**
   * Bring the tree up to the layout and the view: make the items near the view, drop the
   * others, and rewrite the text of those whose node changed (`changed`; new items always).
   */
  render(t = /* @__PURE__ */ new Set()) {
    const e = this.source.model;
    if (e === null) return;
    const s = new X(e, this.source.layout), i = oi(s, this.source.view(), this.activeNode()), o = `${this.source.layout.revision}|${this.activeKey()}|${i.map(ai).join(";")}`;
    if (o === this.shown) {
      this.rewrite(e, t);
      return;
    }
    this.shown = o, this.keepActive(s);
    const r = B(e.status), l = /* @__PURE__ */ new Set();
    for (const u of i) for (const c of u.rows) l.add(c.id);
    for (const [u, c] of this.items)
      l.has(u) || (c.remove(), this.items.delete(u), this.signatures.delete(u));
    this.placeLanes(e, i);
    for (const u of i) {
      const c = this.lanes.get(u.lane)?.group;
      if (c === void 0) continue;
      let f = c.firstElementChild;
      for (const b of u.rows) {
        const g = e.node(b.id);
        if (g === void 0) continue;
        const N = !this.items.has(b.id), x = this.items.get(b.id) ?? this.createItem(g);
        hi(x, b), (N || t.has(b.id)) && this.writeText(x, g, r), x === f ? f = f.nextElementSibling : c.insertBefore(x, f);
      }
    }
    const a = e.node(this.source.layout.folds.focus ?? -1);
    this.element.setAttribute("aria-label", a === void 0 ? "Call spine" : `Call spine, focused on ${a.function}`), this.markActive();
  }
  /** Mark the selected node (a jump from search or a list) without moving the keyboard. */
  markSelected(t) {
    this.active = t === null ? null : { kind: "node", id: t }, this.render();
  }
  /** Move keyboard focus to a node's item (from a click on the canvas). */
  focusItem(t) {
    this.moveTo({ kind: "node", id: t });
  }
  activeNode() {
    return this.active?.kind === "node" ? this.active.id : null;
  }
  activeKey() {
    return this.active === null ? "" : `${this.active.kind}${this.active.id}`;
  }
  // The active node folded away or left out of a focus: its nearest listed ancestor (or lane)
  // takes over, and keeps the keyboard if the item had it.
  keepActive(t) {
    const e = this.active;
    if (e === null || t.position(e) !== void 0) return;
    const s = this.source.model;
    let i = null;
    if (e.kind === "node") {
      let r = s?.node(e.id)?.parent ?? null;
      for (; r !== null && i === null; )
        t.find(r) !== void 0 && (i = { kind: "node", id: r }), r = s?.node(r)?.parent ?? null;
      const l = s?.node(e.id)?.lane;
      i === null && l !== void 0 && t.layout.column(l) !== void 0 && (i = { kind: "lane", id: l });
    }
    const o = this.element.contains(document.activeElement) && document.activeElement !== this.element;
    this.active = i, o && i !== null && queueMicrotask(() => this.elementOf(i)?.focus());
  }
  // Lane items: one per laid out column, in column order, each with its group of node items.
  placeLanes(t, e) {
    const s = new Set(e.map((o) => o.lane));
    for (const [o, r] of this.lanes)
      s.has(o) || (r.item.remove(), this.lanes.delete(o));
    let i = this.element.firstElementChild;
    e.forEach(({ lane: o }, r) => {
      let l = this.lanes.get(o);
      if (l === void 0) {
        const a = document.createElement("li");
        a.setAttribute("role", "treeitem"), a.setAttribute("aria-level", "1"), a.setAttribute("aria-expanded", "true"), a.dataset.lane = String(o), a.tabIndex = -1;
        const u = document.createElement("ul");
        u.setAttribute("role", "group"), a.append(u), l = { item: a, group: u }, this.lanes.set(o, l);
      }
      $(l.item, "aria-label", `lane ${t.lanes[o]?.name ?? o}`), $(l.item, "aria-setsize", String(e.length)), $(l.item, "aria-posinset", String(r + 1)), l.item === i ? i = i.nextElementSibling : this.element.insertBefore(l.item, i);
    });
  }
  // Roving tabindex and aria-selected on the active item; the tree itself takes the tab stop
  // when there is none.
  markActive() {
    const t = this.active === null ? void 0 : this.elementOf(this.active);
    for (const e of this.element.querySelectorAll("[aria-selected], [tabindex='0']"))
      e !== t && (e.removeAttribute("aria-selected"), e.tabIndex = -1);
    if (t === void 0) {
      this.element.tabIndex = 0;
      return;
    }
    $(t, "aria-selected", "true"), t.tabIndex = 0, this.element.tabIndex = -1;
  }
  elementOf(t) {
    return t.kind === "node" ? this.items.get(t.id) : this.lanes.get(t.id)?.item;
  }
  rewrite(t, e) {
    if (e.size === 0) return;
    const s = B(t.status);
    for (const [i, o] of this.items) {
      const r = e.has(i) ? t.node(i) : void 0;
      r !== void 0 && this.writeText(o, r, s);
    }
  }
  writeText(t, e, s) {
    const i = de(e), o = st(e), r = Dt(e), l = `${i}
${o}
${r}
${e.state}
${s}`;
    if (this.signatures.get(e.id) === l) return;
    this.signatures.set(e.id, l), t.setAttribute("aria-label", i), t.setAttribute("aria-description", [o, r].filter((c) => c !== "").join(" ; ")), t.dataset.state = e.state, t.dataset.calls = String(e.calls), t.dataset.args = o, t.dataset.result = r;
    const a = e.sample?.duration;
    a != null && (t.dataset.durationNs = String(a)), t.dataset.timing = ue(e);
    const u = ot(e)?.error;
    u && (t.dataset.error = `${u.type}: ${u.message}`), ci(t, e, s);
  }
  createItem(t) {
    const e = document.createElement("li");
    return e.setAttribute("role", "treeitem"), e.id = `df-node-${t.id}`, e.tabIndex = -1, e.dataset.node = String(t.id), e.dataset.parent = t.parent === null ? "" : String(t.parent), e.dataset.function = t.function, e.dataset.kind = t.kind, e.dataset.source = t.line > 0 ? `${t.file}:${t.line}` : t.file, this.items.set(t.id, e), e;
  }
  onTreeFocus() {
    const t = this.source.model;
    if (t === null) return;
    const e = this.active ?? new X(t, this.source.layout).edge(!1);
    e != null && this.moveTo(e);
  }
  onFocusIn(t) {
    const e = t.target;
    if (!(e instanceof HTMLLIElement)) return;
    const s = e.dataset.node, i = s === void 0 ? { kind: "lane", id: Number(e.dataset.lane) } : { kind: "node", id: Number(s) };
    this.activeKey() !== `${i.kind}${i.id}` && (this.active = i, this.markActive()), this.actions.focusNode(s === void 0 ? null : Number(s));
  }
  onKey(t) {
    const e = this.source.model, s = this.active;
    s === null || e === null || this.handleKey(t.key, s, new X(e, this.source.layout)) && t.preventDefault();
  }
  handleKey(t, e, s) {
    const i = e.kind === "node" ? e.id : void 0, o = i === void 0 ? void 0 : s.describe(i), r = e.kind === "lane" ? !0 : o?.expanded ?? null;
    switch (t) {
      case "ArrowDown":
        return this.moveTo(s.step(e, 1));
      case "ArrowUp":
        return this.moveTo(s.step(e, -1));
      case "Home":
        return this.moveTo(s.edge(!1));
      case "End":
        return this.moveTo(s.edge(!0));
      case "ArrowRight":
        return r === !1 && i !== void 0 ? this.toggle(i, !1) : r === !0 ? this.moveTo(s.step(e, 1)) : !1;
      case "ArrowLeft":
        return r === !0 && i !== void 0 && !s.path.includes(i) ? this.toggle(i, !0) : i === void 0 ? !1 : this.moveTo(s.parent(i));
      case "Enter":
        return i !== void 0 && this.actions.openSource(i), !0;
      case "l":
      case "L":
        return i !== void 0 && this.actions.traceLines(i), i !== void 0;
      case "o":
      case "O":
        return i !== void 0 && this.actions.openEditor(i), i !== void 0;
      default:
        return !1;
    }
  }
  // Fold or unfold at once: the layout is rebuilt in setCollapsed, so the items follow now.
  toggle(t, e) {
    return this.actions.setCollapsed(t, e), this.render(), !0;
  }
  moveTo(t) {
    if (t == null) return !1;
    this.active = t, this.render();
    const e = this.elementOf(t);
    return e === void 0 ? !1 : (e.focus(), !0);
  }
}
function ai(n) {
  const t = n.rows[0], e = n.rows[n.rows.length - 1];
  return `${n.lane}:${n.rows.length}:${t?.id ?? ""}:${e?.id ?? ""}`;
}
function hi(n, t) {
  $(n, "aria-level", String(t.level)), $(n, "aria-setsize", String(t.setSize)), $(n, "aria-posinset", String(t.posInSet)), t.expanded === null ? n.removeAttribute("aria-expanded") : $(n, "aria-expanded", String(t.expanded));
}
function $(n, t, e) {
  n.getAttribute(t) !== e && n.setAttribute(t, e);
}
function ci(n, t, e) {
  e ? n.dataset.ghost = "true" : delete n.dataset.ghost, H(t) ? (n.dataset.placeholder = "true", n.dataset.reason = lt(t)) : (delete n.dataset.placeholder, delete n.dataset.reason);
}
class ui {
  constructor(t, e) {
    this.connection = e, this.root = t, this.session = new Ws(e, {
      incompatible: (i) => this.showIncompatible(i),
      runs: (i) => this.onRuns(i),
      opened: (i) => this.onOpened(i),
      applied: (i, o) => this.onApplied(i, o),
      error: (i) => this.showToast(i)
    }), this.canvas = h("canvas", "df-canvas"), this.canvas.setAttribute("aria-hidden", "true"), this.painter = new Rs(this.canvas), this.stage = h("div", "df-stage");
    const s = h("div", "df-scroller");
    this.scroller = new Bs(s, () => this.schedule()), this.history = new ds({
      open: (i) => this.session.open(i, !0),
      followLive: (i) => this.session.setFollowLive(i),
      refresh: () => this.session.refresh()
    }), this.timeline = new ti({
      seek: (i) => this.session.seek(i),
      play: () => this.session.play(),
      pause: () => this.session.pause(),
      setSpeed: (i) => this.session.setSpeed(i),
      goLive: () => this.session.goLive()
    }), this.tree = new li({
      focusNode: (i) => this.onTreeFocus(i),
      openSource: (i) => this.openCode(i),
      openEditor: (i) => this.openSource(i, null),
      traceLines: (i) => this.traceLines(i),
      setCollapsed: (i, o) => this.setCollapsed(i, o)
    }, this.treeSource()), this.explorer = new is(this.exploreHost(), e), this.popup = new Vs(e), this.debug = new ee(e), this.codePanel = new Ne(e, this.debug, {
      live: () => this.model?.status?.state === "live",
      openInEditor: (i, o) => this.openInEditor(i, o)
    }), this.followButton = p("↓ Follow", "df-follow", () => this.scroller.resume()), this.notice = h("div", "df-notice"), this.toast = h("div", "df-toast"), this.toast.setAttribute("role", "alert"), this.build(s), this.listen(s);
  }
  connection;
  session;
  layout = new ms();
  anim = new Vt();
  meter = new vs();
  scroller;
  /** Which node the focus zone follows. */
  followed = new ns();
  /** When each node was first laid out and drawn (Date.now() ms), for latency measurements. */
  appeared = /* @__PURE__ */ new Map();
  drawn = 0;
  hover = null;
  focus = null;
  /** Search, jumps, fold and focus, the overview and the details panel. */
  explorer;
  /** The column right of the spine where side panels are mounted. */
  side = new Gs();
  root;
  stage;
  canvas;
  painter;
  status = new Ys();
  history;
  timeline;
  tree;
  card = new ws();
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
  size = { width: 0, height: 0 };
  // The stage's place in the window as of its last resize (read while the layout was fresh),
  // so hovering reads no layout: whatever moves the stage also resizes it (the grid's 1fr row).
  stageBox = new DOMRect();
  /** Connect and start drawing. */
  start() {
    this.meter.start(), this.connection.start({
      message: (t) => {
        we(t) ? this.debug.handle(t) : t.type === "pauses" ? this.onPauses(t) : this.session.handle(t);
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
    const i = this.stage.getBoundingClientRect(), o = i.left + s.x - this.scroller.left, r = i.top + s.y - this.scroller.top;
    return new DOMRect(o - 8, r - 8, 16, 16);
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
    const e = h("div", "df-body"), s = h("nav", "df-tree-box");
    s.setAttribute("aria-label", "Spine (keyboard: arrows move, Enter opens the source)"), s.append(this.tree.element), this.stage.append(this.canvas, t, this.card.element, this.popup.element, this.followButton, this.notice), this.side.add(this.explorer.details.element, !0), this.side.add(this.history.element), e.append(this.stage, this.explorer.overview.element, this.codePanel.element, this.side.element), this.root.append(this.status.element, this.explorer.bar.element, e, this.timeline.element, s), this.root.append(this.explorer.list.element, this.toast), this.setNotice("Waiting for a traced program… run `flow run your_script.py` in this project."), new ResizeObserver(() => this.resize()).observe(this.stage);
  }
  listen(t) {
    t.addEventListener("pointermove", (e) => this.onPointer(e)), t.addEventListener("pointerleave", () => this.setHover(null)), t.addEventListener("click", (e) => this.onClick(e)), t.addEventListener("contextmenu", (e) => this.onContextMenu(e)), t.addEventListener("keydown", (e) => {
      e.key === "End" && this.scroller.resume();
    });
  }
  resize() {
    const t = this.stage.getBoundingClientRect();
    this.stageBox = t, this.size = { width: t.width, height: t.height }, this.painter.resize(t.width, t.height, window.devicePixelRatio || 1), this.layoutDirty = !0, this.schedule();
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
    e.reset && (this.tree.reset(), this.treeDirty.clear(), this.layoutDirty = !0), e.added.length > 0 && (this.layoutDirty = !0, this.newNodes.push(...e.added));
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
    this.frameRequested = !1, this.scroller.measure();
    const e = this.model;
    e !== null && this.commit(e);
    const s = this.scroller.follow(this.followTarget(e), e?.nodes.length ?? 0, t);
    this.followButton.hidden = this.scroller.following || (e?.nodes.length ?? 0) < 5, this.status.render(e?.status ?? null, e?.mode ?? null, e?.at ?? null), this.timeline.render(this.session.timeline()), this.drawn = e === null ? 0 : this.paint(e, t), e !== null && this.explorer.frame(e, t), ((this.hover ?? this.focus) !== null || this.card.visibleNode !== null) && e !== null && this.refreshCard(e), e !== null && this.flushTree();
    const o = this.anim.prune(t), r = e?.status?.state === "live" && e.mode === "live";
    (o || s || r || this.treeDirty.size > 0) && this.schedule();
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
  // The accessible tree holds only the items near the view (tree.ts): bringing it up to date
  // every frame costs a few hundred items at most, however big the run.
  flushTree() {
    this.tree.render(this.treeDirty), this.treeDirty.clear();
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
    this.layoutDirty = !1, t !== null && (this.layout.build(t), this.layout.fitColumns(this.size.width, this.layout.columns.length), this.scroller.setContentSize(this.layout.width, this.layout.height + this.size.height / 2), this.schedule());
  }
  /** Node ids of the rows in view, in every column. */
  visibleNodes() {
    const [t, e] = Ht(this.scroller.top, this.size.height);
    return this.layout.columns.flatMap((s) => s.slice(t, e));
  }
  /** Node items in the accessible tree's page right now (it is virtual: a few hundred at most). */
  treeItems() {
    return this.tree.size;
  }
  treeSource() {
    const t = this;
    return {
      get model() {
        return t.model;
      },
      layout: this.layout,
      view: () => ({ top: this.scroller.top, height: this.size.height })
    };
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
    const e = this.stageBox, s = t.clientX - e.left + this.scroller.left, i = this.layout.hit(s, t.clientY - e.top + this.scroller.top);
    this.setHover(i ?? null);
  }
  setHover(t) {
    t !== this.hover && (this.hover = t, this.stage.dataset.hover = t === null ? "" : String(t), this.schedule());
  }
  // The card sits beside the node's column, so it never hides the spine it describes.
  refreshCard(t) {
    const e = this.hover ?? this.focus, s = e === null ? void 0 : t.node(e), i = this.nodePoint(e), o = s === void 0 ? void 0 : this.layout.column(s.lane), r = o === void 0 ? 0 : this.layout.x(o) + this.layout.columnWidth - this.scroller.left;
    this.card.show(t, e, r, (i?.y ?? 0) - 24, new DOMRect(0, 0, this.size.width, this.size.height));
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
    const o = this.model, r = o === null ? void 0 : this.layout.center(o, i);
    if (r !== void 0 && s.x + this.scroller.left < r.x - d.radius && o?.children.has(i)) {
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
    const o = Math.min(i.x + 12, Math.max(8, this.size.width - 320));
    this.popup.open(s, o, i.y + 14);
  }
  onTreeFocus(t) {
    this.focus = t, this.explorer.select(t), t !== null && this.reveal(t), this.schedule();
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
function di(n) {
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
    nodes: () => (n.model?.nodes ?? []).filter((t) => t !== void 0).map((t) => ({ id: t.id, function: t.function, state: t.state, parent: t.parent })),
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
    treeItems: () => n.treeItems(),
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
function fi(n, t) {
  const e = new ui(n, t);
  return e.start(), e;
}
function _t() {
  const n = document.getElementById("debugflow-hud");
  n === null || n.dataset.autostart === "false" || di(fi(n, tt.fromLocation(window.location)));
}
document.readyState === "loading" ? document.addEventListener("DOMContentLoaded", _t) : _t();
export {
  tt as HubConnection,
  fi as render
};
