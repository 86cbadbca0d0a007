// The arrears catch-up calculators: the agency's chart (the monthly amount for an income
// and the arrears, and how long it takes with interest), then the pay-off planner (how
// long at a monthly amount, or how much a month to be caught up in so many months).
import { post } from "../api.js";
import { bind, button, cents, field, fieldError, radios } from "../forms.js";
import { html } from "../html.js";
import { money, t } from "../i18n.js";

export default {
  title: "tools.arrears",
  render: () => html`<h1 class="margin-top-4">${t("tools.arrears")}</h1>
    <h2>${t("arrears.chart_heading")}</h2>
    <form class="usa-form usa-form--large" id="chart-form">
      ${field({ name: "income", label: t("arrears.income"), hint: t("arrears.income_hint"), inputmode: "decimal", width: "usa-input--medium" })}
      ${field({ name: "owed", label: t("arrears.owed"), inputmode: "decimal", width: "usa-input--medium" })}
      ${button(t("arrears.chart_calculate"))}
    </form>
    <section id="chart-result" aria-live="polite"></section>
    <h2>${t("arrears.planner_heading")}</h2>
    <form class="usa-form usa-form--large" id="arrears-form">
      ${field({ name: "balance", label: t("arrears.balance"), inputmode: "decimal", width: "usa-input--medium" })}
      ${radios({ name: "by", legend: t("arrears.by"), value: "months", options: [["months", t("arrears.by_months")], ["payment", t("arrears.by_payment")]] })}
      ${field({ name: "amount", label: t("arrears.months_or_payment"), hint: t("arrears.months_or_payment_hint"), inputmode: "decimal", width: "usa-input--medium" })}
      ${button(t("estimate.calculate"))}
    </form>
    <section id="arrears-result" aria-live="polite"></section>`,
  mount(root) {
    bind(root.querySelector("#chart-form"), (v) => {
      root.querySelector("#chart-result").innerHTML = "";
      const income = cents(v.income);
      if (income === null) throw fieldError("income", t("pay.amount_invalid"));
      const owed = cents(v.owed);
      if (owed === null) throw fieldError("owed", t("pay.amount_invalid"));
      return post("/tools/arrears-chart", { adjusted_annual_income_cents: income, arrears_balance_cents: owed });
    }, (r) => {
      const place = root.querySelector("#chart-result");
      const answer = r.outcome === "charted" || r.outcome === "below_chart"
        ? html`<h3 tabindex="-1">${t("arrears.chart_answer", { payment: money(r.monthly_payment_cents) })}</h3>
          <p>${t("arrears.chart_payoff", { months: r.months, interest: money(r.interest_cents), rate: r.annual_interest_percent })}</p>`
        : html`<h3 tabindex="-1">${t(`arrears.chart_${r.outcome}`, { floor: money(r.income_floor_cents) })}</h3>`;
      place.innerHTML = html`${answer}<p class="usa-hint">${t("arrears.chart_source", { citation: r.citation })}</p>`.text;
      place.querySelector("h3").focus();
    });
    bind(root.querySelector("#arrears-form"), (v) => {
      root.querySelector("#arrears-result").innerHTML = "";  // no old answer beside a new error
      const balance = cents(v.balance);
      if (balance === null) throw fieldError("balance", t("pay.amount_invalid"));
      const body = { arrears_balance_cents: balance };
      if (v.by === "months") {
        if (!/^\d+$/.test(v.amount)) throw fieldError("amount", t("arrears.months_invalid"));
        body.months = Number(v.amount);
      } else {
        const payment = cents(v.amount);
        if (payment === null) throw fieldError("amount", t("pay.amount_invalid"));
        body.monthly_payment_cents = payment;
      }
      return post("/tools/arrears-payment", body);
    }, (plan) => {
      const place = root.querySelector("#arrears-result");
      place.innerHTML = html`<h2 tabindex="-1">${t("arrears.plan", { months: plan.months, payment: money(plan.monthly_payment_cents) })}</h2>
        <p>${t("arrears.last", { last: money(plan.last_payment_cents) })}</p>
        <table class="usa-table"><caption>${t("arrears.schedule")}</caption>
          <thead><tr><th scope="col">${t("arrears.month")}</th><th scope="col">${t("pay.amount")}</th><th scope="col">${t("arrears.remaining")}</th></tr></thead>
          <tbody>${plan.schedule.slice(0, 24).map((i) => html`<tr><th scope="row">${i.month}</th><td class="portal-amount">${money(i.payment_cents)}</td><td class="portal-amount">${money(i.remaining_cents)}</td></tr>`)}</tbody></table>`.text;
      place.querySelector("h2").focus();
    });
  },
};
