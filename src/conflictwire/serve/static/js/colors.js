// ACLED's six event types, each with its colour (the legend, markers and cells).

export const EVENT_TYPES = [
  ["Battles", "#c0392b"],
  ["Explosions/Remote violence", "#e67e22"],
  ["Violence against civilians", "#8e44ad"],
  ["Protests", "#2e86c1"],
  ["Riots", "#b7950b"],
  ["Strategic developments", "#27ae60"],
];
const COLOURS = new Map(EVENT_TYPES);
export const UNKNOWN_COLOUR = "#7f8c8d";

export function colourOf(eventType) {
  return COLOURS.get(eventType) || UNKNOWN_COLOUR;
}

// "Explosions/Remote violence" → "explosions-remote-violence" (CSS classes t-*, cw-type-*).
export function slug(eventType) {
  return String(eventType || "unknown").toLowerCase().replace(/[^a-z]+/g, "-").replace(/^-|-$/g, "");
}

// The type most of a cell's events have.
export function dominantType(byType) {
  let best = null;
  for (const [type, n] of Object.entries(byType || {})) if (!best || n > byType[best]) best = type;
  return best;
}
