// The API at /api (the same origin: CloudFront in AWS, the local front server on make run).
// The session token lives in sessionStorage: gone when the tab closes.
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
  get token() { return sessionStorage.getItem("token"); },
  set token(value) {
    if (value) sessionStorage.setItem("token", value);
    else sessionStorage.removeItem("token");
  },
};

let onSessionEnded = () => {};
export function whenSessionEnds(callback) { onSessionEnded = callback; }

export async function api(method, path, body, headers = {}) {
  const token = session.token;
  const sent = { Accept: "application/json", "Accept-Language": lang(), ...headers };
  if (body !== undefined) sent["Content-Type"] = "application/json";
  if (token) sent.Authorization = `Bearer ${token}`;
  let response;
  try {
    response = await fetch(`/api${path}`, {
      method, headers: sent, body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, { code: "offline" });
  }
  if (response.status === 204) return null;
  const data = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (data && data.error) || { code: "unavailable" };
    if (response.status === 401 && token && SESSION_ENDED.includes(error.code)) {
      session.token = null;
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
