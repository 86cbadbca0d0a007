// One request for the caseworker: the answers and the decision.
import { get, post } from "../api.js";
import { answersList } from "../answers.js";
import { attachments, wireAttachments } from "../documents.js";
import { bind, button, field, radios } from "../forms.js";
import { html } from "../html.js";
import { dateTime, t } from "../i18n.js";

export default {
  title: "agency.request",
  auth: true,
  staff: true,
  duty: "casework",
  async render(ctx) {
    const [r, { request_types: types }] = await Promise.all([
      get(`/agency/submissions/${encodeURIComponent(ctx.params.confirmation)}`), get("/request-types")]);
    const open = r.status === "submitted" || r.status === "in_review";
    return html`<h1 class="margin-top-4">${r.title}</h1>
      ${r.formal_title ? html`<p class="usa-hint">${t("agency.formal_name", { name: r.formal_title })}</p>` : ""}
      <dl>
        <dt class="text-bold">${t("link.confirmation_number")}</dt><dd>${r.confirmation_number}</dd>
        <dt class="text-bold">${t("pay.status")}</dt><dd id="request-status">${t(`want.status_${r.status}`)}</dd>
        <dt class="text-bold">${t("summary.member_id")}</dt><dd>${r.member_id || ""}</dd>
        <dt class="text-bold">${t("link.submitted_by")}</dt><dd>${r.submitted_by_logon || ""}, ${dateTime(r.submitted_at)}</dd>
        ${r.note ? html`<dt class="text-bold">${t("want.note")}</dt><dd>${r.note}</dd>` : ""}
      </dl>
      <h2>${t("agency.answers")}</h2>
      ${answersList(r.answers, types.find((type) => type.id === r.type))}
      <h2>${t("want.documents")}</h2>
      ${r.documents?.length ? attachments(r.documents) : html`<p>${t("want.no_documents")}</p>`}
      ${open ? html`<h2>${t("agency.decision")}</h2>
      <form class="usa-form usa-form--large" id="decision-form">
        ${radios({ name: "status", legend: t("agency.decide"), value: r.status === "submitted" ? "in_review" : "approved",
                   options: ["in_review", "approved", "denied"].filter((s) => s !== r.status).map((s) => [s, t(`want.status_${s}`)]) })}
        ${field({ name: "note", label: t("agency.note"), hint: t("agency.note_hint"), rows: 4, required: false })}
        ${button(t("agency.save_decision"))}
      </form>` : ""}
      ${r.to_record ? html`<h2>${t("agency.to_record_heading")}</h2><p>${t("agency.to_record_text")}</p>
      <form class="usa-form" id="recorded-form">${button(t("agency.mark_recorded"))}</form>` : ""}
      <p><a class="usa-link" href="/agency">${t("agency.back")}</a></p>`;
  },
  mount(root, ctx) {
    wireAttachments(root);
    const path = `/agency/submissions/${encodeURIComponent(ctx.params.confirmation)}`;
    const form = root.querySelector("#decision-form");
    if (form) {
      bind(form, (v) => post(`${path}/decision`, { status: v.status, ...(v.note ? { note: v.note } : {}) }),
        () => ctx.refresh());
    }
    const recorded = root.querySelector("#recorded-form");
    if (recorded) bind(recorded, () => post(`${path}/recorded`), () => ctx.refresh());
  },
};
