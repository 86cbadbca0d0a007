import { get } from "../api.js";
import { html } from "../html.js";
import { lang, t } from "../i18n.js";

export default {
  title: "home.title",
  async render(ctx) {
    const benefits = await get(`/benefits?lang=${lang()}`).catch(() => null);
    return html`
      <section class="usa-section padding-y-4">
        <h1>${t("home.heading")}</h1>
        <p class="usa-intro">${t("home.intro")}</p>
        ${ctx.signedIn()
          ? html`<a class="usa-button" href="/summary">${t("home.to_summary")}</a>`
          : html`<a class="usa-button" href="/sign-in">${t("nav.sign_in")}</a>
                 <a class="usa-button usa-button--outline" href="/register">${t("nav.register")}</a>`}
      </section>
      ${benefits ? html`<section class="margin-bottom-4" aria-labelledby="benefits">
        <h2 id="benefits">${benefits.title}</h2>
        <ul class="usa-list">${benefits.items.map((item) => html`<li>${item}</li>`)}</ul>
        <h3>${t("home.before_you_start")}</h3>
        <ul class="usa-list">${benefits.before_you_start.map((item) => html`<li>${item}</li>`)}</ul>
      </section>` : ""}`;
  },
};
