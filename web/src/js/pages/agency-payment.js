// Record a payment the agency received outside the portal (withholding, a check, an offset).
import { post } from "../api.js";
import { alert, announce, bind, button, cents, field, fieldError } from "../forms.js";
import { html } from "../html.js";
import { money, t } from "../i18n.js";
import { applied } from "../words.js";

const SOURCES = ["income_withholding", "check", "money_order", "cash", "federal_tax_offset", "state_tax_offset",
  "pfd_garnishment", "unemployment_intercept", "other"];

export default {
  title: "agency.record_payment",
  auth: true,
  staff: true,
  duty: "payments",
  render: () => html`<h1 class="margin-top-4">${t("agency.record_payment")}</h1>
    <div id="recorded"></div>
    <form class="usa-form usa-form--large" id="record-form">
      ${field({ name: "case_id", label: t("case.number"), inputmode: "numeric", width: "usa-input--medium" })}
      ${field({ name: "amount", label: t("pay.amount"), inputmode: "decimal", width: "usa-input--medium" })}
      ${field({ name: "received_on", label: t("agency.received_on"), type: "date" })}
      ${field({ name: "source", label: t("agency.source"), options: SOURCES.map((s) => [s, t(`source.${s}`)]) })}
      ${field({ name: "reference", label: t("agency.reference"), hint: t("agency.reference_hint") })}
      ${button(t("agency.record"))}
    </form>`,
  mount(root) {
    bind(root.querySelector("#record-form"), (v) => {
      const amount = cents(v.amount);
      if (amount === null) throw fieldError("amount", t("pay.amount_invalid"));
      return post(`/agency/cases/${encodeURIComponent(v.case_id.trim())}/payments`,
        { amount_cents: amount, received_on: v.received_on, source: v.source, reference: v.reference });
    }, (r) => {
      const place = root.querySelector("#recorded");
      announce(place, html`${alert("success", "", t(r.created ? "agency.recorded" : "agency.already_recorded", { amount: money(r.amount_cents), id: r.case_id }))}
        <ul class="usa-list">${r.distribution.map((d) => html`<li>${applied(d)}: ${money(d.amount_cents)}</li>`)}</ul>`);
    });
  },
};
