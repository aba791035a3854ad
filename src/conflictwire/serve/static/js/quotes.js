// The quotes view: speakers by how often they are quoted, and one speaker's quotations with
// their articles and the events they are about.

import { button, h, outsideLink } from "./dom.js";

export function speakersPanel(answer, query, { openSpeaker, search, onClose }) {
  const form = h(
    "form",
    { class: "speaker-search", role: "search" },
    h("input", { type: "search", name: "speaker", maxlength: 200, placeholder: "part of a name", value: query || "" }),
    h("button", { type: "submit" }, "Find speakers"),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    search(form.elements.speaker.value.trim());
  });
  return [
    button("Close ×", onClose, { class: "link close" }),
    h("h2", { id: "quotes-title" }, "Who said what"),
    form,
    h("p", { class: "meta" }, `${answer.total.toLocaleString()} speaker${answer.total === 1 ? "" : "s"}, the most quoted first`),
    h(
      "ul",
      { class: "plain", id: "speakers" },
      answer.speakers.map((s) =>
        h(
          "li",
          {},
          button(s.speaker, () => openSpeaker(s.speaker)),
          h("div", { class: "meta" }, `${s.quotes} quote${s.quotes === 1 ? "" : "s"} in ${s.articles} article${s.articles === 1 ? "" : "s"}`, s.affiliation ? ` · ${s.affiliation}` : ""),
        ),
      ),
    ),
  ];
}

export function quotesPanel(speaker, answer, { openEvent, back }) {
  return [
    button("← All speakers", back, { class: "link close" }),
    h("p", { class: "kicker" }, "Quoted"),
    h("h2", { id: "speaker-title" }, speaker),
    h("p", { class: "meta" }, `${answer.total} quotation${answer.total === 1 ? "" : "s"}, the latest articles first`),
    answer.quotes.map((q) => {
      const a = q.article || {};
      const who = [q.speaker_title, q.speaker_affiliation].filter(Boolean).join(", ");
      return h(
        "section",
        { class: "quote-item" },
        h("blockquote", { class: "quote" }, q.direct ? `“${q.quote}”` : q.quote),
        h(
          "p",
          { class: "meta" },
          who ? `${who} · ` : "",
          q.direct ? "direct" : "reported",
          q.cue ? ` (“${q.cue}”)` : "",
          " · ",
          [a.source, a.published].filter(Boolean).join(", "),
          a.url ? [" · ", outsideLink(a.url, a.title || "article")] : a.title ? ` · ${a.title}` : "",
          q.event_id ? [" · ", button("the event", () => openEvent(q.event_id))] : "",
        ),
      );
    }),
  ];
}
