// Automatic payments: one schedule per case, paid each month on its day.
import { del, get, post, put } from "../api.js";
import { alert, bind, button, cents, checkbox, errorText, field, fieldError } from "../forms.js";
import { html } from "../html.js";
import { date, money, t } from "../i18n.js";

const days = () => [...Array(28).keys()].map((i) => [String(i + 1), String(i + 1)]);
let flash = null;  // what the last change did, said once on the page it leads to

/** The first day a schedule pays: its day of the month, on or after its start. */
export function firstPayment(start, day) {
  const [y, m, d] = start.split("-").map(Number);
  const first = new Date(Date.UTC(y, m - 1 + (d > day ? 1 : 0), day));
  return first.toISOString().slice(0, 10);
}

function scheduleForm(cases, accounts, s = null, monthly = {}) {
  // the monthly obligation is the default only where there is one to pay
  const only = cases.length === 1 ? cases[0].case_id : "";
  const owes = s ? s.pays_monthly_obligation : Boolean(only && monthly[only] > 0);
  const today = new Date().toISOString().slice(0, 10);
  return html`<form class="usa-form usa-form--large" id="autopay-form" data-schedule="${s ? s.schedule_id : ""}">
    ${s ? html`<p>${t("pay.case_option", { id: s.case_id })}</p>`
      : field({ name: "case_id", label: t("pay.for"), options: cases.map((c) => [c.case_id, t("pay.case_option", { id: c.case_id })]),
                value: cases.length === 1 ? cases[0].case_id : "" })}
    ${field({ name: "bank_account_id", label: t("pay.from"), options: accounts.map((a) => [a.account_id, t("pay.bank_option", { name: a.nickname || t(`bank.${a.account_type}`), last4: a.last4 })]),
              value: s ? "" : accounts.length === 1 ? accounts[0].account_id : "" })}
    ${checkbox({ name: "monthly", label: t("autopay.monthly"), checked: owes })}
    ${only && !s && !(monthly[only] > 0) ? html`<p class="usa-hint">${t("autopay.no_monthly")}</p>` : ""}
    ${field({ name: "amount", label: t("autopay.amount"), hint: t("autopay.amount_hint"), inputmode: "decimal", required: false, width: "usa-input--medium",
              value: s && s.amount_cents ? (s.amount_cents / 100).toFixed(2) : "" })}
    ${field({ name: "day_of_month", label: t("autopay.day"), options: days(), value: s ? String(s.day_of_month) : "1", width: "usa-input--small" })}
    ${field({ name: "start", label: t("autopay.start"), type: "date", value: s ? s.start : today })}
    ${field({ name: "end", label: t("autopay.end"), type: "date", required: false, value: s?.end || "" })}
    ${button(s ? t("autopay.save") : t("autopay.set_up"))}
  </form>`;
}

