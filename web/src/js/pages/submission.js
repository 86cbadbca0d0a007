// One request: its steps (each saved as it is left), the review, the submission and the
// confirmation; once submitted, its status and printable view (printed or saved as a PDF).
import { ApiError, api, get, post, put } from "../api.js";
import { alert, bind, button, fileField, showErrors } from "../forms.js";
import { html } from "../html.js";
import { answersList } from "../answers.js";
import { date, dateTime, t } from "../i18n.js";
import { navigate, warnBeforeLeaving } from "../main.js";
import { mountSchema, readAnswers, schemaFields } from "../schema-form.js";
import { showStep, stepIndicator } from "../steps.js";
import { upload } from "../upload.js";

function reviewList(sub, type) {
  return answersList(Object.fromEntries(sub.steps.map((s) => [s.id, s.answers])), type);
}

function submitted(sub) {
  return html`<dl class="margin-y-3" id="request-confirmation">
      <dt class="text-bold">${t("link.confirmation_number")}</dt><dd>${sub.confirmation_number}</dd>
      <dt class="text-bold">${t("link.date_received")}</dt><dd>${dateTime(sub.submitted_at)}</dd>
      <dt class="text-bold">${t("link.submitted_by")}</dt><dd>${sub.submitted_by_logon}</dd>
      <dt class="text-bold">${t("pay.status")}</dt><dd>${t(`want.status_${sub.status}`)}</dd>
      ${sub.note ? html`<dt class="text-bold">${t("want.note")}</dt><dd>${sub.note}</dd>` : ""}
    </dl>
    <ul class="usa-button-group no-print">
      <li class="usa-button-group__item"><button type="button" class="usa-button usa-button--outline" id="print">${t("want.print")}</button></li>
    </ul>`;
}

function stepView(place, ctx, sub, type, index) {
  const labels = [...type.steps.map((s) => s.title), t("link.review")];
  if (index >= type.steps.length) { reviewView(place, ctx, sub, type); return; }
  const step = type.steps[index];
  const state = sub.steps.find((s) => s.id === step.id) || {};
  showStep(place, html`${stepIndicator(labels, index)}
    <form class="usa-form usa-form--large" id="step-form">
      ${step.id === "about" ? html`<p>${type.about}</p>` : ""}
      ${state.suggested && !state.answers ? html`<p class="usa-hint">${t("want.suggested")}</p>` : ""}
      ${schemaFields(step.fields_schema, state.answers || state.suggested || {}, ctx.choices)}
      ${index > 0 ? html`<button type="button" class="usa-button usa-button--outline" id="back">${t("steps.back")}</button>` : ""}
      ${button(t("want.save_continue"))}
    </form>`, { focus: ctx.focus !== false });
  ctx.focus = true;
  const form = place.querySelector("#step-form");
  mountSchema(form, step.fields_schema);
  // answers typed but not saved: leaving the step (Back, a link, the tab) asks first
  let changed = false;
  form.addEventListener("input", () => { changed = true; });
  form.addEventListener("change", () => { changed = true; });
  warnBeforeLeaving(() => changed && form.isConnected);
  place.querySelector("#back")?.addEventListener("click", () => {
    if (changed && !window.confirm(t("form.leave_unsaved"))) return;
    stepView(place, ctx, sub, type, index - 1);
  });
  bind(form, () => put(`/submissions/${sub.submission_id}/steps/${step.id}`, { answers: readAnswers(form, step.fields_schema) }),
    (saved) => { changed = false; stepView(place, ctx, saved, type, index + 1); });
}

const fieldErrorFor = (name) => new ApiError(422, { code: "invalid_input", fields: { [name]: t("form.required") } });

