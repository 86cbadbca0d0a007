// Templates that escape every value unless it is already Safe (made by html`` or raw()).
const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export class Safe {
  constructor(text) { this.text = text; }
  toString() { return this.text; }
}

export const raw = (text) => new Safe(String(text));

function escape(value) {
  if (value instanceof Safe) return value.text;
  if (Array.isArray(value)) return value.map(escape).join("");
  if (value === null || value === undefined || value === false) return "";
  return String(value).replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

export function html(strings, ...values) {
  let out = strings[0];
  values.forEach((value, i) => { out += escape(value) + strings[i + 1]; });
  return new Safe(out);
}
