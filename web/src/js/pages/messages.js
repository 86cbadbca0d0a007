// Messages with the agency: threads (unread first to catch the eye), a new message.
import { get, post } from "../api.js";
import { bind, button, field, fileField } from "../forms.js";
import { html } from "../html.js";
import { dateTime, t } from "../i18n.js";
import { navigate } from "../main.js";
import { upload } from "../upload.js";

export default {
  title: "messages.title",
  auth: true,
  async render() {
    const [{ threads, unread }, summary] = await Promise.all([get("/messages"), get("/summary")]);
    const cases = summary.cases.map((c) => [c.case_id, t("pay.case_option", { id: c.case_id })]);
    return html`<h1 class="margin-top-4">${t("messages.title")}</h1>
      <p><a class="usa-link" href="/letters">${t("nav.letters")}</a></p>
      <p>${t("messages.unread", { n: unread })}</p>
      ${threads.length ? html`<table class="usa-table usa-table--stacked width-full">
        <caption class="usa-sr-only">${t("messages.title")}</caption>
        <thead><tr><th scope="col">${t("messages.subject")}</th><th scope="col">${t("case.number")}</th><th scope="col">${t("messages.last")}</th></tr></thead>
        <tbody>${threads.map((th) => html`<tr>
          <th scope="row" data-label="${t("messages.subject")}"><a class="usa-link ${th.unread ? "text-bold" : ""}" href="/messages/${th.thread_id}">${th.subject}</a>${th.unread ? html` <span class="usa-tag">${t("messages.new")}</span>` : ""}</th>
          <td data-label="${t("case.number")}">${th.case_id || ""}</td><td data-label="${t("messages.last")}">${dateTime(th.last_at)}</td></tr>`)}</tbody>
      </table>` : html`<p>${t("messages.none")}</p>`}
      <h2>${t("messages.new_message")}</h2>
      <form class="usa-form usa-form--large" id="message-form">
        ${field({ name: "case_id", label: t("messages.about_case"), options: cases, required: false })}
        ${field({ name: "subject", label: t("messages.subject") })}
        ${field({ name: "body", label: t("messages.body"), rows: 6 })}
        ${fileField({ name: "files", label: t("messages.attach"), multiple: true })}
        ${button(t("messages.send"))}
      </form>`;
  },
  mount(root) {
    const form = root.querySelector("#message-form");
    bind(form, async (v) => {
      const body = { subject: v.subject, body: v.body };
      if (v.case_id) body.case_id = v.case_id;
      const files = [...form.querySelector("input[type=file]").files];
      if (files.length) body.document_ids = await Promise.all(files.map(upload));
      return post("/messages", body);
    }, (thread) => navigate(`/messages/${thread.thread_id}?sent=1`));
  },
};
