// The map page: reads its state from the address, loads the map, the histogram and the panel
// from the JSON API, and keeps the address up to date so a view can be shared.

import { getJSON } from "./api.js";
import { h } from "./dom.js";
import { EventMap } from "./map.js";
import { Histogram, intervalFor } from "./histogram.js";
import { clusterPanel, eventPanel, placePanel, placeResults, viewPanel } from "./panel.js";
import { quotesPanel, speakersPanel } from "./quotes.js";
import { TEXT_FILTERS, filterParams, readState, writeState } from "./state.js";

const MAX_POINTS = 1000;
const state = readState();
const panel = document.getElementById("panel");
const statusLine = document.getElementById("status");
const form = document.getElementById("filters");
let lastView = null; // the latest answer for the visible area
let stats = null;
let map = null;
let histogram = null;
let loading = 0; // the number of the latest map request: older answers are dropped
let panelPinned = false; // a cluster list or place search stays until closed

function say(message, { error = false } = {}) {
  statusLine.textContent = message;
  statusLine.classList.toggle("error", error);
}

function show(...content) {
  panel.replaceChildren(...content.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
  panel.scrollTop = 0;
}

function failed(what, error) {
  say(`${what}: ${error.message}`, { error: true });
}

// The filters from the form into the state, and back.
function readForm() {
  const type = form.elements.event_type.value;
  state.event_type = type ? [type] : [];
  for (const name of TEXT_FILTERS) state[name] = form.elements[name].value.trim();
}

function fillForm() {
  form.elements.event_type.value = state.event_type[0] || "";
  for (const name of TEXT_FILTERS) form.elements[name].value = state[name];
}

function updateDownloads() {
  const query = filterParams(state, { bbox: map ? map.bbox() : null }).toString();
  document.getElementById("dl-csv").setAttribute("href", `/api/events.csv${query ? `?${query}` : ""}`);
  document.getElementById("dl-geojson").setAttribute("href", `/api/events.geojson${query ? `?${query}` : ""}`);
}

async function refreshMap() {
  const mine = ++loading;
  const params = filterParams(state, { bbox: map.bbox() });
  params.set("zoom", String(Math.max(0, map.zoom() - 1)));
  params.set("limit", String(MAX_POINTS));
  say("Loading events…");
  try {
    const answer = await getJSON("/api/events", params);
    if (mine !== loading) return;
    lastView = answer;
    if (answer.aggregated) {
      map.drawCells(answer);
      say(`${answer.total.toLocaleString()} events in view, in ${answer.cells.length} grid cells (zoom in for single events)`);
    } else {
      map.drawEvents(answer.events);
      const drawn = answer.events.length < answer.total ? ` (the newest ${answer.events.length} drawn)` : "";
      say(`${answer.total.toLocaleString()} event${answer.total === 1 ? "" : "s"} in view${drawn}${describeFilters()}`);
    }
    if (!state.event && !state.place && !state.quotes && !panelPinned) showViewPanel();
  } catch (error) {
    if (mine === loading) failed("Could not load the events", error);
  }
}

function describeFilters() {
  const parts = [];
  if (state.event_type.length) parts.push(state.event_type.join(" or "));
  for (const [name, label] of [["actor", "actor"], ["country", "country"], ["q", "text"]]) {
    if (state[name]) parts.push(`${label} “${state[name]}”`);
  }
  if (state.since || state.until) parts.push(`${state.since || "…"} to ${state.until || "…"}`);
  return parts.length ? ` · ${parts.join(" · ")}` : "";
}

async function refreshHistogram() {
  if (!stats) return;
  const interval = intervalFor(stats.first, stats.last);
  const params = filterParams(state, { bbox: map.bbox(), dates: false });
  params.set("interval", interval);
  try {
    const answer = await getJSON("/api/events/histogram", params);
    histogram.draw(answer.buckets, answer.interval, state.since, state.until, [stats.first, stats.last]);
  } catch (error) {
    failed("Could not load the histogram", error);
  }
}

function showViewPanel() {
  panelPinned = false;
  if (lastView) show(viewPanel(lastView, { openEvent }));
}

function closePanel() {
  map.select(null);
  state.event = null;
  state.place = null;
  state.quotes = false;
  state.speaker = "";
  writeState(state, { push: true });
  showViewPanel();
}

// focus: centre the map on it (an address naming the event but no view).
async function openEvent(id, { push = true, focus = false } = {}) {
  Object.assign(state, { event: id, place: null, quotes: false, speaker: "" });
  map.select(null);
  if (push) writeState(state, { push: true });
  show(h("p", {}, "Loading the event…"));
  try {
    const event = await getJSON(`/api/events/${encodeURIComponent(id)}`);
    if (state.event !== id) return;
    map.select(event);
    if (focus && Number.isFinite(event.latitude)) map.flyTo(event.latitude, event.longitude, 6);
    show(eventPanel(event, { openPlace, onClose: closePanel, showOnMap: (e) => map.flyTo(e.latitude, e.longitude) }));
  } catch (error) {
    show(h("p", { class: "notice" }, `Could not load event ${id}: ${error.message}`));
  }
}

async function openPlace(geonameid, { push = true } = {}) {
  const id = String(geonameid);
  Object.assign(state, { event: null, place: id, quotes: false, speaker: "" });
  map.select(null);
  if (push) writeState(state, { push: true });
  show(h("p", {}, "Loading the place…"));
  const here = new URLSearchParams({ geonameid: id, limit: "100", mode: "points" });
  try {
    const [place, timeline, events] = await Promise.all([
      getJSON(`/api/places/${id}`),
      getJSON(`/api/places/${id}/timeline`),
      getJSON("/api/events", here),
    ]);
    if (state.place !== id) return;
    show(placePanel(place, timeline, events, { openEvent, onClose: closePanel, showOnMap: (p) => map.flyTo(p.latitude, p.longitude) }));
  } catch (error) {
    show(h("p", { class: "notice" }, `Could not load place ${id}: ${error.message}`));
  }
}

async function openSpeakers(query = "", { push = true } = {}) {
  Object.assign(state, { event: null, place: null, quotes: true, speaker: "" });
  map.select(null);
  if (push) writeState(state, { push: true });
  const params = new URLSearchParams({ limit: "200" });
  if (query) params.set("q", query);
  try {
    const answer = await getJSON("/api/speakers", params);
    show(speakersPanel(answer, query, { openSpeaker, search: (q) => openSpeakers(q), onClose: closePanel }));
  } catch (error) {
    show(h("p", { class: "notice" }, `Could not load the speakers: ${error.message}`));
  }
}

async function openSpeaker(speaker, { push = true } = {}) {
  Object.assign(state, { event: null, place: null, quotes: true, speaker });
  if (push) writeState(state, { push: true });
  try {
    const answer = await getJSON("/api/quotes", new URLSearchParams({ speaker, limit: "200" }));
    show(quotesPanel(speaker, answer, { openEvent, back: () => openSpeakers() }));
  } catch (error) {
    show(h("p", { class: "notice" }, `Could not load the quotes of ${speaker}: ${error.message}`));
  }
}

async function findPlace(query) {
  if (!query) return;
  try {
    const answer = await getJSON("/api/places", new URLSearchParams({ q: query }));
    panelPinned = true;
    show(placeResults(query, answer, { openPlace, onClose: closePanel }));
  } catch (error) {
    show(h("p", { class: "notice" }, `Could not search places: ${error.message}`));
  }
}

// The panel the state asks for (on load and when going back and forth in history).
function restorePanel({ focus = false } = {}) {
  if (state.event) openEvent(state.event, { push: false, focus });
  else if (state.place) openPlace(state.place, { push: false });
  else if (state.quotes && state.speaker) openSpeaker(state.speaker, { push: false });
  else if (state.quotes) openSpeakers("", { push: false });
  else showViewPanel();
}

function applyFilters() {
  writeState(state, { push: true });
  updateDownloads();
  refreshMap();
  refreshHistogram();
}

async function fillTypes() {
  const select = form.elements.event_type;
  const answer = await getJSON("/api/types");
  for (const t of answer.event_types) select.append(h("option", { value: t.event_type }, t.event_type));
  select.value = state.event_type[0] || "";
}

function wire() {
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    readForm();
    applyFilters();
  });
  document.getElementById("f-reset").addEventListener("click", () => {
    for (const name of TEXT_FILTERS) state[name] = "";
    state.event_type = [];
    fillForm();
    applyFilters();
  });
  document.getElementById("place-search").addEventListener("submit", (event) => {
    event.preventDefault();
    findPlace(event.target.elements.place.value.trim());
  });
  document.getElementById("show-quotes").addEventListener("click", () => openSpeakers());
  window.addEventListener("popstate", () => {
    Object.assign(state, readState());
    fillForm();
    if (state.view) map.setView(state.view);
    updateDownloads();
    refreshMap();
    refreshHistogram();
    restorePanel();
  });
  let resizing = null;
  window.addEventListener("resize", () => {
    clearTimeout(resizing);
    resizing = setTimeout(refreshHistogram, 200);
  });
}

async function start() {
  if (!window.L || !window.topojson) {
    say("The map's packages are not installed: run `make install` (it runs npm ci in web/), then restart `conflictwire serve`.", { error: true });
    return;
  }
  fillForm();
  wire();
  histogram = new Histogram(document.getElementById("histogram"), {
    onBrush: (since, until) => {
      state.since = since || "";
      state.until = until || "";
      fillForm();
      applyFilters();
    },
  });
  map = new EventMap(document.getElementById("map"), {
    onEvent: (id) => openEvent(id),
    onCluster: (events) => {
      panelPinned = true;
      show(clusterPanel(events, { openEvent, onClose: closePanel }));
    },
    onMove: () => {
      state.view = map.view();
      writeState(state);
      updateDownloads();
      refreshMap();
      refreshHistogram();
    },
  });
  try {
    await map.loadOutlines();
  } catch (error) {
    failed("Could not draw the countries", error);
  }
  try {
    [stats] = await Promise.all([getJSON("/api/stats"), fillTypes()]);
  } catch (error) {
    failed("Could not reach the API", error);
  }
  const focus = !state.view;
  map.setView(state.view); // fires moveend: the events and the histogram load
  restorePanel({ focus });
  document.body.dataset.ready = "true";
}

start();
