// sitrep page: timeline of facts, actor network, fact view. Plain DOM, no libraries;
// every text from the database goes through textContent, never innerHTML.
"use strict";

const FILTERS = ["actor", "category", "modality", "from", "to", "outlet", "contested"];
const SVG = "http://www.w3.org/2000/svg";
const form = document.getElementById("filters");
let selected = null;

function el(tag, attrs, ...children) {
  const node = tag.startsWith("svg:") ? document.createElementNS(SVG, tag.slice(4)) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "on") for (const [ev, fn] of Object.entries(v)) node.addEventListener(ev, fn);
    else if (v !== null && v !== undefined && v !== false) node.setAttribute(k, v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

function currentFilters() {
  const p = new URLSearchParams();
  for (const name of FILTERS) {
    const v = form.elements[name].value.trim();
    if (v) p.set(name, v);
  }
  return p;
}

async function api(path, params) {
  const url = params && [...params].length ? `${path}?${params}` : path;
  const res = await fetch(url);
  const body = await res.json();
  if (!res.ok) throw new Error(body.error ? body.error.message : `HTTP ${res.status}`);
  return body;
}

function showError(e) {
  const box = document.getElementById("error");
  box.hidden = !e;
  box.textContent = e ? `Error: ${e.message}` : "";
}

function quadColour(q) {
  return q === 1 || q === 2 ? "#2f9e44" : q === 3 || q === 4 ? "#d6336c" : "#8a96a3";
}

async function loadStats() {
  const t = await api("/api/stats");
  const range = t.first_published ? ` · published ${t.first_published.slice(0, 10)} to ${(t.last_published || "").slice(0, 10)}` : "";
  document.getElementById("stats").textContent =
    `${t.documents} documents from ${t.outlets} outlets · ${t.events} events · ${t.facts} facts · ${t.quotes} quotes${range}`;
}

async function loadTimeline(params) {
  // The strongest facts, shown in date order (undated last).
  const p = new URLSearchParams(params);
  p.set("limit", "500");
  const page = await api("/api/facts", p);
  page.items.sort((a, b) => (a.first_seen === null) - (b.first_seen === null) ||
    (a.first_seen || "").localeCompare(b.first_seen || "") || b.documents - a.documents);
  const list = document.getElementById("timeline");
  list.replaceChildren();
  document.getElementById("timeline-count").textContent =
    `(${page.items.length}${page.total > page.items.length ? ` of ${page.total}` : ""})`;
  for (const f of page.items) {
    const seen = f.first_seen ? f.first_seen.slice(0, 10) : "undated";
    const who = [];
    if (f.asserted_by.length) who.push(`asserted by ${f.asserted_by.slice(0, 3).join(", ")}`);
    if (f.hedged_by.length) who.push(`hedged by ${f.hedged_by.slice(0, 2).join(", ")}`);
    if (f.denied_by.length) who.push(`denied by ${f.denied_by.slice(0, 3).join(", ")}`);
    const item = el("li", { "data-id": f.id, on: { click: () => showFact(f.id) } },
      el("span", { class: "date" }, seen),
      el("span", { class: "what" }, `${f.source_name || "?"} → ${f.label} → ${f.target_name || "—"}`),
      el("span", { class: "badge" }, `${f.documents} doc${f.documents === 1 ? "" : "s"}`),
      f.contested ? el("span", { class: "badge contested" }, "contested") : null,
      el("span", { class: "meta" }, who.join(" · ") || `CAMEO ${f.cameo}`));
    // Through the CSSOM, since the page's CSP forbids inline style attributes.
    item.style.setProperty("--dot", quadColour(f.quad_class));
    list.append(item);
  }
  if (!page.items.length) list.append(el("li", {}, el("span", { class: "muted" }, "No facts match these filters.")));
  return page.items;
}

async function loadNetwork(params) {
  const p = new URLSearchParams(params);
  p.set("limit", "80");
  const edges = await api("/api/network", p);
  const svg = document.getElementById("network");
  svg.replaceChildren();
  const W = 640, H = 480, cx = W / 2, cy = H / 2, R = Math.min(W, H) / 2 - 70;
  const nodes = new Map();
  for (const e of edges) {
    for (const [code, name] of [[e.source, e.source_name], [e.target, e.target_name]]) {
      const n = nodes.get(code) || { code, name, weight: 0 };
      n.weight += e.facts;
      nodes.set(code, n);
    }
  }
  // Keep the busiest actors so labels stay readable; edges to the rest are dropped.
  const order = [...nodes.values()].sort((a, b) => b.weight - a.weight || a.code.localeCompare(b.code)).slice(0, 24);
  const kept = new Set(order.map((n) => n.code));
  const shown = edges.filter((e) => kept.has(e.source) && kept.has(e.target));
  const maxWeight = Math.max(1, ...order.map((n) => n.weight));
  const maxFacts = Math.max(1, ...shown.map((e) => e.facts));
  // Spread the busiest actors around the circle so the edges between them stay long.
  const count = Math.max(order.length, 1);
  let step = Math.max(1, Math.round(count / 3));
  while (count > 1 && gcd(step, count) !== 1) step += 1;
  order.forEach((n, i) => {
    const a = (2 * Math.PI * ((i * step) % count)) / count - Math.PI / 2;
    n.x = cx + R * Math.cos(a);
    n.y = cy + R * Math.sin(a);
    n.r = 5 + 15 * Math.sqrt(n.weight / maxWeight);
  });
  const defs = el("svg:defs", {});
  for (const [kind, colour] of [["coop", "#2f9e44"], ["conflict", "#d6336c"], ["neutral", "#8a96a3"]]) {
    defs.append(el("svg:marker", { id: `arrow-${kind}`, viewBox: "0 0 10 10", refX: 9, refY: 5, markerUnits: "userSpaceOnUse", markerWidth: 9, markerHeight: 9, orient: "auto-start-reverse" },
      el("svg:path", { d: "M0,0 L10,5 L0,10 z", fill: colour })));
  }
  svg.append(defs);
  for (const e of shown) {
    const s = nodes.get(e.source), t = nodes.get(e.target);
    const kind = e.kind === "cooperation" ? "coop" : e.kind === "conflict" ? "conflict" : "neutral";
    const dx = t.x - s.x, dy = t.y - s.y, len = Math.hypot(dx, dy) || 1;
    // Bend each edge to its right so A→B and B→A do not overlap.
    const mx = (s.x + t.x) / 2 - (dy / len) * 30, my = (s.y + t.y) / 2 + (dx / len) * 30;
    const ex = t.x - (dx / len) * (t.r + 3), ey = t.y - (dy / len) * (t.r + 3);
    const width = 1 + 6 * Math.log(1 + e.facts) / Math.log(1 + maxFacts);
    svg.append(el("svg:path", { class: `edge ${kind}`, d: `M${s.x},${s.y} Q${mx},${my} ${ex},${ey}`, "stroke-width": width.toFixed(1), "marker-end": `url(#arrow-${kind})` },
      el("svg:title", {}, `${e.source_name} → ${e.target_name}: ${e.facts} ${e.kind} fact${e.facts === 1 ? "" : "s"}${e.contested ? `, ${e.contested} contested` : ""}`)));
  }
  for (const n of order) {
    const anchor = n.x < cx - 5 ? "end" : n.x > cx + 5 ? "start" : "middle";
    const lx = n.x + (anchor === "end" ? -n.r - 4 : anchor === "start" ? n.r + 4 : 0);
    const ly = n.y + (anchor === "middle" ? (n.y < cy ? -n.r - 4 : n.r + 12) : 4);
    svg.append(el("svg:g", { class: "node", on: { click: () => { form.elements.actor.value = n.code; apply(); } } },
      el("svg:circle", { cx: n.x.toFixed(1), cy: n.y.toFixed(1), r: n.r.toFixed(1) }, el("svg:title", {}, `${n.name} (${n.code}): ${n.weight} facts`)),
      el("svg:text", { x: lx.toFixed(1), y: ly.toFixed(1), "text-anchor": anchor }, n.name || n.code)));
  }
  if (!edges.length) svg.append(el("svg:text", { x: cx, y: cy, "text-anchor": "middle", fill: "#6b7785" }, "No relations between two actors match."));
}

function gcd(a, b) {
  return b ? gcd(b, a % b) : a;
}

function clipList(items, n) {
  return items.slice(0, n).join("; ") + (items.length > n ? `; … ${items.length - n} more` : "");
}

// The trigger highlighted inside the evidence; spans are UTF-8 byte offsets.
function evidence(ev) {
  const bytes = new TextEncoder().encode(ev.evidence_text);
  const dec = (b) => new TextDecoder().decode(b);
  const s = ev.trigger.start - ev.evidence.start, e = ev.trigger.end - ev.evidence.start;
  if (s < 0 || e > bytes.length || s >= e) return el("blockquote", {}, ev.evidence_text);
  return el("blockquote", {}, dec(bytes.slice(0, s)), el("mark", {}, dec(bytes.slice(s, e))), dec(bytes.slice(e)));
}

function supportCard(hit, denial) {
  const ev = hit.event;
  const source = hit.url ? el("a", { href: hit.url, rel: "noopener noreferrer" }, hit.title || hit.url) : (hit.title || hit.source);
  return el("div", { class: `support${denial ? " denial" : ""}` },
    evidence(ev),
    el("div", { class: "meta" },
      el("span", {}, el("span", { class: `badge ${ev.modality}` }, ev.modality)),
      el("span", {}, `claimant: ${ev.claimant ? ev.claimant.name : "the outlet itself"}`),
      el("span", {}, `outlet: ${hit.outlet || "unknown"}`),
      el("span", {}, `published: ${hit.published || "unknown"}`),
      ev.date ? el("span", {}, `event date: ${ev.date.value} (${ev.date.from})`) : null,
      el("span", {}, "rule ", el("code", {}, ev.rule)),
      el("span", {}, `CAMEO ${ev.cameo}`),
      el("span", {}, `confidence ${Math.round(ev.confidence * 100)}%`)),
    el("div", { class: "meta" }, el("span", {}, "source: ", source)));
}

async function showFact(id) {
  selected = id;
  for (const li of document.querySelectorAll("#timeline li")) li.classList.toggle("selected", li.dataset.id === id);
  const box = document.getElementById("fact");
  try {
    const d = await api(`/api/facts/${encodeURIComponent(id)}`);
    const f = d.fact;
    const seen = f.first_seen === f.last_seen ? (f.first_seen || "undated") : `${f.first_seen || "?"} to ${f.last_seen || "?"}`;
    const more = f.objects.length > 4 ? `, … ${f.objects.length - 4} more` : "";
    const objects = f.objects.length ? ` (${f.objects.slice(0, 4).join(", ")}${more})` : "";
    box.replaceChildren(
      el("div", { class: "fact-head" },
        el("h3", {}, `${f.source_name || "?"} → ${f.label}${objects} → ${f.target_name || "—"}`,
          f.contested ? el("span", { class: "badge contested" }, "contested") : null),
        el("p", { class: "muted" }, `CAMEO ${f.cameo} · PLOVER ${f.plover} · ${f.documents} documents, ${f.outlets} outlets, ${f.origins} independent origins, ${f.mentions} mentions · seen ${seen}`),
        f.asserted_by.length ? el("p", {}, el("b", {}, "Asserted by: "), clipList(f.asserted_by, 12)) : null,
        f.hedged_by.length ? el("p", {}, el("b", {}, "Hedged by: "), f.hedged_by.join("; ")) : null,
        f.denied_by.length ? el("p", {}, el("b", {}, "Denied by: "), f.denied_by.join("; ")) : null),
      el("div", { class: "columns" },
        el("div", {}, el("h4", {}, `Supporting sentences (${d.assertions.length})`),
          d.assertions.length ? d.assertions.map((h) => supportCard(h, false)) : el("p", { class: "muted" }, "None.")),
        el("div", {}, el("h4", {}, `Denials (${d.denials.length})`),
          d.denials.length ? d.denials.map((h) => supportCard(h, true)) : el("p", { class: "muted" }, "Nobody denies it in the stored articles."))));
  } catch (e) {
    showError(e);
  }
}

async function apply() {
  const params = currentFilters();
  history.replaceState(null, "", params.toString() ? `?${params}` : location.pathname);
  showError(null);
  try {
    const [facts] = await Promise.all([loadTimeline(params), loadNetwork(params)]);
    const keep = facts.find((f) => f.id === selected);
    // Open the strongest contested fact first: it shows denials beside assertions.
    const first = keep || facts.filter((f) => f.contested).sort((a, b) => b.documents - a.documents)[0] || facts[0];
    if (first) showFact(first.id);
  } catch (e) {
    showError(e);
  }
}

form.addEventListener("submit", (e) => { e.preventDefault(); apply(); });
document.getElementById("reset").addEventListener("click", () => { form.reset(); apply(); });
for (const [k, v] of new URLSearchParams(location.search)) if (FILTERS.includes(k)) form.elements[k].value = v;
loadStats().catch(showError);
// Timings for the screenshot check (`chromium --dump-dom` reads them off <body>).
if (window.PerformanceObserver) {
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.name === "first-contentful-paint") document.body.dataset.firstPaintMs = Math.round(e.startTime);
      }
    }).observe({ type: "paint", buffered: true });
  } catch (e) { /* paint timing unsupported */ }
}
apply().finally(() => { document.body.dataset.readyMs = Math.round(performance.now()); });
