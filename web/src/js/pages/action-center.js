// The Action Center: what needs the parent's attention now.
import { get } from "../api.js";
import { html } from "../html.js";
import { date, moment, t } from "../i18n.js";
import { agencyText } from "../words.js";

// The API names where an item is dealt with; the client's page for it
function page(link) {
  if (link === "/association") return "/link-case";
  if (link === "/codes/redeem") return "/redeem-code";
  // a court date or appointment: to it on the case page
  const events = link.match(/^\/cases\/([^/]+)\/events(?:#(.+))?$/);
  if (events) return `/cases/${events[1]}#${events[2] ? `event-${events[2]}` : "events"}`;
  return link;
}

function when(item) {
  if (item.at) return t(item.kind === "court_date" ? "action.hearing_at" : "action.appointment_at", moment(item.at));
  return item.due ? t("action.due", { when: date(item.due) }) : "";
}

export default {
  title: "action.title",
  auth: true,
  async render() {
    const { items } = await get("/action-center");
    return html`<h1 class="margin-top-4">${t("action.title")}</h1>
      ${items.length ? html`<ul class="usa-card-group">${items.map((item) => html`
        <li class="tablet:grid-col-6 usa-card" data-kind="${item.kind}"><div class="usa-card__container">
          <div class="usa-card__header"><h2 class="usa-card__heading">${item.at ? t(`event.${item.kind}`) : item.title}</h2></div>
          <div class="usa-card__body">${item.at ? html`<p>${agencyText(item.title)}</p>` : ""}${item.detail ? html`<p>${item.detail}</p>` : ""}
            ${when(item) ? html`<p class="usa-hint">${when(item)}</p>` : ""}</div>
          <div class="usa-card__footer"><a class="usa-button" href="${page(item.link)}">${t("action.open")}<span class="usa-sr-only">: ${item.title}</span></a></div>
        </div></li>`)}</ul>`
        : html`<p>${t("action.nothing")}</p>`}`;
  },
};
