// Search ("What are you looking for?"): one box; the client's own pages by their names in
// the reader's language, and from the API the request types, Resource Programs, the
// parent's requests and messages that hold the words (accents aside).
import { get } from "../api.js";
import { alert, bind, button, errorText, field } from "../forms.js";
import { html } from "../html.js";
import { t } from "../i18n.js";
import { navigate } from "../main.js";

const PAGES = [["/summary", "nav.summary"], ["/action-center", "nav.action_center"], ["/payments", "nav.payments"],
  ["/bank-accounts", "nav.bank_accounts"], ["/autopay", "nav.autopay"], ["/direct-deposit", "nav.direct_deposit"],
  ["/link-case", "summary.link_case"], ["/messages", "nav.messages"], ["/letters", "letters.title"],
  ["/i-want-to", "nav.i_want_to"], ["/submissions", "want.my_requests"], ["/redeem-code", "want.redeem"],
  ["/profile", "nav.profile"], ["/security", "security.title"], ["/settings", "settings.title"],
  ["/access", "access.title"], ["/tools/estimate", "want.estimate_tool"], ["/tools/arrears", "want.arrears_tool"],
  ["/offices", "tools.offices"], ["/resources", "nav.resources"], ["/help", "footer.help"],
  ["/help/sign-in", "helppage.signin"], ["/about", "footer.about"], ["/terms", "footer.terms"]];
const KINDS = ["request_type", "resource", "request", "message"];

const folded = (text) => text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
const has = (words, text) => words.every((w) => folded(text).includes(w));

function results(q, found) {
  const words = folded(q).split(/\s+/).filter(Boolean);
  const pages = PAGES.filter(([, key]) => has(words, t(key)));
  const groups = [["pages", pages.map(([href, key]) => ({ title: t(key), link: href }))],
    ...KINDS.map((k) => [k, found.filter((f) => f.kind === k)])].filter(([, items]) => items.length);
  if (!groups.length) return html`<p>${t("search.none", { q })}</p>`;
  return html`${groups.map(([kind, items]) => html`<section aria-labelledby="found-${kind}"><h2 id="found-${kind}">${t(`search.kind_${kind}`)}</h2>
    <ul class="usa-list usa-list--unstyled">${items.map((f) => html`<li class="margin-bottom-2">
      <a class="usa-link ${f.link.startsWith("http") ? "usa-link--external" : ""}" href="${f.link}" ${f.link.startsWith("http") ? html`rel="noopener"` : ""}>${f.title}</a>
      ${f.detail ? html`<br><span class="usa-hint">${f.detail}</span>` : ""}</li>`)}</ul></section>`)}`;
}

export default {
  title: "search.title",
  auth: true,
  async render(ctx) {
    const q = (ctx.query.get("q") || "").trim();
    let shown = html``;
    if (q) {
      try { shown = results(q, (await get(`/search?q=${encodeURIComponent(q)}`)).results); } catch (error) {
        shown = alert("error", "", errorText(error));
      }
    }
    return html`<h1 class="margin-top-4">${t("search.title")}</h1>
      <form class="usa-form" id="search-form" role="search" aria-label="${t("search.title")}">
        ${field({ name: "q", label: t("search.label"), hint: t("search.hint"), value: q, type: "search" })}
        ${button(t("want.search"))}
      </form>
      <div id="search-results" class="margin-top-3">${q ? html`<p class="usa-sr-only" role="status">${t("search.for", { q })}</p>` : ""}${shown}</div>`;
  },
  mount(root) {
    bind(root.querySelector("#search-form"), (v) => v, (v) => navigate(`/search?q=${encodeURIComponent(v.q.trim())}`));
  },
};
