// Manage My Profile: names, phones, addresses, language (one versioned edit), and the
// email addresses (each confirmed by a link; one is the sign-in address).
import { get, patch, post } from "../api.js";
import { alert, bind, button, field, radios } from "../forms.js";
import { html } from "../html.js";
import { setLang, t } from "../i18n.js";
import { withProfileNav } from "../profile-nav.js";

const PHONE_TYPES = () => [["mobile", t("phone.mobile")], ["home", t("phone.home")], ["work", t("phone.work")]];

function address(prefix, a, legend, required) {
  return html`<fieldset class="usa-fieldset margin-top-3" data-field="${prefix}"><legend class="usa-legend usa-legend--large">${legend}</legend>
    ${field({ name: `${prefix}.line1`, label: t("field.line1"), value: a?.line1 || "", autocomplete: "address-line1", required })}
    ${field({ name: `${prefix}.line2`, label: t("field.line2"), value: a?.line2 || "", autocomplete: "address-line2", required: false })}
    ${field({ name: `${prefix}.city`, label: t("field.city"), value: a?.city || "", autocomplete: "address-level2", required })}
    ${field({ name: `${prefix}.state`, label: t("field.state"), hint: t("hint.state"), value: a?.state || "", autocomplete: "address-level1", width: "usa-input--small", required })}
    ${field({ name: `${prefix}.zip`, label: t("field.zip"), value: a?.zip || "", autocomplete: "postal-code", width: "usa-input--medium", required })}
  </fieldset>`;
}

function addressOf(v, prefix) {
  const a = {};
  for (const key of ["line1", "line2", "city", "state", "zip"]) if (v[`${prefix}.${key}`]) a[key] = v[`${prefix}.${key}`];
  return Object.keys(a).length ? a : undefined;
}

