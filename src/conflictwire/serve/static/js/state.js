// The page's state, kept in the address so that a view can be shared: the filters (the API's
// own parameter names), the map view, the open event or place, and the quotes view.

export const TEXT_FILTERS = ["actor", "country", "q", "since", "until"];

export function readState(search = window.location.search) {
  const p = new URLSearchParams(search);
  const state = { event_type: p.getAll("event_type").filter(Boolean) };
  for (const name of TEXT_FILTERS) state[name] = (p.get(name) || "").trim();
  state.view = parseView(p.get("view"));
  state.event = p.get("event") || null;
  state.place = /^-?\d+$/.test(p.get("place") || "") ? p.get("place") : null;
  state.quotes = p.has("quotes");
  state.speaker = p.get("speaker") || "";
  return state;
}

// "lat,lon,zoom" → {lat, lon, zoom}, or null when it is not three numbers in range.
function parseView(value) {
  const parts = (value || "").split(",").map(Number);
  if (parts.length !== 3 || parts.some((n) => !Number.isFinite(n))) return null;
  const [lat, lon, zoom] = parts;
  if (Math.abs(lat) > 90 || Math.abs(lon) > 540 || zoom < 0 || zoom > 18) return null;
  return { lat, lon, zoom };
}

// The API's filter parameters; with bbox when given (the map's visible area).
export function filterParams(state, { bbox = null, dates = true } = {}) {
  const p = new URLSearchParams();
  for (const type of state.event_type) p.append("event_type", type);
  for (const name of TEXT_FILTERS) {
    if ((name === "since" || name === "until") && !dates) continue;
    if (state[name]) p.set(name, state[name]);
  }
  if (bbox) p.set("bbox", bbox);
  return p;
}

export function writeState(state, { push = false } = {}) {
  const p = filterParams(state);
  if (state.view) {
    const { lat, lon, zoom } = state.view;
    p.set("view", `${lat.toFixed(4)},${lon.toFixed(4)},${zoom}`);
  }
  if (state.event) p.set("event", state.event);
  if (state.place) p.set("place", state.place);
  if (state.quotes) p.set("quotes", "1");
  if (state.quotes && state.speaker) p.set("speaker", state.speaker);
  const query = p.toString();
  const address = query ? `?${query}` : window.location.pathname;
  if (address === window.location.search || (!query && !window.location.search)) return;
  if (push) window.history.pushState(null, "", address);
  else window.history.replaceState(null, "", address);
}
