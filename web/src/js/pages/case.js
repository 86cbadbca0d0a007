// One case: details and order history, this month's obligation, arrears by month, the 10
// most recent case actions, upcoming court dates and appointments, payment history.
import { get } from "../api.js";
import { barChart } from "../chart.js";
import { html } from "../html.js";
import { date, dateTime, money, month, t } from "../i18n.js";
import { agencyText, applied, caseStatus, caseType, payMethod } from "../words.js";

const row = (label, value) => html`<tr><th scope="row">${label}</th><td>${value}</td></tr>`;

export default {
  title: "case.title",
  auth: true,
  async render(ctx) {
    const id = encodeURIComponent(ctx.params.caseId);
    const [c, o, a, { actions }, { events }, pays] = await Promise.all([
      get(`/cases/${id}`), get(`/cases/${id}/obligation`), get(`/cases/${id}/arrears`),
      get(`/cases/${id}/actions?limit=10`), get(`/cases/${id}/events`), get(`/cases/${id}/payments`)]);
    return html`<h1 class="margin-top-4">${t("case.heading", { id: c.case_id })}</h1>
      ${c.my_role === "obligor" ? html`<p><a class="usa-button" href="/payments">${t("case.pay")}</a></p>` : ""}
      <nav aria-label="${t("case.sections")}"><ul class="usa-list usa-list--unstyled display-flex flex-wrap">
        ${[["details", "case.details"], ["obligation", "case.obligation"], ["arrears", "summary.arrears"], ["actions", "case.actions"], ["events", "case.events"], ["payments", "case.payments"]]
          .map(([anchor, key]) => html`<li class="margin-right-3"><a class="usa-link" href="#${anchor}">${t(key)}</a></li>`)}
      </ul></nav>
      <section id="details" aria-labelledby="details-h"><h2 id="details-h">${t("case.details")}</h2>
        <table class="usa-table usa-table--borderless"><caption class="usa-sr-only">${t("case.details")}</caption><tbody>
          ${row(t("case.type"), caseType(c.case_type))}${row(t("case.status"), caseStatus(c.status))}${row(t("case.my_role"), t(`role.${c.my_role}`))}
          ${row(t("case.participants"), c.participants.map((p) => `${p.name} (${t(`role.${p.role}`)})`).join(", "))}
          ${c.custody ? row(t("case.custody"), agencyText(c.custody)) : ""}${c.payment_method && c.my_role === "obligor" ? row(t("case.payment_method"), payMethod(c.payment_method)) : ""}
          ${row(t("case.current_support"), money(c.current_support.cents))}
          ${c.caseworker ? row(t("case.caseworker"), c.caseworker) : ""}
        </tbody></table>
        ${c.office ? html`<div class="usa-summary-box margin-y-2" role="region" aria-labelledby="office-h"><div class="usa-summary-box__body">
          <h3 class="usa-summary-box__heading" id="office-h">${t("case.office", { name: c.office.name })}</h3>
          <div class="usa-summary-box__text"><p>${c.office.address.line1}<br>${c.office.address.line2 ? html`${c.office.address.line2}<br>` : ""}${c.office.address.city}, ${c.office.address.state} ${c.office.address.zip}</p>
            <p>${c.office.hours}</p><p>${t("offices.phone")}: <a class="usa-link" href="tel:${c.office.phone.replace(/[^0-9+]/g, "")}">${c.office.phone}</a></p>
            <p><a class="usa-link usa-link--external" href="${c.office.map_url}" rel="noopener">${t("offices.map", { name: c.office.name })}</a></p></div></div></div>` : ""}
        ${c.order_history.length ? html`<table class="usa-table"><caption>${t("case.order_history")}</caption>
          <thead><tr><th scope="col">${t("case.effective")}</th><th scope="col">${t("case.change")}</th><th scope="col">${t("summary.monthly")}</th></tr></thead>
          <tbody>${c.order_history.map((h) => html`<tr><th scope="row">${date(h.effective)}</th><td>${agencyText(h.description)}</td><td class="portal-amount">${h.monthly_support ? money(h.monthly_support.cents) : ""}</td></tr>`)}</tbody></table>` : ""}
      </section>
      <section id="obligation" aria-labelledby="obligation-h"><h2 id="obligation-h">${t("case.obligation")}</h2>
        <table class="usa-table usa-table--borderless"><caption class="usa-sr-only">${t("case.obligation")}</caption><tbody>
          ${row(t("case.monthly_support"), money(o.monthly_support.cents))}${row(t("case.medical_support"), money(o.medical_support.cents))}
          ${o.next_due_date ? row(t("case.next_due"), date(o.next_due_date)) : ""}
          ${row(t("case.charged"), money(o.charged_this_month.cents))}${row(t("case.paid"), money(o.paid_this_month.cents))}
          ${row(t("case.due"), money(o.due_this_month.cents))}${row(t("summary.met_question"), o.obligation_met ? t("summary.met") : t("summary.not_met"))}
        </tbody></table></section>
      <section id="arrears" aria-labelledby="arrears-h"><h2 id="arrears-h">${t("summary.arrears")}: ${money(a.total.cents)}</h2>
        ${a.owed_to_state?.cents ? html`<p id="owed-to-whom">${t("case.owed_split", { family: money(a.owed_to_family.cents), state: money(a.owed_to_state.cents) })}</p>` : ""}
        ${barChart({ id: "arrears-chart", title: t("chart.arrears_title", { id: c.case_id }),
          bars: [...a.periods].sort((x, y) => x.period.localeCompare(y.period)).map((p) => ({ label: month(p.period), cents: p.amount.cents })) })}
        ${a.periods.length ? html`<table class="usa-table"><caption class="usa-sr-only">${t("summary.arrears")}</caption>
          <thead><tr><th scope="col">${t("payment.period")}</th><th scope="col">${t("pay.amount")}</th>${a.interest?.cents ? html`<th scope="col">${t("case.of_which_interest")}</th>` : ""}</tr></thead>
          <tbody>${a.periods.map((p) => html`<tr><th scope="row">${month(p.period)}</th><td class="portal-amount">${money(p.amount.cents)}</td>${a.interest?.cents ? html`<td class="portal-amount">${money(p.interest.cents)}</td>` : ""}</tr>`)}</tbody></table>` : ""}</section>
      <section id="actions" aria-labelledby="actions-h"><h2 id="actions-h">${t("case.actions")}</h2>
        ${actions.length ? html`<ul class="usa-list">${actions.map((x) => html`<li>${date(x.on)}: ${agencyText(x.description)}</li>`)}</ul>` : html`<p>${t("case.no_actions")}</p>`}</section>
      <section id="events" aria-labelledby="events-h"><h2 id="events-h">${t("case.events")}</h2>
        ${events.length ? html`<ul class="usa-list">${events.map((e) => html`<li id="event-${e.event_id}" tabindex="-1"><strong>${t(`event.${e.kind}`)}, ${dateTime(e.at)}</strong>: ${agencyText(e.description)}${e.location ? html`, ${e.location}` : ""}</li>`)}</ul>` : html`<p>${t("case.no_events")}</p>`}</section>
      <section id="payments" aria-labelledby="payments-h"><h2 id="payments-h">${t("case.payments")}</h2>
        ${pays.last_payment ? html`<p id="last-payment">${t("case.last_payment", { amount: money(pays.last_payment.amount.cents), when: date(pays.last_payment.on) })}</p>` : ""}
        ${pays.payments.length ? html`<table class="usa-table usa-table--stacked width-full"><caption class="usa-sr-only">${t("case.payments")}</caption>
          <thead><tr><th scope="col">${t("pay.date")}</th><th scope="col">${t("case.description")}</th><th scope="col">${t("pay.amount")}</th><th scope="col">${t("payment.distribution")}</th></tr></thead>
          <tbody>${pays.payments.map((p) => html`<tr><th scope="row" data-label="${t("pay.date")}">${date(p.on)}</th><td data-label="${t("case.description")}">${p.source ? t(`source.${p.source}`) : agencyText(p.description)}</td>
            <td data-label="${t("pay.amount")}" class="portal-amount">${money(p.amount.cents)}</td>
            <td data-label="${t("payment.distribution")}">${(p.distribution || []).map((d) => `${applied(d)}: ${money(d.amount_cents)}`).join("; ")}</td></tr>`)}</tbody></table>`
          : html`<p>${t("pay.none")}</p>`}</section>`;
  },
};
