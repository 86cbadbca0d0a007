// One payment: its status, and once posted how it was applied.
import { get } from "../api.js";
import { html } from "../html.js";
import { dateTime, money, month, t } from "../i18n.js";
import { appliedTo } from "../words.js";
import { statusTag, toward } from "./payments.js";

export default {
  title: "payment.title",
  auth: true,
  async render(ctx) {
    const p = await get(`/payments/${encodeURIComponent(ctx.params.paymentId)}`);
    return html`<h1 class="margin-top-4">${t("payment.title")}</h1>
      <dl class="margin-y-3">
        <dt class="text-bold">${t("pay.payment_id")}</dt><dd>${p.reference}</dd>
        <dt class="text-bold">${t("pay.amount")}</dt><dd>${money(p.amount_cents)}</dd>
        <dt class="text-bold">${t("pay.status")}</dt><dd>${statusTag(p.status, p.checking)}${p.return_reason ? html` ${p.return_reason}${p.return_reason_words ? `: ${p.return_reason_words}` : ""}` : ""}</dd>
        ${p.represents ? html`<dt class="text-bold">${t("payment.represents")}</dt><dd><a class="usa-link" href="/payments/${p.represents}">${t("payment.represents_link")}</a></dd>` : ""}
        <dt class="text-bold">${t("pay.for")}</dt><dd>${toward(p)}</dd>
        <dt class="text-bold">${t("pay.from")}</dt><dd>${t(`pay.method_${p.method}`, { last4: p.last4 })}</dd>
        <dt class="text-bold">${t("pay.date")}</dt><dd>${dateTime(p.created_at)}</dd>
        ${p.posted_at ? html`<dt class="text-bold">${t("payment.posted")}</dt><dd>${dateTime(p.posted_at)}</dd>` : ""}
        ${p.returned_at ? html`<dt class="text-bold">${t("payment.returned")}</dt><dd>${dateTime(p.returned_at)}</dd>` : ""}
      </dl>
      ${p.authorization ? html`<h2 class="font-heading-md">${t("payment.authorization")}</h2><p id="payment-authorization">${p.authorization}</p>` : ""}
      ${p.distribution?.length ? html`<table class="usa-table">
        <caption>${t("payment.distribution")}</caption>
        <thead><tr>${p.case_ids ? html`<th scope="col">${t("pay.case")}</th>` : ""}<th scope="col">${t("payment.period")}</th><th scope="col">${t("payment.applied_to")}</th><th scope="col">${t("pay.amount")}</th></tr></thead>
        <tbody>${p.distribution.map((d) => html`<tr>${p.case_ids ? html`<td>${d.case_id}</td>` : ""}<th scope="row">${month(d.period)}</th><td>${appliedTo(d)}</td><td class="portal-amount">${money(d.amount_cents)}</td></tr>`)}</tbody>
      </table>` : html`<p>${t(p.status === "failed" ? `payment.failed_${p.failure_reason === "no_charge" ? "no_charge" : "declined"}` : "payment.not_applied_yet")}</p>`}
      <p><a class="usa-link" href="/payments">${t("payment.back")}</a></p>`;
  },
};
