// Payments: make a one-time payment on a case or a fee account (from a saved bank account,
// or a card in the processor's form), reviewed before it is sent; and the history.
import { get, post } from "../api.js";
import { alert, bind, button, cents, checkbox, field, fieldError, radios } from "../forms.js";
import { html } from "../html.js";
import { barChart } from "../chart.js";
import { date, money, month, t } from "../i18n.js";
import { showStep, stepIndicator } from "../steps.js";

const labels = () => [t("pay.what"), t("pay.review"), t("pay.done")];

function targets(summary) {
  const paying = summary.cases.filter((c) => c.my_role === "obligor" && c.status.toLowerCase() === "active");
  return [
    ...(paying.length > 1 ? [["all:", t("pay.all_cases")]] : []),
    ...paying.map((c) => [`case:${c.case_id}`, t("pay.case_option", { id: c.case_id })]),
    ...summary.fee_accounts.filter((f) => f.balance.cents > 0)
      .map((f) => [`fee:${f.account}`, t("pay.fee_option", { id: f.account, owed: money(f.balance.cents) })]),
  ];
}

/** A payment's status in words: "Checking with the bank" once a pending one is past the
 * time it should have settled (the API's `checking`: the settlement job asks next). */
export function statusTag(status, checking = false) {
  const shown = status === "pending" && checking ? "checking" : status;
  const kind = { pending: "bg-gold text-ink", checking: "bg-gold text-ink", posted: "bg-green", returned: "bg-secondary", failed: "bg-secondary" }[shown] || "";
  return html`<span class="usa-tag ${kind}">${t(`pay.status_${shown}`)}</span>`;
}

const how = (line) => (line.payment_id ? t(`pay.method_${line.method}`, { last4: line.last4 }) : t(`source.${line.source}`));
/** What a payment is toward: a case, or a fee account. */
export const toward = (line) => (line.case_id ? t("pay.case_option", { id: line.case_id })
  : line.fee_account ? t("pay.fee_short", { id: line.fee_account }) : t("pay.all_cases"));

// what was paid (or received) each month of the last twelve that had one (posted or on
// its way; nothing failed or returned)
function byMonth(lines) {
  const sums = new Map();
  for (const line of lines) {
    if (line.status === "failed" || line.status === "returned" || line.amount_cents <= 0) continue;
    const key = String(line.on).slice(0, 7);
    sums.set(key, (sums.get(key) || 0) + line.amount_cents);
  }
  return [...sums.entries()].sort(([a], [b]) => a.localeCompare(b)).slice(-12)
    .map(([key, cents]) => ({ label: month(key), cents }));
}

// What I paid: the portal's payments (each opens its page) and what the agency recorded
// (withholding, checks, offsets), newest first.
function paidHistory(lines) {
  if (!lines.length) return html`<p>${t("pay.none")}</p>`;
  return html`${barChart({ id: "paid-chart", title: t("chart.paid_title"), bars: byMonth(lines) })}
  <table class="usa-table usa-table--stacked width-full" id="paid-history">
    <caption class="usa-sr-only">${t("pay.history")}</caption>
    <thead><tr><th scope="col">${t("pay.date")}</th><th scope="col">${t("pay.for")}</th><th scope="col">${t("pay.how")}</th><th scope="col">${t("pay.amount")}</th><th scope="col">${t("pay.status")}</th></tr></thead>
    <tbody>${lines.map((line) => html`<tr>
      <th scope="row" data-label="${t("pay.date")}">${line.payment_id ? html`<a class="usa-link" href="/payments/${line.payment_id}">${date(line.on)}</a>` : date(line.on)}</th>
      <td data-label="${t("pay.for")}">${toward(line)}</td>
      <td data-label="${t("pay.how")}">${how(line)}</td>
      <td data-label="${t("pay.amount")}" class="portal-amount">${money(line.amount_cents)}</td>
      <td data-label="${t("pay.status")}">${statusTag(line.status, line.checking)}</td></tr>`)}</tbody></table>`;
}

// What I received on the cases where support is paid to me, and how it reached the agency
// (never the payer's card or account).
function receivedHistory(lines) {
  if (!lines.length) return html`<p>${t("pay.none_received")}</p>`;
  return html`${barChart({ id: "received-chart", title: t("chart.received_title"), bars: byMonth(lines) })}
  <table class="usa-table usa-table--stacked width-full" id="received-history">
    <caption class="usa-sr-only">${t("pay.received")}</caption>
    <thead><tr><th scope="col">${t("pay.date")}</th><th scope="col">${t("pay.case")}</th><th scope="col">${t("pay.how_received")}</th><th scope="col">${t("pay.amount")}</th></tr></thead>
    <tbody>${lines.map((line) => html`<tr>
      <th scope="row" data-label="${t("pay.date")}">${date(line.on)}</th>
      <td data-label="${t("pay.case")}">${line.case_id}</td>
      <td data-label="${t("pay.how_received")}">${t(`source.${line.source}`)}${line.amount_cents < 0 ? html` (${t("pay.status_returned")})` : ""}</td>
      <td data-label="${t("pay.amount")}" class="portal-amount">${money(line.amount_cents)}</td></tr>`)}</tbody></table>`;
}

