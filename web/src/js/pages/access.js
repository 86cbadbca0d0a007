// Access management: who may see or act on my account (invite, limit, end), and the
// accounts others gave me access to (act for them, give it up).
import { del, get, post, put } from "../api.js";
import { alert, bind, button, checkbox, errorText, field } from "../forms.js";
import { html } from "../html.js";
import { date, t } from "../i18n.js";
import { ctx as app, navigate } from "../main.js";
import { withProfileNav } from "../profile-nav.js";

const PERMISSIONS = ["view", "pay", "messages", "submissions"];

function terms(v, cases) {
  const body = { permissions: PERMISSIONS.filter((p) => v[`perm-${p}`]) };
  const chosen = cases.filter((c) => v[`case-${c}`]);
  if (chosen.length && chosen.length < cases.length) body.cases = chosen;
  if (v.ends_on) body.ends_on = v.ends_on;
  return body;
}

function termsFields(cases, grant = null, form = "") {
  return html`<fieldset class="usa-fieldset usa-form-group" data-field="permissions"><legend class="usa-legend">${t("access.may")}</legend>
      <span class="usa-error-message" id="f-${form}permissions-error" hidden></span>
      ${PERMISSIONS.map((p) => checkbox({ name: `perm-${p}`, label: t(`access.perm_${p}`), checked: grant ? grant.permissions.includes(p) : p === "view", form }))}
    </fieldset>
    ${cases.length > 1 ? html`<fieldset class="usa-fieldset usa-form-group"><legend class="usa-legend">${t("access.cases")}</legend>
      ${cases.map((c) => checkbox({ name: `case-${c}`, label: t("pay.case_option", { id: c }), checked: !grant?.cases || grant.cases.includes(c), form }))}</fieldset>` : ""}
    ${field({ name: "ends_on", label: t("access.ends_on"), type: "date", required: false, value: grant?.ends_on || "", form })}`;
}

export default {
  title: "access.title",
  auth: true,
  async render(ctx) {
    const [{ grants }, { accounts, acting_as: acting }, summary] = await Promise.all([
      get("/access/grants"), get("/access/accounts"), get("/summary")]);
    const cases = summary.cases.map((c) => c.case_id);
    ctx.access = { grants, cases };
    const live = grants.filter((g) => g.status === "invited" || g.status === "active");
    return withProfileNav("/access", html`<h1>${t("access.title")}</h1>
      <div id="access-status"></div>
      <h2>${t("access.given")}</h2>
      ${live.length ? html`<table class="usa-table usa-table--stacked width-full"><caption class="usa-sr-only">${t("access.given")}</caption>
        <thead><tr><th scope="col">${t("access.person")}</th><th scope="col">${t("access.may")}</th><th scope="col">${t("pay.status")}</th><th scope="col">${t("access.ends_on")}</th><th scope="col"><span class="usa-sr-only">${t("security.actions")}</span></th></tr></thead>
        <tbody>${live.map((g) => html`<tr><th scope="row" data-label="${t("access.person")}">${g.delegate_name || g.email}</th>
          <td data-label="${t("access.may")}">${g.full_access ? t("access.full") : g.permissions.map((p) => t(`access.perm_${p}`)).join("; ")}</td>
          <td data-label="${t("pay.status")}">${t(`access.status_${g.status}`)}</td><td data-label="${t("access.ends_on")}">${g.ends_on ? date(g.ends_on) : ""}</td>
          <td><button type="button" class="usa-button usa-button--unstyled" data-edit="${g.grant_id}">${t("autopay.change")}<span class="usa-sr-only"> ${g.email}</span></button>
            <button type="button" class="usa-button usa-button--unstyled margin-left-2" data-revoke="${g.grant_id}">${t("access.revoke")}<span class="usa-sr-only"> ${g.email}</span></button></td></tr>`)}</tbody></table>` : html`<p>${t("access.none_given")}</p>`}
      <section id="grant-editor"></section>
      ${cases.length ? html`<h3>${t("access.invite")}</h3>
      <form class="usa-form usa-form--large" id="grant-form">
        <p class="usa-hint">${t("deposit.recent_sign_in")}</p>
        ${field({ name: "email", label: t("access.email"), type: "email", form: "invite" })}
        ${termsFields(cases, null, "invite")}
        ${button(t("access.send_invitation"))}
      </form>` : html`<p>${t("access.link_first")}</p>`}
      <h2>${t("access.mine")}</h2>
      ${accounts.length ? html`<ul class="usa-list usa-list--unstyled">${accounts.map((a) => html`<li class="margin-bottom-2">
        <strong>${a.parent_name}</strong>: ${a.permissions.map((p) => t(`access.perm_${p}`)).join("; ")}${a.ends_on ? html` (${t("access.until", { when: date(a.ends_on) })})` : ""}
        ${acting === a.grant_id ? html` <span class="usa-tag">${t("access.acting_now")}</span>`
          : html`<button type="button" class="usa-button usa-button--outline margin-left-2" data-act="${a.grant_id}" data-name="${a.parent_name}">${t("access.act_for")}<span class="usa-sr-only"> ${a.parent_name}</span></button>`}
        <button type="button" class="usa-button usa-button--unstyled margin-left-2" data-give-up="${a.grant_id}">${t("access.give_up")}<span class="usa-sr-only"> ${a.parent_name}</span></button></li>`)}</ul>`
        : html`<p>${t("access.none_mine")}</p>`}`);
  },
  mount(root, ctx) {
    const status = root.querySelector("#access-status");
    const fail = (error) => { status.innerHTML = alert("error", "", errorText(error)).text; };
    const form = root.querySelector("#grant-form");
    if (form) {
      bind(form, (v) => post("/access/grants", { email: v.email, ...terms(v, ctx.access.cases) }), async () => {
        await ctx.refresh();
        document.getElementById("access-status").innerHTML = alert("success", "", t("access.invited")).text;
      });
    }
    for (const b of root.querySelectorAll("[data-edit]")) {
      b.addEventListener("click", () => {
        const grant = ctx.access.grants.find((g) => g.grant_id === b.dataset.edit);
        const editor = root.querySelector("#grant-editor");
        editor.innerHTML = html`<h3 tabindex="-1">${t("access.change_for", { who: grant.delegate_name || grant.email })}</h3>
          <form class="usa-form usa-form--large" id="change-form">${termsFields(ctx.access.cases, grant, "change")}${button(t("autopay.save"))}</form>`.text;
        editor.querySelector("h3").focus();
        bind(editor.querySelector("#change-form"), (v) => put(`/access/grants/${grant.grant_id}`, terms(v, ctx.access.cases)), () => ctx.refresh());
      });
    }
    for (const b of root.querySelectorAll("[data-revoke]")) {
      b.addEventListener("click", async () => { try { await del(`/access/grants/${b.dataset.revoke}`); await ctx.refresh(); } catch (e) { fail(e); } });
    }
    for (const b of root.querySelectorAll("[data-give-up]")) {
      b.addEventListener("click", async () => { try { await del(`/access/accounts/${b.dataset.giveUp}`); await ctx.refresh(); } catch (e) { fail(e); } });
    }
    for (const b of root.querySelectorAll("[data-act]")) {
      b.addEventListener("click", async () => {
        try {
          await post("/access/act-as", { grant_id: b.dataset.act });
          localStorage.setItem("acting_for", b.dataset.name);
          app.state.me = null;
          navigate("/summary");
        } catch (e) { fail(e); }
      });
    }
  },
};
