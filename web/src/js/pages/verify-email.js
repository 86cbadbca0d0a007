// The page an emailed link opens. Verifying takes a press of the button, not the page's
// loading: mail scanners that open links must not use up the token.
import { post } from "../api.js";
import { bind, button } from "../forms.js";
import { html } from "../html.js";
import { t } from "../i18n.js";

export default {
  title: "verify.title",
  render: () => html`<h1 class="margin-top-4">${t("verify.title")}</h1>
    <div id="verify-result"></div>
    <form class="usa-form" id="verify-form"><p>${t("verify.text")}</p>${button(t("verify.button"))}</form>`,
  mount(root, ctx) {
    const form = root.querySelector("#verify-form");
    bind(form, () => post("/auth/verify-email", { token: ctx.query.get("token") || "" }), (done) => {
      form.hidden = true;
      const result = root.querySelector("#verify-result");
      result.innerHTML = html`<div class="usa-alert usa-alert--success" role="status"><div class="usa-alert__body">
        <p class="usa-alert__text">${t("verify.done", { email: done.email })}</p></div></div>
        <p><a class="usa-button" href="${ctx.signedIn() ? "/summary" : "/sign-in"}">${t(ctx.signedIn() ? "nav.summary" : "nav.sign_in")}</a></p>`.text;
      result.querySelector("a").focus();
    });
  },
};
