// The Summary tab: member card, obligation summary, account details, fee accounts, cases,
// each with its actions as Alaska's cards carry them.
import { actionCount, get, post } from "../api.js";
import { alert, announce, errorText } from "../forms.js";
import { html } from "../html.js";
import { navigate } from "../main.js";
import { date, has, money, t } from "../i18n.js";
import { agencyText, caseStatus, caseType } from "../words.js";

// a card's actions: links, and requests started here (a draft, then its page)
const link = (href, key) => html`<li><a class="usa-link" href="${href}">${t(key)}</a></li>`;
const start = (type, key, caseId = "") => html`<li><button type="button" class="usa-button usa-button--unstyled" data-start="${type}" data-case="${caseId}">${t(key)}</button></li>`;
const actions = (items) => html`<ul class="usa-list usa-list--unstyled portal-actions">${items}</ul>`;
// a part of the case page, for the one case a role has (the list of cases for several)
const casePart = (cases, role, part) => {
  const mine = cases.filter((c) => c.my_role === role);
  return mine.length === 1 ? `/cases/${mine[0].case_id}#${part}` : "#cases-heading";
};

const address = (a) => a ? html`${a.line1}<br>${a.line2 ? html`${a.line2}<br>` : ""}${a.city}, ${a.state} ${a.zip}` : "";

// A paying parent reads what he owes; a receiving parent what is owed to her and what she
// received this month (the same totals, worded from her side).
function obligationActions(o, cases) {
  return actions(html`${o.role === "obligor" ? html`${link("/bank-accounts", "summary.add_bank")}${link("/payments#make-heading", "summary.make_payment")}` : ""}
    ${link(o.role === "obligor" ? "/payments#history-heading" : "/payments#received-heading", "summary.view_payments")}
    ${link(casePart(cases, o.role, "obligation"), "summary.obligation_details")}
    ${link(casePart(cases, o.role, "arrears"), "summary.arrears_details")}`);
}

function obligation(o) {
  const row = (label, value) => html`<tr><th scope="row">${label}</th><td class="portal-amount">${value}</td></tr>`;
  const met = o.obligation_met ? t("summary.met") : t("summary.not_met");
  if (o.role === "obligee") {
    return html`<table class="usa-table usa-table--borderless width-full" data-role="obligee">
      <caption>${t("summary.owed_to_you")}</caption><tbody>
        ${row(t("summary.monthly_for_you"), money(o.monthly_obligation.cents))}
        ${row(t("summary.received_this_month"), money(o.received_this_month?.cents))}
        ${row(t("summary.arrears_to_you"), money(o.arrears.cents))}
        ${row(t("summary.total_to_you"), html`<strong>${money(o.owed_to_family.cents)}</strong>`)}
        ${o.owed_to_state?.cents ? row(t("summary.owed_to_state"), money(o.owed_to_state.cents)) : ""}
        ${o.credit?.cents ? row(t("summary.credit_obligee"), money(o.credit.cents)) : ""}
      </tbody></table>`;
  }
  return html`<table class="usa-table usa-table--borderless width-full" data-role="obligor">
    <caption>${t("summary.you_pay")}</caption><tbody>
      ${row(t("summary.monthly"), money(o.monthly_obligation.cents))}
      ${row(t("summary.met_question"), met)}
      ${row(t("summary.arrears"), money(o.arrears.cents))}
      ${row(t("summary.total_balance"), html`<strong>${money(o.total_balance.cents)}</strong>`)}
      ${o.owed_to_state?.cents ? row(t("summary.of_which_state"), money(o.owed_to_state.cents)) : ""}
      ${o.credit?.cents ? row(t(`summary.credit_${o.credit_rule || "applied"}`), money(o.credit.cents)) : ""}
    </tbody></table>`;
}

function accountDetails(a, cases) {
  if (!a) return "";
  const paying = cases.some((c) => c.my_role === "obligor");
  const method = a.payment_method && (has(`paymethod.${a.payment_method}`) ? t(`paymethod.${a.payment_method}`) : a.payment_method);
  return html`<section aria-labelledby="account-heading"><h2 id="account-heading">${t("summary.account_details")}</h2>
    <p>${t("summary.active_cases", { n: a.active_cases })}</p>
    ${method ? html`<p>${t("summary.payment_method", { method })}</p>` : ""}
    ${a.receives_by === "direct_deposit" ? html`<p>${t("summary.receives_deposit", { last4: a.deposit_last4 })} <a class="usa-link" href="/direct-deposit">${t("summary.change_deposit")}</a></p>` : ""}
    ${a.receives_by === "other" ? html`<p>${t("summary.receives_other")} <a class="usa-link" href="/direct-deposit">${t("summary.set_up_deposit")}</a></p>` : ""}
    ${actions(html`${paying ? link("/autopay", "summary.enable_autopay") : ""}
      ${cases.length ? link(cases.length === 1 ? `/cases/${cases[0].case_id}` : "#cases-heading", "summary.case_details") : ""}`)}
  </section>`;
}

