// USWDS form fields and one way to submit a form: errors from the API (or the browser)
// shown at each field and in a summary that takes focus, the button busy meanwhile.
import { ApiError } from "./api.js";
import { html } from "./html.js";
import { t } from "./i18n.js";

const ids = (name) => `f-${name.replace(/[^\w-]/g, "-")}`;

/** A labelled input, select or textarea; `form` names the form when a page has two
 * fields of the same name (their ids must differ). */
export function field({ name, label, type = "text", hint, autocomplete, required = true,
                        value = "", inputmode, options, rows, width = "", form = "", optional = !required }) {
  const id = (n) => ids(form ? `${form}-${n}` : n);
  const hintId = hint ? `${id(name)}-hint` : "";
  const described = [hintId, `${id(name)}-error`].filter(Boolean).join(" ");
  const common = html`id="${id(name)}" name="${name}" aria-describedby="${described}"
    ${required ? html`required` : ""}`;
  let control;
  if (options) {
    control = html`<select class="usa-select ${width}" ${common}>
      <option value="">${t("form.choose")}</option>
      ${options.map(([v, text]) => html`<option value="${v}" ${String(v) === String(value) ? html`selected` : ""}>${text}</option>`)}
    </select>`;
  } else if (rows) {
    control = html`<textarea class="usa-textarea" rows="${rows}" ${common}>${value}</textarea>`;
  } else {
    control = html`<input class="usa-input ${width}" type="${type}" value="${value}" ${common}
      ${autocomplete ? html`autocomplete="${autocomplete}"` : ""}
      ${inputmode ? html`inputmode="${inputmode}"` : ""}>`;
  }
  return html`<div class="usa-form-group" data-field="${name}">
    <label class="usa-label" for="${id(name)}">${label}${optional ? html` <span class="usa-hint">${t("form.optional")}</span>` : ""}</label>
    ${hint ? html`<div class="usa-hint" id="${hintId}">${hint}</div>` : ""}
    <span class="usa-error-message" id="${id(name)}-error" hidden></span>
    ${control}
  </div>`;
}

export function checkbox({ name, label, checked = false, required = false, form = "" }) {
  const id = (n) => ids(form ? `${form}-${n}` : n);
  return html`<div class="usa-form-group" data-field="${name}">
    <span class="usa-error-message" id="${id(name)}-error" hidden></span>
    <div class="usa-checkbox">
      <input class="usa-checkbox__input" id="${id(name)}" type="checkbox" name="${name}"
        value="true" ${checked ? html`checked` : ""} ${required ? html`required` : ""}
        aria-describedby="${id(name)}-error">
      <label class="usa-checkbox__label" for="${id(name)}">${label}</label>
    </div>
  </div>`;
}

export function radios({ name, legend, options, value = "", form = "" }) {
  const id = (n) => ids(form ? `${form}-${n}` : n);
  return html`<fieldset class="usa-fieldset usa-form-group" data-field="${name}">
    <legend class="usa-legend">${legend}</legend>
    <span class="usa-error-message" id="${id(name)}-error" hidden></span>
    ${options.map(([v, text], i) => html`<div class="usa-radio">
      <input class="usa-radio__input" id="${id(name)}-${i}" type="radio" name="${name}"
        value="${v}" ${String(v) === String(value) ? html`checked` : ""}>
      <label class="usa-radio__label" for="${id(name)}-${i}">${text}</label>
    </div>`)}
  </fieldset>`;
}

export function button(label, { kind = "", type = "submit", name = "" } = {}) {
  return html`<button class="usa-button ${kind}" type="${type}" ${name ? html`name="${name}"` : ""}>${label}</button>`;
}

/** The text of an error: the API's own message, which it words in the reader's language
 * (Accept-Language); the client's words only when the API could not be reached. */
export function errorText(error) {
  if (error instanceof ApiError) {
    if (error.code === "offline") return t("error.offline");
    return error.message || t("error.unavailable");
  }
  return t("error.unavailable");
}

export function alert(kind, heading, body) {
  return html`<div class="usa-alert usa-alert--${kind}" role="${kind === "error" ? "alert" : "status"}">
    <div class="usa-alert__body">
      ${heading ? html`<h2 class="usa-alert__heading">${heading}</h2>` : ""}
      <p class="usa-alert__text">${body}</p>
    </div></div>`;
}

function values(form) {
  const out = {};
  for (const element of form.elements) {
    if (!element.name || element.disabled) continue;
    if (element.type === "checkbox") out[element.name] = element.checked;
    else if (element.type === "radio") { if (element.checked) out[element.name] = element.value; }
    else out[element.name] = element.value;
  }
  return out;
}

function clear(form) {
  form.querySelector(".portal-form-errors")?.remove();
  for (const group of form.querySelectorAll(".usa-form-group--error")) {
    group.classList.remove("usa-form-group--error");
    const message = group.querySelector(".usa-error-message");
    if (message) { message.hidden = true; message.textContent = ""; }
    for (const input of group.querySelectorAll("[aria-invalid]")) {
      input.removeAttribute("aria-invalid");
      input.classList.remove("usa-input--error");
    }
  }
}

