// A new verification link for an account not verified yet (AZCARES' "Complete Account
// Verification"): the same answer whether or not the address has such an account.
import { post } from "../api.js";
import { answered, bind, button, field } from "../forms.js";
import { html } from "../html.js";
import { t } from "../i18n.js";

export default {
  title: "resend.title",
  render: (ctx) => html`<h1 class="margin-top-4">${t("resend.title")}</h1>
    <div id="resend-result"></div>
    <form class="usa-form usa-form--large" id="resend-form">
      <p>${t("resend.text")}</p>
      ${field({ name: "email", label: t("form.email"), type: "email", autocomplete: "username", value: ctx.query.get("email") || "" })}
      ${button(t("resend.button"))}
    </form>
    <p><a class="usa-link" href="/help/sign-in">${t("help.signin_link")}</a></p>`,
  mount(root) {
    const form = root.querySelector("#resend-form");
    bind(form, (v) => post("/auth/verify-email/resend", { email: v.email.trim() }), () => {
      answered(form, root.querySelector("#resend-result"), t("resend.sent_heading"), t("resend.sent"));
    });
  },
};
