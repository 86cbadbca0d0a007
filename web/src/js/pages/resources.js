// Resource Programs: help beyond child support, by category, searchable.
import { get } from "../api.js";
import { bind, button, field } from "../forms.js";
import { html } from "../html.js";
import { t } from "../i18n.js";
import { navigate } from "../main.js";

export default {
  title: "tools.resources",
  async render(ctx) {
    const q = ctx.query.get("q") || "";
    const { categories } = await get(`/resources${q ? `?q=${encodeURIComponent(q)}` : ""}`);
    return html`<h1 class="margin-top-4">${t("tools.resources")}</h1>
      <form class="usa-form" id="resources-form" role="search" aria-label="${t("tools.resources")}">
        ${field({ name: "q", label: t("resources.search"), value: q, required: false })}
        ${button(t("want.search"))}
      </form>
      ${categories.length ? categories.map((c) => html`<h2>${c.category}</h2><ul class="usa-list">
        ${c.links.map((l) => html`<li><a class="usa-link usa-link--external" href="${l.url}" target="_blank" rel="noopener noreferrer">${l.name}</a>: ${l.description}</li>`)}</ul>`)
        : html`<p>${t("resources.none")}</p>`}`;
  },
  mount(root) {
    bind(root.querySelector("#resources-form"), async (v) => navigate(`/resources${v.q ? `?q=${encodeURIComponent(v.q)}` : ""}`));
  },
};
