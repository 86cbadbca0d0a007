// The portal's short survey (Arizona's "Customer Portal Survey: Have feedback on our
// website?"): four questions, no name and no sign-in needed; staff read the answers.
import { post } from "../api.js";
import { answered, bind, button, field, radios } from "../forms.js";
import { html } from "../html.js";
import { t } from "../i18n.js";

export const TASKS = ["pay", "balance", "request", "message", "link_case", "other"];
export const OUTCOMES = ["yes", "partly", "no"];

export default {
  title: "survey.title",
  render: () => html`<h1 class="margin-top-4">${t("survey.title")}</h1>
    <p>${t("survey.intro")}</p>
    <div id="survey-result"></div>
    <form class="usa-form usa-form--large" id="survey-form">
      ${radios({ name: "rating", legend: t("survey.rating"), options: [1, 2, 3, 4, 5].map((n) => [n, t(`survey.rating_${n}`)]) })}
      ${field({ name: "task", label: t("survey.task"), options: TASKS.map((k) => [k, t(`survey.task_${k}`)]) })}
      ${radios({ name: "done", legend: t("survey.done"), options: OUTCOMES.map((k) => [k, t(`survey.done_${k}`)]) })}
      ${field({ name: "comments", label: t("survey.comments"), hint: t("survey.comments_hint"), rows: 4, required: false })}
      ${button(t("survey.send"))}
    </form>`,
  mount(root) {
    const form = root.querySelector("#survey-form");
    bind(form, (v) => post("/survey", {
      rating: v.rating ? Number(v.rating) : undefined, task: v.task || undefined, done: v.done || undefined,
      ...(v.comments?.trim() ? { comments: v.comments.trim() } : {}),
    }), () => answered(form, root.querySelector("#survey-result"), t("survey.thanks_heading"), t("survey.thanks")));
  },
};
