import { html } from "../html.js";
import { t } from "../i18n.js";

export default {
  title: "notfound.title",
  render: () => html`<h1 class="margin-top-4">${t("notfound.title")}</h1>
    <p>${t("notfound.text")}</p><p><a class="usa-link" href="/">${t("nav.home")}</a></p>`,
};
