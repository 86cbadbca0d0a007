// Forms drawn from the JSON Schema of a web request's step (GET /request-types), and the
// answers read back in the shapes the schema asks for. Labels come from the dictionaries
// when they name the field (field.<name>, option.<value>), else from the schema.
import { cents, checkbox, field } from "./forms.js";
import { html } from "./html.js";
import { has, t } from "./i18n.js";

const human = (text) => text.replace(/_/g, " ").replace(/^\w/, (c) => c.toUpperCase());

function resolve(node, defs) {
  if (node.$ref) return resolve(defs[node.$ref.split("/").pop()], defs);
  if (node.anyOf) {
    const real = node.anyOf.filter((x) => x.type !== "null");
    return { ...resolve(real[0], defs), optional: node.anyOf.length > real.length, title: node.title, description: node.description ?? real[0].description };
  }
  return node;
}

// a step may name its own fields apart (the New Address step's "New mailing address",
// beside Your Information's current one): field.<schema title>.<name> first
let step = "";

function labelFor(name, node) {
  const key = name.split(".").filter((p) => !/^\d+$/.test(p)).pop();
  if (step && !name.includes(".") && has(`field.${step}.${key}`)) return t(`field.${step}.${key}`);
  if (has(`field.${key}`)) return t(`field.${key}`);
  return (node.title || human(key)).replace(/ Cents$/, "");
}

const option = (value) => [value, has(`option.${value}`) ? t(`option.${value}`) : human(value)];

function hintFor(name, node) {
  const key = name.split(".").filter((p) => !/^\d+$/.test(p)).pop();
  if (has(`hint.${key}`)) return t(`hint.${key}`);
  if (has(`field.${key}`)) return undefined;  // the schema's words are English: not beside a translated label
  return node.description && !/^Whole cents|GET \//.test(node.description) ? node.description : undefined;
}

function control(name, node, value, required, defs, choices) {
  const key = name.split(".").filter((p) => !/^\d+$/.test(p)).pop();
  const label = labelFor(name, node);
  const hint = hintFor(name, node);
  if (choices[key]) return field({ name, label, options: choices[key], value: value ?? (choices[key].length === 1 ? choices[key][0][0] : ""), required });
  if (node.type === "boolean") {
    const sentence = has(`field.${key}`) ? label : node.description || label;
    return checkbox({ name, label: sentence, checked: (value ?? node.default) === true, required: Boolean(node.const) });
  }
  if (node.type === "string" && node.enum) {
    return field({ name, label, hint, options: node.enum.map(option), value: value ?? "", required });
  }
  if (node.type === "array" && node.items.enum) {
    return html`<fieldset class="usa-fieldset usa-form-group" data-field="${name}">
      <legend class="usa-legend">${label}</legend>
      <span class="usa-error-message" id="f-${name}-error" hidden></span>
      ${node.items.enum.map((v, i) => html`<div class="usa-checkbox"><input class="usa-checkbox__input" type="checkbox" id="f-${name}-${i}" name="${name}" value="${v}" data-many ${(value || []).includes(v) ? html`checked` : ""}>
        <label class="usa-checkbox__label" for="f-${name}-${i}">${option(v)[1]}</label></div>`)}
    </fieldset>`;
  }
  if (node.type === "array" && node.items.type === "string") {
    return field({ name, label, hint: t("form.one_per_line"), rows: 4, value: (value || []).join("\n"), required });
  }
  if (node.type === "array") return repeated(name, node, value || [], defs, choices);
  if (node.type === "object") return group(name, node, value || {}, defs, label, choices, !required);
  if (node.type === "integer" && name.endsWith("_cents")) {
    return field({ name, label, hint: t("pay.amount_hint"), inputmode: "decimal", width: "usa-input--medium",
                   value: Number.isInteger(value) ? (value / 100).toFixed(2) : value ?? "", required });
  }
  if (node.type === "integer") {
    return field({ name, label, hint, inputmode: "numeric", width: "usa-input--small", value: value ?? "", required });
  }
  const type = node.format === "date" ? "date" : node.format === "email" ? "email" : "text";
  // an address reads as one: a short ZIP box on one line, the browser's autofill names
  const zip = key === "zip";
  const long = (node.maxLength || 0) > 200 && type === "text" && !zip && !/name|line|city/.test(name);
  const width = key === "state" ? "usa-input--small" : zip ? "usa-input--medium" : "";
  const autocomplete = { line1: "address-line1", line2: "address-line2", city: "address-level2",
    state: "address-level1", zip: "postal-code" }[key];
  return field({ name, label, hint: zip ? undefined : hint, type, value: value ?? "", required,
                 rows: long ? 4 : undefined, width, autocomplete, inputmode: zip ? "numeric" : undefined });
}

