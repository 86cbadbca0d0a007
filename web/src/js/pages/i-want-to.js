// I Want To...: every request type I may file, by group; starting one makes a draft.
import { get, post } from "../api.js";
import { bind, button, field } from "../forms.js";
import { html } from "../html.js";
import { t } from "../i18n.js";
import { navigate } from "../main.js";

export default {
  title: "want.title",
  auth: true,
  async render() {
    const { request_types: types } = await get("/request-types");
    const groups = [...new Set(types.map((r) => r.group))];
    return html`<h1 class="margin-top-4">${t("want.title")}</h1>
      <p><a class="usa-link" href="/submissions">${t("want.my_requests")}</a> · <a class="usa-link" href="/redeem-code">${t("want.redeem")}</a></p>
      ${groups.map((g) => html`<h2>${g}</h2><ul class="usa-card-group">
        ${types.filter((r) => r.group === g).map((r) => html`<li class="tablet:grid-col-6 usa-card" data-type="${r.id}"><div class="usa-card__container">
          <div class="usa-card__header"><h3 class="usa-card__heading">${r.title}</h3></div>
          <div class="usa-card__body"><p>${r.about}</p>${r.processed_immediately ? html`<p class="usa-hint">${t("want.immediate")}</p>` : ""}</div>
          <div class="usa-card__footer">${r.available ? html`<form class="usa-form" data-start="${r.id}">
              ${r.needs_case ? field({ name: "case_id", label: t("want.for_case"), form: r.id,
                options: r.cases.map((c) => [c, t("pay.case_option", { id: c })]), value: r.cases.length === 1 ? r.cases[0] : "" }) : ""}
              ${button(html`${t("want.start")}<span class="usa-sr-only">: ${r.title}</span>`)}
            </form>` : html`<p class="usa-hint">${t("want.not_available")}</p>`}</div>
        </div></li>`)}</ul>`)}`;
  },
  mount(root) {
    for (const form of root.querySelectorAll("[data-start]")) {
      bind(form, (v) => post("/submissions", { type: form.dataset.start, ...(v.case_id ? { case_id: v.case_id } : {}) }),
        (draft) => navigate(`/submissions/${draft.submission_id}`));
    }
  },
};
