// After a new logon's first sign-in (Alaska): how it will confirm sign-ins from now on.
// An authenticator app or a passkey, set up here, or the emailed codes it has; then on to
// where the sign-in was going. Asked until answered; Security changes it any time.
import { post } from "../api.js";
import { alert, announce, errorText } from "../forms.js";
import { html } from "../html.js";
import { t } from "../i18n.js";
import { addPasskey, added, setUpApp } from "../two-step.js";

const CHOICES = [["app", "twostep.app"], ["passkey", "twostep.passkey"], ["email", "twostep.email"]];

function onward(query) {
  const next = query.get("next");
  return next && next.startsWith("/") && !next.startsWith("//") ? next : "/summary";
}

export default {
  title: "twostep.title",
  auth: true,
  render: () => html`<h1>${t("twostep.title")}</h1>
    <p>${t("twostep.intro")}</p>
    <div id="two-step-result"></div>
    <div id="two-step-choices">${CHOICES.map(([choice, key]) => html`<section class="margin-bottom-3">
      <h2>${t(`${key}_heading`)}</h2><p>${t(`${key}_text`)}</p>
      <button type="button" class="usa-button ${choice === "email" ? "usa-button--outline" : ""}" data-choice="${choice}">${t(`${key}_button`)}</button>
    </section>`)}</div>
    <section id="totp-setup" hidden></section>`,
  mount(root, ctx) {
    const result = root.querySelector("#two-step-result");
    const choices = root.querySelector("#two-step-choices");
    const next = onward(ctx.query);
    // set up: what it says (and the recovery codes), and the way on
    const done = (message) => (answer) => {
      ctx.state.me = null;  // the offer is answered
      choices.hidden = true;
      root.querySelector("#totp-setup").hidden = true;
      announce(result, html`${added(message, answer)}<p><a class="usa-button" href="${next}">${t("twostep.continue")}</a></p>`);
    };
    const fail = (error) => announce(result, alert("error", "", error.name === "NotAllowedError"
      ? t("signin.passkey_cancelled") : errorText(error)));
    const actions = {
      app: () => setUpApp(root.querySelector("#totp-setup"), done("security.totp_added")),
      passkey: async () => done("security.passkey_added")(await addPasskey()),
      email: async () => {
        await post("/me/mfa/keep-email");
        ctx.state.me = null;
        ctx.navigate(next, { replace: true });
      },
    };
    for (const choice of root.querySelectorAll("[data-choice]")) {
      choice.addEventListener("click", async () => {
        try { await actions[choice.dataset.choice](); } catch (error) { fail(error); }
      });
    }
  },
};
