// Forgot username: the logon is an email address. Member or case number, last name and
// date of birth; the logon's address goes to the email address the agency has on file.
import { post } from "../api.js";
import { answered, bind, button, field } from "../forms.js";
import { html } from "../html.js";
import { t } from "../i18n.js";

export default {
  title: "lostlogon.title",
  render: () => html`<h1 class="margin-top-4">${t("lostlogon.title")}</h1>
    <div id="lostlogon-result"></div>
    <form class="usa-form usa-form--large" id="lostlogon-form">
      <p>${t("lostlogon.text")}</p>
      ${field({ name: "by", label: t("lostlogon.by"), options: [["member", t("link.member_id")], ["case", t("case.number")]], value: "member" })}
      ${field({ name: "number", label: t("lostlogon.number"), hint: t("lostlogon.number_hint"), inputmode: "numeric", width: "usa-input--medium" })}
      ${field({ name: "last_name", label: t("form.last_name"), autocomplete: "family-name" })}
      ${field({ name: "date_of_birth", label: t("form.date_of_birth"), type: "date", autocomplete: "bday" })}
      ${button(t("lostlogon.button"))}
    </form>
    <p><a class="usa-link" href="/help/sign-in">${t("help.signin_link")}</a></p>`,
  mount(root) {
    const form = root.querySelector("#lostlogon-form");
    bind(form, (v) => post("/auth/forgot-username", {
      [v.by === "case" ? "case_id" : "member_id"]: v.number.trim(), last_name: v.last_name.trim(),
      date_of_birth: v.date_of_birth }), () => {
      answered(form, root.querySelector("#lostlogon-result"), t("lostlogon.sent_heading"), t("lostlogon.sent"));
    });
  },
};
