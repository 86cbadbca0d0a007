// My requests: search by type, status, dates or confirmation number; drafts to finish.
import { get } from "../api.js";
import { bind, button, field } from "../forms.js";
import { html } from "../html.js";
import { date, t } from "../i18n.js";
import { navigate } from "../main.js";

const STATUSES = ["draft", "submitted", "in_review", "approved", "denied", "expired"];

export default {
  title: "want.my_requests",
  auth: true,
  async render(ctx) {
    const query = new URLSearchParams();
    for (const key of ["type", "status", "since", "until", "confirmation_number", "cursor"]) {
      if (ctx.query.get(key)) query.set(key, ctx.query.get(key));
    }
    const [{ submissions, next_cursor: next }, { request_types: types }] = await Promise.all([
      get(`/submissions?${query}`), get("/request-types")]);
    const more = new URLSearchParams(query);
    if (next) more.set("cursor", next);
    return html`<h1 class="margin-top-4">${t("want.my_requests")}</h1>
      <p><a class="usa-link" href="/i-want-to">${t("want.title")}</a></p>
      <form class="usa-form usa-form--large" id="search-form" role="search" aria-label="${t("want.search")}">
        ${field({ name: "type", label: t("want.type"), required: false, options: types.map((r) => [r.id, r.title]), value: ctx.query.get("type") || "" })}
        ${field({ name: "status", label: t("pay.status"), required: false, options: STATUSES.map((s) => [s, t(`want.status_${s}`)]), value: ctx.query.get("status") || "" })}
        ${field({ name: "since", label: t("want.since"), type: "date", required: false, value: ctx.query.get("since") || "" })}
        ${field({ name: "until", label: t("want.until"), type: "date", required: false, value: ctx.query.get("until") || "" })}
        ${field({ name: "confirmation_number", label: t("link.confirmation_number"), hint: "0-000-000-000", required: false, value: ctx.query.get("confirmation_number") || "" })}
        ${button(t("want.search"))}
      </form>
      ${submissions.length ? html`<table class="usa-table usa-table--stacked width-full">
        <caption>${t("want.results")}</caption>
        <thead><tr><th scope="col">${t("want.request")}</th><th scope="col">${t("case.number")}</th><th scope="col">${t("pay.status")}</th><th scope="col">${t("link.confirmation_number")}</th><th scope="col">${t("want.started")}</th></tr></thead>
        <tbody>${submissions.map((s) => html`<tr>
          <th scope="row" data-label="${t("want.request")}"><a class="usa-link" href="/submissions/${s.submission_id}">${s.title}</a>${s.updated_by_agency ? html` <span class="usa-tag">${t("want.updated")}</span>` : ""}</th>
          <td data-label="${t("case.number")}">${s.case_id || ""}</td>
          <td data-label="${t("pay.status")}">${t(`want.status_${s.status}`)}</td>
          <td data-label="${t("link.confirmation_number")}">${s.confirmation_number || ""}</td>
          <td data-label="${t("want.started")}">${date(s.created_at)}</td></tr>`)}</tbody></table>
        ${next ? html`<a class="usa-button usa-button--outline" href="/submissions?${more}">${t("want.more")}</a>` : ""}`
        : html`<p>${t("want.no_requests")}</p>`}`;
  },
  mount(root) {
    bind(root.querySelector("#search-form"), async (v) => {
      const q = new URLSearchParams(Object.entries(v).filter(([, x]) => x));
      navigate(`/submissions?${q}`);
    });
  },
};
