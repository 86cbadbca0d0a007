// A parent's thread, answered by the caseworker.
import { get, post } from "../api.js";
import { attachments, wireAttachments } from "../documents.js";
import { bind, button, field } from "../forms.js";
import { html } from "../html.js";
import { dateTime, t } from "../i18n.js";
import { navigate } from "../main.js";

export default {
  title: "messages.thread",
  auth: true,
  staff: true,
  duty: "casework",
  async render(ctx) {
    const th = await get(`/agency/messages/${encodeURIComponent(ctx.params.threadId)}`);
    const who = th.parent_name || t("agency.parent");
    return html`<h1 class="margin-top-4">${th.subject}</h1>
      <p id="thread-parent">${t("agency.thread_with", { name: who })}${th.member_id ? html` · ${t("summary.member_id")}: <a class="usa-link" href="/agency/member?member=${encodeURIComponent(th.member_id)}">${th.member_id}</a>` : ""}</p>
      <ol class="usa-list usa-list--unstyled" id="conversation">${th.messages.map((m) => html`
        <li class="border-1px border-base-lighter radius-md padding-2 margin-bottom-2 ${m.sender === "agency" ? "bg-base-lightest" : ""}">
          <p class="margin-top-0 text-bold">${m.sender === "agency" ? t("messages.from_agency") : who} · ${dateTime(m.at)}</p>
          <p class="margin-bottom-0">${m.body}</p>${attachments(m.document_ids)}</li>`)}</ol>
      <form class="usa-form usa-form--large" id="reply-form">${field({ name: "body", label: t("messages.reply"), rows: 5 })}${button(t("messages.send"))}</form>
      <p><a class="usa-link" href="/agency/messages">${t("agency.messages")}</a></p>`;
  },
  mount(root, ctx) {
    wireAttachments(root);
    bind(root.querySelector("#reply-form"), (v) => post(`/agency/messages/${encodeURIComponent(ctx.params.threadId)}`, { body: v.body }),
      () => navigate("/agency/messages"));
  },
};
