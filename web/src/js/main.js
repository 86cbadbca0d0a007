// The client: layout (banner, header, footer), routing by path (history API), the signed-in
// user, the language. Each page is a module of pages/ loaded when first visited.
import { actionCount, get, patch, post, session, whenSessionEnds } from "./api.js";
import { html } from "./html.js";
import { lang, LANGUAGES, setLang, setZone, t } from "./i18n.js";
import { closeMenu, wireMenu } from "./menu.js";
import { isStaff } from "./words.js";

const ROUTES = [
  ["/", "home"], ["/sign-in", "sign-in"], ["/register", "register"],
  ["/verify-email", "verify-email"], ["/forgot-password", "forgot-password"],
  ["/reset-password", "reset-password"], ["/resend-verification", "resend-verification"],
  ["/help/sign-in", "help-sign-in"], ["/help", "help"], ["/about", "about"], ["/forgot-case-number", "forgot-case-number"],
  ["/forgot-username", "forgot-username"],
  ["/summary", "summary"], ["/search", "search"],
  ["/action-center", "action-center"], ["/security", "security"], ["/two-step", "two-step"], ["/link-case", "link-case"],
  ["/payments", "payments"], ["/payments/:paymentId", "payment"], ["/bank-accounts", "bank-accounts"],
  ["/autopay", "autopay"], ["/direct-deposit", "direct-deposit"], ["/cases/:caseId", "case"],
  ["/messages", "messages"], ["/messages/:threadId", "thread"], ["/letters", "letters"],
  ["/i-want-to", "i-want-to"], ["/submissions", "submissions"], ["/submissions/:submissionId", "submission"],
  ["/redeem-code", "redeem-code"], ["/profile", "profile"], ["/password", "password"],
  ["/settings", "settings"], ["/sessions", "sessions"], ["/access", "access"],
  ["/accept-access", "accept-access"], ["/delete-profile", "delete-profile"],
  ["/tools", "tools"], ["/tools/estimate", "estimate"], ["/tools/arrears", "arrears"],
  ["/offices", "offices"], ["/resources", "resources"], ["/terms", "terms"], ["/terms/accept", "terms-accept"],
  ["/agency", "agency"], ["/agency/requests/:confirmation", "agency-request"],
  ["/agency/messages", "agency-messages"], ["/agency/messages/:threadId", "agency-thread"],
  ["/agency/member", "agency-member"], ["/agency/payment", "agency-payment"], ["/agency/bank-debit", "agency-bank-debit"], ["/agency/records", "agency-records"],
  ["/agency/staff", "agency-staff"], ["/agency/audit", "agency-audit"], ["/agency/mail", "agency-mail"],
  ["/agency/news", "agency-news"], ["/agency/survey", "agency-survey"], ["/survey", "survey"],
];

const state = { me: null, portal: null };
export const ctx = { state, navigate, refresh: () => render(), signedIn: () => session.active };

function match(pathname) {
  for (const [pattern, page] of ROUTES) {
    const names = [];
    const regex = new RegExp(`^${pattern.replace(/:(\w+)/g, (_, n) => { names.push(n); return "([^/]+)"; })}/?$`);
    const found = pathname.match(regex);
    if (found) return { page, params: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(found[i + 1])])) };
  }
  return { page: "not-found", params: {} };
}

// A page with answers not yet saved asks before it is left (a link, Back, closing the tab).
let unsaved = null;  // () => true while the page holds answers not saved
export function warnBeforeLeaving(check) { unsaved = check; }
const stays = () => Boolean(unsaved?.()) && !window.confirm(t("form.leave_unsaved"));
window.addEventListener("beforeunload", (event) => { if (unsaved?.()) event.preventDefault(); });

export function navigate(to, { replace = false } = {}) {
  if (!replace && stays()) return;
  unsaved = null;
  if (replace) history.replaceState(null, "", to);
  else history.pushState(null, "", to);
  render();
}

export async function loadMe() {
  // acting for someone, my own profile is not reachable (and theirs is not mine to see)
  if (!session.active || localStorage.getItem("acting_for")) { state.me = null; return null; }
  if (!state.me) state.me = await get("/me");
  return state.me;
}

