// Take a bank debit a member authorized on a signed paper form (the ACH rail sends it as
// a PPD entry in the next file). Entering the same form again debits nothing more.
import { post } from "../api.js";
import { alert, announce, bind, button, cents, field, fieldError } from "../forms.js";
import { html } from "../html.js";
import { money, t } from "../i18n.js";

export default {
  title: "agency.bank_debit",
  auth: true,
  staff: true,
  duty: "payments",
  render: () => html`<h1 class="margin-top-4">${t("agency.bank_debit")}</h1>
    <p>${t("agency.bank_debit_intro")}</p>
    <div id="debited"></div>
    <form class="usa-form usa-form--large" id="debit-form">
      ${field({ name: "member_id", label: t("link.member_id"), inputmode: "numeric", width: "usa-input--medium" })}
      ${field({ name: "case_id", label: t("case.number"), inputmode: "numeric", width: "usa-input--medium" })}
      ${field({ name: "holder_name", label: t("bank.holder") })}
      ${field({ name: "routing_number", label: t("bank.routing"), inputmode: "numeric", width: "usa-input--medium" })}
      ${field({ name: "account_number", label: t("bank.number"), inputmode: "numeric", autocomplete: "off" })}
      ${field({ name: "account_type", label: t("bank.type"), options: [["checking", t("bank.checking")], ["savings", t("bank.savings")]], value: "checking" })}
      ${field({ name: "amount", label: t("pay.amount"), inputmode: "decimal", width: "usa-input--medium" })}
      ${field({ name: "signed_on", label: t("agency.signed_on"), type: "date" })}
      ${field({ name: "reference", label: t("agency.form_reference"), hint: t("agency.form_reference_hint") })}
      ${button(t("agency.bank_debit_submit"))}
    </form>`,
  mount(root) {
    bind(root.querySelector("#debit-form"), (v) => {
      const amount = cents(v.amount);
      if (amount === null) throw fieldError("amount", t("pay.amount_invalid"));
      return post(`/agency/members/${encodeURIComponent(v.member_id.trim())}/bank-debits`, {
        case_id: v.case_id.trim(), holder_name: v.holder_name, routing_number: v.routing_number.trim(),
        account_number: v.account_number.trim(), account_type: v.account_type, amount_cents: amount,
        signed_on: v.signed_on, reference: v.reference.trim() });
    }, (r) => {
      const place = root.querySelector("#debited");
      announce(place, html`${alert("success", "", t(r.created ? "agency.bank_debit_done" : "agency.bank_debit_again",
        { amount: money(r.amount_cents), last4: r.last4, reference: r.reference }))}`);
    });
  },
};
