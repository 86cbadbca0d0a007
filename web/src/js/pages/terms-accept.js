// The terms changed since this parent accepted them: read and accept them again, at the
// first sign-in after the change, then on to where the sign-in was going.
import { get, post } from "../api.js";
import { bind, button, checkbox } from "../forms.js";
import { html } from "../html.js";
import { t } from "../i18n.js";
import { documents } from "./terms.js";

export default {
  title: "terms.accept_title",
  auth: true,
  async render(ctx) {
    ctx.terms = await get("/terms");
    return html`<h1 class="margin-top-4">${t("terms.accept_title")}</h1>
      <p class="usa-intro">${t("terms.accept_text")}</p>
      ${documents(ctx.terms)}
      <form class="usa-form" id="terms-form">
        ${checkbox({ name: "accept", label: t("terms.accept_label"), required: true })}
        ${button(t("terms.accept_button"))}
      </form>`;
  },
  mount(root, ctx) {
    const next = ctx.query.get("next");
    bind(root.querySelector("#terms-form"), () => post("/me/terms", { version: ctx.terms.version }), () => {
      ctx.state.me = null;  // the terms are current now
      ctx.navigate(next && next.startsWith("/") && !next.startsWith("//") ? next : "/summary", { replace: true });
    });
  },
};
