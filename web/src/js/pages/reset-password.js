// From the emailed link: answer one of the logon's security questions (or, for a person
// who cannot, give a code of their authenticator app or a recovery code), choose a password.
// After the agency cleared the questions (choose_new), choose new ones instead.
import { get, post } from "../api.js";
import { alert, bind, button, field, fieldError } from "../forms.js";
import { html } from "../html.js";
import { lang, t } from "../i18n.js";
import { passwordRules, wirePasswordRules } from "../password-rules.js";
import { answers, questionFields } from "../questions.js";

const newPassword = () => html`
  ${field({ name: "new_password", label: t("form.new_password"), type: "password", autocomplete: "new-password" })}
  ${passwordRules("new_password")}
  ${field({ name: "again", label: t("form.password_again"), type: "password", autocomplete: "new-password" })}
  ${button(t("reset.button"))}`;

export default {
  title: "reset.title",
  async render(ctx) {
    const token = ctx.query.get("token") || "";
    let questions, otherWays, chooseNew;
    try {
      ({ questions, other_ways: otherWays, choose_new: chooseNew } = await post("/auth/password/reset/questions", { token }));
    } catch (error) {
      const { errorText } = await import("../forms.js");
      return html`<h1 class="margin-top-4">${t("reset.title")}</h1>${alert("error", "", errorText(error))}
        <p><a class="usa-link" href="/forgot-password">${t("reset.again")}</a></p>`;
    }
    ctx.chooseNew = chooseNew;
    if (chooseNew) {
      const { questions: all } = await get(`/auth/security-questions?lang=${lang()}`);
      return html`<h1 class="margin-top-4">${t("reset.title")}</h1>
        <div id="reset-result"></div>
        <form class="usa-form usa-form--large" id="reset-form">
          <p>${t("reset.choose_new")}</p>
          <fieldset class="usa-fieldset"><legend class="usa-legend usa-legend--large">${t("register.questions")}</legend>
            ${questionFields(all.map((q) => [q.question_id, q.text]))}</fieldset>
          ${newPassword()}
        </form>`;
    }
    const question = questions[0];
    return html`<h1 class="margin-top-4">${t("reset.title")}</h1>
      <div id="reset-result"></div>
      <form class="usa-form usa-form--large" id="reset-form">
        <input type="hidden" name="question_id" value="${question.question_id}">
        <div id="by-answer">${field({ name: "answer", label: question.text, autocomplete: "off" })}</div>
        ${otherWays.length ? html`<p><button type="button" class="usa-button usa-button--unstyled" id="use-code">${t("reset.use_code")}</button></p>
        <div id="by-code" hidden>
          ${field({ name: "method", label: t("reset.code_kind"), options: otherWays.map((w) => [w, t(`method.${w}`)]) })}
          ${field({ name: "code", label: t("reset.code"), autocomplete: "one-time-code" })}
        </div>` : ""}
        ${newPassword()}
      </form>`;
  },
  mount(root, ctx) {
    const form = root.querySelector("#reset-form");
    if (!form) return;
    wirePasswordRules(form.querySelector('[name="new_password"]'));
    const byCode = form.querySelector("#by-code");
    form.querySelector("#use-code")?.addEventListener("click", (event) => {
      byCode.hidden = false;
      form.querySelector("#by-answer").hidden = true;
      form.querySelector('[name="answer"]').required = false;
      event.target.hidden = true;
      form.querySelector('[name="code"]').focus();
    });
    bind(form, (v) => {
      if (v.new_password !== v.again) throw fieldError("again", t("register.passwords_differ"));
      const proof = ctx.chooseNew ? { security_questions: answers(v) } : byCode && !byCode.hidden
        ? { second_factor: { method: v.method, code: v.code.trim() } }
        : { question_id: v.question_id, answer: v.answer };
      return post("/auth/password/reset", { token: ctx.query.get("token") || "", ...proof,
        new_password: v.new_password });
    }, () => {
      form.hidden = true;
      root.querySelector("#reset-result").innerHTML = html`${alert("success", "", t("reset.done"))}
        <p><a class="usa-button" href="/sign-in">${t("nav.sign_in")}</a></p>`.text;
      root.querySelector("#reset-result a").focus();
    });
  },
};
