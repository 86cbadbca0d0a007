// Link my account to my case (Alaska's "Find my existing case"): About, Your Information,
// Review, then the confirmation. Or by a PIN emailed to the address the agency has, or
// by the code on an agency letter.
import { post } from "../api.js";
import { alert, bind, button, field, radios } from "../forms.js";
import { html } from "../html.js";
import { date, dateTime, t } from "../i18n.js";
import { ctx as app } from "../main.js";
import { showStep, stepIndicator } from "../steps.js";

const labels = () => [t("link.about"), t("link.your_information"), t("link.review")];

function identityBody(v) {
  const body = { last_name: v.last_name, ssn: v.ssn, date_of_birth: v.date_of_birth };
  body[v.id_kind === "case" ? "case_id" : "member_id"] = v.id_value.trim();
  return body;
}

function confirmation(done) {
  return html`<div class="usa-alert usa-alert--success" role="status"><div class="usa-alert__body">
      <h2 class="usa-alert__heading" tabindex="-1">${t("link.done")}</h2>
      <p class="usa-alert__text">${t("link.done_text", { phone: app.state.portal?.agency_phone || "" })}</p></div></div>
    <dl class="margin-y-3" id="confirmation">
      <dt class="text-bold">${t("link.confirmation_number")}</dt><dd>${done.confirmation_number}</dd>
      <dt class="text-bold">${t("link.date_received")}</dt><dd>${dateTime(done.date_received)}</dd>
      <dt class="text-bold">${t("link.submitted_by")}</dt><dd>${done.submitted_by_logon}</dd>
      <dt class="text-bold">${t("summary.member_id")}</dt><dd>${done.member_id}</dd>
      <dt class="text-bold">${t("summary.cases")}</dt><dd>${done.cases.map((c) => `${c.case_id} (${t(`role.${c.role}`)})`).join(", ")}</dd>
    </dl>
    <ul class="usa-button-group no-print">
      <li class="usa-button-group__item"><button type="button" class="usa-button usa-button--outline" id="print-link">${t("link.printable")}</button></li>
      <li class="usa-button-group__item"><a class="usa-button" href="/summary">${t("nav.summary")}</a></li>
    </ul>`;
}

function linked(place, done) {
  app.state.me = null;  // the profile now has a member id
  showStep(place, confirmation(done));
  // Alaska's Printable View: the page as it prints (the header, footer and buttons left out)
  place.querySelector("#print-link").addEventListener("click", () => window.print());
}

function about(place, focus = true) {
  showStep(place, html`${stepIndicator(labels(), 0)}
    <p>${t("link.about_text")}</p>
    <ul class="usa-list"><li>${t("link.need_id")}</li><li>${t("link.need_name")}</li><li>${t("link.need_ssn")}</li><li>${t("link.need_dob")}</li></ul>
    <button type="button" class="usa-button" id="start">${t("link.start")}</button>`, { focus });
  place.querySelector("#start").addEventListener("click", () => yourInformation(place, {}));
}

function yourInformation(place, v) {
  showStep(place, html`${stepIndicator(labels(), 1)}
    <form class="usa-form usa-form--large" id="identity-form">
      ${radios({ name: "id_kind", legend: t("link.i_have"), value: v.id_kind || "member",
                 options: [["member", t("link.member_id")], ["case", t("link.case_number")]] })}
      ${field({ name: "id_value", label: t("link.number"), value: v.id_value || "", inputmode: "numeric", width: "usa-input--medium" })}
      ${field({ name: "last_name", label: t("link.legal_last_name"), value: v.last_name || "", autocomplete: "family-name" })}
      ${field({ name: "ssn", label: t("link.ssn"), hint: t("link.ssn_hint"), value: v.ssn || "", inputmode: "numeric", autocomplete: "off", width: "usa-input--medium" })}
      ${field({ name: "date_of_birth", label: t("form.date_of_birth"), type: "date", value: v.date_of_birth || "", autocomplete: "bday" })}
      <button type="button" class="usa-button usa-button--outline" id="back">${t("steps.back")}</button>
      ${button(t("steps.continue"))}
    </form>`);
  place.querySelector("#back").addEventListener("click", () => about(place));
  const form = place.querySelector("#identity-form");
  let entered;
  bind(form, (values) => { entered = values; return post("/association/review", identityBody(values)); },
    (reviewed) => review(place, entered, reviewed));
}

function review(place, v, r) {
  showStep(place, html`${stepIndicator(labels(), 2)}
    <p>${t("link.review_text")}</p>
    <dl class="margin-y-3">
      <dt class="text-bold">${r.member_id ? t("link.member_id") : t("link.case_number")}</dt><dd>${r.member_id || r.case_id}</dd>
      <dt class="text-bold">${t("link.legal_last_name")}</dt><dd>${r.last_name}</dd>
      <dt class="text-bold">${t("link.ssn")}</dt><dd>${r.ssn}</dd>
      <dt class="text-bold">${t("form.date_of_birth")}</dt><dd>${date(r.date_of_birth)}</dd>
    </dl>
    <form class="usa-form" id="submit-form">
      <button type="button" class="usa-button usa-button--outline" id="edit">${t("steps.edit")}</button>
      ${button(t("steps.submit"))}
    </form>`);
  place.querySelector("#edit").addEventListener("click", () => yourInformation(place, v));
  bind(place.querySelector("#submit-form"), () => post("/association", identityBody(v)), (done) => linked(place, done));
}

