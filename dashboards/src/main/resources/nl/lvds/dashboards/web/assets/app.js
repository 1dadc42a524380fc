// The analyst dashboard. All data-derived text goes through textContent (never innerHTML), so a
// payload in top terms or incident summaries is shown as text, never run.
"use strict";
(function () {
  const I = window.LVDS_I18N;
  const t = I.t;
  // Schematic tile map of Rotterdam's 14 districts: [column, row], west to east, north to south.
  const TILE_POS = {
    "Overschie": [3, 1], "Hillegersberg-Schiebroek": [4, 1], "Prins Alexander": [6, 1],
    "Hoek van Holland": [1, 2], "Delfshaven": [3, 2], "Noord": [4, 2], "Kralingen-Crooswijk": [5, 2],
    "Rozenburg": [1, 3], "Pernis": [2, 3], "Centrum": [4, 3],
    "Hoogvliet": [2, 4], "Charlois": [3, 4], "Feijenoord": [4, 4], "IJsselmonde": [5, 4]
  };
  let session = null;
  let overview = null;
  let alerts = [];
  let chart = null;
  let lastSeries = null;

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }
  function fmtTime(ms) {
    if (!ms) { return "–"; }
    return new Date(ms).toLocaleString(I.locale(), { dateStyle: "medium", timeStyle: "short" });
  }
  function areaName(a) { return a === "city" ? t("city") : a; }
  function topicName(x) { return t("topic_" + x); }

  async function api(path, opts) {
    const o = opts || {};
    o.credentials = "same-origin";
    o.headers = Object.assign({ "Accept": "application/json" }, o.headers || {});
    if (o.method && o.method !== "GET" && session) { o.headers["X-CSRF-Token"] = session.csrf; }
    const res = await fetch(path, o);
    if (res.status === 401) { window.location.assign("/login"); throw new Error("login required"); }
    return res;
  }

  function fillSelect(sel, values, label) {
    const keep = sel.value;
    clear(sel);
    values.forEach(function (v) {
      const o = el("option", null, label(v));
      o.value = v;
      sel.appendChild(o);
    });
    if (keep && values.indexOf(keep) >= 0) { sel.value = keep; }
  }

  function cellFor(area, topic, win) {
    if (!overview) { return null; }
    for (const c of overview.cells) {
      if (c.area === area && c.topic === topic && c.window === win) { return c; }
    }
    return null;
  }

  // The provisional value (early result) of a cell's open hour, if the server holds one that is
  // newer than the cell's final value. Only 1 h windows have one.
  function earlyFor(area, topic, win) {
    if (!overview || !overview.early || win !== "1h") { return null; }
    const fin = cellFor(area, topic, win);
    for (const c of overview.early) {
      if (c.area === area && c.topic === topic) {
        return fin && fin.windowEnd >= c.windowEnd ? null : c;
      }
    }
    return null;
  }

  function describe(c) {
    if (!c) { return { num: "–", arrow: "", label: t("noData"), cls: "band-none" }; }
    if (c.suppressed) { return { num: "", arrow: "", label: t("suppressed"), cls: "band-suppressed" }; }
    const arrow = c.trend === "up" ? " ▲" : c.trend === "down" ? " ▼" : c.trend === "flat" ? " ▶" : "";
    return { num: String(Math.round(c.tensionIndex)), arrow: arrow, label: t("band_" + c.band), cls: "band-" + c.band };
  }

  // Activity next to tension: stories in the hour against the count expected for that hour, so a
  // district where much happens never reads just "calm". Without an expected count (older
  // indicators) the signals and their baseline.
  function activityOf(c) {
    if (!c || c.suppressed) { return null; }
    if (c.stories !== undefined && c.expected !== undefined) {
      return { text: t("activity", { n: c.stories, e: fmtNum(c.expected) }), unusual: c.activity === "unusual" };
    }
    if (c.signals !== undefined) {
      return { text: c.signals + " " + t("signals") + (c.baselineMean !== undefined ? " · " + t("baseline") + " " + c.baselineMean : ""), unusual: false };
    }
    return null;
  }
  function fmtNum(x) {
    return Number(x).toLocaleString(I.locale(), { maximumFractionDigits: 1 });
  }

  function renderOverview() {
    if (!overview) { return; }
    const topic = document.getElementById("ov-topic").value || "all";
    const win = document.getElementById("ov-window").value || "1h";
    document.getElementById("as-of").textContent = fmtTime(overview.asOf);
    const tiles = document.getElementById("tiles");
    tiles.setAttribute("aria-label", t("overviewTitle"));
    // Live updates re-render the tiles (provisional ones twice a second): keep keyboard focus.
    const focused = document.activeElement && document.activeElement.closest ? document.activeElement.closest(".tile") : null;
    const focusedArea = focused && tiles.contains(focused) ? focused.dataset.area : null;
    clear(tiles);
    overview.areas.filter(function (a) { return a !== "city"; }).forEach(function (area) {
      const fin = cellFor(area, topic, win);
      const early = earlyFor(area, topic, win);
      // The open hour's provisional value, when there is one, until its final replaces it.
      const c = early || fin;
      const d = describe(c);
      const act = early ? null : activityOf(c);
      const li = el("li", "tile " + d.cls + (early ? " provisional" : "") + (act && act.unusual ? " activity-unusual" : ""));
      li.id = "tile-" + area.replace(/[^A-Za-z0-9]/g, "_");
      li.dataset.area = area;
      li.dataset.provisional = early ? "true" : "false";
      li.dataset.activity = act ? (act.unusual ? "unusual" : "usual") : "none";
      const pos = TILE_POS[area];
      if (pos) { li.style.gridColumn = String(pos[0]); li.style.gridRow = String(pos[1]); }
      // The button's name is its visible text (no aria-label that could drift from it); the
      // trend arrow is decoration with its words beside it for screen readers.
      const btn = el("button", "tile-button");
      btn.type = "button";
      const name = el("span", "tile-name", area);
      if (early) { name.appendChild(el("span", "badge-provisional", t("provisional"))); }
      btn.appendChild(name);
      const num = el("span", "tile-num", d.num);
      if (d.arrow) {
        const arrow = el("span", null, d.arrow);
        arrow.setAttribute("aria-hidden", "true");
        num.appendChild(arrow);
        num.appendChild(el("span", "sr-only", " " + t("trend_" + c.trend)));
      }
      btn.appendChild(num);
      btn.appendChild(el("span", "tile-label", d.label));
      if (early) {
        if (!early.suppressed && early.signals !== undefined) {
          btn.appendChild(el("span", "tile-extra", t("signalsSoFar", { n: early.signals })));
        }
        if (fin && !fin.suppressed && fin.tensionIndex !== undefined) {
          btn.appendChild(el("span", "tile-extra tile-final", t("lastFinal", { v: Math.round(fin.tensionIndex) })));
        }
      } else if (act) {
        btn.appendChild(el("span", "tile-extra tile-activity", act.text));
        if (act.unusual) { btn.appendChild(el("span", "badge-activity", t("activityUnusual"))); }
      }
      btn.addEventListener("click", function () {
        document.getElementById("s-area").value = area;
        document.getElementById("s-topic").value = topic;
        loadSeries();
        document.getElementById("series-h").scrollIntoView();
      });
      li.appendChild(btn);
      tiles.appendChild(li);
      if (area === focusedArea) { btn.focus(); }
    });
    const cityEarly = earlyFor("city", topic, win);
    const city = cityEarly || cellFor("city", topic, win);
    const cd = describe(city);
    const cs = document.getElementById("city-summary");
    clear(cs);
    cs.dataset.provisional = cityEarly ? "true" : "false";
    cs.appendChild(el("strong", null, t("city") + ": "));
    cs.appendChild(el("span", "city-num" + (cityEarly ? " provisional-text" : ""), (cd.num ? cd.num + " – " : "") + cd.label));
    if (cityEarly) { cs.appendChild(el("span", "badge-provisional", t("provisional"))); }
    const cityAct = cityEarly ? null : activityOf(city);
    if (cityAct) {
      cs.appendChild(el("span", "city-activity", " · " + cityAct.text));
      if (cityAct.unusual) { cs.appendChild(el("span", "badge-activity", t("activityUnusual"))); }
    }
  }

  // Merges pushed provisional cells into the overview (newest per area and topic).
  function mergeEarly(cells) {
    if (!overview) { return; }
    const list = (overview.early || []).filter(function (x) {
      return !cells.some(function (c) { return c.area === x.area && c.topic === x.topic; });
    });
    overview.early = list.concat(cells);
  }

  async function loadOverview() {
    const res = await api("/api/overview");
    overview = await res.json();
    renderOverview();
  }

  // Alert groups: one item per group (its latest record), newest first; a summary line that says
  // what, where and why now, and the group's cells and facts when opened.
  const openGroups = new Set();
  function list(xs, f) { return (xs || []).map(f).join(", "); }
  function whyNow(o, e, p, rule) {
    if (o === undefined || o === null) { return null; }
    let s = t(rule === "hostility" ? "whyHostile" : "whyStories", { n: o });
    s += e !== undefined && e !== null ? ", " + t("expectedN", { e: fmtNum(e) }) : ", " + t("noExpected");
    if (p !== undefined && p !== null) { s += " (p " + (p < 0.001 ? "" : "= ") + pText(p) + ")"; }
    return s;
  }
  function pText(p) {
    if (p === undefined || p === null) { return "–"; }
    return p < 0.001 ? "< " + (0.001).toLocaleString(I.locale()) : Number(p).toLocaleString(I.locale(), { maximumFractionDigits: 3 });
  }
  function ruleName(r) { const k = "rule_" + r; const s = t(k); return s === k ? r : s; }

  function renderAlerts() {
    const listEl = document.getElementById("alerts");
    clear(listEl);
    document.getElementById("alerts-empty").hidden = alerts.length > 0;
    alerts.forEach(function (a) {
      const coordinated = a.kind === "coordinated";
      const li = el("li", "alert alert-" + a.level + (coordinated ? " alert-coordinated" : "") + (a.status === "closed" ? " alert-closed" : ""));
      li.dataset.alertId = a.id;
      li.dataset.kind = a.kind || "event";
      li.dataset.status = a.status || "raised";
      const det = el("details", "alert-details");
      if (openGroups.has(a.id)) { det.open = true; }
      det.addEventListener("toggle", function () { if (det.open) { openGroups.add(a.id); } else { openGroups.delete(a.id); } });
      const sum = el("summary", "alert-head");
      sum.appendChild(el("span", "badge badge-" + a.level, t("level_" + a.level)));
      if (coordinated) { sum.appendChild(el("span", "badge badge-coordinated", t("kind_coordinated"))); }
      const areas = a.areas && a.areas.length ? a.areas : [a.area];
      const topics = a.topics && a.topics.length ? a.topics : [a.topic];
      sum.appendChild(el("strong", "alert-where", " " + list(areas, areaName) + " · " + list(topics, topicName)));
      if (a.status) { sum.appendChild(el("span", "alert-status", " · " + t("status_" + a.status))); }
      const since = a.openedAt && a.openedAt !== a.raisedAt ? t("since", { t: fmtTime(a.openedAt) }) + " · " + t("latest", { t: fmtTime(a.raisedAt) }) : fmtTime(a.raisedAt);
      sum.appendChild(el("span", "alert-time", " · " + since));
      const why = coordinated
        ? [a.copies !== undefined ? t("copiesN", { n: a.copies }) : null, a.authors !== undefined ? t("authorsN", { n: a.authors }) : null].filter(Boolean).join(", ")
        : whyNow(a.observed, a.expected, a.pValue, a.rule);
      if (why) { sum.appendChild(el("span", "alert-why", t("whyNow") + ": " + why)); }
      sum.appendChild(el("span", "alert-terms", t("topTerms") + ": " + ((a.topTerms && a.topTerms.length) ? a.topTerms.join(", ") : t("none"))));
      det.appendChild(sum);
      const dl = el("dl", "facts");
      function row(k, v) { dl.appendChild(el("dt", null, t(k))); dl.appendChild(el("dd", null, v)); }
      if (a.maxLevel && a.maxLevel !== a.level) { row("maxLevel", t("level_" + a.maxLevel)); }
      row("rule", ruleName(a.rule) + " · " + t("index") + " " + Math.round(a.tensionIndex) + (a.zScore !== undefined ? " · z " + a.zScore : ""));
      row("incidents", (a.incidentIds && a.incidentIds.length) ? a.incidentIds.join(", ") : t("none"));
      row("corroboration", (a.corroboration && a.corroboration.length) ? a.corroboration.join(", ") : t("none"));
      row("records", String((a.update || 0) + 1));
      det.appendChild(dl);
      if (a.cells && a.cells.length) {
        const table = el("table", "alert-cells");
        table.appendChild(el("caption", null, t("cellsCaption")));
        const head = el("tr");
        ["colArea", "topic", "colLevel", "colTest", "colObserved", "colExpected", "colP"].forEach(function (k) {
          const th = el("th", null, t(k)); th.scope = "col"; head.appendChild(th);
        });
        const thead = el("thead"); thead.appendChild(head); table.appendChild(thead);
        const tb = el("tbody");
        a.cells.forEach(function (c) {
          const tr = el("tr");
          [areaName(c.area), topicName(c.topic), t("level_" + c.level), ruleName(c.rule),
            c.observed !== undefined ? c.observed : "–", c.expected !== undefined ? fmtNum(c.expected) : "–", pText(c.pValue)]
            .forEach(function (v) { tr.appendChild(el("td", null, v)); });
          tb.appendChild(tr);
        });
        table.appendChild(tb);
        det.appendChild(table);
      }
      li.appendChild(det);
      if (a.acknowledgedBy) {
        li.appendChild(el("p", "ack", t("acknowledgedBy") + " " + a.acknowledgedBy + " " + t("at") + " " + fmtTime(Date.parse(a.acknowledgedAt))));
      } else if (session && session.canAcknowledge) {
        const b = el("button", "button secondary ack-button", t("acknowledge"));
        b.type = "button";
        b.addEventListener("click", async function () {
          b.disabled = true;
          const res = await api("/api/alerts/" + encodeURIComponent(a.id) + "/ack", { method: "POST" });
          if (res.ok) {
            const updated = await res.json();
            alerts = alerts.map(function (x) { return x.id === updated.id ? updated : x; });
            renderAlerts();
          } else { b.disabled = false; }
        });
        li.appendChild(b);
      }
      listEl.appendChild(li);
    });
  }

  async function loadAlerts() {
    const res = await api("/api/alerts");
    alerts = (await res.json()).alerts;
    renderAlerts();
  }

  function renderSeries() {
    const s = lastSeries;
    const summary = document.getElementById("series-summary");
    const tbody = document.querySelector("#series-table tbody");
    clear(tbody);
    if (!s) { return; }
    // The chart is an image with a name; its numbers are in the summary and the table.
    document.getElementById("chart").setAttribute("aria-label", t("chartLabel", { area: areaName(s.area), topic: topicName(s.topic) }));
    const pts = s.points.filter(function (p) { return !p.suppressed; });
    const lastEnd = s.points.length ? s.points[s.points.length - 1].windowEnd : 0;
    // The open hour's provisional value: shown after the series, marked, never as one of its points.
    const prov = s.provisional && s.provisional.windowEnd > lastEnd ? s.provisional : null;
    s.points.forEach(function (p) {
      const tr = el("tr");
      tr.appendChild(el("td", null, fmtTime(p.windowEnd)));
      tr.appendChild(el("td", null, p.suppressed ? t("suppressed") : Math.round(p.tensionIndex)));
      tr.appendChild(el("td", null, p.suppressed ? "" : p.signals));
      tr.appendChild(el("td", null, p.suppressed || p.baselineMean === undefined ? "" : p.baselineMean));
      tbody.appendChild(tr);
    });
    if (prov) {
      const tr = el("tr", "row-provisional");
      tr.appendChild(el("td", null, fmtTime(prov.windowEnd) + " (" + t("provisional") + ")"));
      tr.appendChild(el("td", null, prov.suppressed ? t("suppressed") : Math.round(prov.tensionIndex)));
      tr.appendChild(el("td", null, prov.suppressed ? "" : t("signalsSoFar", { n: prov.signals })));
      tr.appendChild(el("td", null, ""));
      tbody.appendChild(tr);
    }
    if (s.points.length === 0) {
      summary.textContent = t("seriesEmpty");
    } else {
      const last = s.points[s.points.length - 1];
      const max = pts.reduce(function (m, p) { return Math.max(m, p.tensionIndex); }, 0);
      summary.textContent = t("seriesSummary", {
        area: areaName(s.area), topic: topicName(s.topic), n: s.points.length,
        last: last.suppressed ? t("suppressed") : Math.round(last.tensionIndex),
        max: Math.round(max), inc: s.incidents.length, al: s.alerts.length
      });
    }
    if (prov && !prov.suppressed) {
      summary.textContent += " " + t("seriesProvisional", { v: Math.round(prov.tensionIndex) });
    }
    if (!window.Chart) { return; }
    const data = {
      datasets: [
        { type: "line", label: t("index"), data: pts.map(function (p) { return { x: p.windowEnd, y: p.tensionIndex }; }),
          borderColor: "#154273", backgroundColor: "#154273", pointRadius: 2, spanGaps: false },
        { type: "scatter", label: t("incidentMark"), data: s.incidents.map(function (i) { return { x: i.ts, y: 2 }; }),
          pointStyle: "triangle", pointRadius: 7, borderColor: "#5a2d0c", backgroundColor: "#e17000" },
        { type: "scatter", label: t("alertMark"), data: s.alerts.map(function (a) { return { x: a.raisedAt, y: a.tensionIndex }; }),
          pointStyle: "rectRot", pointRadius: 8, borderColor: "#7a0f0f", backgroundColor: "#d52b1e" }
      ]
    };
    if (prov && !prov.suppressed) {
      // Dashed from the last final point to a hollow provisional point.
      const lastPt = pts.length && pts[pts.length - 1].windowEnd === lastEnd ? [{ x: lastEnd, y: pts[pts.length - 1].tensionIndex }] : [];
      data.datasets.push({ type: "line", label: t("provisional"),
        data: lastPt.concat([{ x: prov.windowEnd, y: prov.tensionIndex }]),
        borderColor: "#154273", backgroundColor: "#ffffff", borderDash: [6, 4], borderWidth: 2, clip: false,
        pointRadius: lastPt.length ? [0, 5] : [5], pointBorderWidth: 2 });
    }
    const options = {
      animation: false, responsive: true, maintainAspectRatio: false,
      scales: {
        x: { type: "linear", min: s.from, max: prov ? Math.max(s.to, prov.windowEnd) : s.to, ticks: { maxTicksLimit: 8, callback: function (v) { return fmtTime(v); } } },
        y: { min: 0, max: 100, title: { display: true, text: t("index") } }
      },
      plugins: { legend: { labels: { usePointStyle: true } },
        tooltip: { callbacks: { title: function (items) { return items.length ? fmtTime(items[0].parsed.x) : ""; } } } }
    };
    if (chart) { chart.destroy(); }
    chart = new window.Chart(document.getElementById("chart"), { data: data, options: options });
  }

  async function loadSeries() {
    const q = new URLSearchParams({
      area: document.getElementById("s-area").value,
      topic: document.getElementById("s-topic").value,
      window: document.getElementById("s-window").value,
      range: document.getElementById("s-range").value
    });
    const err = document.getElementById("series-error");
    const res = await api("/api/series?" + q.toString());
    if (res.status === 403) {
      err.textContent = t("refused");
      err.hidden = false;
      lastSeries = null;
      return;
    }
    err.hidden = true;
    lastSeries = await res.json();
    renderSeries();
  }

  async function loadSources() {
    if (!session.canSeeSources) { document.getElementById("sources-panel").hidden = true; return; }
    const res = await api("/api/sources");
    const h = await res.json();
    const dl = document.getElementById("sources");
    clear(dl);
    function row(k, v) { dl.appendChild(el("dt", null, t(k))); dl.appendChild(el("dd", null, v)); }
    row("restored", h.restored ? t("yes") : t("no"));
    row("consumerLag", h.consumerLag);
    row("indicatorsConsumed", h.indicatorsConsumed);
    row("alertsConsumed", h.alertsConsumed);
    row("incidentsConsumed", h.incidentsConsumed);
    row("earlyConsumed", h.earlyConsumed);
    row("earlyHeld", h.earlyHeld);
    row("deadLetters", h.deadLetters);
    row("deadLetterRate", (100 * h.deadLetterRate).toFixed(2) + " %");
    row("modelVersion", h.modelVersion || "–");
    row("lastEventTime", fmtTime(h.lastEventTime));
    row("lastUpdate", fmtTime(h.lastUpdate));
    row("gapsLast24h", h.gapsLast24h);
    const list = h.hours.map(function (r) {
      return r.gap ? "–" : r.suppressed ? "·" : String(r.signals);
    }).join(" ");
    document.getElementById("sources-hours").textContent = t("hoursLine", { list: list || "–" });
  }

  function connectLive() {
    const status = document.getElementById("live-status");
    const es = new EventSource("/api/events");
    let timer = null;
    es.addEventListener("open", function () { status.textContent = t("liveOn"); status.dataset.state = "on"; });
    es.addEventListener("error", function () { status.textContent = t("liveOff"); status.dataset.state = "off"; });
    es.addEventListener("indicators", function () {
      // Debounced refetch: one request for a burst of updates. Final values replace provisional
      // ones: the refetched overview and series no longer hold those.
      if (timer) { return; }
      timer = setTimeout(function () {
        timer = null;
        loadOverview();
        if (lastSeries && lastSeries.window === "1h") { loadSeries(); }
        if (session.canSeeSources) { loadSources(); }
      }, 300);
    });
    es.addEventListener("early", function (ev) {
      // Provisional values of open hours (the server sends at most two of these a second).
      const cells = JSON.parse(ev.data).cells || [];
      mergeEarly(cells);
      renderOverview();
      if (lastSeries && lastSeries.window === "1h") {
        const mine = cells.filter(function (c) { return c.area === lastSeries.area && c.topic === lastSeries.topic; });
        if (mine.length) { lastSeries.provisional = mine[mine.length - 1]; renderSeries(); }
      }
    });
    es.addEventListener("alert", function (ev) {
      const a = JSON.parse(ev.data);
      if (!a.id) { return; }
      // The latest record of a group replaces the one shown (the server sends only newer ones).
      alerts = [a].concat(alerts.filter(function (x) { return x.id !== a.id; }));
      alerts.sort(function (x, y) { return y.raisedAt - x.raisedAt || (x.id < y.id ? -1 : 1); });
      renderAlerts();
    });
  }

  async function init() {
    const res = await api("/api/session");
    session = await res.json();
    document.getElementById("user-info").textContent = session.user + " (" + session.role + ")";
    fillSelect(document.getElementById("ov-topic"), session.topics, topicName);
    fillSelect(document.getElementById("s-topic"), session.topics, topicName);
    fillSelect(document.getElementById("s-area"), session.areas, areaName);
    if (session.minGranularity.window === "24h") { document.getElementById("s-window").value = "24h"; }
    ["ov-topic", "ov-window"].forEach(function (id) { document.getElementById(id).addEventListener("change", renderOverview); });
    ["s-area", "s-topic", "s-window", "s-range"].forEach(function (id) { document.getElementById(id).addEventListener("change", loadSeries); });
    document.getElementById("logout").addEventListener("click", async function () {
      const res = await api("/logout", { method: "POST" });
      let next = "/login";
      try { const body = await res.json(); if (body && typeof body.redirect === "string") { next = body.redirect; } } catch (e) { /* keep /login */ }
      // Only our own login page or the identity provider's logout page (an absolute https URL).
      window.location.assign(next === "/login" || /^https?:\/\//.test(next) ? next : "/login");
    });
    I.onChange(function () {
      fillSelect(document.getElementById("ov-topic"), session.topics, topicName);
      fillSelect(document.getElementById("s-topic"), session.topics, topicName);
      fillSelect(document.getElementById("s-area"), session.areas, areaName);
      renderOverview(); renderAlerts(); renderSeries(); loadSources();
    });
    await Promise.all([loadOverview(), loadAlerts(), loadSeries(), loadSources()]);
    connectLive();
    document.body.dataset.ready = "true";
  }
  document.addEventListener("DOMContentLoaded", function () { init(); });
})();
