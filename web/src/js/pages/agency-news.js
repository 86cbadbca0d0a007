// News from the agency: posted here, shown on the portal's home page and emailed to the
// parents who subscribed to news (in Spanish to those who read it, when it is given).
import { get, post } from "../api.js";
import { alert, announce, bind, button, field } from "../forms.js";
import { html } from "../html.js";
import { dateTime, t } from "../i18n.js";

export default {
  title: "agency.news",
  auth: true,
  staff: true,
  duty: "casework",
  async render() {
    const { news } = await get("/news");
    return html`<h1 class="margin-top-4">${t("agency.news")}</h1>
      <p>${t("agency.news_intro")}</p>
      <div id="news-result"></div>
      <form class="usa-form usa-form--large" id="news-form">
        ${field({ name: "title", label: t("agency.news_title") })}
        ${field({ name: "body", label: t("agency.news_body"), rows: 5 })}
        ${field({ name: "title_es", label: t("agency.news_title_es"), required: false })}
        ${field({ name: "body_es", label: t("agency.news_body_es"), rows: 5, required: false })}
        ${button(t("agency.news_post"))}
      </form>
      <h2>${t("agency.news_latest")}</h2>
      ${news.length ? html`<ul class="usa-list usa-list--unstyled">${news.map((n) => html`<li class="margin-bottom-2">
        <strong>${n.title}</strong> <span class="usa-hint">${dateTime(n.posted_at)}</span><br>${n.body}</li>`)}</ul>`
        : html`<p>${t("agency.news_none")}</p>`}`;
  },
  mount(root, ctx) {
    bind(root.querySelector("#news-form"), (v) => post("/agency/news", {
      title: v.title, body: v.body, ...(v.title_es ? { title_es: v.title_es } : {}), ...(v.body_es ? { body_es: v.body_es } : {}),
    }), async () => {
      await ctx.refresh();
      announce(document.getElementById("news-result"), alert("success", "", t("agency.news_posted")));
    });
  },
};
