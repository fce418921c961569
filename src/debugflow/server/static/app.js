class C {
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
    return new C(t.origin, e);
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
const p = {
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
}, B = {
  processing: "#facc15",
  success: "#4ade80",
  exception: "#f87171",
  info: "#c4b5fd",
  unfinished: "#94a3b8"
}, b = {
  fill: "rgba(167, 139, 250, 0.35)",
  stroke: "#a78bfa",
  text: "#c4b5fd",
  args: "#a5a0c8",
  dash: [3, 3],
  placeholderAlpha: 0.45
}, G = { success: "#4ade80", exception: "#f87171" }, R = '"JetBrains Mono", "Fira Code", "DejaVu Sans Mono", Menlo, Consolas, monospace', a = {
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
}, w = {
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
}, rt = 12, lt = 120;
class at {
  pulses = [];
  flashes = /* @__PURE__ */ new Map();
  /** Start the animations of one applied message. */
  add(t, e, s) {
    t.reset && this.clear(), t.pulses.forEach((n, o) => this.addPulse(n, s + Math.min(o * rt, lt))), this.flashEnds(t, e, s), this.pulses.length > w.maxPulses && this.pulses.splice(0, this.pulses.length - w.maxPulses);
  }
  /** Drop finished animations; returns whether anything is still moving. */
  prune(t) {
    this.pulses = this.pulses.filter((e) => t - e.start < w.pulseMs);
    for (const [e, s] of this.flashes)
      t - s.start > w.flashMs && this.flashes.delete(e);
    return this.pulses.length > 0 || this.flashes.size > 0;
  }
  clear() {
    this.pulses = [], this.flashes.clear();
  }
  addPulse(t, e) {
    this.pulses.push({ dir: t.dir, node: t.node, parent: t.parent, outcome: t.outcome, start: e }), t.dir === "down" ? this.flashes.set(t.node, { color: "call", start: e + w.pulseMs * 0.8 }) : t.outcome !== null && this.flashes.set(t.node, { color: t.outcome, start: e });
  }
  // A call that ended without its pulse (the hub keeps only the newest ones) still flashes.
  flashEnds(t, e, s) {
    for (const [n, o] of t.before) {
      const r = e.node(n)?.state, l = r === "success" || r === "exception";
      o.state === "processing" && l && !this.flashes.has(n) && this.flashes.set(n, { color: r, start: s });
    }
  }
}
function h(i, t, e = "") {
  const s = document.createElement(i);
  return s.className = t, e !== "" && (s.textContent = e), s;
}
function x(i, t, e) {
  const s = h("button", t, i);
  return s.type = "button", s.addEventListener("click", e), s;
}
class ht {
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
    return this.target = this.choose(t, e.reset ? void 0 : dt(e.added)), this.target;
  }
  choose(t, e) {
    const s = this.deepestRunning(t), n = this.target === null ? void 0 : t.node(this.target);
    return n === void 0 ? s?.id ?? e ?? ut(t) : n.state === "processing" ? s !== void 0 && s.depth > n.depth ? s.id : e !== void 0 && W(t, n.id, e) ? e : n.id : s !== void 0 && !W(t, s.id, n.id) ? s.id : e ?? n.id;
  }
  // Deepest first; among equals the latest to start or end, then the newest node.
  deepestRunning(t) {
    let e;
    for (const s of this.running) {
      const n = t.node(s);
      n !== void 0 && (e === void 0 || ct(n, e)) && (e = n);
    }
    return e;
  }
}
function ct(i, t) {
  return i.depth !== t.depth ? i.depth > t.depth : i.last_t !== t.last_t ? i.last_t > t.last_t : i.id > t.id;
}
function W(i, t, e) {
  let s = i.node(e)?.parent ?? null;
  for (; s !== null; ) {
    if (s === t) return !0;
    s = i.node(s)?.parent ?? null;
  }
  return !1;
}
function dt(i) {
  let t;
  for (const e of i) (t === void 0 || e > t) && (t = e);
  return t;
}
function ut(i) {
  return i.nodes.length === 0 ? null : i.nodes.length - 1;
}
function u(i) {
  const t = Math.trunc(i);
  if (t < 1e3) return `${t}ns`;
  const e = [
    ["us", 1e3],
    ["ms", 1e6],
    ["s", 1e9]
  ];
  for (const [s, n] of e)
    for (const o of [2, 1, 0]) {
      const r = Math.floor((t * 10 ** o * 2 + n) / (2 * n));
      if (r < 1e3 || s === "s" && o === 0) return ft(r, o) + s;
    }
  return `${t}ns`;
}
function ft(i, t) {
  if (t === 0) return String(i);
  const e = String(i % 10 ** t).padStart(t, "0");
  return `${Math.floor(i / 10 ** t)}.${e}`;
}
function g(i) {
  return String(Math.trunc(i)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
function J(i) {
  return i.value === "" ? i.type ? `${i.name}: ${i.type}` : i.name : i.type ? `${i.name}: ${i.type}=${i.value}` : `${i.name}=${i.value}`;
}
function I(i) {
  return i.kind === "call" || i.sample !== null ? Q(i.sample) : "";
}
function Q(i) {
  return i === null || i.args === null ? "…" : i.args.map(J).join(", ");
}
function tt(i) {
  const t = i.sample === null ? "" : pt(i.sample), e = i.failure;
  if (e === null) return t;
  const n = `✖ another call ${e.args !== null && e.args.length > 0 ? `(${Q(e)}) ` : ""}raised ${N(e)}`;
  return t === "" ? n : `${t} · ${n}`;
}
function pt(i) {
  return i.state === "raised" ? `✖ ${N(i)}` : i.state === "returned" && i.ret !== null ? `→ ${et(i.ret)}` : "";
}
function et(i) {
  return i.value === "" ? i.type : i.type ? `${i.type}=${i.value}` : i.value;
}
function N(i) {
  if (i.error === null) return "";
  const { type: t, message: e } = i.error;
  return e ? `${t}: ${e}` : t;
}
function _(i) {
  return i.sample?.state === "raised" ? i.sample : i.failure;
}
function z(i) {
  const t = _(i);
  return t === null || t.error === null ? "" : `✖ ${N(t)}`;
}
function k(i) {
  return i.calls > 1 ? `${i.function} ×${g(i.calls)}` : i.function;
}
function mt(i) {
  const t = i.dur;
  if (t === null) return i.active > 0 ? "running" : "";
  if (i.calls === 1 || t.min === t.max) return u(t.median);
  const [e, s, n] = [t.min, t.median, t.max].map(u);
  return `min ${e} · median ${s} · max ${n}`;
}
function st(i) {
  const t = i.sample?.duration;
  return t != null ? u(t) : i.dur !== null ? u(i.dur.median) : i.state === "processing" ? "running" : "no duration";
}
function gt(i) {
  const t = _(i)?.error, e = i.state === "exception" && t ? `exception ${t.type}` : i.state;
  return `${k(i)}, ${e}, ${st(i)}`;
}
function O(i) {
  return i.line > 0 ? `${i.file}:${i.line}` : i.file;
}
function wt(i) {
  return new Date(i * 1e3).toLocaleTimeString("en-GB", { hour12: !1 });
}
function j(i) {
  const t = [wt(i.started_at)];
  return i.state === "live" ? (t.push("running"), t.join(" · ")) : (t.push(`${g(i.calls)} calls`), i.exceptions > 0 && t.push(`${g(i.exceptions)} exc`), i.exit_code !== null && i.exit_code !== 0 && t.push(`exit ${i.exit_code}`), t.join(" · "));
}
const D = "ghost";
function H(i) {
  return i?.kind === D;
}
function P(i) {
  return i.kind === "unreached";
}
function it(i) {
  return i.reason ?? "";
}
function F(i) {
  return [...i].sort(xt);
}
function vt(i) {
  return i.live && i.state === "live";
}
function yt(i) {
  const t = F(i);
  return t.find(vt) ?? t.find((e) => e.kind !== D);
}
function bt(i, t) {
  return F(i).find((e) => e.live && (e.state === "live" || !t.has(e.id)));
}
function xt(i, t) {
  return i.started_at !== t.started_at ? t.started_at - i.started_at : i.id < t.id ? 1 : i.id > t.id ? -1 : 0;
}
class St {
  constructor(t) {
    this.actions = t, this.element = h("aside", "df-history"), this.element.setAttribute("aria-label", "History");
    const e = h("div", "df-history-head");
    e.append(h("h2", "df-history-title", "History"), x("↻", "df-refresh", () => t.refresh()));
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
    this.runs = F(t), this.render();
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
    const e = h("li", "df-run"), s = x("", "df-run-open", () => this.actions.open(t));
    s.dataset.run = t.id, s.dataset.state = t.state, s.setAttribute("aria-current", String(t.id === this.current));
    const n = h("span", "df-run-script", t.script || t.id), o = h("span", "df-run-meta", j(t)), r = h("span", `df-run-state df-run-${t.state}`, t.state);
    s.append(r, n, o);
    const l = t.kind === D;
    l && (s.dataset.ghost = "true", n.prepend(h("span", "df-run-ghost", "GHOST"), " "));
    const c = `${t.script || t.id}${l ? ", ghost" : ""}, ${t.state}, ${j(t)}`;
    return s.setAttribute("aria-label", c), e.append(s), e;
  }
}
class kt {
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
    const s = [...e.keys()].sort((n, o) => n - o);
    this.laneOfColumn = s, this.columns = s.map((n, o) => (this.columnOfLane.set(n, o), this.walk(t, e.get(n) ?? [])));
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
    const s = t.node(e), n = this.rowOf.get(e), o = s === void 0 ? void 0 : this.columnOfLane.get(s.lane);
    if (s === void 0 || n === void 0 || o === void 0) return;
    const r = Math.min(s.depth, a.maxIndentDepth);
    return {
      x: v(o) + 12 + r * a.indent,
      y: A(n) + a.rowHeight / 2
    };
  }
  /** The node under a content-coordinate point, if any. */
  hit(t, e) {
    const s = a.columnWidth + a.laneGap, n = Math.floor((t - a.pad) / s), o = t - v(n);
    if (n < 0 || o < 0 || o > a.columnWidth) return;
    const r = Math.floor((e - a.headerHeight) / a.rowHeight);
    return r < 0 ? void 0 : this.columns[n]?.[r];
  }
  get width() {
    return v(this.columns.length) + a.pad;
  }
  get height() {
    const t = Math.max(0, ...this.columns.map((e) => e.length));
    return A(t) + a.bottomSpace;
  }
  walk(t, e) {
    const s = [], n = [...e].reverse();
    for (; n.length > 0; ) {
      const o = n.pop();
      this.rowOf.set(o, s.length), s.push(o);
      const r = t.children.get(o);
      if (!(r === void 0 || this.collapsed.has(o)))
        for (let l = r.length - 1; l >= 0; l--) n.push(r[l]);
    }
    return s;
  }
  push(t, e, s) {
    const n = t.get(e);
    n === void 0 ? t.set(e, [s]) : n.push(s);
  }
}
function v(i) {
  return a.pad + i * (a.columnWidth + a.laneGap);
}
function A(i) {
  return a.headerHeight + i * a.rowHeight;
}
class Mt {
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
class $t {
  element;
  shownId = null;
  shownVersion = -1;
  constructor() {
    this.element = document.createElement("div"), this.element.className = "df-card", this.element.id = "df-hover", this.element.setAttribute("role", "tooltip"), this.element.hidden = !0;
  }
  /** Show `id` right of (x, y) in the stage (CSS pixels) or left of it when there is no room. */
  show(t, e, s, n, o) {
    const r = e === null ? void 0 : t.node(e);
    if (r === void 0) {
      this.element.hidden = !0, this.shownId = null;
      return;
    }
    (this.shownId !== r.id || this.shownVersion !== t.version) && (this.element.replaceChildren(...Tt(t, r)), this.element.dataset.node = String(r.id), this.shownId = r.id, this.shownVersion = t.version), this.element.hidden = !1;
    const l = this.element.offsetWidth, c = this.element.offsetHeight, d = s + 8 + l > o.width ? Math.max(4, o.width - l - 8) : s + 8, f = Math.min(Math.max(4, n - 10), Math.max(4, o.height - c - 4));
    this.element.style.transform = `translate(${Math.round(d)}px, ${Math.round(f)}px)`;
  }
  get visibleNode() {
    return this.element.hidden ? null : this.shownId;
  }
}
function Tt(i, t) {
  if (P(t)) return Et(t);
  const e = [S("df-card-title", k(t))], s = t.kind === "mark" ? "manual pulse" : `${t.module} · ${O(t)}`;
  e.push(S("df-card-where", s)), e.push(m("state", t.state === "processing" ? `running (${t.active} open)` : t.state));
  const n = t.sample?.duration;
  if ((n != null || t.dur !== null) && e.push(m("duration", st(t), "df-duration")), e.push(m("calls", Lt(t))), t.dur !== null) {
    const { min: r, median: l, max: c } = t.dur;
    e.push(m("min / median / max", [r, l, c].map(u).join(" / "))), e.push(m("total / own", `${u(t.dur.total)} / ${u(t.dur.own)}`));
  }
  const o = i.functionOf(t);
  return o !== void 0 && e.push(m("all calls of this function", g(o.calls))), e.push(...At(t)), e.push(S("df-card-hint", "click: open in editor")), e;
}
function Lt(i) {
  const t = i.exceptions > 0 ? ` · ${g(i.exceptions)} raised` : "";
  return `${g(i.calls)}${t}`;
}
function At(i) {
  const t = [], e = i.sample;
  if (e !== null && (t.push(m(i.calls > 1 ? "latest call kept: args" : "args", I(i), "df-value")), e.state === "raised" ? t.push(m("raised", z(i), "df-error")) : e.ret !== null && t.push(m("returned", et(e.ret), "df-value"))), i.failure !== null) {
    const s = i.failure.args === null ? "values not kept" : i.failure.args.map(J).join(", ");
    t.push(m("another call raised", `${z(i)} · ${s}`, "df-error"));
  }
  return t;
}
function Et(i) {
  return [
    S("df-card-title", i.function),
    S("df-card-where", `ghost placeholder · ${i.module} · ${O(i)}`),
    m("not reached", it(i), "df-value df-reason")
  ];
}
function S(i, t) {
  const e = document.createElement("div");
  return e.className = i, e.textContent = t, e;
}
function m(i, t, e = "") {
  const s = document.createElement("div");
  s.className = `df-card-row ${e}`.trim();
  const n = document.createElement("span");
  n.className = "df-card-label", n.textContent = i;
  const o = document.createElement("span");
  return o.className = "df-card-value", o.textContent = t, s.append(n, o), s;
}
const E = { top: 0.35, height: 0.3 }, Ct = 400, q = 40, Rt = 360;
class It {
  gliding = !1;
  upSince = null;
  /** Go to the target now, wherever it is (the Follow button, a new run). */
  kick() {
    this.gliding = !0, this.upSince = -1 / 0;
  }
  /** One frame's step toward keeping `target` (content coordinates) in the band. */
  step(t, e, s) {
    const n = ot(e.y - t.height / 2, 0, t.maxTop), o = nt(t, e.x), r = n - t.top, l = o - t.left, c = t.height * E.height / 2;
    if (r < -c) {
      if (this.upSince ??= s, s - this.upSince < Ct)
        return this.gliding = !1, { left: t.left, top: t.top, moving: !0 };
    } else
      this.upSince = null;
    return !this.gliding && Math.abs(l) < 1 && Math.abs(r) <= c ? { left: t.left, top: t.top, moving: !1 } : Math.abs(l) < 1 && Math.abs(r) < 1 ? (this.gliding = !1, { left: o, top: n, moving: !1 }) : (this.gliding = !0, { left: t.left + U(l), top: t.top + U(r), moving: !0 });
  }
}
function nt(i, t) {
  return t - q >= i.left && t + Rt <= i.left + i.width ? i.left : ot(t - q, 0, i.maxLeft);
}
function ot(i, t, e) {
  return Math.max(t, Math.min(i, Math.max(t, e)));
}
function U(i) {
  const t = i * w.followEase;
  return Math.abs(t) < 1 ? Math.sign(i) * Math.min(1, Math.abs(i)) : t;
}
const Nt = "…", _t = 4e3, Ot = /…*\s*$/u;
class Dt {
  cache = /* @__PURE__ */ new Map();
  /** `text` as drawn in at most `width` pixels with the context's current font. */
  fit(t, e, s) {
    if (e === "" || s <= 0) return "";
    const n = `${t.font}|${Math.floor(s)}|${e}`, o = this.cache.get(n);
    if (o !== void 0) return o;
    const r = this.measureFit(t, e, s);
    return this.cache.size >= _t && this.cache.clear(), this.cache.set(n, r), r;
  }
  measureFit(t, e, s) {
    if (t.measureText(e).width <= s) return e;
    const n = Array.from(e);
    let o = 0, r = n.length;
    for (; o < r; ) {
      const l = Math.ceil((o + r) / 2);
      t.measureText(V(n, l)).width <= s ? o = l : r = l - 1;
    }
    return V(n, o);
  }
}
function V(i, t) {
  return i.slice(0, t).join("").replace(Ot, "") + Nt;
}
const Ht = 0.26, M = `11px ${R}`, Y = `600 13px ${R}`;
class Pt {
  constructor(t) {
    this.canvas = t;
    const e = t.getContext("2d");
    if (e === null) throw new Error("this browser cannot draw on a canvas");
    this.ctx = e;
  }
  canvas;
  ctx;
  fitter = new Dt();
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
    for (const o of K(t.layout, s))
      n += this.drawColumn(t, o);
    return this.drawPulses(t), e.restore(), this.drawHeaders(t), n;
  }
  drawColumn(t, e) {
    const s = t.layout.columns[e] ?? [], n = Math.max(0, Math.floor((t.view.top - a.headerHeight) / a.rowHeight) - 1), o = Math.min(s.length - 1, Math.ceil((t.view.top + t.view.height) / a.rowHeight));
    if (n > o) return 0;
    const r = s.slice(n, o + 1);
    this.drawEdges(t, r);
    for (const l of r) this.drawNode(t, l);
    return r.length;
  }
  drawEdges(t, e) {
    const { ctx: s } = this, { model: n, layout: o } = t, r = new Set(e);
    for (const l of Ft(n, e[0])) r.add(l);
    s.strokeStyle = p.edge, s.lineWidth = 1.5, s.beginPath();
    for (const l of r) this.traceChildLine(t, l);
    for (const l of e) {
      const c = n.node(l), d = o.center(n, l), f = c?.parent != null ? o.center(n, c.parent) : void 0;
      d === void 0 || f === void 0 || (s.moveTo(f.x, d.y), s.lineTo(d.x - a.radius, d.y));
    }
    s.stroke(), this.drawSpawnLinks(t, e);
  }
  // The vertical line from a node down to its last shown child.
  traceChildLine(t, e) {
    const { model: s, layout: n } = t, o = n.collapsed.has(e) ? void 0 : s.children.get(e), r = o?.[o.length - 1], l = n.center(s, e), c = r === void 0 ? void 0 : n.center(s, r);
    l === void 0 || c === void 0 || (this.ctx.moveTo(l.x, l.y + a.radius), this.ctx.lineTo(l.x, c.y));
  }
  // A call started from another lane (thread or task) links to the node that spawned it.
  drawSpawnLinks(t, e) {
    const { ctx: s } = this;
    s.save(), s.setLineDash([4, 5]), s.strokeStyle = p.link, s.beginPath();
    for (const n of e) {
      const o = t.model.node(n);
      if (o?.spawned_by == null) continue;
      const r = t.layout.center(t.model, o.spawned_by), l = t.layout.center(t.model, n);
      r === void 0 || l === void 0 || (s.moveTo(r.x + a.radius, r.y), s.bezierCurveTo(r.x + 120, r.y, l.x - 120, l.y, l.x - a.radius, l.y));
    }
    s.stroke(), s.restore();
  }
  drawNode(t, e) {
    const s = t.model.node(e), n = t.layout.center(t.model, e);
    if (s === void 0 || n === void 0) return;
    const { ctx: o } = this, r = H(t.model.status), l = P(s);
    o.globalAlpha = t.hover !== null && t.hover !== e ? Ht : 1, (t.hover === e || t.focus === e) && this.drawRowBox(t, s, n), l && (o.globalAlpha *= b.placeholderAlpha), r ? this.drawGhostCircle(s, n, l) : this.drawCircle(t, s, n), this.drawLabels(t, s, n, r), o.globalAlpha = 1;
  }
  // Ghost nodes: a translucent violet disc with a dashed ring; placeholders only the ring.
  drawGhostCircle(t, e, s) {
    const { ctx: n } = this;
    n.save(), n.beginPath(), n.arc(e.x, e.y, a.radius, 0, Math.PI * 2), s || (n.fillStyle = t.state === "exception" ? B.exception : b.fill, n.fill()), n.setLineDash([...b.dash]), n.strokeStyle = b.stroke, n.lineWidth = 1.5, n.stroke(), n.restore();
  }
  drawCircle(t, e, s) {
    const { ctx: n } = this, o = t.anim.flashes.get(e.id), r = o !== void 0 ? Bt(o.start, t.now) : 0, l = B[e.state], c = e.state === "processing" ? 0.5 + 0.5 * Math.sin(t.now / 180) : 0;
    n.save(), n.shadowColor = l, n.shadowBlur = 8 + 6 * c + 18 * r, n.fillStyle = l, n.beginPath(), n.arc(s.x, s.y, a.radius + 3 * r, 0, Math.PI * 2), n.fill(), o !== void 0 && r > 0 && (n.strokeStyle = o.color === "call" ? p.pulseDown : G[o.color], n.lineWidth = 2, n.beginPath(), n.arc(s.x, s.y, a.radius + 4 + 10 * (1 - r), 0, Math.PI * 2), n.globalAlpha *= r, n.stroke()), n.restore();
  }
  drawLabels(t, e, s, n) {
    const { ctx: o } = this, r = this.fitLabels(t.model, t.layout, e, s), l = s.x + a.textGap, c = s.y - a.rowHeight / 2;
    o.textBaseline = "alphabetic", o.font = M, o.fillStyle = n ? b.args : p.args, o.fillText(r.args, l, c + 15), o.font = Y, o.fillStyle = e.state === "unfinished" ? p.dim : n ? b.text : p.text, o.fillText(r.title, l, s.y + 4.5), o.font = M, o.fillStyle = e.state === "exception" ? p.error : n ? b.args : p.ret, o.fillText(r.result, l, c + a.rowHeight - 6);
  }
  /** A node's three lines as they are drawn, clipped to its column (undefined: not laid out). */
  labels(t, e, s) {
    const n = t.node(s), o = e.center(t, s);
    return n === void 0 || o === void 0 ? void 0 : this.fitLabels(t, e, n, o);
  }
  fitLabels(t, e, s, n) {
    const { ctx: o, fitter: r } = this, l = e.column(s.lane) ?? 0, c = v(l) + a.columnWidth - (n.x + a.textGap) - 6;
    o.font = M;
    const d = r.fit(o, I(s), c), f = r.fit(o, tt(s), c);
    o.font = Y;
    const y = r.fit(o, Gt(t, e, s), c);
    return { args: d, title: y, result: f };
  }
  drawRowBox(t, e, s) {
    const { ctx: n } = this, o = t.layout.column(e.lane) ?? 0, r = v(o);
    n.save(), n.fillStyle = "rgba(148, 197, 255, 0.07)", n.fillRect(r, s.y - a.rowHeight / 2 + 1, a.columnWidth, a.rowHeight - 2), t.focus === e.id && (n.strokeStyle = p.focusRing, n.lineWidth = 1.5, n.strokeRect(r + 1, s.y - a.rowHeight / 2 + 2, a.columnWidth - 2, a.rowHeight - 4)), n.restore();
  }
  drawPulses(t) {
    const { ctx: e } = this;
    e.save();
    for (const s of t.anim.pulses) {
      const n = (t.now - s.start) / w.pulseMs, o = n >= 0 && n <= 1 ? Wt(t, s, n) : void 0;
      if (o === void 0) continue;
      const r = s.dir === "down" ? p.pulseDown : G[s.outcome ?? "success"];
      e.shadowColor = r, e.shadowBlur = 14, e.fillStyle = r, e.beginPath(), e.arc(o.x, o.y, 3.5, 0, Math.PI * 2), e.fill();
    }
    e.restore();
  }
  drawFocusZone(t) {
    const { ctx: e } = this, s = t.height * E.top, n = t.height * E.height, o = e.createLinearGradient(0, s, 0, s + n);
    o.addColorStop(0, "rgba(34, 211, 238, 0)"), o.addColorStop(0.5, p.focusZone), o.addColorStop(1, "rgba(34, 211, 238, 0)"), e.fillStyle = o, e.fillRect(0, s, t.width, n);
  }
  drawHeaders(t) {
    const { ctx: e } = this, { view: s, layout: n, model: o } = t;
    e.fillStyle = "rgba(7, 11, 18, 0.97)", e.fillRect(0, 0, s.width, a.headerHeight), e.font = `600 11px ${R}`, e.textBaseline = "middle";
    for (const r of K(n, s)) {
      const l = o.lanes[n.laneOfColumn[r] ?? -1], c = v(r) - s.left;
      e.fillStyle = p.header;
      const d = l === void 0 ? "" : `▍${l.name}`;
      e.fillText(this.fitter.fit(e, d.toUpperCase(), a.columnWidth), c, a.headerHeight / 2);
    }
  }
}
function K(i, t) {
  const e = [];
  for (let s = 0; s < i.columns.length; s++) {
    const n = v(s);
    n + a.columnWidth >= t.left && n <= t.left + t.width && e.push(s);
  }
  return e;
}
function Ft(i, t) {
  const e = [];
  let s = t === void 0 ? void 0 : i.node(t);
  for (; s?.parent != null; )
    e.push(s.parent), s = i.node(s.parent);
  return e;
}
function Bt(i, t) {
  const e = (t - i) / w.flashMs;
  return e < 0 || e > 1 ? 0 : 1 - e;
}
function Gt(i, t, e) {
  const s = t.collapsed.has(e.id) ? i.children.get(e.id)?.length : 0;
  return s ? `${k(e)}  ▸ ${s} more` : k(e);
}
function Wt(i, t, e) {
  const { model: s, layout: n } = i, o = n.center(s, t.node);
  if (o === void 0) return;
  const l = (t.parent === null ? void 0 : n.center(s, t.parent)) ?? { x: o.x, y: A(0) }, c = t.dir === "down" ? e : 1 - e, d = Math.abs(o.y - l.y), f = Math.abs(o.x - l.x), y = c * (d + f);
  return y <= d ? { x: l.x, y: l.y + Math.sign(o.y - l.y) * y } : { x: l.x + Math.sign(o.x - l.x) * (y - d), y: o.y };
}
const zt = 600, jt = 8;
class qt {
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
  follower = new It();
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
    if (!this.following || t === null || e < w.focusMinNodes) return !1;
    const n = this.box(), o = this.follower.step(n, t, s);
    return (o.left !== n.left || o.top !== n.top) && this.scrollTo(o.left, o.top), o.moving;
  }
  /** Jump so a content point is in view (keyboard focus, test hooks); stops following. */
  reveal(t) {
    this.following = !1;
    const e = this.box(), s = Math.max(0, Math.min(t.y - e.height / 2, e.maxTop));
    this.scrollTo(nt(e, t.x), s), this.changed();
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
    if (!(this.expected !== null && Math.abs(t.scrollTop - this.expected.top) < 2 && Math.abs(t.scrollLeft - this.expected.left) < 2) && performance.now() - this.intentAt < zt) {
      const n = t.scrollTop + t.clientHeight >= t.scrollHeight - jt;
      this.following = n, this.expected = null;
    }
    this.changed();
  }
}
const $ = 1, T = 2;
class Ut {
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
const Vt = 80;
class Yt {
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
    t.type === "hello" ? this.hello(t) : t.type === "runs" ? this.onRuns(t.runs) : t.type === "error" ? this.events.error(t.message) : this.compatible && this.onSpine(t);
  }
  /** Show a run: live runs are followed, recorded ones open at their end, ready to replay. */
  open(t, e) {
    e && (this.followLive = !1);
    const s = this.model;
    s !== null && s.runId !== t.id && this.connection.send({ type: "unsubscribe", run: s.runId }), this.model = new Ut(t.id), this.duration = 0, this.playing = !1, this.events.opened(this.model), t.live ? this.subscribe() : this.replay(null, 0);
  }
  seek(t) {
    if (this.model === null) return;
    this.kind = "replay", this.playing = !1, this.pendingSeek = t;
    const e = Vt - (performance.now() - this.lastSeekAt);
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
    if (this.compatible = t.v === $ && t.spine === T, !this.compatible) {
      const e = t.v > $ || t.spine > T ? "older" : "newer";
      this.events.incompatible(
        `This HUD (wire ${$}, spine ${T}) is ${e} than the hub (wire ${t.v}, spine ${t.spine}, debugflow ${t.hub.version}). Reload the page, or run the same DebugFlow version for the hub and the page.`
      );
      return;
    }
    this.model !== null && this.resync();
  }
  onRuns(t) {
    const e = !this.listed, s = new Set(this.runs.map((o) => o.id));
    if (this.listed = !0, this.runs = t, this.events.runs(t), !this.followLive || !this.compatible) return;
    const n = e && this.model === null ? yt(t) : bt(t, s);
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
class Kt {
  constructor(t) {
    this.connection = t, this.element = h("div", "df-popup"), this.element.setAttribute("role", "dialog"), this.element.setAttribute("aria-label", "Open source"), this.element.hidden = !0, this.message = h("div", "df-popup-message"), this.message.setAttribute("role", "status"), this.copyButton = x("Copy path:line", "df-copy", () => {
      this.copy();
    });
    const e = x("✕", "df-popup-close", () => this.hide());
    e.setAttribute("aria-label", "Close"), this.element.append(this.message, this.copyButton, e), this.element.addEventListener("keydown", (s) => {
      s.key === "Escape" && this.hide();
    });
  }
  connection;
  element;
  message;
  copyButton;
  ref = "";
  /** Open `node`'s source through the hub and show the popup at (x, y) in the stage. */
  async open(t, e, s) {
    if (this.ref = O(t), this.copyButton.dataset.ref = this.ref, this.element.style.transform = `translate(${Math.round(e)}px, ${Math.round(s)}px)`, this.element.hidden = !1, t.kind === "mark" || t.file === "") {
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
const Xt = ["script", "state", "nodes", "calls", "exceptions", "elapsed"];
class Zt {
  element;
  values = /* @__PURE__ */ new Map();
  extra;
  link;
  ghostBadge;
  constructor() {
    this.element = h("header", "df-status"), this.element.setAttribute("aria-label", "Run status");
    const t = h("div", "df-brand", "DebugFlow");
    this.ghostBadge = h("span", "df-ghost-badge", "GHOST"), this.ghostBadge.title = "dry run with mock arguments (flow ghost)", this.ghostBadge.hidden = !0, this.element.append(t, this.ghostBadge);
    for (const e of Xt) {
      const s = h("div", `df-stat df-stat-${e}`), n = h("span", "df-stat-value", "–");
      n.dataset.field = e, s.append(h("span", "df-stat-label", e), n), this.values.set(e, n), this.element.append(s);
    }
    this.extra = h("div", "df-stat-extra"), this.link = h("div", "df-link", "connecting"), this.link.setAttribute("role", "status"), this.element.append(this.extra, this.link);
  }
  /** Show a run's status (null: no run open). */
  render(t, e, s) {
    if (this.showGhost(H(t)), t === null) {
      for (const n of this.values.values()) n.textContent = "–";
      this.extra.textContent = "";
      return;
    }
    this.set("script", t.argv.join(" ") || t.script || t.run), this.set("state", Jt(t, e, s)), this.element.dataset.state = e === "replay" ? "replay" : t.state, this.set("nodes", g(t.nodes)), this.set("calls", g(t.calls)), this.set("exceptions", g(t.exceptions)), this.set("elapsed", u(Qt(t, e))), this.extra.textContent = te(t);
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
function Jt(i, t, e) {
  return t === "replay" ? `replay @ ${u(e ?? 0)}` : i.state === "ended" ? i.exit_code === null ? "ended" : `ended (exit ${i.exit_code})` : i.state;
}
function Qt(i, t) {
  if (t !== "live" || i.state !== "live" || i.started_at <= 0) return i.elapsed_ns;
  const e = (Date.now() / 1e3 - i.started_at) * 1e9;
  return Math.max(i.elapsed_ns, e);
}
function te(i) {
  const t = [];
  return i.dropped > 0 && t.push(`${g(i.dropped)} events dropped`), i.hidden > 0 && t.push(`${g(i.hidden)} calls past the node limit`), i.backend && t.push(`${i.backend} · Python ${i.python}`), t.join(" · ");
}
const ee = [0.25, 0.5, 1, 2, 5, 10, 50, 200], L = 1e3;
class se {
  element;
  playButton;
  slider;
  clock;
  speed;
  live;
  state = null;
  dragging = !1;
  constructor(t) {
    this.element = h("footer", "df-timeline"), this.element.setAttribute("aria-label", "Replay"), this.playButton = x("▶", "df-play", () => this.state?.playing ? t.pause() : t.play()), this.slider = h("input", "df-scrubber"), this.slider.type = "range", this.slider.min = "0", this.slider.max = String(L), this.slider.setAttribute("aria-label", "Timeline"), this.slider.addEventListener("input", () => {
      this.dragging = !0, t.seek(this.sliderNs());
    }), this.slider.addEventListener("change", () => {
      this.dragging = !1, t.seek(this.sliderNs());
    }), this.clock = h("span", "df-clock", "0ns / 0ns"), this.speed = h("select", "df-speed"), this.speed.setAttribute("aria-label", "Replay speed");
    for (const e of ee) this.speed.append(new Option(`${e}×`, String(e), e === 1, e === 1));
    this.speed.addEventListener("change", () => t.setSpeed(Number(this.speed.value))), this.live = x("● Live", "df-golive", () => t.goLive()), this.element.append(this.playButton, this.slider, this.clock, this.speed, this.live);
  }
  render(t) {
    this.state = t, this.element.dataset.replaying = String(t.replaying), this.element.dataset.playing = String(t.playing), this.playButton.textContent = t.playing ? "❚❚" : "▶", this.playButton.setAttribute("aria-label", t.playing ? "Pause" : "Play"), this.playButton.disabled = !t.enabled, this.slider.disabled = !t.enabled, this.speed.disabled = !t.enabled;
    const e = t.replaying ? t.at : t.duration;
    this.dragging || (this.slider.value = String(t.duration > 0 ? Math.round(e / t.duration * L) : 0)), this.slider.setAttribute("aria-valuetext", `${u(e)} of ${u(t.duration)}`), this.clock.textContent = `${u(e)} / ${u(t.duration)}`, this.live.hidden = !t.canGoLive;
  }
  sliderNs() {
    const t = this.state?.duration ?? 0;
    return Math.round(Number(this.slider.value) / L * t);
  }
}
class ie {
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
    for (const r of t.lanes) r !== void 0 && this.updateLane(r);
    const n = [...e].sort((r, l) => r - l), o = H(t.status);
    for (const r of n) {
      const l = t.node(r);
      l !== void 0 && this.updateItem(l, s.has(r), o);
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
    e === void 0 && (e = document.createElement("li"), e.setAttribute("role", "treeitem"), e.setAttribute("aria-level", "1"), e.setAttribute("aria-expanded", "true"), e.dataset.lane = String(t.id), e.tabIndex = -1, e.append(X()), this.element.append(e), this.lanes.set(t.id, e)), e.setAttribute("aria-label", `lane ${t.name}`);
  }
  updateItem(t, e, s) {
    const n = this.items.get(t.id) ?? this.createItem(t), o = gt(t), r = I(t), l = tt(t), c = `${o}
${r}
${l}
${t.state}
${s}`;
    if (this.signatures.get(t.id) !== c) {
      this.signatures.set(t.id, c), n.setAttribute("aria-label", o), n.setAttribute("aria-description", [r, l].filter((y) => y !== "").join(" ; ")), n.dataset.state = t.state, n.dataset.calls = String(t.calls), n.dataset.args = r, n.dataset.result = l;
      const d = t.sample?.duration;
      d != null && (n.dataset.durationNs = String(d)), n.dataset.timing = mt(t);
      const f = _(t)?.error;
      f && (n.dataset.error = `${f.type}: ${f.message}`), ne(n, t, s);
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
    return s === null && (s = X(), e.append(s), e.setAttribute("aria-expanded", "true")), s;
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
    const s = this.visibleItems(), n = s.indexOf(e), o = e.getAttribute("aria-expanded");
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
        return o === "false" ? this.toggle(e, !1) : o === "true" ? this.moveTo(s[n + 1]) : !1;
      case "ArrowLeft":
        return o === "true" && e.dataset.node !== void 0 ? this.toggle(e, !0) : this.moveTo(e.parentElement?.closest("[role=treeitem]") ?? void 0);
      case "Enter":
        return e.dataset.node !== void 0 && this.actions.openSource(Number(e.dataset.node)), !0;
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
function ne(i, t, e) {
  e ? i.dataset.ghost = "true" : delete i.dataset.ghost, P(t) ? (i.dataset.placeholder = "true", i.dataset.reason = it(t)) : (delete i.dataset.placeholder, delete i.dataset.reason);
}
function X() {
  const i = document.createElement("ul");
  return i.setAttribute("role", "group"), i;
}
const oe = 200, re = 250;
class le {
  constructor(t, e) {
    this.connection = e, this.root = t, this.session = new Yt(e, {
      incompatible: (n) => this.showIncompatible(n),
      runs: (n) => this.onRuns(n),
      opened: (n) => this.onOpened(n),
      applied: (n, o) => this.onApplied(n, o),
      error: (n) => this.showToast(n)
    }), this.canvas = h("canvas", "df-canvas"), this.canvas.setAttribute("aria-hidden", "true"), this.painter = new Pt(this.canvas), this.stage = h("div", "df-stage");
    const s = h("div", "df-scroller");
    this.scroller = new qt(s, () => this.schedule()), this.history = new St({
      open: (n) => this.session.open(n, !0),
      followLive: (n) => this.session.setFollowLive(n),
      refresh: () => this.session.refresh()
    }), this.timeline = new se({
      seek: (n) => this.session.seek(n),
      play: () => this.session.play(),
      pause: () => this.session.pause(),
      setSpeed: (n) => this.session.setSpeed(n),
      goLive: () => this.session.goLive()
    }), this.tree = new ie({
      focusNode: (n) => this.onTreeFocus(n),
      openSource: (n) => this.openSource(n, null),
      setCollapsed: (n, o) => this.setCollapsed(n, o)
    }), this.popup = new Kt(e), this.followButton = x("↓ Follow", "df-follow", () => this.scroller.resume()), this.notice = h("div", "df-notice"), this.toast = h("div", "df-toast"), this.toast.setAttribute("role", "alert"), this.build(s), this.listen(s);
  }
  connection;
  session;
  layout = new kt();
  anim = new at();
  meter = new Mt();
  scroller;
  /** Which node the focus zone follows. */
  followed = new ht();
  /** When each node was first laid out and drawn (Date.now() ms), for latency measurements. */
  appeared = /* @__PURE__ */ new Map();
  drawn = 0;
  hover = null;
  focus = null;
  root;
  stage;
  canvas;
  painter;
  status = new Zt();
  history;
  timeline;
  tree;
  card = new $t();
  popup;
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
      message: (t) => this.session.handle(t),
      state: (t) => this.status.renderLink(t)
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
    const n = this.stage.getBoundingClientRect(), o = n.left + s.x - this.scroller.left, r = n.top + s.y - this.scroller.top;
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
    s.setAttribute("aria-label", "Spine (keyboard: arrows move, Enter opens the source)"), s.append(this.tree.element), this.stage.append(this.canvas, t, this.card.element, this.popup.element, this.followButton, this.notice), e.append(this.stage, this.history.element), this.root.append(this.status.element, e, this.timeline.element, s, this.toast), this.setNotice("Waiting for a traced program… run `flow run your_script.py` in this project."), new ResizeObserver(() => this.resize()).observe(this.stage);
  }
  listen(t) {
    t.addEventListener("pointermove", (e) => this.onPointer(e)), t.addEventListener("pointerleave", () => this.setHover(null)), t.addEventListener("click", (e) => this.onClick(e)), t.addEventListener("keydown", (e) => {
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
    this.layout.collapsed.clear(), this.layout.build(t), this.tree.reset(), this.anim.clear(), this.appeared.clear(), this.treeDirty.clear(), this.newNodes = [], this.hover = null, this.focus = null, this.popup.hide(), this.followed.reset(), this.scroller.resume(), this.history.setCurrent(t.runId), this.history.setFollowLive(this.session.followLive), this.setNotice("Loading the run…"), this.schedule();
  }
  onApplied(t, e) {
    if (e.reset) {
      this.tree.reset(), this.treeDirty.clear(), this.layoutDirty = !0;
      for (const s of t.nodes) s !== void 0 && this.treeDirty.add(s.id);
    }
    e.added.length > 0 && (this.layoutDirty = !0, this.newNodes.push(...e.added));
    for (const s of e.touched) this.treeDirty.add(s);
    this.followed.update(t, e), this.anim.add(e, t, performance.now()), this.schedule();
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
    const n = this.anim.prune(t), o = e?.status?.state === "live" && e.mode === "live";
    (n || s || o || this.treeDirty.size > 0) && this.schedule();
  }
  // Apply what arrived since the last frame: layout, the accessible tree, appearance times.
  commit(t) {
    this.layoutDirty && (this.layout.build(t), this.scroller.setContentSize(this.layout.width, this.layout.height + this.size.height / 2), this.layoutDirty = !1);
    const e = performance.now() - this.treeFlushedAt > re;
    this.treeDirty.size > 0 && (this.treeDirty.size <= oe || e) && (this.tree.update(t, this.treeDirty, this.layout.collapsed), this.treeDirty.clear(), this.treeFlushedAt = performance.now());
    const s = Date.now();
    for (const o of this.newNodes) this.appeared.has(o) || this.appeared.set(o, s);
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
    const e = this.hover ?? this.focus, s = e === null ? void 0 : t.node(e), n = this.nodePoint(e), o = s === void 0 ? void 0 : this.layout.column(s.lane), r = o === void 0 ? 0 : v(o) + a.columnWidth - this.scroller.left;
    this.card.show(t, e, r, (n?.y ?? 0) - 24, new DOMRect(0, 0, this.size.width, this.size.height));
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
    this.openSource(n, s);
  }
  openSource(t, e) {
    const s = this.model?.node(t), n = e ?? this.nodePoint(t);
    if (s === void 0 || n === null) return;
    const o = Math.min(n.x + 12, Math.max(8, this.size.width - 320));
    this.popup.open(s, o, n.y + 14);
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
function ae(i) {
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
    appeared: () => Object.fromEntries(i.appeared)
  };
}
function he(i, t) {
  const e = new le(i, t);
  return e.start(), e;
}
function Z() {
  const i = document.getElementById("debugflow-hud");
  i === null || i.dataset.autostart === "false" || ae(he(i, C.fromLocation(window.location)));
}
document.readyState === "loading" ? document.addEventListener("DOMContentLoaded", Z) : Z();
export {
  C as HubConnection,
  he as render
};
