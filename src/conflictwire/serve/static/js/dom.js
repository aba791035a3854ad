// Elements from untrusted text: every text goes in as a text node, never as HTML, and only
// http(s) addresses become links. The page builds all of its DOM through these.

export function safeUrl(url) {
  if (url === null || url === undefined) return null;
  try {
    const parsed = new URL(String(url), window.location.href);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

// h("a", {href, class, dataset: {id}, onclick}, "text", child, ...): attribute names come
// from our code; values and children may be untrusted.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "class") el.className = value;
    else if (name === "dataset") Object.assign(el.dataset, value);
    else if (name.startsWith("on")) el.addEventListener(name.slice(2), value);
    else if (name === "href") {
      const safe = safeUrl(value);
      if (safe) el.setAttribute("href", safe);
    } else el.setAttribute(name, value === true ? "" : String(value));
  }
  append(el, children);
  return el;
}

// An outside link when the address is http(s), else the address as plain text.
export function outsideLink(url, label) {
  const safe = safeUrl(url);
  if (safe) return h("a", { href: safe, target: "_blank", rel: "noopener noreferrer" }, label || url);
  return h("span", { class: "meta", title: "not a web address: not linked" }, String(url || ""));
}

export function button(label, onclick, attrs = {}) {
  return h("button", { type: "button", class: "link", onclick, ...attrs }, label);
}

// A definition list of [term, value] rows, leaving out empty values.
export function fields(rows) {
  const dl = h("dl");
  for (const [term, value] of rows) {
    if (value === null || value === undefined || value === "") continue;
    dl.append(h("dt", {}, term), h("dd", {}, value));
  }
  return dl;
}
