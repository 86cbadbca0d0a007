// The terms and conditions, privacy policy and disclaimer in force (the state's data, in
// the reader's language), linked from the footer and the registration form.
import { get } from "../api.js";
import { html } from "../html.js";
import { t } from "../i18n.js";

/** The documents, each a section the footer's and the form's links can reach (#privacy). */
export function documents(terms, level = 2) {
  const h = (text, id = "") => (level === 2 ? html`<h2 ${id ? html`id="${id}"` : ""}>${text}</h2>` : html`<h3>${text}</h3>`);
  return html`${terms.documents.map((d) => html`<section aria-labelledby="${d.id}" class="margin-bottom-4">
    ${h(d.title, d.id)}<p>${d.intro}</p>
    ${d.sections.map((s) => html`<h${level + 1}>${s.title}</h${level + 1}><p>${s.text}</p>`)}
  </section>`)}
  <p class="usa-hint">${t("terms.version", { version: terms.version })}</p>`;
}

export default {
  title: "footer.terms",
  async render() {
    const terms = await get("/terms");
    return html`<h1 class="margin-top-4">${t("footer.terms")}</h1>${documents(terms)}`;
  },
};
