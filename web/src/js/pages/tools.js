// Client tools anyone can use, signed in or not.
import { html } from "../html.js";
import { t } from "../i18n.js";

const TOOLS = [["/tools/estimate", "estimate"], ["/tools/arrears", "arrears"], ["/offices", "offices"], ["/resources", "resources"]];

export default {
  title: "tools.title",
  render: () => html`<h1 class="margin-top-4">${t("tools.title")}</h1>
    <ul class="usa-card-group">${TOOLS.map(([href, key]) => html`<li class="tablet:grid-col-6 usa-card"><div class="usa-card__container">
      <div class="usa-card__header"><h2 class="usa-card__heading">${t(`tools.${key}`)}</h2></div>
      <div class="usa-card__body"><p>${t(`tools.${key}_text`)}</p></div>
      <div class="usa-card__footer"><a class="usa-button" href="${href}">${t("tools.open")}<span class="usa-sr-only">: ${t(`tools.${key}`)}</span></a></div></div></li>`)}</ul>`,
};
