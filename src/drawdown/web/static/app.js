// The drawdown dashboard. One script for the live page (data from the JSON API, polled for changes) and the
// HTML report (data embedded in the file, read-only). Every piece of report text goes in with textContent or
// as a text node; links are kept only when they are http(s).
(function () {
  "use strict";

  const STATUS_COLOURS = { present: "#c0392b", drawing_down: "#e67e22", withdrawn: "#27ae60", unknown: "#7f8c8d" };
  const STATUS_LABELS = { present: "present", drawing_down: "drawing down", withdrawn: "withdrawn", unknown: "unknown" };
  const ACTIONS = ["withdrawal_started", "withdrawal_partial", "withdrawal_complete", "evacuated", "convoy_departed",
    "flights_departed", "ships_departed", "equipment_loaded", "presence_maintained", "reinforcement", "negotiation", "other"];
  const CONFIRMATIONS = ["confirmed", "unconfirmed", "denied"];
  const MAX_ROWS = 300; // ledger rows drawn at once; the count says how many match
  const POLL_MS = 2000;
  const PAGE = 5000;

  const embedded = document.getElementById("drawdown-data");
  const state = { data: null, version: null, token: null, site: "", selected: null, map: null, markers: {}, filters: {} };

  // ------------------------------------------------------------------------------------------------ helpers

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = String(value);
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, String(value));
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  function svg(tag, attrs) {
    const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, String(value));
    return node;
  }

  function safeUrl(raw) {
    if (!raw) return null;
    try {
      const url = new URL(raw);
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch (_e) {
      return null;
    }
  }

  function link(label, raw) {
    const href = safeUrl(raw);
    return href ? el("a", { href: href, rel: "noopener noreferrer", target: "_blank", text: label }) : el("span", { text: label });
  }

  function num(x) {
    if (x === null || x === undefined) return "";
    return Math.abs(x) >= 100 ? Math.round(x).toLocaleString("en") : String(Math.round(x * 10) / 10);
  }

  function days(a, b) {
    return Math.round((Date.parse(b) - Date.parse(a)) / 86400000);
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
    return node;
  }

  function siteName(id) {
    const site = state.data.sites.find((s) => s.site === id);
    return site ? site.name : id || "—";
  }

  function say(text) {
    document.getElementById("status").textContent = text;
  }

  // ------------------------------------------------------------------------------------------------- data

  async function getJson(path) {
    const response = await fetch(path, { headers: { Accept: "application/json" } });
    if (!response.ok) throw new Error(path + ": HTTP " + response.status);
    return response.json();
  }

  async function pages(path) {
    let offset = 0;
    let items = [];
    for (;;) {
      const page = await getJson(path + (path.includes("?") ? "&" : "?") + "limit=" + PAGE + "&offset=" + offset);
      items = items.concat(page.items);
      offset += page.items.length;
      if (offset >= page.total || !page.items.length) return items;
    }
  }

  async function loadLive() {
    const [summary, sites, claims, sorties, assessments, brief, places, rejected] = await Promise.all([
      getJson("/api/summary"), getJson("/api/sites"), pages("/api/claims"),
      getJson("/api/sorties?limit=" + PAGE), getJson("/api/assessments"), getJson("/api/brief"), getJson("/api/places"),
      getJson("/api/rejected"),
    ]);
    return { summary, sites, claims, sorties: sorties.items, sortiesTotal: sorties.total, series: assessments.series,
      brief_html: brief.html, places, rejected, reports: null };
  }

  function loadEmbedded() {
    const data = JSON.parse(embedded.textContent);
    data.sortiesTotal = data.sorties.length;
    return data;
  }

  async function reportOf(id) {
    if (state.data.reports) return state.data.reports[id];
    return getJson("/api/reports/" + encodeURIComponent(id));
  }

  // -------------------------------------------------------------------------------------------- rendering

  function renderHeader() {
    const { summary } = state.data;
    document.getElementById("title").textContent = summary.case.title;
    document.title = summary.case.title + " — drawdown";
    const reviews = summary.case.reviews || {};
    document.getElementById("subtitle").textContent =
      "As of " + summary.case.as_of + " · " + summary.reports + " reports · " + summary.claims + " claims · " +
      summary.sorties + " sorties · reviewed: " + (reviews.correct || 0) + " correct, " + (reviews.edited || 0) +
      " edited, " + (reviews.rejected || 0) + " rejected";
    const sim = document.getElementById("simulated");
    sim.hidden = !summary.simulated_sorties;
    sim.textContent = summary.simulated_sorties
      ? "SIMULATED ADS-B: " + summary.simulated_sorties + " of " + summary.sorties + " sorties come from simulated tracks"
      : "";
  }

  function renderMap() {
    const host = document.getElementById("map");
    if (!window.L) {
      host.textContent = "The map library is not loaded.";
      return;
    }
    if (!state.map) {
      state.map = L.map(host, { attributionControl: false, zoomSnap: 0.25, preferCanvas: false });
      const topo = state.outlines;
      if (topo && window.topojson) {
        L.geoJSON(topojson.feature(topo, topo.objects.countries), {
          style: { color: "#8a9aa6", weight: 1, fillColor: "#fbfbf8", fillOpacity: 1 }, interactive: false,
        }).addTo(state.map);
      }
      state.layer = L.layerGroup().addTo(state.map);
    }
    state.layer.clearLayers();
    state.markers = {};
    const bounds = [];
    for (const site of state.data.sites) {
      const colour = STATUS_COLOURS[site.status] || STATUS_COLOURS.unknown;
      const marker = L.circleMarker([site.latitude, site.longitude], {
        radius: site.kind === "area" || site.kind === "post_group" ? 5 : 8, color: "#222", weight: state.site === site.site ? 3 : 1, fillColor: colour, fillOpacity: 0.9,
        className: "site-marker site-" + site.site,
      });
      const force = site.force_remaining === null ? "" : " · ~" + num(site.force_remaining) + " remaining";
      const label = el("span", { text: site.name + force, "data-site": site.site, onclick: () => selectSite(site.site) });
      marker.bindTooltip(label, { permanent: true, interactive: true, direction: "right", offset: [6, 0], className: "site-label" });
      marker.on("click", () => selectSite(site.site));
      marker.addTo(state.layer);
      state.markers[site.site] = marker;
      bounds.push([site.latitude, site.longitude]);
    }
    if (bounds.length && !state.fitted) {
      state.map.fitBounds(bounds, { padding: [30, 30], maxZoom: 9 });
      state.fitted = true;
    }
    const legend = clear(document.getElementById("legend"));
    for (const [status, colour] of Object.entries(STATUS_COLOURS)) {
      const swatch = el("span", { class: "swatch" });
      swatch.style.background = colour;
      legend.append(el("li", {}, swatch, STATUS_LABELS[status]));
    }
  }

  function renderForce() {
    const host = clear(document.getElementById("force-chart"));
    const { series, summary } = state.data;
    const points = series.filter((p) => p.median !== undefined);
    const note = document.getElementById("force-note");
    if (!points.length) {
      host.append(el("p", { class: "note", text: "Force remaining is unknown: no baseline, or nothing measures what has left." }));
      note.textContent = "";
      return;
    }
    const W = 560, H = 240, L0 = 56, R0 = 12, T0 = 12, B0 = 28;
    const deadlines = summary.case.deadlines || [];
    const start = summary.case.start;
    const dates = [start, summary.case.as_of, ...deadlines.map((d) => d.due)].sort();
    const end = dates[dates.length - 1];
    const span = Math.max(days(start, end), 1);
    const top = Math.max(summary.case.baseline_personnel || 0, ...points.map((p) => p.high)) * 1.05 || 1;
    const x = (d) => L0 + ((W - L0 - R0) * days(start, d)) / span;
    const y = (v) => T0 + (H - T0 - B0) * (1 - v / top);
    const chart = svg("svg", { viewBox: "0 0 " + W + " " + H, width: "100%", role: "img", "aria-label": "Force remaining over time" });
    chart.append(svg("line", { x1: L0, y1: y(0), x2: W - R0, y2: y(0), stroke: "#999" }));
    chart.append(svg("line", { x1: L0, y1: T0, x2: L0, y2: y(0), stroke: "#999" }));
    for (const v of [0, top / 2, top / 1.05]) {
      const label = svg("text", { x: L0 - 4, y: y(v) + 3, "text-anchor": "end" });
      label.textContent = num(v);
      chart.append(label);
    }
    const band = points.map((p) => x(p.as_of) + "," + y(p.high)).concat(points.slice().reverse().map((p) => x(p.as_of) + "," + y(p.low)));
    chart.append(svg("polygon", { points: band.join(" "), fill: "#3498db", "fill-opacity": 0.25, class: "interval" }));
    chart.append(svg("polyline", { points: points.map((p) => x(p.as_of) + "," + y(p.median)).join(" "), fill: "none", stroke: "#1f5f8b", "stroke-width": 2, class: "median" }));
    for (const d of deadlines) {
      chart.append(svg("line", { x1: x(d.due), y1: T0, x2: x(d.due), y2: y(0), stroke: "#c0392b", "stroke-dasharray": "4 3", class: "deadline" }));
      const label = svg("text", { x: x(d.due) - 3, y: T0 + 10, "text-anchor": "end", fill: "#c0392b" });
      label.textContent = "deadline " + d.due + (d.probability === null ? "" : " (P met " + Math.round(d.probability * 100) + "%)");
      chart.append(label);
    }
    for (const d of [start, end]) {
      const label = svg("text", { x: x(d), y: H - 8, "text-anchor": d === start ? "start" : "end" });
      label.textContent = d;
      chart.append(label);
    }
    host.append(chart);
    const last = points[points.length - 1];
    note.textContent = "Median and 80% interval of personnel remaining; latest " + num(last.median) + " (" +
      num(last.low) + "–" + num(last.high) + ") as of " + last.as_of + "." +
      (summary.simulated_sorties ? " Includes sorties from SIMULATED ADS-B data." : "");
  }

  function renderTimelines() {
    const host = clear(document.getElementById("timelines"));
    const { summary, sites, claims } = state.data;
    const start = summary.case.start, end = summary.case.as_of;
    const span = Math.max(days(start, end), 1);
    const W = 800, H = 22;
    for (const site of sites) {
      const strip = svg("svg", { viewBox: "0 0 " + W + " " + H, width: "100%", height: H, preserveAspectRatio: "none" });
      for (const [day, status, p] of site.timeline || []) {
        const x0 = (W * days(start, day)) / span;
        strip.append(svg("rect", { x: x0, y: 4, width: Math.max(W / span, 1), height: 10, fill: STATUS_COLOURS[status] || "#ccc", "fill-opacity": 0.3 + 0.7 * p }));
      }
      for (const claim of claims) {
        if (claim.site !== site.site || !claim.event_date) continue;
        const dot = svg("circle", { cx: (W * days(start, claim.event_date)) / span, cy: 17, r: 3, fill: "#222", class: "evidence-dot" });
        const title = svg("title");
        title.textContent = claim.event_date + ": " + claim.action;
        dot.append(title);
        dot.addEventListener("click", () => openClaim(claim));
        strip.append(dot);
      }
      const row = el("div", { class: "timeline-row" + (state.site === site.site ? " selected" : ""), "data-site": site.site },
        el("span", { class: "timeline-name", text: site.name + " — " + STATUS_LABELS[site.status], onclick: () => selectSite(site.site) }), strip);
      host.append(row);
    }
    host.append(el("p", { class: "note", text: "Daily status from " + start + " to " + end + " (colour: status; strength: probability); dots: dated claims." }));
  }

  function distinct(key) {
    return Array.from(new Set(state.data.claims.map((c) => c[key]).filter((v) => v !== null && v !== undefined && v !== ""))).sort();
  }

  function renderFilters() {
    const host = clear(document.getElementById("filters"));
    const make = (name, label, values, labels) => {
      const select = el("select", { name: name, "data-filter": name, onchange: (e) => { state.filters[name] = e.target.value; if (name === "site") state.site = e.target.value; rerenderSelection(); } },
        el("option", { value: "", text: "all" }));
      for (const v of values) select.append(el("option", { value: v, text: labels ? labels(v) : v }));
      select.value = state.filters[name] || "";
      host.append(el("label", {}, label, select));
    };
    make("site", "Site", state.data.sites.map((s) => s.site).concat(distinct("site").filter((s) => !state.data.sites.some((x) => x.site === s))), siteName);
    make("action", "Action", distinct("action"));
    make("actor1", "Actor", distinct("actor1"));
    make("source_type", "Source type", distinct("source_type"));
    make("confirmation", "Confirmation", distinct("confirmation"));
    make("review", "Review", ["reviewed", "unreviewed"]);
    for (const [name, label] of [["since", "From"], ["until", "To"]]) {
      const input = el("input", { type: "date", name: name, "data-filter": name, onchange: (e) => { state.filters[name] = e.target.value; renderLedger(); } });
      input.value = state.filters[name] || "";
      host.append(el("label", {}, label, input));
    }
  }

  function matches(claim) {
    const f = state.filters;
    for (const key of ["site", "action", "actor1", "source_type", "confirmation", "review"]) {
      if (f[key] && claim[key] !== f[key]) return false;
    }
    if (f.since && !(claim.event_date && claim.event_date >= f.since)) return false;
    if (f.until && !(claim.event_date && claim.event_date <= f.until)) return false;
    return true;
  }

  function renderLedger() {
    const body = clear(document.querySelector("#ledger tbody"));
    const rows = state.data.claims.filter(matches);
    rows.sort((a, b) => (b.event_date || "").localeCompare(a.event_date || ""));
    document.getElementById("ledger-count").textContent =
      rows.length + " of " + state.data.claims.length + " claims" + (rows.length > MAX_ROWS ? "; the newest " + MAX_ROWS + " are shown" : "") + ". Click a row to read its report.";
    for (const claim of rows.slice(0, MAX_ROWS)) {
      const tr = el("tr", { class: "claim" + (state.selected === claim.id ? " selected" : ""), "data-claim": claim.id, "data-site": claim.site || "", onclick: () => openClaim(claim) },
        el("td", { text: claim.event_date || "undated" }),
        el("td", { text: siteName(claim.site) }),
        el("td", { text: claim.action + (claim.modality !== "asserted" ? " (" + claim.modality + ")" : "") }),
        el("td", { text: claim.quantity === null ? "" : num(claim.quantity) + " " + (claim.unit || "") }),
        el("td", { text: claim.confirmation }),
        el("td", { text: claim.source_type || "" }),
        el("td", {}, link(claim.source || "", claim.url)),
        el("td", { text: claim.credibility }),
        el("td", {}, el("span", { class: "tag " + claim.review, text: claim.review })),
        el("td", { class: "review-col" }, ...reviewButtons(claim)));
      body.append(tr);
    }
  }

  // --------------------------------------------------------------------------------------------- reviews

  function reviewButtons(claim) {
    if (embedded) return [];
    if (!state.token) return [el("span", { class: "note", text: "open the address with ?token= to review" })];
    const stop = (fn) => (e) => { e.stopPropagation(); fn(); };
    return [
      el("button", { type: "button", title: "The machine read this right", "data-verdict": "correct", onclick: stop(() => sendReview(claim, { verdict: "correct" })) }, "✓"),
      el("button", { type: "button", title: "Wrong: leave this claim out", "data-verdict": "wrong", onclick: stop(() => sendReview(claim, { verdict: "wrong" })) }, "✗"),
      el("button", { type: "button", title: "Edit site, action, quantity or confirmation", "data-verdict": "edit", onclick: stop(() => editForm(claim)) }, "✎"),
    ];
  }

  function editForm(claim) {
    const cell = document.querySelector('tr[data-claim="' + CSS.escape(claim.id) + '"] .review-col');
    if (!cell) return;
    clear(cell);
    const site = el("select", { name: "site" }, ...state.data.sites.map((s) => el("option", { value: s.site, text: s.name })));
    site.value = claim.site || "";
    const action = el("select", { name: "new_action" }, ...ACTIONS.map((a) => el("option", { value: a, text: a })));
    action.value = claim.action;
    const quantity = el("input", { type: "number", min: 0, step: "any", name: "quantity", value: claim.quantity === null ? "" : claim.quantity });
    const confirmation = el("select", { name: "confirmation" }, ...CONFIRMATIONS.map((c) => el("option", { value: c, text: c })));
    confirmation.value = claim.confirmation;
    const save = el("button", { type: "button", "data-verdict": "save" }, "save");
    save.addEventListener("click", (e) => {
      e.stopPropagation();
      const edits = { verdict: "edited" };
      if (site.value && site.value !== claim.site) edits.site = site.value;
      if (action.value !== claim.action) edits.new_action = action.value;
      if (quantity.value !== "" && Number(quantity.value) !== claim.quantity) edits.quantity = Number(quantity.value);
      if (confirmation.value !== claim.confirmation) edits.confirmation = confirmation.value;
      if (Object.keys(edits).length === 1) { say("Nothing changed."); return; }
      sendReview(claim, edits);
    });
    const form = el("div", { class: "edit-form", onclick: (e) => e.stopPropagation() }, site, action, quantity, confirmation, save);
    cell.append(form);
  }

  async function sendReview(claim, fields) {
    const body = { report_id: claim.report_id, span: [claim.span_start, claim.span_end], action: claim.action, ...fields };
    say("Saving review…");
    const response = await fetch("/api/reviews", {
      method: "POST", headers: { "Content-Type": "application/json", "X-Drawdown-Token": state.token }, body: JSON.stringify(body),
    });
    const answer = await response.json().catch(() => ({}));
    say(response.ok ? "Review saved; the assessment is being updated." : "Review refused: " + (answer.error || response.status));
  }

  function renderRejected() {
    const rejected = state.data.rejected || [];
    const panel = document.getElementById("rejected-panel");
    panel.hidden = embedded || !rejected.length;
    const host = clear(document.getElementById("rejected"));
    for (const claim of rejected) {
      const item = el("li", { "data-claim": claim.id },
        el("span", { text: (claim.event_date || "undated") + " · " + siteName(claim.site) + " · " + claim.action + " — " }),
        el("q", { text: claim.sentence || "" }), " ");
      if (state.token) {
        item.append(el("button", { type: "button", "data-verdict": "restore", title: "Undo: the claim counts again as the machine read it",
          onclick: () => removeReview(claim) }, "restore"));
      }
      host.append(item);
    }
  }

  async function removeReview(claim) {
    const body = { report_id: claim.report_id, span: [claim.span_start, claim.span_end], action: claim.action };
    say("Restoring the claim…");
    const response = await fetch("/api/reviews", {
      method: "DELETE", headers: { "Content-Type": "application/json", "X-Drawdown-Token": state.token }, body: JSON.stringify(body),
    });
    const answer = await response.json().catch(() => ({}));
    say(response.ok ? "Review removed; the assessment is being updated." : "Not restored: " + (answer.error || response.status));
  }

  // -------------------------------------------------------------------------------------------- reports

  async function openClaim(claim) {
    state.selected = claim.id;
    renderLedger();
    const panel = document.getElementById("report-panel");
    const report = await reportOf(claim.report_id);
    if (!report || state.selected !== claim.id) return; // another row was clicked while this report loaded
    panel.hidden = false;
    document.getElementById("report-title").textContent = report.title || "(untitled report)";
    const meta = clear(document.getElementById("report-meta"));
    meta.append(link(report.outlet || report.url || "source", report.url), " · " + (report.published || "undated") + " · claim: " + claim.action + " (" + claim.confirmation + ")");
    const text = clear(document.getElementById("report-text"));
    const body = report.text || "";
    const a = Math.max(0, Math.min(claim.span_start, body.length));
    const b = Math.max(a, Math.min(claim.span_end, body.length));
    const mark = el("mark", { class: "claim-span current", text: body.slice(a, b) });
    text.append(document.createTextNode(body.slice(0, a)), mark, document.createTextNode(body.slice(b)));
    mark.scrollIntoView({ block: "center" });
  }

  function renderSorties() {
    const body = clear(document.querySelector("#sorties tbody"));
    const { sorties, sortiesTotal } = state.data;
    const shown = sorties.slice(-200).reverse();
    document.getElementById("sorties-note").textContent = shown.length + " newest of " + sortiesTotal + " sorties." +
      (state.data.summary.simulated_sorties ? " Rows marked SIMULATED come from simulated ADS-B tracks, not observations." : "");
    for (const s of shown) {
      body.append(el("tr", { class: s.simulated ? "simulated" : "" },
        el("td", { text: s.time.replace("T", " ").slice(0, 16) }), el("td", { text: s.airfield }), el("td", { text: s.event }),
        el("td", { text: s.callsign || "" }), el("td", { text: s.type || "" }),
        el("td", { text: s.payload_low === null ? "" : num(s.payload_low) + "–" + num(s.payload_high) }),
        el("td", {}, s.simulated ? el("span", { class: "tag simulated", text: "SIMULATED" }) : el("span", { text: "observed" }))));
    }
  }

  function renderPlaces() {
    const host = clear(document.getElementById("places"));
    for (const place of state.data.places) host.append(el("li", { text: place.name + " — " + place.claims + " claim(s)" }));
    if (!state.data.places.length) host.append(el("li", { text: "none" }));
  }

  function renderBrief() {
    // Server-rendered from the brief's Markdown with raw HTML off and only http(s) links (report/html.py).
    document.getElementById("brief").innerHTML = state.data.brief_html;
  }

  function selectSite(id) {
    state.site = state.site === id ? "" : id;
    state.filters.site = state.site;
    const select = document.querySelector('select[data-filter="site"]');
    if (select) select.value = state.site;
    rerenderSelection();
  }

  function rerenderSelection() {
    renderMap();
    renderTimelines();
    renderLedger();
  }

  function renderAll() {
    renderHeader();
    renderMap();
    renderForce();
    renderTimelines();
    renderFilters();
    renderLedger();
    renderRejected();
    renderSorties();
    renderPlaces();
    renderBrief();
  }

  // ---------------------------------------------------------------------------------------------- start

  async function poll() {
    try {
      const summary = await getJson("/api/summary");
      if (summary.version !== state.version) {
        state.data = await loadLive();
        state.version = state.data.summary.version;
        renderAll();
        say("Updated " + new Date().toLocaleTimeString());
      }
    } catch (e) {
      say("Server not reachable; retrying.");
    }
    setTimeout(poll, POLL_MS);
  }

  async function start() {
    if (embedded) {
      const outlines = document.getElementById("drawdown-outlines");
      state.outlines = outlines ? JSON.parse(outlines.textContent) : null;
      state.data = loadEmbedded();
      renderAll();
      say("Report written " + state.data.summary.case.as_of + "; offline copy, reviews are made in the live dashboard.");
      return;
    }
    const params = new URLSearchParams(location.search);
    if (params.get("token")) {
      sessionStorage.setItem("drawdown-token", params.get("token"));
      history.replaceState(null, "", location.pathname);
    }
    state.token = sessionStorage.getItem("drawdown-token");
    state.outlines = await getJson("/static/vendor/countries-50m.json").catch(() => null);
    state.data = await loadLive();
    state.version = state.data.summary.version;
    renderAll();
    say("Live: updates every " + POLL_MS / 1000 + " s");
    setTimeout(poll, POLL_MS);
  }

  document.addEventListener("DOMContentLoaded", () => { start().catch((e) => say("Could not load: " + e.message)); });
})();
