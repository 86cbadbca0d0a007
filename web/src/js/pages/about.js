// About the agency: what it is and its own links, from the state's data file.
import { html } from "../html.js";
import { t } from "../i18n.js";

export default {
  title: "footer.about",
  render: (ctx) => {
    const about = ctx.state.portal?.about;
    if (!about) return html`<h1 class="margin-top-4">${t("footer.about")}</h1><p>${t("about.none")}</p>`;
    return html`<h1 class="margin-top-4">${about.title}</h1>
      <p class="usa-intro">${about.text}</p>
      <ul class="usa-list">${about.links.map((l) => html`<li><a class="usa-link usa-link--external" href="${l.url}" rel="noopener">${l.label}</a></li>`)}</ul>`;
  },
};
