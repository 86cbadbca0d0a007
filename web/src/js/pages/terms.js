// The terms of using the portal, linked from the registration form.
import { html } from "../html.js";
import { t } from "../i18n.js";

const SECTIONS = ["use", "records", "security", "messages", "privacy", "monitoring"];

export default {
  title: "terms.title",
  render: (ctx) => html`<h1 class="margin-top-4">${t("terms.title")}</h1>
    <p>${t("terms.intro", { agency: ctx.state.portal?.agency_name || "" })}</p>
    ${SECTIONS.map((s) => html`<h2>${t(`terms.${s}_title`)}</h2><p>${t(`terms.${s}`)}</p>`)}`,
};
