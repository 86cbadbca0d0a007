// Sign in: email and password, then the second step by the strongest method the person
// has (passkey, authenticator app, emailed code), with the others a press away; or a
// passkey alone.
import { post } from "../api.js";
import { alert, bind, button, errorText, field } from "../forms.js";
import { isStaff } from "../words.js";
import { html } from "../html.js";
import { t } from "../i18n.js";
import { ctx as app, home as staffHome, navigate, signedInAs } from "../main.js";
import { carried } from "./accept-access.js";
import * as webauthn from "../webauthn.js";

const NOTICES = { ended: "signin.ended", signed_out: "signin.signed_out" };

function notice(query) {
  for (const [name, key] of Object.entries(NOTICES)) {
    if (query.has(name)) return alert("info", "", t(key));
  }
  return "";
}

async function finish(ctx) {
  await signedInAs();  // the answer set the session's cookie
  const next = ctx.query.get("next");
  // an invitation carried through registration is accepted on the way in
  const staff = isStaff(app.state.me?.role);
  const home = staff ? staffHome() : carried() ? "/accept-access" : "/summary";
  let to = next && next.startsWith("/") && !next.startsWith("//") ? next : home;
  // first the terms, if they changed since accepted; then a new logon is asked how it
  // will confirm sign-ins from now on; then where it was going
  if (app.state.me?.two_step_offer && !staff) to = `/two-step?next=${encodeURIComponent(to)}`;
  if (app.state.me?.terms_outdated) to = `/terms/accept?next=${encodeURIComponent(to)}`;
  navigate(to, { replace: true });
}

function codeForm(method, challenge) {
  const hint = method === "email" ? t("signin.email_hint", { sent_to: challenge.sent_to || "" })
    : method === "totp" ? t("signin.totp_hint") : t("signin.recovery_hint");
  return html`<form class="usa-form" id="code-form" data-method="${method}">
    ${field({ name: "code", label: t(`signin.code_${method}`), hint, autocomplete: "one-time-code",
              inputmode: method === "recovery_code" ? "text" : "numeric", width: "usa-input--medium" })}
    ${button(t("signin.verify"))}
    ${method === "email" ? html`<button type="button" class="usa-button usa-button--unstyled" id="resend">${t("signin.resend")}</button>` : ""}
  </form>`;
}

function secondStep(root, ctx, challenge, method) {
  const place = root.querySelector("#second-step");
  const others = challenge.methods.filter((m) => m !== method);
  place.hidden = false;
  place.innerHTML = html`<h2 id="second-heading" tabindex="-1">${t("signin.second_step")}</h2>
    <div id="second-status"></div>
    ${method === "passkey"
      ? html`<p>${t("signin.passkey_hint")}</p><button type="button" class="usa-button" id="use-passkey">${t("signin.use_passkey")}</button>`
      : codeForm(method, challenge)}
    ${others.length ? html`<h3>${t("signin.another_way")}</h3><ul class="usa-list usa-list--unstyled">
      ${others.map((m) => html`<li><button type="button" class="usa-button usa-button--unstyled margin-y-1" data-switch="${m}">${t(`signin.method_${m}`)}</button></li>`)}
    </ul>` : ""}`.text;
  // into the code box, which the label and hint announce (the passkey's button otherwise)
  (place.querySelector("#code-form input[name=code]") || place.querySelector("#use-passkey")
    || place.querySelector("#second-heading")).focus();
  const status = place.querySelector("#second-status");
  for (const other of place.querySelectorAll("[data-switch]")) {
    other.addEventListener("click", async () => {
      const chosen = other.dataset.switch;
      if (chosen === "email") {
        try {
          const sent = await post("/auth/login/email-code", { challenge_id: challenge.challenge_id });
          challenge = { ...challenge, sent_to: sent?.sent_to || challenge.sent_to };
        } catch (error) { status.innerHTML = alert("error", "", errorText(error)).text; return; }
      }
      secondStep(root, ctx, challenge, chosen);
    });
  }
  const form = place.querySelector("#code-form");
  if (form) {
    bind(form, (v) => post("/auth/login/verify", { challenge_id: challenge.challenge_id, method, code: v.code.trim() }),
      (session) => finish(ctx, session));
    place.querySelector("#resend")?.addEventListener("click", async () => {
      try {
        await post("/auth/login/email-code", { challenge_id: challenge.challenge_id });
        status.innerHTML = alert("info", "", t("signin.resent")).text;
      } catch (error) { status.innerHTML = alert("error", "", errorText(error)).text; }
    });
  }
  place.querySelector("#use-passkey")?.addEventListener("click", async () => {
    try {
      const options = await post("/auth/login/passkey-options", { challenge_id: challenge.challenge_id });
      const credential = await webauthn.get(options);
      await finish(ctx, await post("/auth/login/verify", { challenge_id: challenge.challenge_id, method: "passkey", credential }));
    } catch (error) {
      status.innerHTML = alert("error", "", error.name === "NotAllowedError" ? t("signin.passkey_cancelled") : errorText(error)).text;
    }
  });
}

export default {
  title: "signin.title",
  guestOnly: true,
  render: (ctx) => html`<h1 class="margin-top-4">${t("signin.title")}</h1>
    ${notice(ctx.query)}
    <div class="grid-row grid-gap-lg">
      <div class="tablet:grid-col-7">
        <form class="usa-form usa-form--large" id="password-form">
          ${field({ name: "email", label: t("form.email"), type: "email", autocomplete: "username" })}
          ${field({ name: "password", label: t("form.password"), type: "password", autocomplete: "current-password" })}
          ${button(t("signin.button"))}
          <p><a class="usa-link" href="/forgot-password">${t("signin.forgot")}</a></p>
          <p><a class="usa-link" href="/forgot-username">${t("signin.forgot_username")}</a></p>
          <p><a class="usa-link" href="/resend-verification">${t("signin.resend_verification")}</a></p>
          <p><a class="usa-link" href="/forgot-case-number">${t("signin.forgot_case_number")}</a></p>
          <p><a class="usa-link" href="/help/sign-in">${t("help.signin_link")}</a></p>
          <p>${t("signin.no_logon")} <a class="usa-link" href="/register">${t("nav.register")}</a></p>
        </form>
        <section id="second-step" hidden aria-live="polite"></section>
      </div>
      <div class="tablet:grid-col-5">
        <h2>${t("signin.passkey_heading")}</h2>
        <p>${t("signin.passkey_only_hint")}</p>
        <div id="passkey-status"></div>
        <button type="button" class="usa-button usa-button--outline" id="passkey-only">${t("signin.passkey_only")}</button>
      </div>
    </div>`,
  mount(root, ctx) {
    const form = root.querySelector("#password-form");
    bind(form, (v) => post("/auth/login", { email: v.email.trim(), password: v.password }), (challenge) => {
      form.hidden = true;
      secondStep(root, ctx, challenge, challenge.methods[0]);
    });
    root.querySelector("#passkey-only").addEventListener("click", async () => {
      const status = root.querySelector("#passkey-status");
      try {
        const options = await post("/auth/passkey/options");
        const credential = await webauthn.get(options);
        await finish(ctx, await post("/auth/passkey/verify", { credential }));
      } catch (error) {
        status.innerHTML = alert("error", "", error.name === "NotAllowedError" ? t("signin.passkey_cancelled") : errorText(error)).text;
      }
    });
  },
};
