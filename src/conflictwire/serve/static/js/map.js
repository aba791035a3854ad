// The map: country outlines from the bundled Natural Earth data (world-atlas, drawn on a
// canvas; no tile server), the legend, and the events the API answers for the visible area:
// markers coloured by type, grouped into clusters where they would overlap, or the API's grid
// cells when more events match than a browser should draw.

import { h } from "./dom.js";
import { EVENT_TYPES, colourOf, dominantType, slug } from "./colors.js";

const L = window.L;
const CLUSTER_PIXELS = 36;
const OUTLINES = "/vendor/world-atlas/countries-50m.json";

function tooltip(...lines) {
  return h("div", {}, lines.filter(Boolean).map((line, i) => (i ? [h("br"), line] : line)));
}

// Natural Earth's rings that cross the 180th meridian (Russia, Fiji) jump from +180 to -180,
// which a flat map draws as a stripe across the world: such a ring is made continuous by
// shifting its points by 360°. Antarctica, which wraps the pole, is left out.
function unwrapRing(ring) {
  let shift = 0;
  return ring.map((point, i) => {
    if (i > 0) {
      const step = point[0] - ring[i - 1][0];
      if (step > 180) shift -= 360;
      else if (step < -180) shift += 360;
    }
    return [point[0] + shift, point[1]];
  });
}

function flatFeatures(collection) {
  const features = collection.features.filter((f) => f.geometry && f.properties.name !== "Antarctica");
  for (const f of features) {
    const g = f.geometry;
    if (g.type === "Polygon") g.coordinates = g.coordinates.map(unwrapRing);
    else if (g.type === "MultiPolygon") g.coordinates = g.coordinates.map((p) => p.map(unwrapRing));
  }
  return { type: "FeatureCollection", features };
}

function legend() {
  const control = L.control({ position: "bottomleft" });
  control.onAdd = () =>
    h(
      "div",
      { class: "legend", id: "legend" },
      h("h2", {}, "Event type"),
      h(
        "ul",
        {},
        EVENT_TYPES.map(([type]) =>
          h("li", {}, h("span", { class: `swatch t-${slug(type)}` }), type),
        ),
      ),
      h("p", { class: "meta" }, "Numbered circles: several events; click to zoom in"),
    );
  return control;
}

export class EventMap {
  // onEvent(id): a marker was clicked; onCluster(events): a group that cannot be split by
  // zooming (same place) was clicked; onMove(): the visible area changed.
  constructor(element, { onEvent, onCluster, onMove }) {
    this.onEvent = onEvent;
    this.onCluster = onCluster;
    this.map = L.map(element, {
      attributionControl: false,
      minZoom: 1,
      maxZoom: 13,
      worldCopyJump: false,
      maxBounds: [[-89, -360], [89, 360]],
    });
    L.control.attribution({ prefix: false }).addAttribution("Outlines: Natural Earth (world-atlas)").addTo(this.map);
    legend().addTo(this.map);
    this.layer = L.layerGroup().addTo(this.map);
    this.selected = L.layerGroup().addTo(this.map);
    this.map.on("moveend", () => onMove());
  }

  async loadOutlines() {
    const response = await fetch(OUTLINES);
    if (!response.ok) throw new Error(`country outlines: ${response.status} (run make install)`);
    const topology = await response.json();
    const countries = flatFeatures(window.topojson.feature(topology, topology.objects.countries));
    L.geoJSON(countries, {
      renderer: L.canvas({ padding: 0.5 }),
      interactive: false,
      style: { color: "#9aa5ad", weight: 0.7, fillColor: "#f6f3ec", fillOpacity: 1 },
    }).addTo(this.map);
  }

  setView(view) {
    if (view) this.map.setView([view.lat, view.lon], view.zoom, { animate: false });
    else this.map.setView([22, 20], 2, { animate: false });
  }

  view() {
    const c = this.map.getCenter();
    return { lat: c.lat, lon: c.lng, zoom: this.map.getZoom() };
  }

  // "minlon,minlat,maxlon,maxlat" of the visible area (the API clips it to the world).
  bbox() {
    const b = this.map.getBounds();
    const round = (n) => n.toFixed(4);
    return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map(round).join(",");
  }