async function showPaid(root) {
  const { payments } = await get("/payment-history");
  root.querySelector("#paid-place").innerHTML = paidHistory(payments.filter((l) => l.direction === "paid")).text;
}

function chooseForm(place, data, v = {}) {
  const { summary, accounts, portal } = data;
  const ways = accounts.map((a) => [`bank:${a.account_id}`, t("pay.bank_option", { name: a.nickname || t(`bank.${a.account_type}`), last4: a.last4 })]);
  if (portal.sandbox) ways.push(["card", t("pay.card_option")]);
  const options = targets(summary);
  const way = v.way || ways[0]?.[0];  // the card's fields show when the card is the way chosen
  if (!options.length) { showStep(place, html`<p>${t("pay.nothing_to_pay")}</p>`, { focus: false }); return; }
  showStep(place, html`${stepIndicator(labels(), 0)}
    <form class="usa-form usa-form--large" id="pay-form">
      ${field({ name: "target", label: t("pay.for"), options, value: v.target || (options.length === 1 ? options[0][0] : "") })}
      ${field({ name: "amount", label: t("pay.amount"), hint: t("pay.amount_hint"), inputmode: "decimal", value: v.amount || "", width: "usa-input--medium" })}
      ${ways.length ? radios({ name: "way", legend: t("pay.from"), options: ways, value: way })
        : html`<p>${t("pay.add_account_first")}</p>`}
      <fieldset class="usa-fieldset" id="card-fields" ${way === "card" ? "" : html`hidden`}>
        <legend class="usa-legend">${t("pay.card")}</legend>
        <p class="usa-hint">${t("pay.card_sandbox")}</p>
        ${field({ name: "number", label: t("pay.card_number"), inputmode: "numeric", autocomplete: "cc-number" })}
        ${field({ name: "exp_month", label: t("pay.exp_month"), inputmode: "numeric", autocomplete: "cc-exp-month", width: "usa-input--small" })}
        ${field({ name: "exp_year", label: t("pay.exp_year"), inputmode: "numeric", autocomplete: "cc-exp-year", width: "usa-input--small" })}
        ${field({ name: "cvc", label: t("pay.cvc"), inputmode: "numeric", autocomplete: "cc-csc", width: "usa-input--small" })}
      </fieldset>
      <p><a class="usa-link" href="/bank-accounts">${t("pay.manage_accounts")}</a></p>
      ${ways.length ? button(t("steps.continue")) : ""}
    </form>`, { focus: Boolean(v.target) });
  const form = place.querySelector("#pay-form");
  const cardFields = place.querySelector("#card-fields");
  form.addEventListener("change", (event) => {
    if (event.target.name === "way") cardFields.hidden = event.target.value !== "card";
  });
  bind(form, async (values) => {
    const amount = cents(values.amount);
    if (!values.target) throw fieldError("target", t("pay.choose_target"));
    if (amount === null || amount < 100) throw fieldError("amount", t("pay.amount_invalid"));
    const order = { amount_cents: amount };
    const [kind, id] = values.target.split(/:(.*)/s);
    if (kind === "all") order.all_cases = true;
    else order[kind === "case" ? "case_id" : "fee_account"] = id;
    let from;
    if (values.way === "card") {
      const card = await post("/sandbox/card-tokens", { number: values.number.replace(/\s/g, ""),
        exp_month: Number(values.exp_month), exp_year: Number(values.exp_year), cvc: values.cvc });
      order.card_token = card.token;
      from = t("pay.method_card", { last4: card.last4 });
    } else {
      order.bank_account_id = values.way.slice("bank:".length);
      from = ways.find(([w]) => w === values.way)[1];
    }
    return { order, from, values, target: options.find(([o]) => o === values.target)[1] };
  }, (chosen) => review(place, data, chosen));
}

