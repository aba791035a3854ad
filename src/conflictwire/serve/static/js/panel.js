// The side panel: the events in view, one event (its fields, its sources and each report's
// text with the evidence spans highlighted), a place (its control timeline and its events),
// and place search results. Every value from the store is shown as text.

import { button, fields, h, outsideLink } from "./dom.js";
import { slug } from "./colors.js";
import { highlighted, key, spanText, validSpans } from "./evidence.js";

const PRECISION = { 1: "day", 2: "week", 3: "month" };
const GEO_PRECISION = { 1: "the place itself", 2: "near the place", 3: "the region" };

function swatch(type) {
  return h("span", { class: `swatch t-${slug(type)}`, title: type || "unknown type" });
}

function closer(onClose) {
  return button("Close ×", onClose, { class: "link close", "aria-label": "Close" });
}

// A list of event summaries; each opens its event.
export function eventList(events, openEvent) {
  return h(
    "ol",
    { class: "events" },
    events.map((e) =>
      h(
        "li",
        { dataset: { eventId: e.id } },
        swatch(e.event_type),
        button(`${e.sub_event_type || e.event_type} — ${e.location || "unknown place"}`, () => openEvent(e.id)),
        h(
          "div",
          { class: "meta" },
          [e.event_date || "undated", e.country, [e.actor1, e.actor2].filter(Boolean).join(" vs ")]
            .filter(Boolean)
            .join(" · "),
          e.reports > 1 ? ` · ${e.reports} reports` : "",
        ),
      ),
    ),
  );
}

export function viewPanel(answer, { openEvent }) {
  if (answer.aggregated) {
    const byType = {};
    for (const cell of answer.cells) for (const [t, n] of Object.entries(cell.by_type)) byType[t] = (byType[t] || 0) + n;
    return [
      h("h2", {}, `${answer.total.toLocaleString()} events in view`),
      h("p", { class: "notice" }, "Too many to draw one by one: shown as grid cells. Zoom in or filter to list them."),
      h("ul", { class: "plain" }, Object.entries(byType).map(([t, n]) => h("li", {}, swatch(t), `${t}: ${n.toLocaleString()}`))),
    ];
  }
  const shown = answer.events.length;
  return [
    h("h2", {}, `${answer.total.toLocaleString()} event${answer.total === 1 ? "" : "s"} in view`),
    answer.total > shown ? h("p", { class: "notice" }, `The newest ${shown} are drawn and listed; zoom in or filter to see the rest.`) : null,
    answer.total ? h("p", { class: "meta" }, "Newest first. Click an event or a marker for its sources and evidence.") : h("p", {}, "No events match here: zoom out or change the filters."),
    eventList(answer.events, openEvent),
  ];
}

export function clusterPanel(events, { openEvent, onClose }) {
  return [closer(onClose), h("h2", {}, `${events.length} events at one place`), eventList(events, openEvent)];
}

function when(record) {
  if (!record.event_date) return "undated";
  const precision = PRECISION[record.time_precision];
  return precision && precision !== "day" ? `${record.event_date} (within a ${precision})` : record.event_date;
}

function placeButton(record, openPlace) {
  const name = [record.location, record.admin1, record.country].filter(Boolean).join(", ");
  if (record.geonameid === null || record.geonameid === undefined) return name || null;
  return button(name || `place ${record.geonameid}`, () => openPlace(record.geonameid), { class: "link place-link" });
}

function report(r, index) {
  const text = (r.article && r.article.text) || "";
  const spans = validSpans(r.evidence, Array.from(text).length);
  const a = r.article || {};
  const values = {
    trigger: r.event && r.event.sub_event_type,
    actor1: r.actor1,
    actor2: r.actor2,
    location: r.location,
    date: r.event_date,
    fatalities: r.fatalities,
  };
  const read = spans
    .filter((s) => s.field !== "sentence")
    .map((s) => [
      s.field === "trigger" ? "type, from" : s.field,
      h("span", {}, values[s.field] === undefined || values[s.field] === null ? "" : `${values[s.field]} ← `, h("q", {}, spanText(text, s.start, s.end))),
    ]);
  return h(
    "section",
    { class: "report", dataset: { articleId: a.id || "" } },
    h("h3", {}, `Report ${index + 1}: `, a.source || r.source || "unknown source", a.published ? ` · ${a.published}` : ""),
    a.title ? h("p", { class: "title" }, h("strong", {}, a.title)) : null,
    fields([
      ["Article", a.url ? outsideLink(a.url, a.url) : a.id],
      ["Read as", [r.sub_event_type, r.location, r.event_date].filter(Boolean).join(" · ")],
      ["Why here", r.reason],
      ["Also in", (r.also_in || []).join(", ")],
    ]),
    read.length ? fields(read) : null,
    text ? key(spans.map((s) => s.field)) : null,
    text ? highlighted(text, r.evidence) : h("p", { class: "meta" }, "The article's text is not stored."),
  );
}

const STANCE = { claims: "claimed by", denies: "denied by", disputes: "disputed by" };

