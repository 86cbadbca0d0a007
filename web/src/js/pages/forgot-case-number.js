// Forgot case number, without signing in (Arizona): SSN, date of birth and mailing ZIP;
// the numbers go to the email address the agency has on file, never to the screen.
import { post } from "../api.js";
import { answered, bind, button, field } from "../forms.js";
import { html } from "../html.js";
import { t } from "../i18n.js";

export default {
  title: "lostcase.title",
  render: () => html`<h1 class="margin-top-4">${t("lostcase.title")}</h1>
    <div id="lostcase-result"></div>
    <form class="usa-form usa-form--large" id="lostcase-form">
      <p>${t("lostcase.text")}</p>
      ${field({ name: "ssn", label: t("link.ssn"), hint: t("lostcase.ssn_hint"), inputmode: "numeric", autocomplete: "off", width: "usa-input--medium" })}
      ${field({ name: "date_of_birth", label: t("form.date_of_birth"), type: "date", autocomplete: "bday" })}
      ${field({ name: "zip", label: t("lostcase.zip"), hint: t("lostcase.zip_hint"), inputmode: "numeric", autocomplete: "postal-code", width: "usa-input--small" })}
      ${button(t("lostcase.button"))}
    </form>
    <p><a class="usa-link" href="/help/sign-in">${t("help.signin_link")}</a></p>`,
  mount(root) {
    const form = root.querySelector("#lostcase-form");
    bind(form, (v) => post("/auth/forgot-case-number", { ssn: v.ssn.trim(), date_of_birth: v.date_of_birth, zip: v.zip.trim() }), () => {
      answered(form, root.querySelector("#lostcase-result"), t("lostcase.sent_heading"), t("lostcase.sent"));
    });
  },
};
