// The page an access invitation's link opens. It says who sent it before anyone signs in;
// a person without an account makes one with the invited address. The invitation is
// kept in this browser (the verification link may open another tab) through
// registration and sign-in, and accepted when they come back signed in.
import { post } from "../api.js";
import { alert, bind, button, errorText } from "../forms.js";
import { html } from "../html.js";
import { t } from "../i18n.js";

const KEPT = "invitation";
const WEEK = 7 * 24 * 3600 * 1000;  // an invitation lasts 7 days

/** The invitation this browser carries through registration and sign-in, if any. */
export function carried() {
  try {
    const kept = JSON.parse(localStorage.getItem(KEPT) || "null");
    if (kept && Date.now() - kept.at < WEEK) return kept.token;
  } catch { /* not ours */ }
  localStorage.removeItem(KEPT);
  return null;
}
const carry = (token) => localStorage.setItem(KEPT, JSON.stringify({ token, at: Date.now() }));
const drop = () => localStorage.removeItem(KEPT);

function accepted(root, done) {
  drop();
  root.querySelector("#accept-result").innerHTML = html`${alert("success", "", t("access.accepted", { name: done.parent_name }))}
    <p>${t("access.accepted_next")}</p>
    <p><a class="usa-button" href="/access">${t("access.mine")}</a></p>`.text;
  root.querySelector("#accept-result a").focus();
}

export default {
  title: "access.accept_title",
  async render(ctx) {
    const token = ctx.query.get("token") || carried();
    ctx.invitation = { token };
    let invitation;
    try {
      if (!token) throw new Error("no token");
      invitation = await post("/access/invitations/read", { token });
    } catch (error) {
      drop();
      return html`<h1 class="margin-top-4">${t("access.accept_title")}</h1>
        ${alert("error", "", error.code ? errorText(error) : t("access.no_invitation"))}`;
    }
    Object.assign(ctx.invitation, invitation);
    const intro = html`<p>${t("access.invited_by", { name: invitation.parent_name })}</p>`;
    if (!ctx.signedIn()) {
      return html`<h1 class="margin-top-4">${t("access.accept_title")}</h1>${intro}
        <p>${t("access.sign_in_as", { email: invitation.email })}</p>
        <ul class="usa-button-group">
          <li class="usa-button-group__item"><a class="usa-button" id="to-sign-in" href="/sign-in?next=%2Faccept-access">${t("access.accept_sign_in")}</a></li>
          <li class="usa-button-group__item"><a class="usa-button usa-button--outline" id="to-register" href="/register?email=${encodeURIComponent(invitation.email)}">${t("access.accept_register")}</a></li>
        </ul>`;
    }
    return html`<h1 class="margin-top-4">${t("access.accept_title")}</h1>${intro}<div id="accept-result"></div>
      <form class="usa-form" id="accept-form">${button(t("access.accept_from", { name: invitation.parent_name }))}</form>`;
  },
  mount(root, ctx) {
    const { token, parent_name: name } = ctx.invitation;
    if (!name) return;
    if (!ctx.signedIn()) {
      // either way, the invitation goes with them (and out of the address bar)
      for (const link of root.querySelectorAll("#to-sign-in, #to-register")) link.addEventListener("click", () => carry(token));
      return;
    }
    const form = root.querySelector("#accept-form");
    const accept = () => post("/access/invitations/accept", { token });
    // refused (used, withdrawn, for another address): the link in the email can start again;
    // a shared computer does not send the next person who signs in here
    bind(form, () => accept().catch((error) => { drop(); throw error; }), (done) => { form.hidden = true; accepted(root, done); });
    // carried through registration and sign-in: they said yes on the way in
    if (!ctx.query.get("token") && carried() === token) form.requestSubmit();
  },
};
