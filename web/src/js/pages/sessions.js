// Where I am signed in (sign out one, or all the others) and what happened in my account.
import { del, get, post } from "../api.js";
import { html } from "../html.js";
import { dateTime, has, t } from "../i18n.js";
import { withProfileNav } from "../profile-nav.js";

export default {
  title: "sessions.title",
  auth: true,
  async render(ctx) {
    const cursor = ctx.query.get("cursor");
    const [{ sessions }, activity] = await Promise.all([get("/me/sessions"),
      get(`/me/activity?limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`)]);
    return withProfileNav("/sessions", html`<h1>${t("sessions.title")}</h1>
      <table class="usa-table usa-table--stacked width-full"><caption>${t("sessions.active")}</caption>
        <thead><tr><th scope="col">${t("sessions.device")}</th><th scope="col">${t("sessions.started")}</th><th scope="col">${t("sessions.last_seen")}</th><th scope="col"><span class="usa-sr-only">${t("security.actions")}</span></th></tr></thead>
        <tbody>${sessions.map((s) => html`<tr><th scope="row" data-label="${t("sessions.device")}">${s.client || t("sessions.unknown")}${s.current ? html` <span class="usa-tag">${t("sessions.this_one")}</span>` : ""}</th>
          <td data-label="${t("sessions.started")}">${dateTime(s.created_at)}</td><td data-label="${t("sessions.last_seen")}">${dateTime(s.last_seen_at)}</td>
          <td>${s.current ? "" : html`<button type="button" class="usa-button usa-button--unstyled" data-end="${s.session_id}">${t("sessions.end")}</button>`}</td></tr>`)}</tbody></table>
      <button type="button" class="usa-button usa-button--outline" id="end-others">${t("sessions.end_others")}</button>
      <h2>${t("sessions.activity")}</h2>
      <table class="usa-table usa-table--stacked width-full"><caption class="usa-sr-only">${t("sessions.activity")}</caption>
        <thead><tr><th scope="col">${t("pay.date")}</th><th scope="col">${t("sessions.what")}</th><th scope="col">${t("sessions.device")}</th></tr></thead>
        <tbody>${activity.items.map((a) => html`<tr><th scope="row" data-label="${t("pay.date")}">${dateTime(a.at)}</th>
          <td data-label="${t("sessions.what")}">${has(`event.${a.event}`) ? t(`event.${a.event}`) : a.event.replace(/_/g, " ")}${a.actor ? html` (${a.actor})` : ""}</td>
          <td data-label="${t("sessions.device")}">${a.client || ""}</td></tr>`)}</tbody></table>
      ${activity.next_cursor ? html`<a class="usa-button usa-button--outline" href="/sessions?cursor=${encodeURIComponent(activity.next_cursor)}">${t("want.more")}</a>` : ""}`);
  },
  mount(root, ctx) {
    for (const b of root.querySelectorAll("[data-end]")) {
      b.addEventListener("click", async () => { await del(`/me/sessions/${b.dataset.end}`); ctx.refresh(); });
    }
    root.querySelector("#end-others").addEventListener("click", async () => { await post("/me/sessions/end-others"); ctx.refresh(); });
  },
};
