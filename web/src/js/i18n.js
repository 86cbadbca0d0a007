// English and Spanish: the choice is remembered in this browser and, once signed in, in
// the profile. t("key", {name}) fills {name}; a missing Spanish text falls back to English
// (a test keeps the two dictionaries the same).
import en from "./i18n/en.js";
import es from "./i18n/es.js";

const DICTIONARIES = { en, es };
export const LANGUAGES = ["en", "es"];

export function lang() {
  const chosen = localStorage.getItem("lang");
  if (LANGUAGES.includes(chosen)) return chosen;
  return (navigator.language || "en").toLowerCase().startsWith("es") ? "es" : "en";
}

export function setLang(value) {
  localStorage.setItem("lang", value);
  document.documentElement.lang = value;
}

export function has(key) {
  return key in DICTIONARIES.en;
}

export function t(key, vars = {}) {
  const text = DICTIONARIES[lang()][key] ?? DICTIONARIES.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (vars[name] ?? ""));
}

const LOCALES = { en: "en-US", es: "es-US" };

export function money(cents) {
  return new Intl.NumberFormat(LOCALES[lang()], { style: "currency", currency: "USD" })
    .format((cents || 0) / 100);
}

// Times are shown in the agency's time zone, named ("8:30 AM Alaska Time"): a hearing in
// Anchorage is at 8:30 there whatever the reader's browser is set to. The zone comes from
// GET /portal; until it is known, the browser's.
let zone;
export function setZone(value) { zone = value || undefined; }

export function date(value) {
  if (!value) return "";
  // a day alone ("2026-12-11") is the agency's day already; a moment is read in its zone
  const d = value.length === 10 ? new Date(`${value}T12:00:00`) : new Date(value);
  const timeZone = value.length === 10 ? undefined : zone;
  return new Intl.DateTimeFormat(LOCALES[lang()], { dateStyle: "long", timeZone }).format(d);
}

export function dateTime(value) {
  if (!value) return "";
  return new Intl.DateTimeFormat(LOCALES[lang()], { year: "numeric", month: "short", day: "numeric",
    hour: "numeric", minute: "2-digit", timeZone: zone, timeZoneName: "longGeneric" }).format(new Date(value));
}

/** A month of the ledger ("2025-04") as a person reads it: April 2025. */
export function month(period) {
  const [year, number] = String(period).split("-").map(Number);
  if (!year || !number) return period;
  return new Intl.DateTimeFormat(LOCALES[lang()], { month: "long", year: "numeric", timeZone: "UTC" })
    .format(new Date(Date.UTC(year, number - 1, 15)));
}

// A moment in two parts for a sentence: { day: "December 11", time: "8:30 AM Alaska Time" }
export function moment(value) {
  const d = new Date(value);
  const part = (options) => new Intl.DateTimeFormat(LOCALES[lang()], { timeZone: zone, ...options }).format(d);
  return { day: part({ month: "long", day: "numeric" }),
    time: part({ hour: "numeric", minute: "2-digit", timeZoneName: "longGeneric" }) };
}
