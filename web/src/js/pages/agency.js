// The caseworker's worklist: submitted requests oldest first, those in review, and the
// changes parents made at once (a change of address) still to record in the agency's system.
import { get } from "../api.js";
import { html } from "../html.js";
import { dateTime, t } from "../i18n.js";

const QUEUES = ["submitted", "in_review", "to_record"];

export default {
  title: "agency.title",
  auth: true,
  staff: true,
  duty: "casework",
  async render(ctx) {
    const status = QUEUES.includes(ctx.query.get("status")) ? ctx.query.get("status") : "submitted";
    const cursor = ctx.query.get("cursor");
    const { submissions, next_cursor: next } = await get(`/agency/submissions?status=${status}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    return html`<h1 class="margin-top-4">${t("agency.title")}</h1>
      <ul class="usa-button-group margin-bottom-2">
        ${QUEUES.map((s) => html`<li class="usa-button-group__item"><a class="usa-button ${s === status ? "" : "usa-button--outline"}" href="/agency?status=${s}" ${s === status ? html`aria-current="page"` : ""}>${t(`want.status_${s}`)}</a></li>`)}
      </ul>
      ${submissions.length ? html`<table class="usa-table usa-table--stacked width-full"><caption>${t(`want.status_${status}`)}</caption>
        <thead><tr><th scope="col">${t("link.confirmation_number")}</th><th scope="col">${t("want.request")}</th><th scope="col">${t("summary.member_id")}</th><th scope="col">${t("case.number")}</th><th scope="col">${t("link.date_received")}</th></tr></thead>
        <tbody>${submissions.map((s) => html`<tr><th scope="row" data-label="${t("link.confirmation_number")}"><a class="usa-link" href="/agency/requests/${s.confirmation_number}">${s.confirmation_number}</a></th>
          <td data-label="${t("want.request")}">${s.title}${s.formal_title ? html`<br><span class="usa-hint">${s.formal_title}</span>` : ""}</td><td data-label="${t("summary.member_id")}">${s.member_id || ""}</td>
          <td data-label="${t("case.number")}">${s.case_id || ""}</td><td data-label="${t("link.date_received")}">${dateTime(s.submitted_at)}</td></tr>`)}</tbody></table>
        ${next ? html`<a class="usa-button usa-button--outline" href="/agency?status=${status}&cursor=${encodeURIComponent(next)}">${t("want.more")}</a>` : ""}`
        : html`<p>${t("agency.empty")}</p>`}`;
  },
};
