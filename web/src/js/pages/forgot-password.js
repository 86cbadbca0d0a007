import { post } from "../api.js";
import { answered, bind, button, field } from "../forms.js";
import { html } from "../html.js";
import { t } from "../i18n.js";

export default {
  title: "forgot.title",
  render: () => html`<h1 class="margin-top-4">${t("forgot.title")}</h1>
    <div id="forgot-result"></div>
    <form class="usa-form usa-form--large" id="forgot-form">
      <p>${t("forgot.text")}</p>
      ${field({ name: "email", label: t("form.email"), type: "email", autocomplete: "username" })}
      ${button(t("forgot.button"))}
    </form>`,
  mount(root) {
    const form = root.querySelector("#forgot-form");
    bind(form, (v) => post("/auth/password/forgot", { email: v.email }), () => {
      answered(form, root.querySelector("#forgot-result"), t("forgot.sent_heading"), t("forgot.sent"));
    });
  },
};
