// The page an access invitation opens: accept it, signed in with the invited address.
import { post } from "../api.js";
import { alert, bind, button } from "../forms.js";
import { html } from "../html.js";
import { t } from "../i18n.js";

export default {
  title: "access.accept_title",
  auth: true,
  render: () => html`<h1 class="margin-top-4">${t("access.accept_title")}</h1><div id="accept-result"></div>
    <form class="usa-form" id="accept-form"><p>${t("access.accept_text")}</p>${button(t("access.accept"))}</form>`,
  mount(root, ctx) {
    const form = root.querySelector("#accept-form");
    bind(form, () => post("/access/invitations/accept", { token: ctx.query.get("token") || "" }), (done) => {
      form.hidden = true;
      root.querySelector("#accept-result").innerHTML = html`${alert("success", "", t("access.accepted", { name: done.parent_name }))}
        <p><a class="usa-button" href="/access">${t("access.title")}</a></p>`.text;
      root.querySelector("#accept-result a").focus();
    });
  },
};
