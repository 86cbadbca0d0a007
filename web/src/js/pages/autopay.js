// Automatic payments: one schedule per case, paid each month on its day.
import { del, get, post, put } from "../api.js";
import { alert, bind, button, cents, checkbox, errorText, field, fieldError } from "../forms.js";
import { html } from "../html.js";
import { date, money, t } from "../i18n.js";

const days = () => [...Array(28).keys()].map((i) => [String(i + 1), String(i + 1)]);

function scheduleForm(cases, accounts, s = null) {
  const today = new Date().toISOString().slice(0, 10);
  return html`<form class="usa-form usa-form--large" id="autopay-form" data-schedule="${s ? s.schedule_id : ""}">
    ${s ? html`<p>${t("pay.case_option", { id: s.case_id })}</p>`
      : field({ name: "case_id", label: t("pay.for"), options: cases.map((c) => [c.case_id, t("pay.case_option", { id: c.case_id })]),
                value: cases.length === 1 ? cases[0].case_id : "" })}
    ${field({ name: "bank_account_id", label: t("pay.from"), options: accounts.map((a) => [a.account_id, t("pay.bank_option", { name: a.nickname || t(`bank.${a.account_type}`), last4: a.last4 })]),
              value: s ? "" : accounts.length === 1 ? accounts[0].account_id : "" })}
    ${checkbox({ name: "monthly", label: t("autopay.monthly"), checked: s ? s.pays_monthly_obligation : true })}
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
    ctx.autopay = { active, cases, accounts };
    return html`<h1 class="margin-top-4">${t("autopay.title")}</h1>
      <div id="autopay-status"></div>
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
        : cases.length ? html`<h2>${t("autopay.new")}</h2>${scheduleForm(cases, accounts)}` : ""}</section>
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
        if (!v.monthly) {
          const amount = cents(v.amount);
          if (amount === null || amount < 100) throw fieldError("amount", t("pay.amount_invalid"));
          body.amount_cents = amount;
        }
        const id = form.dataset.schedule;
        return id ? put(`/autopay/${id}`, body) : post("/autopay", { ...body, case_id: v.case_id });
      }, () => ctx.refresh());
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
      stop.addEventListener("click", async () => {
        try { await del(`/autopay/${stop.dataset.stop}`); await ctx.refresh(); } catch (error) {
          status.innerHTML = alert("error", "", errorText(error)).text;
        }
      });
    }
  },
};
