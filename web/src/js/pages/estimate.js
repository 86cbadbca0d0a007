// The child support estimate (the state's guideline, Alaska Civil Rule 90.3), step by step.
import { post } from "../api.js";
import { bind, button, cents, field, fieldError } from "../forms.js";
import { html } from "../html.js";
import { money, t } from "../i18n.js";

const TAXES = ["income_tax", "social_security_tax", "medicare_tax"];
const DEDUCTIONS = ["income_tax", "social_security_tax", "medicare_tax", "union_dues", "mandatory_retirement",
  "voluntary_retirement", "prior_child_support", "prior_spousal_support", "child_care", "health_insurance", "life_insurance"];

function parent(p) {
  return html`<fieldset class="usa-fieldset margin-top-3"><legend class="usa-legend usa-legend--large">${t(`estimate.parent_${p}`)}</legend>
    ${field({ name: `${p}.total_income`, label: t("estimate.total_income"), hint: t("estimate.yearly"), inputmode: "decimal", width: "usa-input--medium", required: p === "a" })}
    <div class="usa-accordion usa-accordion--bordered margin-top-2">
      <h2 class="usa-accordion__heading"><button type="button" class="usa-accordion__button" aria-expanded="false" aria-controls="deductions-${p}">${t("estimate.deductions")}</button></h2>
      <div id="deductions-${p}" class="usa-accordion__content" hidden>
        ${DEDUCTIONS.map((d) => field({ name: `${p}.${d}`, label: t(`estimate.${d}`), inputmode: "decimal", width: "usa-input--medium", required: false }))}
      </div>
    </div>
  </fieldset>`;
}

function income(v, p) {
  if (!v[`${p}.total_income`]) return undefined;
  const out = {};
  for (const name of ["total_income", ...DEDUCTIONS]) {
    const raw = v[`${p}.${name}`];
    if (!raw) continue;
    const amount = cents(raw);
    if (amount === null) throw fieldError(`${p}.${name}`, t("pay.amount_invalid"));
    out[`${name}_cents`] = amount;
  }
  return out;
}

const count = (raw) => (raw ? Number(raw) : 0);

export default {
  title: "tools.estimate",
  render: () => html`<h1 class="margin-top-4">${t("tools.estimate")}</h1>
    <p>${t("estimate.intro")}</p>
    <form class="usa-form usa-form--large" id="estimate-form">
      ${parent("a")}${parent("b")}
      <fieldset class="usa-fieldset margin-top-3"><legend class="usa-legend usa-legend--large">${t("estimate.children")}</legend>
        <p class="usa-hint">${t("estimate.children_hint")}</p>
        ${field({ name: "children_primary_with_a", label: t("estimate.with_a"), inputmode: "numeric", width: "usa-input--small", required: false, optional: false })}
        ${field({ name: "children_primary_with_b", label: t("estimate.with_b"), inputmode: "numeric", width: "usa-input--small", required: false, optional: false })}
        ${field({ name: "children_shared", label: t("estimate.shared"), inputmode: "numeric", width: "usa-input--small", required: false, optional: false })}
        ${field({ name: "shared_percent_with_a", label: t("estimate.shared_percent"), inputmode: "decimal", width: "usa-input--small", required: false })}
        ${field({ name: "children_with_third_party", label: t("estimate.third_party"), inputmode: "numeric", width: "usa-input--small", required: false, optional: false })}
      </fieldset>
      ${button(t("estimate.calculate"))}
    </form>
    <section id="estimate-result" aria-live="polite"></section>`,
  mount(root) {
    const place = root.querySelector("#estimate-result");
    let untaxed = [];
    bind(root.querySelector("#estimate-form"), (v) => {
      place.innerHTML = "";  // an answer to earlier figures is not left beside a new error
      // the guideline counts income after taxes: say so when none were taken off
      untaxed = ["a", "b"].filter((p) => v[`${p}.total_income`] && !TAXES.some((d) => v[`${p}.${d}`]));
      const body = { children_primary_with_a: count(v.children_primary_with_a), children_primary_with_b: count(v.children_primary_with_b),
        children_shared: count(v.children_shared), children_with_third_party: count(v.children_with_third_party) };
      const a = income(v, "a"); const b = income(v, "b");
      if (a) body.parent_a = a;
      if (b) body.parent_b = b;
      if (v.shared_percent_with_a) body.shared_percent_with_a = v.shared_percent_with_a;
      return post("/tools/support-estimate", body);
    }, (r) => {
      place.innerHTML = html`${untaxed.map((p) => html`<div class="usa-alert usa-alert--info usa-alert--slim margin-top-4" data-untaxed="${p}"><div class="usa-alert__body"><p class="usa-alert__text">${t("estimate.no_taxes", { parent: t(`estimate.parent_${p}`) })}</p></div></div>`)}
        <div class="usa-summary-box margin-top-4" role="region" aria-labelledby="estimate-heading"><div class="usa-summary-box__body">
          <h2 class="usa-summary-box__heading" id="estimate-heading" tabindex="-1">${t("estimate.result", { monthly: money(r.monthly_support_cents) })}</h2>
          <div class="usa-summary-box__text"><p>${r.obligor ? t("estimate.paid_by", { parent: t(`estimate.parent_${r.obligor}`), annual: money(r.annual_support_cents) }) : ""}</p>
          <p>${r.note}</p></div></div></div>
        <h2>${t("estimate.steps")}</h2>
        <table class="usa-table usa-table--stacked width-full"><caption class="usa-sr-only">${t("estimate.steps")}</caption>
          <thead><tr><th scope="col">${t("case.description")}</th><th scope="col">${t("pay.amount")}</th></tr></thead>
          <tbody>${r.steps.map((s) => html`<tr><td data-label="${t("case.description")}">${s.description}</td><td data-label="${t("pay.amount")}" class="portal-amount">${money(s.amount_cents)}</td></tr>`)}</tbody></table>
        <p class="usa-hint">${r.guideline.guideline} (${r.guideline.source})</p>`.text;
      place.querySelector("h2").focus();
    });
  },
};