export default {
  title: "autopay.title",
  auth: true,
  async render(ctx) {
    const [summary, { bank_accounts: accounts }, { schedules }] = await Promise.all(
      [get("/summary"), get("/bank-accounts"), get("/autopay")]);
    const active = schedules.filter((s) => s.status === "active");
    const cases = summary.cases.filter((c) => c.my_role === "obligor" && !active.some((s) => s.case_id === c.case_id));
    const details = await Promise.all(cases.map((c) => get(`/cases/${encodeURIComponent(c.case_id)}`)));
    const monthly = Object.fromEntries(details.map((c) => [c.case_id, c.current_support.cents]));
    ctx.autopay = { active, cases, accounts, monthly };
    const said = flash;
    flash = null;
    return html`<h1 class="margin-top-4">${t("autopay.title")}</h1>
      <div id="autopay-status">${said ? alert("success", "", said) : ""}</div>
      ${active.length ? html`<table class="usa-table usa-table--stacked width-full">
        <caption>${t("autopay.schedules")}</caption>
        <thead><tr><th scope="col">${t("pay.for")}</th><th scope="col">${t("pay.amount")}</th><th scope="col">${t("autopay.day")}</th><th scope="col">${t("pay.from")}</th><th scope="col">${t("autopay.dates")}</th><th scope="col"><span class="usa-sr-only">${t("security.actions")}</span></th></tr></thead>
        <tbody>${active.map((s) => html`<tr>
          <th scope="row" data-label="${t("pay.for")}">${s.case_id}</th>
          <td data-label="${t("pay.amount")}">${s.pays_monthly_obligation ? t("autopay.monthly_short") : money(s.amount_cents)}</td>
          <td data-label="${t("autopay.day")}">${s.day_of_month}</td>
          <td data-label="${t("pay.from")}">•••• ${s.bank_account_last4}</td>
          <td data-label="${t("autopay.dates")}">${date(s.start)}${s.end ? html` – ${date(s.end)}` : ""}</td>
          <td><button type="button" class="usa-button usa-button--unstyled" data-change="${s.schedule_id}">${t("autopay.change")}<span class="usa-sr-only"> ${s.case_id}</span></button>
              <button type="button" class="usa-button usa-button--unstyled margin-left-2" data-stop="${s.schedule_id}">${t("autopay.stop")}<span class="usa-sr-only"> ${s.case_id}</span></button></td></tr>`)}</tbody>
      </table>` : html`<p>${t("autopay.none")}</p>`}
      <section id="autopay-editor">${!accounts.length ? html`<p>${t("pay.add_account_first")} <a class="usa-link" href="/bank-accounts">${t("nav.bank_accounts")}</a></p>`
        : cases.length ? html`<h2>${t("autopay.new")}</h2>${scheduleForm(cases, accounts, null, monthly)}` : ""}</section>
      <p><a class="usa-link" href="/payments">${t("payment.back")}</a></p>`;
  },
  mount(root, ctx) {
    const status = root.querySelector("#autopay-status");
    const wire = () => {
      const form = root.querySelector("#autopay-form");
      if (!form) return;
      bind(form, (v) => {
        const body = { bank_account_id: v.bank_account_id, day_of_month: Number(v.day_of_month), start: v.start };
        if (v.end) body.end = v.end;
        const caseId = form.dataset.schedule ? ctx.autopay.active.find((x) => x.schedule_id === form.dataset.schedule).case_id : v.case_id;
        if (!v.monthly) {
          const amount = cents(v.amount);
          if (amount === null || amount < 100) throw fieldError("amount", t("pay.amount_invalid"));
          body.amount_cents = amount;
        } else if (!form.dataset.schedule && !(ctx.autopay.monthly[caseId] > 0)) {
          throw fieldError("amount", t("autopay.no_monthly"));
        }
        return { body, caseId, id: form.dataset.schedule };
      }, (chosen) => review(form, chosen));
    };
    // the review: what will be taken, when first, from where, and the authorization
    const review = (form, { body, caseId, id }) => {
      const account = ctx.autopay.accounts.find((a) => a.account_id === body.bank_account_id);
      const amount = body.amount_cents ? money(body.amount_cents)
        : t("autopay.monthly_now", { amount: money(ctx.autopay.monthly[caseId] || 0) });
      const today = new Date().toISOString().slice(0, 10);
      const first = firstPayment(body.start > today ? body.start : today, body.day_of_month);
      const from = t("pay.bank_option", { name: account.nickname || t(`bank.${account.account_type}`), last4: account.last4 });
      const editor = root.querySelector("#autopay-editor");
      editor.innerHTML = html`<h2 tabindex="-1" id="autopay-review">${t("autopay.review")}</h2>
        <dl class="margin-y-3">
          <dt class="text-bold">${t("pay.for")}</dt><dd>${t("pay.case_option", { id: caseId })}</dd>
          <dt class="text-bold">${t("pay.amount")}</dt><dd>${amount}</dd>
          <dt class="text-bold">${t("autopay.day")}</dt><dd>${body.day_of_month}</dd>
          <dt class="text-bold">${t("autopay.first")}</dt><dd>${date(first)}</dd>
          ${body.end ? html`<dt class="text-bold">${t("autopay.end")}</dt><dd>${date(body.end)}</dd>` : ""}
          <dt class="text-bold">${t("pay.from")}</dt><dd>${from}</dd>
        </dl>
        <p id="autopay-authorization">${t("autopay.authorize", { from, day: body.day_of_month })}</p>
        <form class="usa-form" id="confirm-autopay">
          <button type="button" class="usa-button usa-button--outline" id="autopay-edit">${t("steps.edit")}</button>
          ${button(t("autopay.confirm"))}
        </form>`.text;
      editor.querySelector("h2").focus();
      editor.querySelector("#autopay-edit").addEventListener("click", () => ctx.refresh());
      bind(editor.querySelector("#confirm-autopay"),
        () => (id ? put(`/autopay/${id}`, body) : post("/autopay", { ...body, case_id: caseId })),
        () => { flash = t(id ? "autopay.changed" : "autopay.done", { when: date(first) }); return ctx.refresh(); });
    };
    wire();
    for (const change of root.querySelectorAll("[data-change]")) {
      change.addEventListener("click", () => {
        const s = ctx.autopay.active.find((x) => x.schedule_id === change.dataset.change);
        const editor = root.querySelector("#autopay-editor");
        editor.innerHTML = html`<h2 tabindex="-1">${t("autopay.change_heading", { id: s.case_id })}</h2>${scheduleForm([], ctx.autopay.accounts, s)}`.text;
        editor.querySelector("h2").focus();
        wire();
      });
    }
    for (const stop of root.querySelectorAll("[data-stop]")) {
      stop.addEventListener("click", () => {
        // asks first: a tap on the wrong row should not stop a case's payments
        const s = ctx.autopay.active.find((x) => x.schedule_id === stop.dataset.stop);
        status.innerHTML = html`<div class="usa-alert usa-alert--warning" role="alertdialog" aria-labelledby="stop-question"><div class="usa-alert__body">
          <p class="usa-alert__text" id="stop-question" tabindex="-1">${t("autopay.stop_question", { id: s.case_id })}</p>
          <ul class="usa-button-group margin-top-1">
            <li class="usa-button-group__item"><button type="button" class="usa-button usa-button--secondary" id="stop-yes">${t("autopay.stop_yes")}</button></li>
            <li class="usa-button-group__item"><button type="button" class="usa-button usa-button--outline" id="stop-no">${t("autopay.stop_no")}</button></li>
          </ul></div></div>`.text;
        status.querySelector("#stop-question").focus();
        status.querySelector("#stop-no").addEventListener("click", () => { status.innerHTML = ""; stop.focus(); });
        status.querySelector("#stop-yes").addEventListener("click", async () => {
          try {
            await del(`/autopay/${s.schedule_id}`);
            flash = t("autopay.stopped", { id: s.case_id });
            await ctx.refresh();
          } catch (error) {
            status.innerHTML = alert("error", "", errorText(error)).text;
          }
        });
      });
    }
  },
};
