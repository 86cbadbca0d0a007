// Two-step verification: the methods I have, adding an authenticator app or a passkey,
// emailed codes, removing a method, new recovery codes.
import { get, post } from "../api.js";
import { alert, bind, button, errorText, field } from "../forms.js";
import { isStaff } from "../words.js";
import { html } from "../html.js";
import { dateTime, t } from "../i18n.js";
import { withProfileNav } from "../profile-nav.js";
import { addPasskey, added, recoveryCodes, setUpApp } from "../two-step.js";

function show(root, content) {
  const place = root.querySelector("#security-result");
  place.innerHTML = content.text;
  const target = place.querySelector("[tabindex='-1'], .usa-alert");
  if (target) { target.tabIndex = -1; target.focus(); }
}

export default {
  title: "security.title",
  auth: true,
  async render(ctx) {
    const mfa = await get("/me/mfa");
    const hasTotp = mfa.methods.some((m) => m.type === "totp");
    const hasEmail = mfa.methods.some((m) => m.type === "email");
    return withProfileNav("/security", html`<h1>${t("security.title")}</h1>
      <p>${t("security.intro")}</p>
      <div id="security-result"></div>
      <table class="usa-table usa-table--stacked width-full">
        <caption>${t("security.methods")}</caption>
        <thead><tr><th scope="col">${t("security.method")}</th><th scope="col">${t("security.added")}</th><th scope="col">${t("security.last_used")}</th><th scope="col"><span class="usa-sr-only">${t("security.actions")}</span></th></tr></thead>
        <tbody>${mfa.methods.map((m) => html`<tr>
          <th scope="row" data-label="${t("security.method")}">${t(`method.${m.type}`)}${m.label ? html` (${m.label})` : ""}</th>
          <td data-label="${t("security.added")}">${dateTime(m.created_at)}</td>
          <td data-label="${t("security.last_used")}">${m.last_used_at ? dateTime(m.last_used_at) : t("security.never")}</td>
          <td><button type="button" class="usa-button usa-button--unstyled" data-remove="${m.method_id}">${t("security.remove")}<span class="usa-sr-only"> ${t(`method.${m.type}`)}</span></button></td>
        </tr>`)}</tbody>
      </table>
      <p>${t("security.codes_left", { n: mfa.recovery_codes_left })}</p>
      <form class="usa-form" id="remove-form" hidden>
        <input type="hidden" name="method_id">
        ${field({ name: "password", label: t("security.confirm_password"), type: "password", autocomplete: "current-password", form: "remove" })}
        ${button(t("security.remove_confirm"), { kind: "usa-button--secondary" })}
      </form>
      <h2>${t("security.add")}</h2>
      <ul class="usa-button-group">
        ${hasTotp ? "" : html`<li class="usa-button-group__item"><button type="button" class="usa-button" id="add-totp">${t("security.add_totp")}</button></li>`}
        <li class="usa-button-group__item"><button type="button" class="usa-button usa-button--outline" id="add-passkey">${t("security.add_passkey")}</button></li>
        ${hasEmail || isStaff(ctx.state.me?.role) ? "" : html`<li class="usa-button-group__item"><button type="button" class="usa-button usa-button--outline" id="add-email">${t("security.add_email")}</button></li>`}
      </ul>
      <form class="usa-form" id="email-form" hidden>
        <div class="usa-alert usa-alert--warning usa-alert--slim"><div class="usa-alert__body"><p class="usa-alert__text">${t("security.email_weaker")}</p></div></div>
        ${field({ name: "password", label: t("security.confirm_password_email"), type: "password", autocomplete: "current-password", form: "email" })}
        ${button(t("security.add_email"))}
      </form>
      <section id="totp-setup" hidden></section>
      <h2>${t("security.new_codes")}</h2>
      <form class="usa-form" id="codes-form">
        <p>${t("security.new_codes_text")}</p>
        ${field({ name: "password", label: t("form.password"), type: "password", autocomplete: "current-password", form: "codes" })}
        ${button(t("security.new_codes_button"), { kind: "usa-button--outline" })}
      </form>`);
  },
  mount(root, ctx) {
    const fail = (error) => show(root, alert("error", "", errorText(error)));
    root.querySelector("#add-totp")?.addEventListener("click", async () => {
      try {
        await setUpApp(root.querySelector("#totp-setup"), async (done) => {
          await ctx.refresh();
          show(root.ownerDocument.getElementById("main-content"), added("security.totp_added", done));
        });
      } catch (error) { fail(error); }
    });
    root.querySelector("#add-passkey").addEventListener("click", async () => {
      try {
        const done = await addPasskey();
        await ctx.refresh();
        show(root.ownerDocument.getElementById("main-content"), added("security.passkey_added", done));
      } catch (error) {
        fail(error.name === "NotAllowedError" ? { } : error);
      }
    });
    const emailForm = root.querySelector("#email-form");
    root.querySelector("#add-email")?.addEventListener("click", () => {
      emailForm.hidden = false;
      emailForm.querySelector("input[type=password]").focus();
    });
    bind(emailForm, (v) => post("/me/mfa/email", { password: v.password }), () => ctx.refresh());
    const removeForm = root.querySelector("#remove-form");
    for (const remove of root.querySelectorAll("[data-remove]")) {
      remove.addEventListener("click", () => {
        removeForm.hidden = false;
        removeForm.elements.method_id.value = remove.dataset.remove;
        removeForm.querySelector("input[type=password]").focus();
      });
    }
    bind(removeForm, (v) => post("/me/mfa/remove", { method_id: v.method_id, password: v.password }), () => ctx.refresh());
    bind(root.querySelector("#codes-form"), (v) => post("/me/mfa/recovery-codes", { password: v.password }),
      (done) => show(root, recoveryCodes(done.recovery_codes)));
  },
};