function fields(prefix, node, values, defs, choices = {}, optional = false) {
  // an optional group's own required fields are required only once it is filled in (the
  // API checks that); left empty, it is left out
  const required = new Set(optional ? [] : node.required || []);
  return Object.entries(node.properties || {}).map(([key, raw]) => {
    const child = resolve(raw, defs);
    const name = prefix ? `${prefix}.${key}` : key;
    return control(name, child, values?.[key], required.has(key) && !child.optional, defs, choices);
  });
}

function group(name, node, value, defs, legend, choices, optional = false) {
  return html`<fieldset class="usa-fieldset margin-top-2" data-field="${name}"><legend class="usa-legend usa-legend--large">${legend}${optional ? html` <span class="usa-hint">${t("form.optional")}</span>` : ""}</legend>
    ${fields(name, node, value, defs, choices, optional)}</fieldset>`;
}

function repeated(name, node, values, defs, choices) {
  const item = resolve(node.items, defs);
  const one = (i, v) => html`<fieldset class="usa-fieldset margin-top-2 border-top border-base-lighter" data-item="${i}">
    <legend class="usa-legend">${labelFor(name, node)} ${i + 1}</legend>${fields(`${name}.${i}`, item, v, defs, choices)}</fieldset>`;
  const list = values.length ? values : [{}];
  return html`<div data-repeat="${name}" data-field="${name}">
    <span class="usa-error-message" id="f-${name}-error" hidden></span>
    <div data-items>${list.map((v, i) => one(i, v))}</div>
    <button type="button" class="usa-button usa-button--outline margin-top-2" data-add="${name}">${t("form.add_another")}</button>
  </div>`;
}

/** The step's fields, filled with `values`; `choices` turns a field into a list to pick
 * from (a saved bank account rather than its id). */
export function schemaFields(schema, values, choices = {}) {
  step = schema.title || "";
  try { return fields("", schema, values, schema.$defs || {}, choices); } finally { step = ""; }
}

/** Wires "add another" buttons for repeated groups. */
export function mountSchema(form, schema) {
  for (const button of form.querySelectorAll("[data-add]")) {
    button.addEventListener("click", () => {
      const name = button.dataset.add;
      const node = name.split(".").reduce((n, key) => resolve(n.properties[key], schema.$defs || {}), schema);
      const items = form.querySelector(`[data-repeat="${CSS.escape(name)}"] [data-items]`);
      const i = items.children.length;
      const item = resolve(node.items, schema.$defs || {});
      items.insertAdjacentHTML("beforeend", html`<fieldset class="usa-fieldset margin-top-2 border-top border-base-lighter" data-item="${i}">
        <legend class="usa-legend">${labelFor(name, node)} ${i + 1}</legend>${fields(`${name}.${i}`, item, {}, schema.$defs || {})}</fieldset>`.text);
      items.lastElementChild.querySelector("input, select, textarea")?.focus();
    });
  }
}

function set(target, path, value) {
  const keys = path.split(".");
  let node = target;
  keys.slice(0, -1).forEach((key, i) => {
    const nextIsIndex = /^\d+$/.test(keys[i + 1]);
    node[key] ??= nextIsIndex ? [] : {};
    node = node[key];
  });
  node[keys.at(-1)] = value;
}

function typed(node, raw, name) {
  if (node.type === "boolean") return raw;
  if (node.type === "integer" && name.endsWith("_cents")) { const c = cents(raw); return c === null ? raw : c; }
  if (node.type === "integer") return /^\d+$/.test(raw) ? Number(raw) : raw;
  if (node.type === "array" && node.items.type === "string" && !node.items.enum) {
    return raw.split("\n").map((x) => x.trim()).filter(Boolean);
  }
  return raw;
}

function nodeAt(schema, name) {
  const defs = schema.$defs || {};
  let node = schema;
  for (const key of name.split(".")) {
    node = /^\d+$/.test(key) ? resolve(node.items, defs) : resolve(node.properties[key], defs);
  }
  return node;
}

/** The answers in the form, shaped as the schema says (empty optional fields left out). */
export function readAnswers(form, schema) {
  const answers = {};
  const many = {};
  for (const element of form.elements) {
    if (!element.name || element.type === "submit" || element.type === "button") continue;
    if (element.dataset.many !== undefined) {
      many[element.name] ??= [];
      if (element.checked) many[element.name].push(element.value);
      continue;
    }
    const node = nodeAt(schema, element.name);
    const raw = element.type === "checkbox" ? element.checked : element.value.trim();
    if (raw === "" || (element.type === "checkbox" && !raw && !node.const && node.type !== "boolean")) continue;
    set(answers, element.name, typed(node, raw, element.name));
  }
  for (const [name, list] of Object.entries(many)) set(answers, name, list);
  return answers;
}
