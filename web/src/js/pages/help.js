// Help and contact: every way to reach the agency, by purpose, with its hours (the
// state's data, as the footer shows them), and the pages that answer most questions.
import { html } from "../html.js";
import { t } from "../i18n.js";

const PAGES = [["/help/sign-in", "helppage.signin"], ["/offices", "helppage.offices"],
  ["/tools", "helppage.tools"], ["/resources", "helppage.resources"], ["/about", "helppage.about"]];

export default {
  title: "helppage.title",
  render: (ctx) => {
    const contacts = ctx.state.portal?.contacts || [];
    return html`<h1 class="margin-top-4">${t("helppage.title")}</h1>
      <p class="usa-intro">${t("helppage.intro")}</p>
      <h2>${t("helppage.call")}</h2>
      <ul class="usa-list usa-list--unstyled">${contacts.map((c) => html`<li class="margin-bottom-2">
        <strong>${c.purpose}</strong><br><a class="usa-link" href="tel:${c.phone.replace(/[^0-9+]/g, "")}">${c.phone}</a>${c.hours ? html`<br>${c.hours}` : ""}</li>`)}</ul>
      <h2>${t("helppage.pages")}</h2>
      <ul class="usa-list">${PAGES.map(([href, key]) => html`<li><a class="usa-link" href="${href}">${t(key)}</a></li>`)}</ul>`;
  },
};
