// A request's answers read back, step by step, with the labels of its form: the parent's
// review and printable view, and the caseworker's.
import { html } from "./html.js";
import { date, has, money, t } from "./i18n.js";

const human = (text) => String(text).replace(/_/g, " ").replace(/^\w/, (c) => c.toUpperCase());

function shown(key, value) {
  if (value === true) return t("want.yes");
  if (value === false) return t("want.no");
  if (Array.isArray(value)) return value.map((v) => shown(key, v)).join("; ");
  if (value && typeof value === "object") return Object.values(value).filter((v) => v !== null && v !== "").map((v) => shown("", v)).join(", ");
  if (key.endsWith("_cents") && Number.isInteger(value)) return money(value);
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) return date(value);
  if (typeof value === "string" && /^[a-z]+(_[a-z]+)+$|^[a-z]+$/.test(value) && has(`option.${value}`)) return t(`option.${value}`);
  if (typeof value === "string" && /^[a-z]+(_[a-z]+)+$/.test(value)) return human(value);
  return String(value ?? "");
}

function label(key, schema) {
  const node = schema?.properties?.[key] || {};
  if (has(`field.${key}`)) return t(`field.${key}`);
  return (node.title || human(key)).replace(/ Cents$/, "");
}

/** answers: {step id: {field: value}}; type: the request type from GET /request-types
 * (its steps' titles and schemas), or undefined when it is not offered to this reader. */
export function answersList(answers, type) {
  const steps = type ? type.steps : Object.keys(answers || {}).map((id) => ({ id, title: human(id) }));
  return steps.filter((s) => s.id !== "about").map((s) => {
    const given = answers?.[s.id] || {};
    return html`<h3>${s.title}</h3><dl>${Object.entries(given).filter(([, v]) => v !== null && v !== "").map(([k, v]) => html`
      <dt class="text-bold">${label(k, s.fields_schema)}</dt><dd class="margin-left-0 margin-bottom-1 portal-answer">${shown(k, v)}</dd>`)}</dl>`;
  });
}