// Each quotation the reports link to the event, with its speaker's stance toward it.
function saidSo(reports) {
  const said = reports.flatMap((r) => (r.quotes || []).map((q) => ({ ...q, source: r.source })));
  if (!said.length) return [];
  const stances = said
    .filter((q) => STANCE[q.stance] && q.speaker)
    .map((q) => `${STANCE[q.stance]} ${q.speaker}`);
  return [
    h("h3", {}, "Who said so"),
    stances.length ? h("p", { class: "stances" }, [...new Set(stances)].join("; ")) : null,
    h(
      "ul",
      { class: "plain said" },
      said.map((q) =>
        h(
          "li",
          { dataset: { stance: q.stance || "" } },
          h("blockquote", { class: "quote" }, q.direct ? `“${q.quote}”` : q.quote),
          h(
            "div",
            { class: "meta" },
            q.stance ? h("strong", {}, `${q.stance} · `) : "",
            q.speaker || "speaker not named",
            [q.speaker_title, q.speaker_affiliation].filter(Boolean).length
              ? `, ${[q.speaker_title, q.speaker_affiliation].filter(Boolean).join(", ")}`
              : "",
            q.speaker_type ? ` (${q.speaker_type})` : "",
            q.source ? ` · in ${q.source}` : "",
          ),
        ),
      ),
    ),
  ];
}

export function eventPanel(e, { openPlace, onClose, showOnMap }) {
  const sources = [...new Set((e.reports || []).map((r) => r.source).filter(Boolean))];
  return [
    closer(onClose),
    h("p", { class: "kicker" }, swatch(e.event_type), e.event_type || "Event"),
    h("h2", { id: "event-title" }, e.sub_event_type || e.event_type || "Event", e.location ? ` in ${e.location}` : ""),
    fields([
      ["Date", when(e)],
      ["Actor 1", e.actor1 ? `${e.actor1}${e.inter1 ? ` (${e.inter1})` : ""}` : null],
      ["With", e.assoc_actor_1],
      ["Actor 2", e.actor2 ? `${e.actor2}${e.inter2 ? ` (${e.inter2})` : ""}` : null],
      ["With", e.assoc_actor_2],
      ["Place", placeButton(e, openPlace)],
      ["Coordinates", Number.isFinite(e.latitude) ? `${e.latitude.toFixed(3)}, ${e.longitude.toFixed(3)}` : null],
      ["Located at", GEO_PRECISION[e.geo_precision]],
      ["Fatalities", e.fatalities],
      ["Civilians targeted", e.civilian_targeting ? "yes" : null],
      ["Disorder", e.disorder_type],
      ["Confidence", typeof e.confidence === "number" ? e.confidence.toFixed(2) : null],
      ["Sources", sources.join(", ")],
      ["Event id", e.id],
    ]),
    Number.isFinite(e.latitude) ? button("Show on the map", () => showOnMap(e)) : null,
    e.notes ? h("p", { class: "notes" }, e.notes) : null,
    saidSo(e.reports || []),
    h("h3", {}, `${(e.reports || []).length} report${(e.reports || []).length === 1 ? "" : "s"}`),
    (e.reports || []).map(report),
  ];
}

function change(c, openEvent) {
  const status = [c.status && c.status !== "counted" ? c.status : null, c.disputed ? "disputed" : null].filter(Boolean);
  return h(
    "li",
    { dataset: { date: c.date } },
    h("span", { class: "when" }, c.shown || c.date),
    " — ",
    h("strong", {}, c.controller || "unknown"),
    c.controller_type ? ` (${c.controller_type})` : "",
    c.previous ? ` from ${c.previous}` : "",
    h(
      "div",
      { class: "meta" },
      c.sub_event_type || "",
      (c.sources || []).length ? ` · ${c.sources.join(", ")}` : "",
      status.length ? ` · ${status.join(", ")}` : "",
      (c.notes || []).length ? ` · ${c.notes.join("; ")}` : "",
      (c.said || []).length ? ` · ${c.said.map((x) => `${STANCE[x.stance] || x.stance} ${x.speaker}`).join("; ")}` : "",
      " · ",
      c.event_id ? button("the event", () => openEvent(c.event_id)) : "",
    ),
  );
}

export function placePanel(place, timeline, events, { openEvent, onClose, showOnMap }) {
  const timelines = timeline.timelines || [];
  return [
    closer(onClose),
    h("p", { class: "kicker" }, "Place"),
    h("h2", { id: "place-title" }, place.name || place.location || `place ${place.geonameid}`),
    fields([
      ["Kind", place.feature],
      ["Region", place.admin1],
      ["Country", place.country],
      ["Coordinates", Number.isFinite(place.latitude) ? `${place.latitude.toFixed(3)}, ${place.longitude.toFixed(3)}` : null],
      ["Population", place.population ? place.population.toLocaleString() : null],
      ["GeoNames id", place.geonameid],
    ]),
    Number.isFinite(place.latitude) ? button("Show on the map", () => showOnMap(place)) : null,
    h("h3", {}, "Who controlled it"),
    timelines.length
      ? timelines.map((t) => h("ol", { class: "timeline", id: "place-timeline" }, t.changes.map((c) => change(c, openEvent))))
      : h("p", { class: "meta", id: "place-timeline" }, "No change of control is recorded here."),
    h("h3", {}, `Events here: ${events.total.toLocaleString()}`),
    eventList(events.events, openEvent),
  ];
}

export function placeResults(query, answer, { openPlace, onClose }) {
  return [
    closer(onClose),
    h("h2", {}, `Places called “${query}”`),
    answer.places.length
      ? h(
          "ul",
          { class: "plain" },
          answer.places.map((p) =>
            h(
              "li",
              {},
              button([p.name, p.admin1, p.country].filter(Boolean).join(", "), () => openPlace(p.geonameid)),
              h("div", { class: "meta" }, `${p.feature || "place"} · ${p.events} event${p.events === 1 ? "" : "s"}`),
            ),
          ),
        )
      : h("p", {}, "The gazetteer knows no place by that name."),
  ];
}
