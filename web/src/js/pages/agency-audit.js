// The audit trail, for supervisors and administrators: what staff read and did, by
// member or by staff member, newest first.
import { get } from "../api.js";
import { bind, button, field, fieldError } from "../forms.js";
import { html } from "../html.js";
import { dateTime, t } from "../i18n.js";
import { navigate } from "../main.js";

export default {
  title: "agency.audit",
  auth: true,
  staff: true,
  duty: "audit",
  async render(ctx) {
    const member = ctx.query.get("member") || "";
    const staffId = ctx.query.get("staff") || "";
    const { items: logons } = await get("/agency/staff");
    const names = Object.fromEntries(logons.map((s) => [s.user_id, s.name]));
    const query = member ? { member_id: member } : staffId ? { staff_id: staffId } : null;
    const found = query ? await get(`/agency/audit?${new URLSearchParams(query)}`) : null;
    return html`<h1 class="margin-top-4">${t("agency.audit")}</h1>
      <p>${t("agency.audit_text")}</p>
      <form class="usa-form usa-form--large" id="audit-form" role="search" aria-label="${t("agency.audit")}">
        ${field({ name: "member", label: t("summary.member_id"), value: member, inputmode: "numeric", width: "usa-input--medium", required: false })}
        ${field({ name: "staff", label: t("agency.audit_staff"), value: staffId, options: logons.map((s) => [s.user_id, `${s.name} (${s.email})`]), required: false })}
        ${button(t("agency.audit_search"))}
      </form>
      ${found ? found.events.length ? html`<table class="usa-table usa-table--stacked width-full"><caption class="usa-sr-only">${t("agency.audit")}</caption>
        <thead><tr><th scope="col">${t("agency.audit_when")}</th><th scope="col">${t("agency.audit_who")}</th><th scope="col">${t("agency.audit_what")}</th>
          <th scope="col">${t("agency.audit_record")}</th><th scope="col">${t("agency.audit_from")}</th></tr></thead>
        <tbody>${found.events.map((e) => html`<tr><th scope="row" data-label="${t("agency.audit_when")}">${dateTime(e.at)}</th>
          <td data-label="${t("agency.audit_who")}">${names[e.staff_id] || e.staff_id} (${t(`staffrole.${e.role}`)})</td>
          <td data-label="${t("agency.audit_what")}"><code lang="en">${e.action}</code></td>
          <td data-label="${t("agency.audit_record")}">${Object.entries(e.record).map(([k, v]) => `${k} ${v}`).join(", ")}</td>
          <td data-label="${t("agency.audit_from")}">${e.address}</td></tr>`)}</tbody></table>`
        : html`<p>${t("agency.audit_none")}</p>` : ""}`;
  },
  mount(root) {
    bind(root.querySelector("#audit-form"), async (v) => {
      const member = v.member.trim();
      if (!member && !v.staff) throw fieldError("member", t("agency.audit_one"));
      if (member && v.staff) throw fieldError("member", t("agency.audit_one"));
      navigate(member ? `/agency/audit?member=${encodeURIComponent(member)}` : `/agency/audit?staff=${encodeURIComponent(v.staff)}`);
    });
  },
};
