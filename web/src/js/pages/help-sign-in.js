// Login help: what to do when a code does not come, the account is locked, the phone is
// lost, or the browser is the trouble; each with the page that fixes it.
import { html } from "../html.js";
import { t } from "../i18n.js";

const TOPICS = [
  ["code", [["/sign-in", "help.code_link"]]],
  ["verify", [["/resend-verification", "help.verify_link"]]],
  ["locked", [["/forgot-password", "help.locked_link"]]],
  ["phone", []],
  ["password", [["/forgot-password", "help.password_link"]]],
  ["browser", []],
];

export default {
  title: "help.title",
  render: (ctx) => {
    const phone = ctx.state.portal?.agency_phone || "";
    return html`<h1 class="margin-top-4">${t("help.title")}</h1>
      <p class="usa-intro">${t("help.intro")}</p>
      ${TOPICS.map(([topic, links]) => html`<section class="margin-bottom-4" aria-labelledby="help-${topic}">
        <h2 id="help-${topic}">${t(`help.${topic}_heading`)}</h2>
        <p>${t(`help.${topic}_text`, { phone })}</p>
        ${links.map(([href, key]) => html`<p><a class="usa-link" href="${href}">${t(key)}</a></p>`)}
      </section>`)}
      <h2>${t("help.still_heading")}</h2>
      <p>${t("help.still_text", { phone })}</p>`;
  },
};
