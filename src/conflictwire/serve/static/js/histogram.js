// The time histogram under the map: bars of events per day, week, month or year, and a range
// brush. Dragging across it (or clicking one bar) chooses a period; onBrush(since, until)
// gets its first and last day, onBrush(null, null) when cleared by a click outside the bars.

const SVG = "http://www.w3.org/2000/svg";
const DAY = 86400000;
const PAD = { left: 6, right: 6, top: 6, bottom: 16 };

function svg(tag, attrs = {}, text = null) {
  const el = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, String(value));
  if (text !== null) el.append(document.createTextNode(text));
  return el;
}

const time = (iso) => Date.parse(`${iso}T00:00:00Z`);
const iso = (ms) => new Date(ms).toISOString().slice(0, 10);

// The first day after the bucket that starts on `start`.
function bucketEnd(start, interval) {
  const d = new Date(time(start));
  if (interval === "day") d.setUTCDate(d.getUTCDate() + 1);
  else if (interval === "week") d.setUTCDate(d.getUTCDate() + 7);
  else if (interval === "month") d.setUTCMonth(d.getUTCMonth() + 1);
  else d.setUTCFullYear(d.getUTCFullYear() + 1);
  return d.getTime();
}

// The first day of the bucket holding day `day` (weeks start on Monday, as the API's).
function bucketStart(day, interval) {
  const d = new Date(time(day));
  if (interval === "week") d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  else if (interval === "month") d.setUTCDate(1);
  else if (interval === "year") d.setUTCMonth(0, 1);
  return iso(d.getTime());
}

// The bucket size for a span of days: about 20 to 300 bars.
export function intervalFor(first, last) {
  if (!first || !last) return "month";
  const days = (time(last) - time(first)) / DAY;
  if (days <= 120) return "day";
  if (days <= 2 * 365) return "week";
  if (days <= 25 * 365) return "month";
  return "year";
}

export class Histogram {
  constructor(element, { onBrush }) {
    this.element = element;
    this.onBrush = onBrush;
    this.bars = [];
  }

  // `span`: [first, last] day of the whole store, so that the axis stays put as the map moves.
  draw(buckets, interval, since, until, span = [null, null]) {
    this.interval = interval;
    const width = Math.max(200, this.element.clientWidth || 600);
    const height = Math.max(60, this.element.clientHeight || 90);
    const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": "events over time" });
    this.element.replaceChildren(root);
    this.width = width;
    if (!buckets.length) {
      root.append(svg("text", { x: width / 2, y: height / 2, "text-anchor": "middle", class: "tick" }, "no dated events"));
      this.bars = [];
      return;
    }
    const [first, last] = span;
    const t0 = Math.min(time(buckets[0].start), first ? time(bucketStart(first, interval)) : Infinity);
    const t1 = Math.max(
      bucketEnd(buckets[buckets.length - 1].start, interval),
      last ? bucketEnd(bucketStart(last, interval), interval) : -Infinity,
    );
    const plot = width - PAD.left - PAD.right;
    const x = (t) => PAD.left + ((t - t0) / (t1 - t0)) * plot;
    this.x = x;
    this.invert = (px) => t0 + ((px - PAD.left) / plot) * (t1 - t0);
    const top = Math.max(...buckets.map((b) => b.count));
    const base = height - PAD.bottom;
    const chosen = [since ? time(since) : -Infinity, until ? time(until) + DAY : Infinity];
    this.bars = buckets.map((b) => ({ start: time(b.start), end: bucketEnd(b.start, interval), count: b.count, label: b.start }));
    root.append(svg("line", { x1: PAD.left, x2: width - PAD.right, y1: base, y2: base, class: "axis" }));
    for (const bar of this.bars) {
      const h = Math.max(1.5, ((base - PAD.top) * bar.count) / top);
      const inside = bar.start >= chosen[0] && bar.end <= chosen[1];
      const rect = svg("rect", {
        x: x(bar.start),
        y: base - h,
        width: Math.max(1, x(bar.end) - x(bar.start) - 1),
        height: h,
        class: inside ? "bar in" : "bar",
        "data-start": bar.label,
        "data-count": bar.count,
      });
      rect.append(svg("title", {}, `${bar.label}: ${bar.count.toLocaleString()} events`));
      root.append(rect);
    }
    this.ticks(root, t0, t1, x, height);
    if (since || until) {
      const a = Math.max(PAD.left, x(Math.max(chosen[0], t0)));
      const b = Math.min(width - PAD.right, x(Math.min(chosen[1], t1)));
      if (b > a) root.append(svg("rect", { x: a, y: PAD.top - 4, width: b - a, height: base - PAD.top + 4, class: "brush", "pointer-events": "none" }));
    }
    this.listen(root, height);
  }

  ticks(root, t0, t1, x, height) {
    const years = [];
    const first = new Date(t0).getUTCFullYear();
    const last = new Date(t1).getUTCFullYear();
    const step = Math.max(1, Math.ceil((last - first + 1) / 10));
    for (let y = first; y <= last; y += step) years.push(y);
    for (const y of years) {
      const t = Math.max(t0, Date.UTC(y, 0, 1));
      if (t >= t1) continue;
      root.append(svg("text", { x: x(t) + 2, y: height - 3, class: "tick" }, String(y)));
    }
  }

  listen(root, height) {
    let from = null;
    let band = null;
    const local = (event) => {
      const box = root.getBoundingClientRect();
      return ((event.clientX - box.left) / box.width) * this.width;
    };
    root.addEventListener("pointerdown", (event) => {
      from = local(event);
      root.setPointerCapture(event.pointerId);
      band = svg("rect", { x: from, y: 0, width: 0, height, class: "brush" });
      root.append(band);
    });
    root.addEventListener("pointermove", (event) => {
      if (from === null) return;
      const to = local(event);
      band.setAttribute("x", Math.min(from, to));
      band.setAttribute("width", Math.abs(to - from));
    });
    root.addEventListener("pointerup", (event) => {
      if (from === null) return;
      const to = local(event);
      const [a, b] = [Math.min(from, to), Math.max(from, to)];
      from = null;
      this.choose(a, b);
    });
  }

  // The bars between pixels a and b (a click: the bar under it) become the period.
  choose(a, b) {
    const [ta, tb] = [this.invert(a), this.invert(b)];
    let picked = this.bars.filter((bar) => bar.end > ta && bar.start < tb);
    if (b - a < 3) picked = this.bars.filter((bar) => bar.start <= ta && ta < bar.end);
    if (!picked.length) {
      this.onBrush(null, null);
      return;
    }
    this.onBrush(iso(picked[0].start), iso(picked[picked.length - 1].end - DAY));
  }
}
