// Staff logons, for supervisors and administrators: who they are, their role and whether
// they may sign in; disable, enable, sign out everywhere, move to another role. The API
// says who may change whose (a supervisor: caseworkers and disbursement staff only).
import { get, post } from "../api.js";
import { alert, announce, bind, button, field } from "../forms.js";
import { html } from "../html.js";
import { t } from "../i18n.js";

const ROLES = ["caseworker", "disbursement", "supervisor", "administrator"];
const ACTIONS = ["disable", "enable", "sign-out", ...ROLES.map((r) => `role:${r}`)];

export default {
  title: "agency.staff",
  auth: true,
  staff: true,
  duty: "staff",
  async render(ctx) {
    const { items } = await get("/agency/staff");
    ctx.logons = items;
    return html`<h1 class="margin-top-4">${t("agency.staff")}</h1>
      <div id="staff-status"></div>
      <table class="usa-table usa-table--stacked width-full"><caption class="usa-sr-only">${t("agency.staff")}</caption>
        <thead><tr><th scope="col">${t("agency.staff_name")}</th><th scope="col">${t("form.email")}</th>
          <th scope="col">${t("agency.staff_role")}</th><th scope="col">${t("agency.staff_status")}</th></tr></thead>
        <tbody>${items.map((s) => html`<tr><th scope="row" data-label="${t("agency.staff_name")}">${s.name}</th>
          <td data-label="${t("form.email")}">${s.email}</td>
          <td data-label="${t("agency.staff_role")}">${t(`staffrole.${s.role}`)}</td>
          <td data-label="${t("agency.staff_status")}">${t(`staffstatus.${s.status}`)}</td></tr>`)}</tbody></table>
      <h2>${t("agency.staff_change")}</h2>
      <form class="usa-form usa-form--large" id="staff-form">
        ${field({ name: "user_id", label: t("agency.staff_logon"), options: items.map((s) => [s.user_id, `${s.name} (${s.email})`]) })}
        ${field({ name: "action", label: t("agency.staff_action"), options: ACTIONS.map((a) => [a, t(`staffaction.${a.replace(":", "_")}`)]) })}
        ${button(t("agency.staff_apply"))}
      </form>`;
  },
  mount(root, ctx) {
    bind(root.querySelector("#staff-form"), (v) => {
      const base = `/agency/staff/${encodeURIComponent(v.user_id)}`;
      if (v.action.startsWith("role:")) return post(`${base}/role`, { role: v.action.slice(5) });
      return post(`${base}/${v.action}`);
    }, async (done) => {
      await ctx.refresh();
      const place = document.getElementById("staff-status");
      const who = ctx.logons.find((s) => s.user_id === done.user_id);
      announce(place, alert("success", "", done.sessions_ended !== undefined
        ? t("agency.staff_signed_out", { count: done.sessions_ended })
        : t("agency.staff_changed", { name: who ? who.name : done.name })));
    });
  },
};