function otherWays(root) {
  const pinPlace = root.querySelector("#pin-place");
  const pinForm = root.querySelector("#pin-form");
  let sent;
  bind(pinForm, (v) => {
    const body = { last_name: v.last_name, date_of_birth: v.date_of_birth, email: v.email.trim() };
    body[v.id_kind === "case" ? "case_id" : "member_id"] = v.id_value.trim();
    return post("/association/pin", body);
  }, (answer) => {
    sent = answer;
    pinForm.hidden = true;
    pinPlace.innerHTML = html`${alert("info", "", t("link.pin_sent"))}
      <form class="usa-form" id="pin-verify-form">
        ${field({ name: "pin", label: t("link.pin"), inputmode: "numeric", autocomplete: "one-time-code", width: "usa-input--small" })}
        ${button(t("steps.submit"))}
      </form>`.text;
    pinPlace.querySelector("input").focus();
    bind(pinPlace.querySelector("#pin-verify-form"),
      (v) => post("/association/pin/verify", { challenge_id: sent.challenge_id, pin: v.pin.trim() }),
      (done) => linked(root.querySelector("#link-steps"), done));
  });
  const forgot = root.querySelector("#forgot-form");
  bind(forgot, (v) => post("/cases/forgot-number", v), () => {
    forgot.reset();
    root.querySelector("#forgot-status").innerHTML = alert("success", "", t("link.forgot_sent")).text;
  });
  bind(root.querySelector("#code-form"), (v) => post("/association/redeem", { code: v.code.trim() }),
    (done) => linked(root.querySelector("#link-steps"), done));
}

export default {
  title: "link.title",
  auth: true,
  render: () => html`<h1 class="margin-top-4">${t("link.title")}</h1>
    <div id="link-steps"></div>
    <section class="margin-top-6" aria-labelledby="other-ways">
      <h2 id="other-ways">${t("link.other_ways")}</h2>
      <div class="usa-accordion usa-accordion--bordered usa-accordion--multiselectable" data-allow-multiple>
        <h3 class="usa-accordion__heading"><button type="button" class="usa-accordion__button" aria-expanded="false" aria-controls="by-pin">${t("link.by_pin")}</button></h3>
        <div id="by-pin" class="usa-accordion__content" hidden>
          <form class="usa-form" id="pin-form">
            <p>${t("link.by_pin_text")}</p>
            ${radios({ name: "id_kind", legend: t("link.i_have"), value: "member", form: "pin",
                       options: [["member", t("link.member_id")], ["case", t("link.case_number")]] })}
            ${field({ name: "id_value", label: t("link.number"), inputmode: "numeric", width: "usa-input--medium", form: "pin" })}
            ${field({ name: "last_name", label: t("link.legal_last_name"), autocomplete: "family-name", form: "pin" })}
            ${field({ name: "date_of_birth", label: t("form.date_of_birth"), type: "date", autocomplete: "bday", form: "pin",
                      value: app.state.me?.date_of_birth || "" })}
            ${field({ name: "email", label: t("link.email_on_file"), hint: t("link.email_on_file_hint"), type: "email", autocomplete: "email", form: "pin",
                      value: app.state.me?.email || "" })}
            ${button(t("link.send_pin"))}
          </form>
          <div id="pin-place"></div>
        </div>
        <h3 class="usa-accordion__heading"><button type="button" class="usa-accordion__button" aria-expanded="false" aria-controls="forgot-number">${t("link.forgot")}</button></h3>
        <div id="forgot-number" class="usa-accordion__content" hidden>
          <div id="forgot-status"></div>
          <form class="usa-form" id="forgot-form">
            <p>${t("link.forgot_text")}</p>
            ${field({ name: "ssn", label: t("link.ssn"), hint: t("link.ssn_hint"), inputmode: "numeric", autocomplete: "off", width: "usa-input--medium", form: "forgot" })}
            ${field({ name: "date_of_birth", label: t("form.date_of_birth"), type: "date", autocomplete: "bday", form: "forgot" })}
            ${field({ name: "zip", label: t("field.zip"), inputmode: "numeric", autocomplete: "postal-code", width: "usa-input--medium", form: "forgot" })}
            ${button(t("link.forgot_button"))}
          </form>
        </div>
        <h3 class="usa-accordion__heading"><button type="button" class="usa-accordion__button" aria-expanded="false" aria-controls="by-code">${t("link.by_code")}</button></h3>
        <div id="by-code" class="usa-accordion__content" hidden>
          <form class="usa-form" id="code-form">
            ${field({ name: "code", label: t("link.code"), hint: t("link.code_hint"), autocomplete: "off", form: "code" })}
            ${button(t("steps.submit"))}
          </form>
        </div>
      </div>
    </section>`,
  mount(root) {
    about(root.querySelector("#link-steps"), false);
    otherWays(root);
  },
};
