// Messages waiting for the agency's reply (the parent wrote last), oldest first.
import { get } from "../api.js";
import { html } from "../html.js";
import { dateTime, t } from "../i18n.js";

export default {
  title: "agency.messages",
  auth: true,
  staff: true,
  duty: "casework",
  async render(ctx) {
    // Kentucky: the threads about my cases first; all that wait a press away
    const mine = ctx.query.get("all") !== "1";
    const { threads } = await get(`/agency/messages${mine ? "?mine=true" : ""}`);
    return html`<h1 class="margin-top-4">${t("agency.messages")}</h1>
      <ul class="usa-button-group margin-bottom-2">
        ${[[true, "/agency/messages", "agency.messages_mine"], [false, "/agency/messages?all=1", "agency.messages_all"]].map(([which, href, key]) => html`<li class="usa-button-group__item">
          <a class="usa-button ${which === mine ? "" : "usa-button--outline"}" href="${href}" ${which === mine ? html`aria-current="page"` : ""}>${t(key)}</a></li>`)}
      </ul>
      ${threads.length ? html`<table class="usa-table usa-table--stacked width-full"><caption class="usa-sr-only">${t("agency.messages")}</caption>
        <thead><tr><th scope="col">${t("messages.subject")}</th><th scope="col">${t("agency.from")}</th><th scope="col">${t("agency.waiting_since")}</th></tr></thead>
        <tbody>${threads.map((th) => html`<tr><th scope="row" data-label="${t("messages.subject")}"><a class="usa-link" href="/agency/messages/${th.thread_id}">${th.subject}</a></th>
          <td data-label="${t("agency.from")}">${th.parent_name || t("agency.parent")}${th.member_id ? html` (${th.member_id})` : ""}</td>
          <td data-label="${t("agency.waiting_since")}">${dateTime(th.waiting_since)}</td></tr>`)}</tbody></table>`
        : html`<p>${t("agency.no_messages")}</p>`}`;
  },
};