export default {
  title: "profile.title",
  auth: true,
  async render(ctx) {
    const me = await get("/me");
    ctx.state.me = me;
    // the phones on file and room for one more (five at most)
    const phones = [...me.phones, {}].slice(0, 5);
    return withProfileNav("/profile", html`<h1>${t("profile.title")}</h1>
      <div id="profile-status">${ctx.query.has("saved") ? alert("success", "", t("profile.saved")) : ""}</div>
      <form class="usa-form usa-form--large" id="profile-form">
        ${field({ name: "first_name", label: t("form.first_name"), value: me.first_name, autocomplete: "given-name" })}
        ${field({ name: "middle_name", label: t("form.middle_name"), value: me.middle_name || "", required: false, autocomplete: "additional-name" })}
        ${field({ name: "last_name", label: t("form.last_name"), value: me.last_name, autocomplete: "family-name" })}
        ${field({ name: "language", label: t("form.language"), options: [["en", "English"], ["es", "Español"]], value: me.language })}
        <fieldset class="usa-fieldset margin-top-2" data-field="phones"><legend class="usa-legend usa-legend--large">${t("profile.phones")}</legend>
          <span class="usa-error-message" id="f-phones-error" hidden></span>
          ${phones.map((p, i) => html`
          ${field({ name: `phones.${i}.number`, label: t("profile.phone_n", { n: i + 1 }), type: "tel", value: p.number || "", autocomplete: i ? "off" : "tel", required: i === 0 })}
          ${field({ name: `phones.${i}.type`, label: t("profile.phone_type_n", { n: i + 1 }), options: PHONE_TYPES(), value: p.type || "", required: false })}`)}
        </fieldset>
        ${address("mailing_address", me.mailing_address, t("field.mailing_address"), false)}
        ${address("residential_address", me.residential_address, t("field.residential_address"), false)}
        ${radios({ name: "preferred_contact", legend: t("profile.contact_legend"), value: me.preferred_contact?.method || "",
                   options: ["email", "phone", "text", "mail"].map((m) => [m, t(`profile.contact_${m}`)]) })}
        ${field({ name: "preferred_contact.number", label: t("profile.contact_number"), hint: t("profile.contact_number_hint"), type: "tel",
                  value: me.preferred_contact?.number || me.phones[0]?.number || "", autocomplete: "tel", required: false })}
        ${button(t("profile.save"))}
      </form>
      <h2>${t("profile.emails")}</h2>
      <div id="email-status"></div>
      <table class="usa-table usa-table--stacked width-full"><caption class="usa-sr-only">${t("profile.emails")}</caption>
        <thead><tr><th scope="col">${t("form.email")}</th><th scope="col">${t("pay.status")}</th><th scope="col"><span class="usa-sr-only">${t("security.actions")}</span></th></tr></thead>
        <tbody>${me.emails.map((e) => html`<tr><th scope="row" data-label="${t("form.email")}">${e.email}</th>
          <td data-label="${t("pay.status")}">${e.sign_in ? t("profile.sign_in_address") : e.verified ? t("profile.confirmed") : t("profile.unconfirmed")}</td>
          <td>${e.sign_in ? "" : html`${e.verified ? html`<button type="button" class="usa-button usa-button--unstyled" data-switch="${e.email}">${t("profile.use_for_sign_in")}<span class="usa-sr-only"> ${e.email}</span></button>` : ""}
            <button type="button" class="usa-button usa-button--unstyled margin-left-2" data-remove-email="${e.email}">${t("security.remove")}<span class="usa-sr-only"> ${e.email}</span></button>`}</td></tr>`)}</tbody></table>
      <form class="usa-form" id="switch-form" hidden>
        <input type="hidden" name="email">
        ${field({ name: "password", label: t("security.confirm_password"), type: "password", autocomplete: "current-password", form: "switch" })}
        ${button(t("profile.use_for_sign_in"))}
      </form>
      <form class="usa-form" id="email-form">
        ${field({ name: "email", label: t("profile.add_email"), type: "email", autocomplete: "email", form: "add" })}
        ${button(t("profile.send_link"), { kind: "usa-button--outline" })}
      </form>`);
  },
  mount(root, ctx) {
    const me = ctx.state.me;
    bind(root.querySelector("#profile-form"), (v) => {
      const phones = [0, 1, 2, 3, 4].filter((i) => v[`phones.${i}.number`])
        .map((i) => ({ number: v[`phones.${i}.number`], ...(v[`phones.${i}.type`] ? { type: v[`phones.${i}.type`] } : {}) }));
      const body = { version: me.version, first_name: v.first_name, last_name: v.last_name, language: v.language, phones };
      if (v.middle_name) body.middle_name = v.middle_name;
      for (const kind of ["mailing_address", "residential_address"]) { const a = addressOf(v, kind); if (a) body[kind] = a; }
      if (v.preferred_contact) {  // the number goes with a call or a text only
        const number = ["phone", "text"].includes(v.preferred_contact) ? v["preferred_contact.number"] : "";
        body.preferred_contact = { method: v.preferred_contact, ...(number ? { number } : {}) };
      }
      return patch("/me", body);
    }, (saved) => { ctx.state.me = saved; setLang(saved.language); ctx.navigate("/profile?saved=1", { replace: true }); });
    const status = root.querySelector("#email-status");
    bind(root.querySelector("#email-form"), (v) => post("/me/emails", { email: v.email }), () => {
      status.innerHTML = alert("success", "", t("profile.link_sent")).text;
      root.querySelector("#email-form").reset();
    });
    const switchForm = root.querySelector("#switch-form");
    for (const b of root.querySelectorAll("[data-switch]")) {
      b.addEventListener("click", () => { switchForm.hidden = false; switchForm.elements.email.value = b.dataset.switch; switchForm.querySelector("input[type=password]").focus(); });
    }
    bind(switchForm, (v) => post("/me/emails/sign-in", { email: v.email, password: v.password }), () => ctx.refresh());
    for (const b of root.querySelectorAll("[data-remove-email]")) {
      b.addEventListener("click", async () => {
        try { await post("/me/emails/remove", { email: b.dataset.removeEmail }); await ctx.refresh(); } catch (error) {
          const { errorText } = await import("../forms.js");
          status.innerHTML = alert("error", "", errorText(error)).text;
        }
      });
    }
  },
};
