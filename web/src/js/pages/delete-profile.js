// Delete my profile: the password and a second step, then the logon is gone.
import { get, post, session } from "../api.js";
import { alert, bind, button, field, radios } from "../forms.js";
import { html } from "../html.js";
import { t } from "../i18n.js";
import { ctx as app, navigate } from "../main.js";
import { withProfileNav } from "../profile-nav.js";

export default {
  title: "delete.title",
  auth: true,
  async render() {
    const { methods } = await get("/me/mfa");
    // a code: from the app, a recovery code, or one emailed now
    const kinds = [...new Set(methods.map((m) => m.type))].filter((k) => k === "totp");
    return withProfileNav("/delete-profile", html`<h1>${t("delete.title")}</h1>
      <div class="usa-alert usa-alert--warning"><div class="usa-alert__body"><p class="usa-alert__text">${t("delete.warning")}</p></div></div>
      <form class="usa-form usa-form--large" id="delete-form">
        ${field({ name: "password", label: t("form.password"), type: "password", autocomplete: "current-password" })}
        ${radios({ name: "method", legend: t("delete.second_step"), value: kinds[0] || "email", options: [...kinds, "email", "recovery_code"].map((k) => [k, t(`method.${k}`)]) })}
        ${field({ name: "code", label: t("delete.code"), autocomplete: "one-time-code", required: false, hint: t("delete.code_hint") })}
        <button type="button" class="usa-button usa-button--outline" id="email-code">${t("signin.method_email")}</button>
        ${button(t("delete.button"), { kind: "usa-button--secondary" })}
      </form>`);
  },
  mount(root) {
    let challenge = null;
    root.querySelector("#email-code").addEventListener("click", async (event) => {
      challenge = (await post("/me/delete/email-code")).challenge_id;
      event.target.insertAdjacentHTML("afterend", alert("info", "", t("signin.resent")).text);
    });
    bind(root.querySelector("#delete-form"), async (v) => {
      const body = { password: v.password, method: v.method };
      body.code = v.code.trim();
      if (v.method === "email") body.challenge_id = challenge;
      return post("/me/delete", body);
    }, () => { session.active = false; app.state.me = null; navigate("/?deleted=1"); });
  },
};
