// I Want To...: every request type I may file, by group; starting one makes a draft.
import { get, post } from "../api.js";
import { bind, button, field } from "../forms.js";
import { html } from "../html.js";
import { t } from "../i18n.js";
import { navigate } from "../main.js";

// a card for a request type: Start (with its case) when I may file it
function card(r) {
  return html`<li class="tablet:grid-col-6 usa-card" data-type="${r.id}" id="type-${r.id}" tabindex="-1"><div class="usa-card__container">
    <div class="usa-card__header"><h3 class="usa-card__heading">${r.title}</h3></div>
    <div class="usa-card__body"><p>${r.about}</p>${r.processed_immediately ? html`<p class="usa-hint">${t("want.immediate")}</p>` : ""}</div>
    <div class="usa-card__footer"><form class="usa-form" data-start="${r.id}">
      ${r.needs_case ? field({ name: "case_id", label: t("want.for_case"), form: r.id,
        options: r.cases.map((c) => [c, t("pay.case_option", { id: c })]), value: r.cases.length === 1 ? r.cases[0] : "" }) : ""}
      ${button(html`${t("want.start")}<span class="usa-sr-only">: ${r.title}</span>`)}
    </form></div>
  </div></li>`;
}

// What I can ask for first, grouped by what I want (payments, my case, my information);
// what I cannot ask for now folded away below, each with why.
export default {
  title: "want.title",
  auth: true,
  async render() {
    const { request_types: types } = await get("/request-types");
    const open = types.filter((r) => r.available);
    const closed = types.filter((r) => !r.available);
    const groups = [...new Set(open.map((r) => r.group))];
    return html`<h1 class="margin-top-4">${t("want.title")}</h1>
      <p><a class="usa-link" href="/submissions">${t("want.my_requests")}</a> · <a class="usa-link" href="/redeem-code">${t("want.redeem")}</a></p>
      ${groups.map((g) => html`<section aria-labelledby="group-${groups.indexOf(g)}"><h2 id="group-${groups.indexOf(g)}">${g}</h2>
        <ul class="usa-card-group">${open.filter((r) => r.group === g).map(card)}</ul></section>`)}
      <section aria-labelledby="tools-heading"><h2 id="tools-heading">${t("want.tools")}</h2>
        <ul class="usa-list">
          <li><a class="usa-link" href="/tools/arrears">${t("want.arrears_tool")}</a></li>
          <li><a class="usa-link" href="/tools/estimate">${t("want.estimate_tool")}</a></li>
          <li><a class="usa-link" href="/offices">${t("tools.offices")}</a></li>
          <li><a class="usa-link" href="/resources">${t("nav.resources")}</a></li>
          <li><a class="usa-link" href="/help">${t("footer.help")}</a></li>
        </ul></section>
      ${closed.length ? html`<details class="margin-top-4" id="unavailable"><summary class="text-bold">${t("want.unavailable", { n: closed.length })}</summary>
        <ul class="usa-list">${closed.map((r) => html`<li data-type="${r.id}"><strong>${r.title}</strong>: ${t(`want.why_${r.why_unavailable || "receiving_parent_only"}`)}</li>`)}</ul>
      </details>` : ""}`;
  },
  mount(root) {
    for (const form of root.querySelectorAll("[data-start]")) {
      bind(form, (v) => post("/submissions", { type: form.dataset.start, ...(v.case_id ? { case_id: v.case_id } : {}) }),
        (draft) => navigate(`/submissions/${draft.submission_id}`));
    }
  },
};
