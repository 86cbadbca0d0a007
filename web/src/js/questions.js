// Security questions, as registration and the profile ask them: each answer typed twice,
// hidden as a password is (the Alaska guide's "Confirm Answer"); the API checks the rest
// (two at least, four characters, a different question and answer each).
import { field, fieldError } from "./forms.js";
import { html } from "./html.js";
import { t } from "./i18n.js";

export const COUNT = 3;

export function questionFields(choices) {
  return [...Array(COUNT).keys()].map((i) => html`
    ${field({ name: `security_questions.${i}.question_id`, label: t("register.question", { n: i + 1 }), options: choices })}
    ${field({ name: `security_questions.${i}.answer`, label: t("register.answer", { n: i + 1 }), type: "password", autocomplete: "off" })}
    ${field({ name: `security_questions.${i}.again`, label: t("register.answer_again", { n: i + 1 }), type: "password", autocomplete: "off" })}`);
}

/** The answers of the form's values, once each is typed the same twice. */
export function answers(v) {
  const differ = [...Array(COUNT).keys()].find((i) => v[`security_questions.${i}.answer`] !== v[`security_questions.${i}.again`]);
  if (differ !== undefined) throw fieldError(`security_questions.${differ}.again`, t("register.answers_differ"));
  return [...Array(COUNT).keys()].map((i) => ({
    question_id: v[`security_questions.${i}.question_id`], answer: v[`security_questions.${i}.answer`] }));
}
