// Manage My Profile: the side navigation its pages share.
import { html } from "./html.js";
import { t } from "./i18n.js";

const PAGES = [["/profile", "profile.title"], ["/security", "security.title"], ["/password", "password.title"],
  ["/settings", "settings.title"], ["/sessions", "sessions.title"], ["/access", "access.title"],
  ["/delete-profile", "delete.title"]];

export function withProfileNav(current, content) {
  return html`<div class="grid-row grid-gap margin-top-4">
    <nav class="tablet:grid-col-3 margin-bottom-3" aria-label="${t("profile.nav")}">
      <ul class="usa-sidenav">${PAGES.map(([href, key]) => html`<li class="usa-sidenav__item">
        <a href="${href}" ${href === current ? html`class="usa-current" aria-current="page"` : ""}>${t(key)}</a></li>`)}</ul>
    </nav>
    <div class="tablet:grid-col-9">${content}</div>
  </div>`;
}
