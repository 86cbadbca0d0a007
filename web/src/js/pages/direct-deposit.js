// Direct deposit, for a parent who receives support: where the agency sends the money.
import { del, get, put } from "../api.js";
import { alert, bind, button, checkbox, errorText, field } from "../forms.js";
import { html } from "../html.js";
import { dateTime, t } from "../i18n.js";

export default {
  title: "deposit.title",
  auth: true,
  async render() {
    let current;
    try { current = await get("/direct-deposit"); } catch (error) {
      if (error.code !== "not_an_obligee") throw error;
      return html`<h1 class="margin-top-4">${t("deposit.title")}</h1><p>${t("deposit.not_obligee")}</p>`;
    }
    return html`<h1 class="margin-top-4">${t("deposit.title")}</h1>
      <div id="deposit-status"></div>
      ${current.enrolled ? html`<p>${t("deposit.enrolled", { type: t(`bank.${current.account_type}`), last4: current.last4, when: dateTime(current.updated_at) })}</p>
        <button type="button" class="usa-button usa-button--secondary" id="stop-deposit">${t("deposit.stop")}</button>`
        : html`<p>${t("deposit.not_enrolled")}</p>`}
      <h2>${current.enrolled ? t("deposit.change") : t("deposit.set_up")}</h2>
      <form class="usa-form usa-form--large" id="deposit-form">
        <p class="usa-hint">${t("deposit.recent_sign_in")}</p>
        ${field({ name: "holder_name", label: t("bank.holder"), autocomplete: "name" })}
        ${field({ name: "routing_number", label: t("bank.routing"), hint: t("bank.routing_hint"), inputmode: "numeric", width: "usa-input--medium" })}
        ${field({ name: "account_number", label: t("bank.number"), inputmode: "numeric", autocomplete: "off" })}
        ${field({ name: "account_number_confirmation", label: t("deposit.number_again"), inputmode: "numeric", autocomplete: "off" })}
        ${field({ name: "account_type", label: t("bank.type"), options: [["checking", t("bank.checking")], ["savings", t("bank.savings")]], value: "checking" })}
        ${checkbox({ name: "authorize", label: t("deposit.authorize"), required: true })}
        ${button(t("deposit.save"))}
      </form>`;
  },
  mount(root, ctx) {
    const form = root.querySelector("#deposit-form");
    if (form) {
      bind(form, (v) => put("/direct-deposit", { ...v, authorize: v.authorize || undefined }), async () => {
        await ctx.refresh();
        document.getElementById("deposit-status").innerHTML = alert("success", "", t("deposit.saved")).text;
      });
    }
    root.querySelector("#stop-deposit")?.addEventListener("click", async () => {
      try { await del("/direct-deposit"); await ctx.refresh(); } catch (error) {
        root.querySelector("#deposit-status").innerHTML = alert("error", "", errorText(error)).text;
      }
    });
  },
};