// Signed in: the session is in the API's cookie now. A language chosen on this device
// before signing in (on the sign-in page) is kept, and the profile takes it; otherwise the
// profile's applies, so the choice follows the person to another device.
export async function signedInAs() {
  session.active = true;
  localStorage.removeItem("acting_for");
  state.me = null;
  actionCount.value = null;
  const me = await loadMe();
  const chosen = localStorage.getItem("lang_chosen") && lang();
  localStorage.removeItem("lang_chosen");
  if (chosen && chosen !== me.language) await keepLanguage(me, chosen);
  else if (me.language && LANGUAGES.includes(me.language)) setLang(me.language);
}

// the profile keeps a language chosen here (a stale version reads the profile again later)
async function keepLanguage(me, language) {
  try { state.me = await patch("/me", { version: me.version, language }); } catch { state.me = null; }
}

export async function signOut() {
  try { await post("/auth/logout"); } catch { /* the session may be over already */ }
  session.active = false;
  state.me = null;
  actionCount.value = null;
  navigate("/sign-in?signed_out=1");
}

export const home = () => (!ctx.signedIn() ? "/" : isStaff(state.me?.role) ? (staffLinks()[0] || ["/agency"])[0] : "/summary");

function banner() {
  return html`<section class="usa-banner" aria-label="${t("banner.label")}">
    <div class="usa-accordion">
      <header class="usa-banner__header"><div class="usa-banner__inner">
        <div class="grid-col-auto"><img aria-hidden="true" class="usa-banner__header-flag" src="/vendor/uswds/img/us_flag_small.png" alt=""></div>
        <div class="grid-col-fill tablet:grid-col-auto" aria-hidden="true">
          <p class="usa-banner__header-text">${t("banner.official", { agency: state.portal?.agency_name || "" })}</p>
          <p class="usa-banner__header-action">${t("banner.how")}</p>
        </div>
        <button type="button" class="usa-accordion__button usa-banner__button" aria-expanded="false" aria-controls="gov-banner">
          <span class="usa-banner__button-text">${t("banner.how")}</span></button>
      </div></header>
      <div class="usa-banner__content usa-accordion__content" id="gov-banner" hidden>
        <div class="grid-row grid-gap-lg">
          <div class="usa-banner__guidance tablet:grid-col-6">
            <img class="usa-banner__icon usa-media-block__img" src="/vendor/uswds/img/icon-dot-gov.svg" role="img" alt="" aria-hidden="true">
            <div class="usa-media-block__body"><p><strong>${t("banner.gov_title")}</strong><br>${t("banner.gov_text")}</p></div>
          </div>
          <div class="usa-banner__guidance tablet:grid-col-6">
            <img class="usa-banner__icon usa-media-block__img" src="/vendor/uswds/img/icon-https.svg" role="img" alt="" aria-hidden="true">
            <div class="usa-media-block__body"><p><strong>${t("banner.https_title")}</strong><br>${t("banner.https_text")}</p></div>
          </div>
        </div>
      </div>
    </div>
  </section>`;
}

// the staff pages, each shown to the roles whose duties include it (the API's /me duties)
const STAFF_LINKS = [["/agency", "agency.title", "casework"], ["/agency/messages", "agency.messages", "casework"],
  ["/agency/mail", "agency.mail", "casework"], ["/agency/news", "agency.news", "casework"],
  ["/agency/member", "agency.member", "members"], ["/agency/payment", "agency.record_payment", "payments"],
  ["/agency/bank-debit", "agency.bank_debit", "payments"], ["/agency/records", "agency.records", "records"], ["/agency/staff", "agency.staff", "staff"],
  ["/agency/audit", "agency.audit", "audit"], ["/agency/survey", "agency.survey", "feedback"]];
const staffLinks = () => STAFF_LINKS.filter(([, , duty]) => (state.me?.duties || []).includes(duty));