// a field's label as a person reads it (without "(optional)")
function labelOf(group) {
  const label = group.querySelector("label, legend");
  if (!label) return "";
  const copy = label.cloneNode(true);
  for (const hint of copy.querySelectorAll(".usa-hint, .usa-sr-only")) hint.remove();
  return copy.textContent.trim();
}

export function showErrors(form, error) {
  clear(form);
  const fields = error instanceof ApiError ? error.fields : {};
  const listed = [];
  for (const [name, message] of Object.entries(fields)) {
    const key = name.split(".")[0];
    const group = form.querySelector(`[data-field="${CSS.escape(name)}"]`)
      || form.querySelector(`[data-field="${CSS.escape(key)}"]`);
    if (!group) { listed.push([null, message]); continue; }
    group.classList.add("usa-form-group--error");
    const text = group.querySelector(".usa-error-message");
    text.hidden = false;
    text.textContent = message;
    const input = group.querySelector("input, select, textarea");
    input.setAttribute("aria-invalid", "true");
    if (input.classList.contains("usa-input")) input.classList.add("usa-input--error");
    listed.push([input.id, `${labelOf(group)}: ${message}`]);  // the summary names the field
  }
  const summary = document.createElement("div");
  summary.className = "usa-alert usa-alert--error portal-form-errors margin-bottom-3";
  summary.setAttribute("role", "alert");
  summary.tabIndex = -1;
  summary.innerHTML = html`<div class="usa-alert__body">
    <h2 class="usa-alert__heading">${errorText(error)}</h2>
    ${listed.length ? html`<ul class="usa-list">${listed.map(([target, message]) => html`<li>${
      target ? html`<a href="#${target}">${message}</a>` : message}</li>`)}</ul>` : ""}
  </div>`.text;
  form.prepend(summary);
  summary.focus();
}

function requiredMissing(form) {
  const missing = {};
  for (const element of form.elements) {
    if (!element.required || element.disabled || element.closest("[hidden]")) continue;
    const empty = element.type === "checkbox" ? !element.checked : !element.value.trim();
    if (empty) missing[element.name] = t(element.type === "checkbox" ? "form.must_check" : "form.required");
  }
  return missing;
}

/** Submits the form through `action(values)`; `done(result)` follows a success. Required
 * fields left empty are reported here, in the reader's language, before any request. */
/** Shows `content` (an alert, and what may follow it) in `place` and moves focus to the
 * alert, so that a screen reader reads it and the keyboard is there. */
export function announce(place, content) {
  place.innerHTML = content.text ?? content;
  const said = place.querySelector(".usa-alert");
  said.tabIndex = -1;
  said.focus();
}

/** A form whose work is done (a link or a code sent): hidden, and in its `place` the
 * success alert with `heading` and `body`, announced. */
export function answered(form, place, heading, body) {
  form.hidden = true;
  announce(place, alert("success", heading, body));
}

export function bind(form, action, done = () => {}) {
  form.noValidate = true;
  form.addEventListener("click", (event) => {
    const link = event.target.closest(".portal-form-errors a[href^='#']");
    if (link) { event.preventDefault(); form.querySelector(link.getAttribute("href"))?.focus(); }
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const submit = form.querySelector("[type=submit]");
    if (submit) { submit.disabled = true; submit.setAttribute("aria-busy", "true"); }
    try {
      const missing = requiredMissing(form);
      if (Object.keys(missing).length) throw new ApiError(422, { code: "invalid_input", fields: missing });
      const result = await action(values(form), event.submitter);
      clear(form);
      await done(result);
    } catch (error) {
      if (!(error instanceof ApiError)) console.error(error);
      showErrors(form, error);
    } finally {
      if (submit && submit.isConnected) { submit.disabled = false; submit.removeAttribute("aria-busy"); }
    }
  });
}

/** "1,234.5" or "$100" in dollars to whole cents; null when it is not an amount. */
export function cents(text) {
  const cleaned = String(text || "").replace(/[$,\s]/g, "");
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return null;
  const [whole, part = ""] = cleaned.split(".");
  return Number(whole) * 100 + Number(part.padEnd(2, "0"));
}

/** Throws the API's error shape for one field, so bind() shows it like the API's own. */
export function fieldError(name, message) {
  return new ApiError(422, { code: "invalid_input", fields: { [name]: message } });
}

/** A file input in a USWDS form group (its errors shown like any field's). */
export function fileField({ name, label, hint, accept = "application/pdf,image/png,image/jpeg", multiple = false }) {
  return html`<div class="usa-form-group" data-field="${name}">
    <label class="usa-label" for="f-${name}">${label} <span class="usa-hint">${t("form.optional")}</span></label>
    ${hint ? html`<div class="usa-hint" id="f-${name}-hint">${hint}</div>` : ""}
    <span class="usa-error-message" id="f-${name}-error" hidden></span>
    <input class="usa-file-input" id="f-${name}" name="${name}" type="file" accept="${accept}" ${multiple ? html`multiple` : ""}
      aria-describedby="${hint ? `f-${name}-hint ` : ""}f-${name}-error">
  </div>`;
}
