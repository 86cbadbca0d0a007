// What people said in the short survey, a month at a time: the answers added up and the
// newest comments (supervisors and administrators).
import { get } from "../api.js";
import { html } from "../html.js";
import { dateTime, t } from "../i18n.js";
import { navigate } from "../main.js";
import { OUTCOMES, TASKS } from "./survey.js";

const thisMonth = () => new Date().toISOString().slice(0, 7);

function counts(caption, rows) {
  return html`<table class="usa-table usa-table--borderless"><caption>${caption}</caption>
    <thead><tr><th scope="col">${t("agency.survey_answer")}</th><th scope="col">${t("agency.survey_count")}</th></tr></thead>
    <tbody>${rows.map(([label, n]) => html`<tr><th scope="row">${label}</th><td>${n}</td></tr>`)}</tbody></table>`;
}

export default {
  title: "agency.survey",
  auth: true,
  staff: true,
  duty: "feedback",
  async render(ctx) {
    const month = /^\d{4}-\d{2}$/.test(ctx.query.get("month") || "") ? ctx.query.get("month") : thisMonth();
    const r = await get(`/agency/survey?month=${month}`);
    const average = r.average_tenths === null ? "" : (r.average_tenths / 10).toFixed(1);
    return html`<h1 class="margin-top-4">${t("agency.survey")}</h1>
      <form class="usa-form" id="survey-month">
        <label class="usa-label" for="month">${t("agency.survey_month")}</label>
        <input class="usa-input usa-input--medium" type="month" id="month" name="month" value="${month}">
        <button class="usa-button margin-top-1" type="submit">${t("agency.survey_show")}</button>
      </form>
      <p id="survey-total">${r.answers ? t("agency.survey_total", { count: r.answers, average }) : t("agency.survey_none")}</p>
      ${r.answers ? html`<div class="grid-row grid-gap">
        <div class="tablet:grid-col-4">${counts(t("survey.rating"), r.ratings.map((x) => [t(`survey.rating_${x.rating}`), x.answers]))}</div>
        <div class="tablet:grid-col-4">${counts(t("survey.task"), TASKS.map((k) => [t(`survey.task_${k}`), r.tasks[k] || 0]))}</div>
        <div class="tablet:grid-col-4">${counts(t("survey.done"), OUTCOMES.map((k) => [t(`survey.done_${k}`), r.done[k] || 0]))}</div>
      </div>
      <h2>${t("agency.survey_comments")}</h2>
      ${r.comments.length ? html`<ul class="usa-list usa-list--unstyled" id="survey-comments">${r.comments.map((c) => html`<li class="margin-bottom-2">
        <span class="usa-hint">${dateTime(c.answered_at)} · ${t(`survey.rating_${c.rating}`)} · ${t(`survey.task_${c.task}`)}</span><br><span lang="${c.language}">${c.comments}</span></li>`)}</ul>`
        : html`<p>${t("agency.survey_no_comments")}</p>`}` : ""}`;
  },
  mount(root) {
    root.querySelector("#survey-month").addEventListener("submit", (event) => {
      event.preventDefault();
      navigate(`/agency/survey?month=${root.querySelector("#month").value}`);
    });
  },
};
