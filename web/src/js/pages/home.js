import { get } from "../api.js";
import { html } from "../html.js";
import { date, lang, t } from "../i18n.js";

export default {
  title: "home.title",
  async render(ctx) {
    const [benefits, news] = await Promise.all([get(`/benefits?lang=${lang()}`).catch(() => null),
      get("/news").catch(() => null)]);
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
      </section>` : ""}
      <section class="margin-bottom-4" aria-labelledby="need-help">
        <h2 id="need-help">${t("home.need_help")}</h2>
        <p>${t("home.need_help_text")}</p>
        <p><a class="usa-link" href="/help">${t("home.need_help_link")}</a></p>
        <h3>${t("home.survey")}</h3>
        <p>${t("home.survey_text")} <a class="usa-link" href="/survey">${t("home.survey_link")}</a></p>
      </section>
      ${news?.news.length ? html`<section class="margin-bottom-4" aria-labelledby="news-heading" id="news">
        <h2 id="news-heading">${t("home.news")}</h2>
        ${news.news.map((n) => html`<article class="margin-bottom-2"><h3 class="margin-bottom-05">${n.title}</h3>
          <p class="usa-hint margin-top-0">${date(n.posted_at)}</p><p>${n.body}</p></article>`)}
      </section>` : ""}`;
  },
};
