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

export function date(value) {
  if (!value) return "";
  const d = value.length === 10 ? new Date(`${value}T12:00:00`) : new Date(value);
  return new Intl.DateTimeFormat(LOCALES[lang()], { dateStyle: "long" }).format(d);
}

export function dateTime(value) {
  if (!value) return "";
  return new Intl.DateTimeFormat(LOCALES[lang()], { dateStyle: "medium", timeStyle: "short" })
    .format(new Date(value));
}