function reviewView(place, ctx, sub, type) {
  const labels = [...type.steps.map((s) => s.title), t("link.review")];
  const firstIncomplete = type.steps.findIndex((s) => !sub.steps.find((x) => x.id === s.id)?.complete);
  showStep(place, html`${stepIndicator(labels, labels.length - 1)}
    <p>${t("want.review_text")}</p>
    ${reviewList(sub, type)}
    ${firstIncomplete >= 0 ? alert("warning", "", t("want.incomplete")) : ""}
    <h3>${t("want.documents")}</h3>
    ${sub.documents.length ? html`<ul class="usa-list" id="attached">${sub.documents.map((d) => html`<li>${d.filename}</li>`)}</ul>` : html`<p>${t("want.no_documents")}</p>`}
    <form class="usa-form" id="attach-form">
      ${fileField({ name: "files", label: t("want.attach"), hint: t("want.attach_hint"), multiple: true })}
      ${button(t("want.attach_button"), { kind: "usa-button--outline" })}
    </form>
    <form class="usa-form" id="submit-form">
      <button type="button" class="usa-button usa-button--outline" id="edit">${t("steps.edit")}</button>
      ${button(t("steps.submit"))}
    </form>`);
  place.querySelector("#edit").addEventListener("click", () => stepView(place, ctx, sub, type, Math.max(firstIncomplete, 0)));
  const attach = place.querySelector("#attach-form");
  const chooser = attach.querySelector("input[type=file]");
  // a document chosen is attached then and there: one chosen but not attached was left out
  // of the request without a word
  chooser.addEventListener("change", () => { if (chooser.files.length) attach.requestSubmit(); });
  bind(attach, async () => {
    const files = [...chooser.files];
    if (!files.length) throw fieldErrorFor("files");
    const ids = [];
    for (const file of files) ids.push(await upload(file));
    return post(`/submissions/${sub.submission_id}/documents`, { document_ids: ids });
  }, async () => reviewView(place, ctx, await get(`/submissions/${sub.submission_id}`), type));
  bind(place.querySelector("#submit-form"), () => {
    // still chosen: being attached, or its attaching failed (its error is shown above)
    if (chooser.files.length) throw new ApiError(422, { code: "not_attached", message: t("want.not_attached") });
    return post(`/submissions/${sub.submission_id}/submit`);
  }, async (done) => {
    // submitted: no longer a draft to delete or one that expires
    for (const gone of place.closest("main").querySelectorAll("#delete-draft, #draft-expires")) gone.remove();
    showStep(place, html`${alert("success", t("want.received"), t("want.received_text"))}${submitted(done)}`);
    wireDocuments(place, done);
  });
}

function wireDocuments(root, sub) {
  // the browser's print dialog also saves the page as a PDF (its destination "Save as PDF")
  root.querySelector("#print")?.addEventListener("click", () => window.print());
}

export default {
  title: "want.request",
  auth: true,
  async render(ctx) {
    const [sub, { request_types: types }, { bank_accounts: accounts }] = await Promise.all([
      get(`/submissions/${encodeURIComponent(ctx.params.submissionId)}`), get("/request-types"),
      get("/bank-accounts").catch(() => ({ bank_accounts: [] }))]);
    ctx.choices = { bank_account_id: accounts.map((a) => [a.account_id, t("pay.bank_option", { name: a.nickname || t(`bank.${a.account_type}`), last4: a.last4 })]) };
    ctx.sub = sub;
    ctx.type = types.find((r) => r.id === sub.type);
    return html`<h1 class="margin-top-4">${sub.title}</h1>
      ${sub.case_id ? html`<p>${t("pay.case_option", { id: sub.case_id })}</p>` : ""}
      ${sub.status === "draft" && sub.expires_at ? html`<p class="usa-hint" id="draft-expires">${t("want.expires", { when: date(sub.expires_at) })}</p>` : ""}
      <div id="request-steps">${sub.status === "draft" ? "" : html`${submitted(sub)}<h2>${t("want.answers")}</h2>${reviewList(sub, ctx.type)}`}</div>
      ${sub.status === "draft" ? html`<button type="button" class="usa-button usa-button--unstyled margin-top-4" id="delete-draft">${t("want.delete")}</button>` : ""}`;
  },
  mount(root, ctx) {
    const place = root.querySelector("#request-steps");
    if (ctx.sub.status !== "draft") { wireDocuments(root, ctx.sub); return; }
    const first = ctx.type.steps.findIndex((s) => !ctx.sub.steps.find((x) => x.id === s.id)?.complete);
    ctx.focus = false;
    stepView(place, ctx, ctx.sub, ctx.type, first < 0 ? ctx.type.steps.length : first);
    root.querySelector("#delete-draft").addEventListener("click", async () => {
      try { await api("DELETE", `/submissions/${ctx.sub.submission_id}`); navigate("/submissions"); } catch (error) {
        showErrors(root.querySelector("form") || root, error);
      }
    });
  },
};
