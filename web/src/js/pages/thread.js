// One conversation with the agency; opening it marks the agency's messages read.
import { get, post } from "../api.js";
import { attachments, wireAttachments } from "../documents.js";
import { alert, bind, button, field } from "../forms.js";
import { html } from "../html.js";
import { dateTime, t } from "../i18n.js";

export default {
  title: "messages.thread",
  auth: true,
  async render(ctx) {
    const th = await get(`/messages/${encodeURIComponent(ctx.params.threadId)}`);
    return html`<h1 class="margin-top-4">${th.subject}</h1>
      ${ctx.query.has("sent") ? alert("success", "", t("messages.sent")) : ""}
      ${th.case_id ? html`<p>${t("pay.case_option", { id: th.case_id })}</p>` : ""}
      <ol class="usa-list usa-list--unstyled" id="conversation">${th.messages.map((m) => html`
        <li class="border-1px border-base-lighter radius-md padding-2 margin-bottom-2 ${m.sender === "agency" ? "bg-base-lightest" : ""}">
          <p class="margin-top-0 text-bold">${m.sender === "agency" ? t("messages.from_agency") : t("messages.from_me")} · ${dateTime(m.at)}</p>
          <p class="margin-bottom-0" data-body>${m.body}</p>
          ${attachments(m.document_ids)}</li>`)}</ol>
      <form class="usa-form usa-form--large" id="reply-form">
        ${field({ name: "body", label: t("messages.reply"), rows: 5 })}
        ${button(t("messages.send"))}
      </form>
      <p><a class="usa-link" href="/messages">${t("messages.back")}</a></p>`;
  },
  mount(root, ctx) {
    wireAttachments(root);
    bind(root.querySelector("#reply-form"), (v) => post(`/messages/${encodeURIComponent(ctx.params.threadId)}`, { body: v.body }),
      () => ctx.refresh());
  },
};
