// The API at /api (the same origin: CloudFront in AWS, the local front server on make run).
// The session is a cookie the API sets at sign-in (HttpOnly: no script here can read it),
// so a new tab or a link from an email is still signed in. This script keeps only a flag
// that it is signed in, to know which pages to draw; the API remains the judge.
import { lang } from "./i18n.js";

const SESSION_ENDED = ["session_invalid", "session_expired", "unauthenticated"];

export class ApiError extends Error {
  constructor(status, error) {
    super(error.message || "");
    this.status = status;
    this.code = error.code || "unavailable";
    this.fields = error.fields || {};
    this.detail = error;
  }
}

export const session = {
  get active() { return localStorage.getItem("signed_in") === "1"; },
  set active(value) {
    if (value) localStorage.setItem("signed_in", "1");
    else { localStorage.removeItem("signed_in"); localStorage.removeItem("acting_for"); }
  },
};

// every request says it is the portal's own page: the API sets the session cookie for
// it, and refuses a write by cookie without it (a cross-site form cannot send it)
export const MARK = { "X-Requested-With": "portal-web" };

// The Action Center's number for the tab: a page asks for it with its first call (the API
// answers it in X-Action-Count for one more read); a page that makes no call keeps the last
export const actionCount = { wanted: false, value: null };

let onSessionEnded = () => {};
export function whenSessionEnds(callback) { onSessionEnded = callback; }

export async function api(method, path, body, headers = {}) {
  const signedIn = session.active;
  const sent = { Accept: "application/json", "Accept-Language": lang(), ...MARK, ...headers };
  if (body !== undefined) sent["Content-Type"] = "application/json";
  if (actionCount.wanted && signedIn) { sent["X-Action-Count"] = "1"; actionCount.wanted = false; }
  let response;
  try {
    response = await fetch(`/api${path}`, {
      method, headers: sent, body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
    });
  } catch {
    throw new ApiError(0, { code: "offline" });
  }
  const counted = response.headers.get("X-Action-Count");
  if (counted !== null) actionCount.value = Number(counted);
  if (response.status === 204) return null;
  const data = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (data && data.error) || { code: "unavailable" };
    if (response.status === 401 && signedIn && SESSION_ENDED.includes(error.code)) {
      session.active = false;
      onSessionEnded(error.code);
    }
    throw new ApiError(response.status, error);
  }
  return data;
}

export const get = (path) => api("GET", path);
export const post = (path, body = {}, headers) => api("POST", path, body, headers);
export const put = (path, body = {}) => api("PUT", path, body);
export const patch = (path, body = {}) => api("PATCH", path, body);
export const del = (path) => api("DELETE", path);
