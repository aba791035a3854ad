// An article's text with the spans each field was read from marked. The API counts offsets
// in Unicode code points; JavaScript strings count UTF-16 units, so the text is cut as an
// array of code points (Array.from), never with String.slice.

import { h } from "./dom.js";

export const FIELDS = ["sentence", "trigger", "actor1", "actor2", "location", "date", "fatalities"];
const LABELS = {
  sentence: "sentence",
  trigger: "trigger word",
  actor1: "actor 1",
  actor2: "actor 2",
  location: "location",
  date: "date",
  fatalities: "fatalities",
};

// The spans of `evidence` that lie within a text of `length` code points, by field.
export function validSpans(evidence, length) {
  const spans = [];
  for (const field of FIELDS) {
    const span = evidence ? evidence[field] : null;
    if (!Array.isArray(span) || span.length !== 2) continue;
    const [start, end] = span;
    if (Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start < end && end <= length) {
      spans.push({ field, start, end });
    }
  }
  return spans;
}

export function spanText(text, start, end) {
  return Array.from(text).slice(start, end).join("");
}

// <div class="article-text"> with a <mark class="ev ev-FIELD…" data-fields> per piece of text
// covered by one or more spans.
export function highlighted(text, evidence) {
  const points = Array.from(text || "");
  const spans = validSpans(evidence, points.length);
  const cuts = new Set([0, points.length]);
  for (const s of spans) cuts.add(s.start).add(s.end);
  const edges = [...cuts].sort((a, b) => a - b);
  const box = h("div", { class: "article-text" });
  for (let i = 0; i + 1 < edges.length; i += 1) {
    const [a, b] = [edges[i], edges[i + 1]];
    const piece = points.slice(a, b).join("");
    const covering = spans.filter((s) => s.start <= a && s.end >= b).map((s) => s.field);
    if (!covering.length) {
      box.append(piece);
      continue;
    }
    box.append(
      h(
        "mark",
        {
          class: ["ev", ...covering.map((f) => `ev-${f}`)].join(" "),
          dataset: { fields: covering.join(" ") },
          title: `evidence: ${covering.map((f) => LABELS[f]).join(", ")}`,
        },
        piece,
      ),
    );
  }
  return box;
}

// The colour key for the fields a report has spans for.
export function key(fields) {
  return h(
    "p",
    { class: "meta" },
    "Highlighted: ",
    fields.map((f) => h("mark", { class: `key ev ev-${f}` }, LABELS[f])),
  );
}