export default {
  title: "summary.title",
  auth: true,
  async render(ctx) {
    const s = await get("/summary");
    const me = ctx.state.me;
    const last = me?.previous_login_at ? html`<p class="usa-hint">${t("summary.last_login", { when: date(me.previous_login_at) })}</p>` : "";
    if (!s.linked) {
      return html`<h1 class="margin-top-4">${t("summary.title")}</h1>${last}
        <div class="usa-summary-box" role="region" aria-labelledby="link-heading"><div class="usa-summary-box__body">
          <h2 class="usa-summary-box__heading" id="link-heading">${t("summary.not_linked")}</h2>
          <div class="usa-summary-box__text"><p>${t("summary.not_linked_text")}</p>
          <a class="usa-button" href="/link-case">${t("summary.link_case")}</a></div></div></div>`;
    }
    return html`<h1 class="margin-top-4">${t("summary.title")}</h1>${last}
      <div id="start-result"></div>
      <div class="grid-row grid-gap-lg">
        <section class="tablet:grid-col-4 usa-card" aria-labelledby="member-heading"><div class="usa-card__container">
          <div class="usa-card__header"><h2 class="usa-card__heading" id="member-heading">${s.member.name}</h2></div>
          <div class="usa-card__body"><p>${t("summary.member_id")}: <strong>${s.member.member_id}</strong></p>
            <p>${address(s.member.mailing_address)}</p>
            ${s.member.notice ? html`<p>${s.member.notice}</p>` : ""}
            ${actions(html`<li><a class="usa-link" href="/action-center" id="action-items">${actionCount.value === null
              ? t("summary.action_items") : t("summary.action_items_count", { count: actionCount.value })}</a></li>
              ${start("change_of_address", "summary.update_address")}`)}</div></div></section>
        <section class="tablet:grid-col-8" aria-labelledby="obligation-heading">
          <h2 id="obligation-heading">${t("summary.obligation")}</h2>
          ${s.obligation_summary.map((o) => html`${obligation(o)}${obligationActions(o, s.cases)}`)}
        </section>
      </div>
      <section aria-labelledby="cases-heading">
        <h2 id="cases-heading">${t("summary.cases")}</h2>
        <table class="usa-table usa-table--stacked width-full">
          <caption class="usa-sr-only">${t("summary.cases")}</caption>
          <thead><tr><th scope="col">${t("case.number")}</th><th scope="col">${t("case.type")}</th><th scope="col">${t("case.status")}</th><th scope="col">${t("case.my_role")}</th><th scope="col">${t("case.participants")}</th><th scope="col">${t("summary.case_actions_heading")}</th></tr></thead>
          <tbody>${s.cases.map((c) => html`<tr>
            <th scope="row" data-label="${t("case.number")}"><a class="usa-link" href="/cases/${c.case_id}">${c.case_id}</a></th>
            <td data-label="${t("case.type")}">${caseType(c.case_type)}</td><td data-label="${t("case.status")}">${caseStatus(c.status)}</td>
            <td data-label="${t("case.my_role")}">${t(`role.${c.my_role}`)}</td>
            <td data-label="${t("case.participants")}">${c.participants.map((p) => p.name).join(", ")}</td>
            <td data-label="${t("summary.case_actions_heading")}">${actions(html`${link(`/cases/${c.case_id}#actions`, "summary.case_actions")}${start("request_statement", "summary.request_statement", c.case_id)}`)}</td></tr>`)}</tbody>
        </table>
      </section>
      ${s.fee_accounts.length ? html`<section aria-labelledby="fees-heading"><h2 id="fees-heading">${t("summary.fee_accounts")}</h2>
        <ul class="usa-list">${s.fee_accounts.map((f) => html`<li>${f.account}: ${agencyText(f.description)}, ${t("summary.fee_balance", { amount: money(f.balance.cents) })}
          ${f.balance.cents > 0 ? html` <a class="usa-link" href="/payments?for=${encodeURIComponent(`fee:${f.account}`)}#make-heading">${t("summary.fee_payment")}<span class="usa-sr-only"> ${f.account}</span></a>` : ""}</li>`)}</ul></section>` : ""}
      ${accountDetails(s.account_details, s.cases)}`;
  },
  mount(root) {
    for (const button of root.querySelectorAll("[data-start]")) {
      button.addEventListener("click", async () => {
        const { start: type, case: caseId } = button.dataset;
        try {
          const draft = await post("/submissions", { type, ...(caseId ? { case_id: caseId } : {}) });
          navigate(`/submissions/${draft.submission_id}`);
        } catch (error) { announce(root.querySelector("#start-result"), alert("error", "", errorText(error))); }
      });
    }
  },
};
