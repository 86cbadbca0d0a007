// A new password's rules, shown before it is typed and checked as it is (the API stays the
// judge: it also checks the password is hard to guess, and not one used before). The same
// rules as chalicelib/domain/passwords.py.
import { html } from "./html.js";
import { t } from "./i18n.js";

const RULES = [
  ["length", (p) => p.length >= 14 && p.length <= 128],
  ["upper", (p) => /[A-Z]/.test(p)],
  ["lower", (p) => /[a-z]/.test(p)],
  ["digit", (p) => /\d/.test(p)],
  ["special", (p) => /[^A-Za-z0-9\s]/.test(p)],
  ["edges", (p) => p.length > 0 && p === p.trim()],
];

/** The checklist, for under the new-password field of this name. */
export function passwordRules(name) {
  return html`<div class="portal-password-rules" id="${name}-rules">
    <p class="usa-hint margin-y-05">${t("password.rules_intro")}</p>
    <ul class="usa-list usa-list--unstyled">${RULES.map(([rule]) => html`
      <li data-rule="${rule}"><span class="portal-rule-mark" aria-hidden="true">○</span> ${t(`password.rule_${rule}`)}
        <span class="usa-sr-only" data-state>${t("password.rule_not_yet")}</span></li>`)}
      <li data-rule="personal"><span class="portal-rule-mark" aria-hidden="true">○</span> ${t("password.rule_personal")}
        <span class="usa-sr-only" data-state></span></li>
    </ul>
    <p class="usa-hint margin-y-05">${t("password.rules_guess")}</p></div>`;
}

// pieces of a person's details that must not be in the password (as the API finds them)
function fragments(values) {
  const parts = new Set();
  for (const value of values.filter(Boolean)) {
    const text = value.toLowerCase();
    for (const part of text.split("@")[0].split(/[^a-z0-9]+/)) if (part.length >= 3) parts.add(part);
    const digits = text.replace(/\D/g, "");
    if (digits.length >= 7) parts.add(digits.slice(-7));
  }
  return [...parts];
}

/** Ticks each rule as the password is typed; `personal()` gives the person's details. */
export function wirePasswordRules(input, personal = () => []) {
  const list = document.getElementById(`${input.name}-rules`);
  // read with the field, as its hint would be
  input.setAttribute("aria-describedby", `${input.getAttribute("aria-describedby") || ""} ${list.id}`.trim());
  const update = () => {
    const password = input.value;
    const lowered = password.toLowerCase();
    const checks = Object.fromEntries(RULES.map(([rule, ok]) => [rule, ok(password)]));
    checks.personal = password.length > 0 && !fragments(personal()).some((f) => lowered.includes(f));
    for (const item of list.querySelectorAll("[data-rule]")) {
      const met = checks[item.dataset.rule];
      item.classList.toggle("portal-rule-met", met);
      item.querySelector(".portal-rule-mark").textContent = met ? "✓" : "○";
      item.querySelector("[data-state]").textContent = met ? t("password.rule_met") : t("password.rule_not_yet");
    }
  };
  input.addEventListener("input", update);
  update();
}
