// Settings: how letters arrive, what the portal emails me about; Cancel Access.
import { get, post, put } from "../api.js";
import { alert, announce, bind, button, checkbox, field, radios } from "../forms.js";
import { html } from "../html.js";
import { t } from "../i18n.js";
import { ctx as app, navigate } from "../main.js";
import { withProfileNav } from "../profile-nav.js";

const TOPICS = ["payments", "case_updates", "appointments", "messages", "news"];

export default {
  title: "settings.title",
  auth: true,
  async render() {
    const s = await get("/me/settings");
    return withProfileNav("/settings", html`<h1>${t("settings.title")}</h1>
      <div id="settings-status"></div>
      <form class="usa-form usa-form--large" id="settings-form">
        ${radios({ name: "mail_delivery", legend: t("settings.mail_delivery"), value: s.mail_delivery,
                   options: [["electronic", t("settings.electronic")], ["paper", t("settings.paper")]] })}
        ${checkbox({ name: "notify_new_mail", label: t("settings.notify"), checked: s.notify_new_mail })}
        ${checkbox({ name: "notify_new_device", label: t("settings.notify_device"), checked: s.notify_new_device })}
        <fieldset class="usa-fieldset usa-form-group" data-field="subscriptions"><legend class="usa-legend">${t("settings.subscriptions")}</legend>
          ${TOPICS.map((topic) => html`<div class="usa-checkbox"><input class="usa-checkbox__input" type="checkbox" id="topic-${topic}" name="topic-${topic}" ${s.subscriptions.includes(topic) ? html`checked` : ""}>
            <label class="usa-checkbox__label" for="topic-${topic}">${t(`settings.topic_${topic}`)}</label></div>`)}
        </fieldset>
        ${s.fee_accounts?.length ? html`<h2>${t("settings.fees")}</h2><p>${t("settings.fees_text")}</p>
          ${s.fee_accounts.map((f) => html`<fieldset class="usa-fieldset margin-top-2" data-field="fee_accounts"><legend class="usa-legend usa-legend--large">${t("settings.fee_account", { account: f.account })}</legend>
            ${field({ name: `fee.${f.account}.mail_delivery`, label: t("settings.mail_delivery"), value: f.mail_delivery, required: false,
                      options: [["default", t("settings.default_delivery", { how: t(`settings.${s.mail_delivery}`) })], ["electronic", t("settings.electronic")], ["paper", t("settings.paper")]] })}
            ${field({ name: `fee.${f.account}.notify_new_mail`, label: t("settings.fee_notify"), value: f.notify_new_mail, required: false,
                      options: [["default", t("settings.default_notify")], ["on", t("settings.notify_on")], ["off", t("settings.notify_off")]] })}
          </fieldset>`)}` : ""}
        ${button(t("profile.save"))}
      </form>
      <h2>${t("settings.cancel_access")}</h2>
      <form class="usa-form usa-form--large" id="cancel-form">
        <p>${t("settings.cancel_text")}</p>
        ${field({ name: "password", label: t("security.confirm_password"), type: "password", autocomplete: "current-password", form: "cancel" })}
        ${button(t("settings.cancel_button"), { kind: "usa-button--secondary" })}
      </form>`);
  },
  mount(root) {
    const status = root.querySelector("#settings-status");
    const accounts = [...root.querySelectorAll("[name$='.mail_delivery']")].map((e) => e.name.split(".")[1]);
    bind(root.querySelector("#settings-form"), (v) => put("/me/settings", {
      mail_delivery: v.mail_delivery, notify_new_mail: v.notify_new_mail, notify_new_device: v.notify_new_device,
      subscriptions: TOPICS.filter((topic) => v[`topic-${topic}`]),
      ...(accounts.length ? { fee_accounts: accounts.map((account) => ({ account,
        mail_delivery: v[`fee.${account}.mail_delivery`] || "default", notify_new_mail: v[`fee.${account}.notify_new_mail`] || "default" })) } : {}),
    }), () => {
      announce(status, alert("success", "", t("settings.saved")));
    });
    bind(root.querySelector("#cancel-form"), (v) => post("/me/cancel-access", { password: v.password }),
      () => { app.state.me = null; navigate("/summary"); });
  },
};