function header(current) {
  const links = isStaff(state.me?.role) ? staffLinks() : ctx.signedIn()
    ? [["/summary", "nav.summary"], ["/action-center", "nav.action_center"],
       ["/payments", "nav.payments"], ["/i-want-to", "nav.i_want_to"], ["/messages", "nav.messages"],
       ["/resources", "nav.resources"], ["/search", "nav.search"], ["/profile", "nav.profile"]]
    : [["/", "nav.home"], ["/tools", "nav.tools"], ["/sign-in", "nav.sign_in"], ["/register", "nav.register"]];
  const other = lang() === "en" ? "es" : "en";
  return html`<div class="usa-navbar">
      <div class="usa-logo"><em class="usa-logo__text"><a href="${home()}">${t("site.name")}</a></em></div>
      <button type="button" class="usa-button usa-button--unstyled portal-lang-phone" data-language lang="${other}">${t(`language.switch_to_${other}`)}</button>
      <button type="button" class="usa-menu-btn" aria-expanded="false">${t("nav.menu")}</button>
    </div>
    <nav aria-label="${t("nav.label")}" class="usa-nav"><div class="usa-nav__inner">
      <button type="button" class="usa-nav__close"><img src="/vendor/uswds/img/usa-icons/close.svg" role="img" alt="${t("nav.close")}"></button>
      <ul class="usa-nav__primary usa-accordion">
        ${links.map(([href, key]) => html`<li class="usa-nav__primary-item">
          <a class="usa-nav-link ${href === current ? "usa-current" : ""}" href="${href}" ${href === current ? html`aria-current="page"` : ""}><span>${t(key)}</span>${href === "/action-center" ? count() : ""}</a></li>`)}
      </ul>
      <div class="usa-nav__secondary"><ul class="usa-nav__secondary-links">
        <li class="usa-nav__secondary-item"><button type="button" class="usa-button usa-button--unstyled" data-language lang="${other}">${t(`language.switch_to_${other}`)}</button></li>
        ${ctx.signedIn() ? html`<li class="usa-nav__secondary-item"><button type="button" class="usa-button usa-button--unstyled" id="sign-out">${t("nav.sign_out")}</button></li>` : ""}
      </ul></div>
    </div></nav>`;
}

// the Action Center's number on its tab, as Alaska's "Action Center 4" (none while acting
// for another parent: the API does not give it then)
function count() {
  const n = actionCount.value;
  if (!n || localStorage.getItem("acting_for")) return "";
  return html` <span class="portal-count" data-action-count="${n}" aria-hidden="true">${n}</span><span class="usa-sr-only">${t("nav.action_count", { count: n })}</span>`;
}

function acting() {
  const name = localStorage.getItem("acting_for");
  if (!name || !ctx.signedIn()) return html``;
  return html`<div class="usa-alert usa-alert--info usa-alert--slim margin-0" role="status"><div class="usa-alert__body grid-container">
    <p class="usa-alert__text">${t("access.acting_banner", { name })}
      <button type="button" class="usa-button usa-button--unstyled margin-left-1" id="stop-acting">${t("access.back_to_mine")}</button></p></div></div>`;
}

// the same help in the same place on every page (WCAG 3.2.6): every way to reach the
// agency, with its hours, and the links to Help, About, the offices and the terms
const FOOTER_LINKS = [["/help", "footer.help"], ["/about", "footer.about"], ["/offices", "tools.offices"], ["/terms", "footer.terms"]];

function footer() {
  const p = state.portal;
  return html`<div class="usa-footer__primary-section"><div class="grid-container padding-y-2" id="site-help">
      <p class="text-bold margin-bottom-1">${p ? p.agency_name : ""}</p>
      <ul class="usa-list usa-list--unstyled" id="footer-contacts">${(p?.contacts || []).map((c) => html`<li class="margin-bottom-1">
        ${c.purpose}: <a class="usa-link" href="tel:${c.phone.replace(/[^0-9+]/g, "")}">${c.phone}</a>${c.hours ? html`. ${c.hours}` : ""}</li>`)}</ul>
      <ul class="usa-list usa-list--unstyled portal-footer-links" id="footer-links">${FOOTER_LINKS.map(([href, key]) => html`<li><a class="usa-link" href="${href}">${t(key)}</a></li>`)}</ul>
    </div></div>`;
}

function layout(current) {
  document.documentElement.lang = lang();
  document.getElementById("skip-link").textContent = t("site.skip");
  document.getElementById("banner").innerHTML = banner().text;
  closeMenu();  // a choice in the phone menu (a language, signing out) redraws the header
  document.getElementById("site-header").innerHTML = html`${acting()}${header(current)}`.text;
  wireMenu();
  document.getElementById("stop-acting")?.addEventListener("click", async () => {
    try { await post("/access/act-as", { grant_id: null }); } catch { /* the grant may be gone */ }
    localStorage.removeItem("acting_for");
    state.me = null;
    navigate("/access");
  });
  document.getElementById("site-footer").innerHTML = footer().text;
  document.getElementById("sign-out")?.addEventListener("click", signOut);
  for (const button of document.querySelectorAll("[data-language]")) button.addEventListener("click", switchLanguage);
}