function review(place, data, chosen) {
  const root = place.closest("main");
  const key = crypto.randomUUID();  // kept for retries of this one payment: never a second charge
  showStep(place, html`${stepIndicator(labels(), 1)}
    <dl class="margin-y-3">
      <dt class="text-bold">${t("pay.for")}</dt><dd>${chosen.target}</dd>
      <dt class="text-bold">${t("pay.amount")}</dt><dd>${money(chosen.order.amount_cents)}</dd>
      <dt class="text-bold">${t("pay.from")}</dt><dd>${chosen.from}</dd>
    </dl>
    <p>${t("pay.authorize")}</p>
    <form class="usa-form" id="confirm-form">
      <div id="overpay" hidden>${checkbox({ name: "confirm_overpayment", label: t("pay.confirm_overpayment") })}</div>
      <button type="button" class="usa-button usa-button--outline" id="edit">${t("steps.edit")}</button>
      ${button(t("pay.submit"))}
    </form>`);
  place.querySelector("#edit").addEventListener("click", () => chooseForm(place, data, chosen.values));
  // more than is owed: the API says so and what is owed; the payer confirms it or edits
  const overpay = place.querySelector("#overpay");
  bind(place.querySelector("#confirm-form"), async (values) => {
    try {
      return await post("/payments", { ...chosen.order, confirm_overpayment: values.confirm_overpayment === true }, { "Idempotency-Key": key });
    } catch (error) {
      if (error.code === "confirm_overpayment") overpay.hidden = false;
      throw error;
    }
  },
    (payment) => {
      showStep(place, html`${stepIndicator(labels(), 2)}
      ${alert("success", t("pay.thanks"), t("pay.thanks_text", { amount: money(payment.amount_cents) }))}
      <dl class="margin-y-3" id="payment-confirmation">
        <dt class="text-bold">${t("pay.payment_id")}</dt><dd>${payment.reference}</dd>
        <dt class="text-bold">${t("pay.status")}</dt><dd>${statusTag(payment.status, payment.checking)}</dd>
      </dl>
      <a class="usa-button" href="/payments/${payment.payment_id}">${t("pay.see_payment")}</a>`);
      showPaid(root).catch(() => {});  // the new payment in the history, pending (a reload shows it too)
    });
}

export default {
  title: "pay.title",
  auth: true,
  async render(ctx) {
    const [summary, { bank_accounts: accounts }, { payments: lines }] = await Promise.all(
      [get("/summary"), get("/bank-accounts"), get("/payment-history")]);
    ctx.payData = { summary, accounts, portal: ctx.state.portal || { sandbox: false } };
    const roles = new Set((summary.cases || []).map((c) => c.my_role));
    const paying = roles.has("obligor") || (summary.fee_accounts || []).length > 0 || !roles.has("obligee");
    const receiving = roles.has("obligee");
    ctx.paying = paying;
    const details = summary.account_details || {};
    return html`<h1 class="margin-top-4">${t("pay.title")}</h1>
      ${paying && ctx.state.portal && !ctx.state.portal.payments ? alert("warning", "", t("pay.unavailable")) : ""}
      <ul class="usa-button-group margin-bottom-3">
        ${paying ? html`<li class="usa-button-group__item"><a class="usa-button usa-button--outline" href="/bank-accounts">${t("nav.bank_accounts")}</a></li>
        <li class="usa-button-group__item"><a class="usa-button usa-button--outline" href="/autopay">${t("nav.autopay")}</a></li>` : ""}
        ${receiving ? html`<li class="usa-button-group__item"><a class="usa-button usa-button--outline" href="/direct-deposit">${t("nav.direct_deposit")}</a></li>` : ""}
      </ul>
      ${receiving ? html`<section aria-labelledby="received-heading"><h2 id="received-heading">${t("pay.received")}</h2>
        <p>${details.receives_by === "direct_deposit" ? t("summary.receives_deposit", { last4: details.deposit_last4 }) : t("summary.receives_other")}</p>
        ${receivedHistory(lines.filter((l) => l.direction === "received"))}</section>` : ""}
      ${paying ? html`<section aria-labelledby="make-heading"><h2 id="make-heading">${t("pay.make")}</h2><div id="pay-steps"></div></section>
      <section aria-labelledby="history-heading"><h2 id="history-heading">${t("pay.history")}</h2>
        <div id="paid-place">${paidHistory(lines.filter((l) => l.direction === "paid"))}</div></section>` : ""}
      ${paying && ctx.state.portal?.ways_to_pay?.length ? html`<section aria-labelledby="other-ways-heading">
        <h2 id="other-ways-heading">${t("pay.other_ways")}</h2>
        <dl>${ctx.state.portal.ways_to_pay.map((w) => html`<dt class="text-bold">${w.how}</dt><dd class="margin-left-0 margin-bottom-2">${w.text}</dd>`)}</dl>
        <p><a class="usa-link" href="/help">${t("home.need_help_link")}</a></p></section>` : ""}`;
  },
  mount(root, ctx) {
    // a card's "Submit a Fee Payment" names what the payment is for
    if (ctx.paying) chooseForm(root.querySelector("#pay-steps"), ctx.payData, { target: ctx.query.get("for") || "" });
  },
};