  // A ring around the open event's place (none: clear it).
  select(event) {
    this.selected.clearLayers();
    if (!event || !Number.isFinite(event.latitude) || !Number.isFinite(event.longitude)) return;
    L.circleMarker([event.latitude, event.longitude], {
      radius: 15,
      color: "#111",
      weight: 3,
      fill: false,
      interactive: false,
      className: "cw-selected",
    }).addTo(this.selected);
  }

  zoom() {
    return this.map.getZoom();
  }

  flyTo(lat, lon, zoom = 8) {
    this.map.setView([lat, lon], Math.max(zoom, this.map.getZoom()));
  }

  // A numbered circle (clusters and cells), coloured by the type most of its events have.
  counted(latlng, count, byType, kind, size) {
    const icon = L.divIcon({
      className: `${kind} t-${slug(dominantType(byType))}`,
      html: h("span", {}, count.toLocaleString()),
      iconSize: [size, size],
    });
    const marker = L.marker(latlng, { icon, keyboard: true, title: `${count} events` });
    marker.bindTooltip(
      tooltip(`${count.toLocaleString()} events`, ...Object.entries(byType).map(([t, n]) => `${t}: ${n}`)),
    );
    marker.addTo(this.layer);
    marker.getElement()?.setAttribute("data-count", String(count));
    return marker;
  }

  drawCells(answer) {
    this.layer.clearLayers();
    const biggest = Math.max(1, ...answer.cells.map((c) => c.count));
    for (const cell of answer.cells) {
      const size = Math.round(22 + 20 * Math.sqrt(cell.count / biggest));
      const marker = this.counted([cell.center[1], cell.center[0]], cell.count, cell.by_type, "cw-cell", size);
      marker.on("click", () => {
        const [w, s, e, n] = cell.bounds;
        this.map.fitBounds([[s, w], [n, e]]);
      });
    }
  }

  // Events closer on the screen than CLUSTER_PIXELS to a group's first event join that group
  // (greedy, newest first), so numbered circles do not overlap.
  drawEvents(events) {
    this.layer.clearLayers();
    const groups = [];
    for (const event of events) {
      if (!Number.isFinite(event.latitude) || !Number.isFinite(event.longitude)) continue;
      const point = this.map.latLngToLayerPoint([event.latitude, event.longitude]);
      const near = groups.find((g) => g.point.distanceTo(point) < CLUSTER_PIXELS);
      if (near) near.events.push(event);
      else groups.push({ point, events: [event] });
    }
    for (const group of groups) {
      if (group.events.length === 1) this.marker(group.events[0]);
      else this.cluster(group.events);
    }
  }

  marker(event) {
    const marker = L.circleMarker([event.latitude, event.longitude], {
      radius: 7,
      color: "#222",
      weight: 1,
      fillColor: colourOf(event.event_type),
      fillOpacity: 0.9,
      className: `cw-marker cw-type-${slug(event.event_type)}`,
    });
    marker.bindTooltip(
      tooltip(
        `${event.event_date || "undated"} · ${event.sub_event_type || event.event_type}`,
        [event.location, event.country].filter(Boolean).join(", "),
        [event.actor1, event.actor2].filter(Boolean).join(" vs "),
      ),
    );
    marker.on("click", () => this.onEvent(event.id));
    marker.addTo(this.layer);
    const path = marker.getElement();
    if (path) {
      path.setAttribute("data-event-id", event.id);
      path.setAttribute("data-event-type", event.event_type || "");
    }
  }

  cluster(group) {
    const bounds = L.latLngBounds(group.map((e) => [e.latitude, e.longitude]));
    const byType = {};
    for (const e of group) byType[e.event_type] = (byType[e.event_type] || 0) + 1;
    const size = Math.round(22 + 4 * Math.log2(group.length));
    const marker = this.counted(bounds.getCenter(), group.length, byType, "cw-cluster", size);
    marker.on("click", () => {
      const spread = !bounds.getNorthEast().equals(bounds.getSouthWest());
      if (spread && this.map.getZoom() < this.map.getMaxZoom()) {
        this.map.fitBounds(bounds.pad(0.3), { maxZoom: this.map.getMaxZoom() });
      } else this.onCluster(group);
    });
  }
}