async function switchLanguage() {
  const chosen = lang() === "en" ? "es" : "en";
  setLang(chosen);
  if (!session.active) localStorage.setItem("lang_chosen", "1");  // for the profile, at sign-in
  // signed in, the profile keeps the choice; a public page (the tools) has not read it yet
  const me = session.active ? await loadMe().catch(() => null) : null;
  if (me) await keepLanguage(me, chosen);
  await loadPortal();  // its contacts and its pages' words are in the language
  render();
}

let rendering = 0;
let shown = null;  // the path and query of the page on screen
async function render() {
  const ticket = ++rendering;
  const url = new URL(location.href);
  const { page, params } = match(url.pathname);
  const main = document.getElementById("main-content");
  let module;
  try {
    module = (await import(`./pages/${page}.js`)).default;
  } catch (error) {
    console.error(error);
    module = (await import("./pages/not-found.js")).default;
  }
  if (module.auth && !session.active) {
    navigate(`/sign-in?next=${encodeURIComponent(url.pathname + url.search)}`, { replace: true });
    return;
  }
  if (module.guestOnly && session.active) { await loadMe().catch(() => null); navigate(home(), { replace: true }); return; }
  const page_ = { ...ctx, params, query: url.searchParams, url };
  actionCount.wanted = session.active && !localStorage.getItem("acting_for");
  let body;
  try {
    if (module.auth) await loadMe();
    if (module.staff && !isStaff(state.me?.role)) module = (await import("./pages/not-found.js")).default;
    else if (module.duty && !(state.me?.duties || []).includes(module.duty)) module = (await import("./pages/not-found.js")).default;
    body = await module.render(page_);
  } catch (error) {
    if (!session.active && module.auth) return; // the session ended: sign-in is on its way
    if (error.code !== "strong_sign_in_required") console.error(error);
    const { errorText, alert } = await import("./forms.js");
    // a caseworker signed in by emailed code: the agency's pages need an app or a passkey
    body = error.code === "strong_sign_in_required"
      ? html`<h1 class="margin-top-4" tabindex="-1">${t("agency.stronger_title")}</h1>${alert("warning", "", errorText(error))}
        <p><a class="usa-button" href="/security">${t("agency.add_app")}</a></p>`
      : html`<h1 class="margin-top-4" tabindex="-1">${t("error.page_title")}</h1>${alert("error", "", errorText(error))}`;
  }
  if (ticket !== rendering) return; // a later navigation won
  layout(url.pathname);
  shown = url.pathname + url.search;
  main.innerHTML = body.text;
  module.mount?.(main, page_);
  document.body.dataset.rendered = String(ticket);  // tests wait on it after a navigation
  const title = module.title ? t(module.title) : t("site.name");
  document.title = `${title} | ${t("site.name")}`;
  document.getElementById("announcer").textContent = title;
  const heading = main.querySelector("h1");
  if (heading) heading.tabIndex = -1;
  // after a navigation, focus goes to the new page's heading (as a page load would put the
  // reader at the top); on the first load it stays where the browser puts it
  // a link to a part of the page (a hearing on the case page) goes to that part
  const part = url.hash.length > 1 ? document.getElementById(decodeURIComponent(url.hash.slice(1))) : null;
  if (part && main.contains(part)) { part.scrollIntoView(); part.focus({ preventScroll: true }); }
  else if (heading && !firstRender) heading.focus();
  firstRender = false;
}
let firstRender = true;

document.addEventListener("click", (event) => {
  const link = event.target.closest("a[href]");
  if (!link || link.target || link.hasAttribute("download") || event.ctrlKey || event.metaKey
      || event.shiftKey || event.button !== 0) return;
  const href = link.getAttribute("href");
  if (!href.startsWith("/") || href.startsWith("/api/") || href.startsWith("//")) return;
  event.preventDefault();
  navigate(href);
});
// Back and forward; not a jump within the page (#main-content), which fires it too
window.addEventListener("popstate", () => {
  if (shown === location.pathname + location.search) return;
  if (stays()) { history.pushState(null, "", shown); return; }  // back where the answers are
  unsaved = null;
  render();
});
whenSessionEnds(() => { state.me = null; navigate("/sign-in?ended=1", { replace: true }); });

setLang(lang());
async function loadPortal() {
  try {
    state.portal = await get("/portal");
    setZone(state.portal.agency_timezone);
  } catch { /* the pages say so where they need it */ }
}
loadPortal().finally(render);
