// Messages waiting for the agency's reply (the parent wrote last), oldest first: those
// about the cases assigned to me first (Kentucky), then every one waiting but those.
import { get } from "../api.js";
import { html } from "../html.js";
import { dateTime, t } from "../i18n.js";

function table(id, caption, threads) {
  return html`<table class="usa-table usa-table--stacked width-full" id="${id}"><caption>${caption}</caption>
    <thead><tr><th scope="col">${t("messages.subject")}</th><th scope="col">${t("agency.from")}</th><th scope="col">${t("agency.waiting_since")}</th></tr></thead>
    <tbody>${threads.map((th) => html`<tr><th scope="row" data-label="${t("messages.subject")}"><a class="usa-link" href="/agency/messages/${th.thread_id}">${th.subject}</a></th>
      <td data-label="${t("agency.from")}">${th.parent_name || t("agency.parent")}${th.member_id ? html` (${th.member_id})` : ""}</td>
      <td data-label="${t("agency.waiting_since")}">${dateTime(th.waiting_since)}</td></tr>`)}</tbody></table>`;
}

export default {
  title: "agency.messages",
  auth: true,
  staff: true,
  duty: "casework",
  async render() {
    const [{ threads: mine }, { threads: all }] = await Promise.all([get("/agency/messages?mine=true"), get("/agency/messages")]);
    const taken = new Set(mine.map((th) => th.thread_id));
    const others = all.filter((th) => !taken.has(th.thread_id));
    return html`<h1 class="margin-top-4">${t("agency.messages")}</h1>
      ${mine.length ? table("my-messages", t("agency.messages_mine"), mine) : ""}
      ${others.length ? table("all-messages", mine.length ? t("agency.messages_others") : t("agency.messages_all"), others) : ""}
      ${mine.length || others.length ? "" : html`<p>${t("agency.no_messages")}</p>`}`;
  },
};
