// Adding an authenticator app or a passkey: the Security page and the choice a new logon
// is offered after its first sign-in take the same steps.
import { post } from "./api.js";
import { alert, bind, button, field } from "./forms.js";
import { html, raw } from "./html.js";
import { t } from "./i18n.js";
import * as webauthn from "./webauthn.js";

/** The recovery codes that come with the first app or passkey, shown once. */
export function recoveryCodes(list) {
  return html`<div class="usa-alert usa-alert--warning" role="status" id="recovery-codes" tabindex="-1"><div class="usa-alert__body">
    <h2 class="usa-alert__heading">${t("security.codes_heading")}</h2>
    <p class="usa-alert__text">${t("security.codes_text")}</p>
    <ul class="portal-codes usa-list usa-list--unstyled">${list.map((c) => html`<li>${c}</li>`)}</ul>
  </div></div>`;
}

/** What a method's addition says: the success, and the recovery codes when it brought them. */
export function added(message, done) {
  const said = alert("success", "", t(message));
  return done.recovery_codes ? html`${said}${recoveryCodes(done.recovery_codes)}` : said;
}

/** Starts an app's set-up (an API error is thrown to the caller): the key and its QR code
 * in `place`, then the form that confirms it with one code; `done(answer)` follows. */
export async function setUpApp(place, done) {
  const setup = await post("/me/mfa/totp");
  place.hidden = false;
  place.innerHTML = html`<h2 id="totp-heading" tabindex="-1">${t("security.totp_heading")}</h2>
    <ol class="usa-process-list">
      <li class="usa-process-list__item"><p class="usa-process-list__heading">${t("security.totp_scan")}</p>
        <div class="portal-qr">${raw(setup.qr_svg)}</div>
        <p>${t("security.totp_key")} <code id="totp-secret">${setup.secret}</code></p></li>
      <li class="usa-process-list__item"><p class="usa-process-list__heading">${t("security.totp_enter")}</p>
        <form class="usa-form" id="totp-form">
          ${field({ name: "code", label: t("security.totp_code"), autocomplete: "one-time-code", inputmode: "numeric", width: "usa-input--medium" })}
          ${button(t("security.totp_confirm"))}
        </form></li>
    </ol>`.text;
  place.querySelector("#totp-heading").focus();
  bind(place.querySelector("#totp-form"), (v) => post("/me/mfa/totp/confirm", { code: v.code.trim() }), done);
}

/** The browser makes a passkey and the API keeps it; a person's cancel is a NotAllowedError. */
export async function addPasskey() {
  const options = await post("/me/mfa/passkeys/options");
  const credential = await webauthn.create(options);
  return post("/me/mfa/passkeys", { credential });
}
