// The agency's codes in plain words, and its own free text. Case types, payment methods
// and what a payment paid (by month: i18n.js month) have names in both languages; what
// the agency writes itself (a hearing's title, a case action, an order change) comes from
// its system of record in English, and a Spanish page shows it marked as such (and in
// lang="en", so a screen reader reads it in English).
import { html } from "./html.js";
import { has, lang, month, t } from "./i18n.js";

/** The agency's own words, marked on a Spanish page. */
export function agencyText(text) {
  if (!text) return html``;
  if (lang() === "en") return html`${text}`;
  return html`<span lang="en">${text}</span> <span class="usa-hint">(${t("agency.in_english")})</span>`;
}

/** A case type's plain name (the agency's formal name kept for staff). */
export const caseType = (value) => (has(`casetype.${value}`) ? t(`casetype.${value}`) : agencyText(value));

/** How a paying parent pays on a case (self_paid, income_withholding). */
export const payMethod = (value) => (has(`paymethod.${value}`) ? t(`paymethod.${value}`) : agencyText(value));

/** A case's status. */
export const caseStatus = (value) => (has(`case.status_${value}`) ? t(`case.status_${value}`) : agencyText(value));

const APPLIED = { "current support": "applied.current", arrears: "applied.arrears", interest: "applied.interest", fees: "applied.fees" };

/** What a payment paid in a month: that month's support, past-due support, interest or
 * fees; and, when the state keeps it (support assigned to it), that it repays assistance. */
export const appliedTo = (d) => t(APPLIED[d.applied_to] || "applied.current") + (d.kept_by === "state" ? ` (${t("applied.state")})` : "");

/** "April 2025, past-due support". */
export const applied = (d) => `${month(d.period)}, ${appliedTo(d)}`;

/** Whether a logon's role is one of the agency's staff roles (the API's /me role). */
export const isStaff = (role) => ["caseworker", "disbursement", "supervisor", "administrator"].includes(role);
