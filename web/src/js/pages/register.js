// Create a web logon: who you are, how to reach you, a password, three security questions
// and the terms. Then the emailed link (24 hours) verifies the address.
import { get, post } from "../api.js";
import { alert, answered, bind, button, checkbox, field } from "../forms.js";
import { html } from "../html.js";
import { lang, t } from "../i18n.js";
import { passwordRules, wirePasswordRules } from "../password-rules.js";
import { answers, questionFields } from "../questions.js";
import { carried } from "./accept-access.js";

export default {
  title: "register.title",
  guestOnly: true,
  async render(ctx) {
    const { questions } = await get(`/auth/security-questions?lang=${lang()}`);
    const choices = questions.map((q) => [q.question_id, q.text]);
    return html`<h1 class="margin-top-4">${t("register.title")}</h1>
      <div id="register-result"></div>
      ${carried() ? alert("info", "", t("register.invited")) : ""}
      <form class="usa-form usa-form--large" id="register-form">
        <p>${t("register.intro")}</p>
        <fieldset class="usa-fieldset"><legend class="usa-legend usa-legend--large">${t("register.about_you")}</legend>
          ${field({ name: "first_name", label: t("form.first_name"), autocomplete: "given-name" })}
          ${field({ name: "middle_name", label: t("form.middle_name"), autocomplete: "additional-name", required: false })}
          ${field({ name: "last_name", label: t("form.last_name"), autocomplete: "family-name" })}
          ${field({ name: "date_of_birth", label: t("form.date_of_birth"), type: "date", autocomplete: "bday", required: false })}
          ${field({ name: "language", label: t("form.language"), options: [["en", "English"], ["es", "Español"]], value: lang() })}
        </fieldset>
        <fieldset class="usa-fieldset"><legend class="usa-legend usa-legend--large">${t("register.contact")}</legend>
          ${field({ name: "email", label: t("form.email"), type: "email", autocomplete: "email", value: ctx.query.get("email") || "" })}
          ${field({ name: "email_again", label: t("form.email_again"), type: "email", autocomplete: "email", hint: t("form.email_again_hint") })}
          ${field({ name: "phone", label: t("form.phone"), type: "tel", autocomplete: "tel", hint: t("form.phone_hint") })}
          ${field({ name: "phone_type", label: t("form.phone_type"), required: false,
                    options: [["mobile", t("phone.mobile")], ["home", t("phone.home")], ["work", t("phone.work")]] })}
        </fieldset>
        <fieldset class="usa-fieldset"><legend class="usa-legend usa-legend--large">${t("register.password")}</legend>
          ${field({ name: "password", label: t("form.password"), type: "password", autocomplete: "new-password" })}
          ${passwordRules("password")}
          ${field({ name: "password_again", label: t("form.password_again"), type: "password", autocomplete: "new-password" })}
        </fieldset>
        <fieldset class="usa-fieldset"><legend class="usa-legend usa-legend--large">${t("register.questions")}</legend>
          <p class="usa-hint">${t("register.questions_hint")}</p>
          ${questionFields(choices)}
        </fieldset>
        <p><a class="usa-link" href="/terms" target="_blank" rel="noopener">${t("register.read_terms")}</a></p>
        ${checkbox({ name: "accept_terms", label: t("register.terms"), required: true })}
        ${button(t("register.button"))}
      </form>`;
  },
  mount(root) {
    const form = root.querySelector("#register-form");
    const named = (name) => form.querySelector(`[name="${name}"]`)?.value;
    wirePasswordRules(form.querySelector('[name="password"]'), () => ["first_name", "middle_name", "last_name", "email", "phone", "date_of_birth"].map(named));
    bind(form, async (v) => {
      // typed twice, compared here: a mistyped address would send the link nowhere
      const differ = {};
      if (v.email.trim().toLowerCase() !== (v.email_again || "").trim().toLowerCase()) differ.email_again = t("register.emails_differ");
      if (v.password !== v.password_again) differ.password_again = t("register.passwords_differ");
      if (Object.keys(differ).length) {
        const { ApiError } = await import("../api.js");
        throw new ApiError(422, { code: "invalid_input", fields: differ });
      }
      const body = { email: v.email, password: v.password, first_name: v.first_name,
        last_name: v.last_name, phone: v.phone, language: v.language,
        accept_terms: v.accept_terms || undefined,
        security_questions: answers(v) };
      for (const optional of ["middle_name", "phone_type", "date_of_birth"]) if (v[optional]) body[optional] = v[optional];
      return post("/auth/register", body);
    }, () => {
      answered(form, root.querySelector("#register-result"), t("register.sent_heading"), t("register.sent"));
    });
  },
};
