// The office locator: the nearest agency offices to a ZIP code.
import { get } from "../api.js";
import { bind, button, field } from "../forms.js";
import { html } from "../html.js";
import { t } from "../i18n.js";

export default {
  title: "tools.offices",
  render: () => html`<h1 class="margin-top-4">${t("tools.offices")}</h1>
    <form class="usa-form" id="offices-form" role="search" aria-label="${t("tools.offices")}">
      ${field({ name: "zip", label: t("field.zip"), inputmode: "numeric", autocomplete: "postal-code", width: "usa-input--medium" })}
      ${button(t("want.search"))}
    </form>
    <section id="offices-result" aria-live="polite"></section>`,
  mount(root) {
    bind(root.querySelector("#offices-form"), (v) => get(`/offices?zip=${encodeURIComponent(v.zip.trim())}`), (found) => {
      const place = root.querySelector("#offices-result");
      place.innerHTML = html`<h2 tabindex="-1">${t("offices.near", { zip: found.zip })}</h2>
        <ul class="usa-card-group">${found.offices.map((o) => html`<li class="tablet:grid-col-4 usa-card"><div class="usa-card__container">
          <div class="usa-card__header"><h3 class="usa-card__heading">${o.name}</h3></div>
          <div class="usa-card__body"><p>${o.address.line1}<br>${o.address.city}, ${o.address.state} ${o.address.zip}</p>
            <p>${o.hours}</p><p>${t("offices.phone")}: ${o.phone}${o.toll_free ? html`<br>${t("offices.toll_free")}: ${o.toll_free}` : ""}</p>
            ${o.transit ? html`<p>${t("offices.transit")}: ${o.transit}</p>` : ""}
            <p><a class="usa-link usa-link--external" href="${o.map_url}" rel="noopener">${t("offices.map", { name: o.name })}</a></p>
            <p class="usa-hint">${t("offices.miles", { n: Math.round(o.distance_miles) })}</p></div></div></li>`)}</ul>`.text;
      place.querySelector("h2").focus();
    });
  },
};
