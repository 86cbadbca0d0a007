// Saved bank accounts: the processor keeps the number; the portal shows the last four.
import { del, get, post } from "../api.js";
import { alert, bind, button, checkbox, errorText, field } from "../forms.js";
import { html } from "../html.js";
import { dateTime, t } from "../i18n.js";

export default {
  title: "bank.title",
  auth: true,
  async render() {
    const { bank_accounts: accounts } = await get("/bank-accounts");
    return html`<h1 class="margin-top-4">${t("bank.title")}</h1>
      <div id="bank-status"></div>
      ${accounts.length ? html`<table class="usa-table usa-table--stacked width-full">
        <caption>${t("bank.saved")}</caption>
        <thead><tr><th scope="col">${t("bank.account")}</th><th scope="col">${t("bank.routing")}</th><th scope="col">${t("bank.holder")}</th><th scope="col">${t("security.added")}</th><th scope="col"><span class="usa-sr-only">${t("security.actions")}</span></th></tr></thead>
        <tbody>${accounts.map((a) => html`<tr>
          <th scope="row" data-label="${t("bank.account")}">${a.nickname || t(`bank.${a.account_type}`)} •••• ${a.last4}${a.blocked ? html` <span class="usa-tag bg-secondary-dark">${t("bank.blocked")}</span><span class="display-block text-normal">${t("bank.blocked_why", { code: a.blocked_reason ? `${a.blocked}: ${a.blocked_reason}` : a.blocked })}</span>` : ""}</th>
          <td data-label="${t("bank.routing")}">${a.routing_number}</td><td data-label="${t("bank.holder")}">${a.holder_name}</td>
          <td data-label="${t("security.added")}">${dateTime(a.created_at)}</td>
          <td><button type="button" class="usa-button usa-button--unstyled" data-remove="${a.account_id}">${t("security.remove")}<span class="usa-sr-only"> ${a.last4}</span></button></td></tr>`)}</tbody>
      </table>` : html`<p>${t("bank.none")}</p>`}
      <h2>${t("bank.add")}</h2>
      <form class="usa-form usa-form--large" id="bank-form">
        ${field({ name: "holder_name", label: t("bank.holder"), autocomplete: "name" })}
        ${field({ name: "routing_number", label: t("bank.routing"), hint: t("bank.routing_hint"), inputmode: "numeric", width: "usa-input--medium" })}
        ${field({ name: "account_number", label: t("bank.number"), inputmode: "numeric", autocomplete: "off" })}
        ${field({ name: "account_type", label: t("bank.type"), options: [["checking", t("bank.checking")], ["savings", t("bank.savings")]], value: "checking" })}
        ${field({ name: "nickname", label: t("bank.nickname"), required: false })}
        ${checkbox({ name: "authorize", label: t("bank.authorize"), required: true })}
        ${button(t("bank.save"))}
      </form>
      <p><a class="usa-link" href="/payments">${t("payment.back")}</a></p>`;
  },
  mount(root, ctx) {
    bind(root.querySelector("#bank-form"), (v) => {
      const body = { holder_name: v.holder_name, routing_number: v.routing_number.trim(),
        account_number: v.account_number.trim(), account_type: v.account_type, authorize: v.authorize };
      if (v.nickname) body.nickname = v.nickname;
      return post("/bank-accounts", body);
    }, () => ctx.refresh());
    for (const remove of root.querySelectorAll("[data-remove]")) {
      remove.addEventListener("click", async () => {
        try { await del(`/bank-accounts/${remove.dataset.remove}`); await ctx.refresh(); } catch (error) {
          root.querySelector("#bank-status").innerHTML = alert("error", "", errorText(error)).text;
        }
      });
    }
  },
};
