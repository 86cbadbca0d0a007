// Redeem a code from an agency letter, email or text: it links my account or opens the
// request the agency filled in for me.
import { post } from "../api.js";
import { bind, button, field } from "../forms.js";
import { html } from "../html.js";
import { t } from "../i18n.js";
import { ctx as app, navigate } from "../main.js";

export default {
  title: "want.redeem",
  auth: true,
  render: () => html`<h1 class="margin-top-4">${t("want.redeem")}</h1>
    <form class="usa-form" id="redeem-form">
      <p>${t("want.redeem_text")}</p>
      ${field({ name: "code", label: t("link.code"), autocomplete: "off" })}
      ${button(t("steps.submit"))}
    </form>`,
  mount(root) {
    bind(root.querySelector("#redeem-form"), (v) => post("/codes/redeem", { code: v.code.trim() }), (done) => {
      if (done.opened === "submission") navigate(`/submissions/${done.submission.submission_id}`);
      else { app.state.me = null; navigate("/summary"); }
    });
  },
};
