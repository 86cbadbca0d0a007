// Change my password, or my security questions (both end my other sessions).
import { get, post, put } from "../api.js";
import { alert, announce, bind, button, field, fieldError } from "../forms.js";
import { html } from "../html.js";
import { dateTime, lang, t } from "../i18n.js";
import { passwordRules, wirePasswordRules } from "../password-rules.js";
import { withProfileNav } from "../profile-nav.js";
import { answers, questionFields } from "../questions.js";

export default {
  title: "password.title",
  auth: true,
  async render(ctx) {
    const { questions } = await get(`/auth/security-questions?lang=${lang()}`);
    const choices = questions.map((q) => [q.question_id, q.text]);
    return withProfileNav("/password", html`<h1>${t("password.title")}</h1>
      <div id="password-status"></div>
      <form class="usa-form usa-form--large" id="password-form">
        ${field({ name: "current_password", label: t("password.current"), type: "password", autocomplete: "current-password" })}
        ${field({ name: "new_password", label: t("form.new_password"), type: "password", autocomplete: "new-password" })}
        ${passwordRules("new_password")}
        ${field({ name: "again", label: t("form.password_again"), type: "password", autocomplete: "new-password" })}
        ${button(t("password.change"))}
      </form>
      <h2>${t("register.questions")}</h2>
      <form class="usa-form usa-form--large" id="questions-form">
        <p class="usa-hint">${t("register.questions_hint")}</p>
        ${questionFields(choices)}
        ${field({ name: "password", label: t("password.confirm_questions"), type: "password", autocomplete: "current-password", form: "questions" })}
        ${button(t("password.save_questions"))}
      </form>
      <h2>${t("pin.heading")}</h2>
      <form class="usa-form usa-form--large" id="pin-form">
        <p>${t("pin.text")}</p>
        <p class="usa-hint" id="pin-set">${ctx.state.me?.phone_pin_set_at ? t("pin.set_on", { when: dateTime(ctx.state.me.phone_pin_set_at) }) : t("pin.none")}</p>
        ${field({ name: "pin", label: t("pin.pin"), hint: t("pin.hint"), type: "password", inputmode: "numeric", autocomplete: "off", width: "usa-input--small" })}
        ${field({ name: "pin_again", label: t("pin.again"), type: "password", inputmode: "numeric", autocomplete: "off", width: "usa-input--small" })}
        ${field({ name: "password", label: t("pin.password"), type: "password", autocomplete: "current-password" })}
        ${button(t("pin.save"))}
      </form>`);
  },
  mount(root, ctx) {
    const me = ctx.state.me || {};
    wirePasswordRules(root.querySelector('[name="new_password"]'), () => [me.first_name, me.last_name, me.email, ...(me.phones || []).map((x) => x.number), me.date_of_birth]);
    const status = root.querySelector("#password-status");
    const done = (key) => () => { announce(status, alert("success", "", t(key))); };
    const passwordForm = root.querySelector("#password-form");
    bind(passwordForm, (v) => {
      if (v.new_password !== v.again) throw fieldError("again", t("register.passwords_differ"));
      return post("/me/password", { current_password: v.current_password, new_password: v.new_password });
    }, () => { passwordForm.reset(); done("password.changed")(); });
    const questionsForm = root.querySelector("#questions-form");
    bind(questionsForm, (v) => put("/me/security-questions", { password: v.password,
      security_questions: answers(v) }),
    () => { questionsForm.reset(); done("password.questions_saved")(); });
    const pinForm = root.querySelector("#pin-form");
    bind(pinForm, (v) => {
      if (v.pin !== v.pin_again) throw fieldError("pin_again", t("pin.differ"));
      return put("/me/phone-pin", { pin: v.pin.trim(), password: v.password });
    }, () => { pinForm.reset(); done("pin.saved")(); });
  },
};
