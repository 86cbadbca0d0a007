// A member, for staff: caseworkers write to them, send a letter (a PDF), make codes and
// reset their sign-in; disbursement staff read their direct deposit account (each read
// is in the audit trail). Each part is shown to the roles whose duties include it.
import { get, post } from "../api.js";
import { alert, announce, bind, button, checkbox, errorText, field, fieldError } from "../forms.js";
import { html } from "../html.js";
import { date, t } from "../i18n.js";
import { navigate } from "../main.js";
import { upload } from "../upload.js";

export default {
  title: "agency.member",
  auth: true,
  staff: true,
  duty: "members",
  async render(ctx) {
    const asked = ctx.query.get("member") || "";
    // who the member is, first: a number the records do not have opens nothing to write with
    let card = null;
    let missing = "";
    if (asked) {
      try { card = await get(`/agency/members/${encodeURIComponent(asked)}`); } catch (error) {
        if (error.status !== 404) throw error;
        missing = errorText(error);
      }
    }
    const member = card ? card.member_id : "";
    ctx.member = member;
    const can = (duty) => (ctx.state.me?.duties || []).includes(duty);
    ctx.can = can;
    if (member && can("casework")) ctx.types = (await get("/request-types")).request_types;
    return html`<h1 class="margin-top-4">${t("agency.member")}</h1>
      <form class="usa-form" id="member-form" role="search" aria-label="${t("agency.member")}">
        ${field({ name: "member", label: t("summary.member_id"), value: asked, inputmode: "numeric", width: "usa-input--medium" })}
        ${button(t("agency.open_member"))}
      </form>
      ${missing ? alert("error", "", missing) : ""}
      ${card ? html`<div class="usa-summary-box margin-top-3" id="member-card" role="region" aria-labelledby="member-name"><div class="usa-summary-box__body">
        <h2 class="usa-summary-box__heading" id="member-name">${card.name}</h2>
        <div class="usa-summary-box__text"><p>${t("summary.member_id")}: ${card.member_id} · ${card.linked ? t("agency.has_logon") : t("agency.no_logon")}</p>
        ${card.preferred_contact ? html`<p id="preferred-contact">${t("agency.preferred_contact", { way: t(`agency.contact_${card.preferred_contact.method}`) })}${card.preferred_contact.number ? html`: ${card.preferred_contact.number}` : ""}</p>` : ""}
        ${card.cases.length ? html`<ul class="usa-list">${card.cases.map((c) => html`<li>${t("pay.case_option", { id: c.case_id })}: ${t(`role.${c.role}`)}</li>`)}</ul>` : ""}</div></div></div>` : ""}
      ${member ? html`<div id="member-status"></div>
      ${can("casework") ? html`<h2>${t("agency.write")}</h2>
      <form class="usa-form usa-form--large" id="write-form">
        ${field({ name: "subject", label: t("messages.subject"), form: "write" })}
        ${field({ name: "body", label: t("messages.body"), rows: 5, form: "write" })}
        ${button(t("messages.send"))}
      </form>
      <h2>${t("agency.letter")}</h2>
      <form class="usa-form usa-form--large" id="letter-form">
        ${field({ name: "title", label: t("agency.letter_title"), form: "letter" })}
        ${field({ name: "fee_account", label: t("agency.letter_fee_account"), hint: t("agency.letter_fee_account_hint"), required: false, form: "letter" })}
        <div class="usa-form-group" data-field="file"><label class="usa-label" for="letter-file">${t("agency.letter_file")}</label>
          <span class="usa-error-message" id="letter-file-error" hidden></span>
          <input class="usa-file-input" id="letter-file" name="file" type="file" accept="application/pdf" aria-describedby="letter-file-error"></div>
        ${button(t("agency.send_letter"))}
      </form>
      <h2>${t("agency.codes")}</h2>
      <button type="button" class="usa-button usa-button--outline" id="redeem-code">${t("agency.make_code")}</button>
      <div id="code-result" aria-live="polite"></div>
      <h2>${t("agency.request_code")}</h2>
      <form class="usa-form usa-form--large" id="request-code-form">
        <p>${t("agency.request_code_text")}</p>
        ${field({ name: "request_type", label: t("want.type"), options: (ctx.types || []).map((r) => [r.id, r.title]), form: "code" })}
        ${field({ name: "case_id", label: t("case.number"), inputmode: "numeric", width: "usa-input--medium", form: "code" })}
        ${field({ name: "days_valid", label: t("agency.days_valid"), inputmode: "numeric", width: "usa-input--small", value: "30", form: "code" })}
        ${button(t("agency.make_request_code"), { kind: "usa-button--outline" })}
      </form>
      <div id="request-code-result" aria-live="polite"></div>` : ""}
      ${card.linked && can("members") ? html`<h2>${t("agency.pin_title")}</h2>
      <form class="usa-form usa-form--large" id="pin-check-form">
        <p>${t("agency.pin_text")}</p>
        ${field({ name: "pin", label: t("agency.pin_given"), type: "password", inputmode: "numeric", autocomplete: "off", width: "usa-input--small", form: "pin" })}
        ${button(t("agency.pin_check"), { kind: "usa-button--outline" })}
      </form>
      <div id="pin-result" aria-live="polite"></div>` : ""}
      ${can("disbursement") ? html`<h2>${t("deposit.title")}</h2>
      <button type="button" class="usa-button usa-button--outline" id="read-deposit">${t("agency.read_deposit")}</button>
      <div id="deposit-result" aria-live="polite"></div>` : ""}
      ${card.linked && can("casework") ? html`<h2>${t("agency.reset_title")}</h2>
      <form class="usa-form usa-form--large" id="reset-form">
        <p>${t("agency.reset_text")}</p>
        ${field({ name: "how", label: t("agency.reset_how"), options: ["phone", "in_person", "in_writing"].map((h) => [h, t(`agency.reset_how_${h}`)]), form: "reset" })}
        ${checkbox({ name: "identity_checked", label: t("agency.reset_checked"), form: "reset" })}
        ${button(t("agency.reset_button"), { kind: "usa-button--secondary" })}
      </form>
      <div id="reset-result" aria-live="polite"></div>` : ""}` : ""}`;
  },
  mount(root, ctx) {
    bind(root.querySelector("#member-form"), async (v) => navigate(`/agency/member?member=${encodeURIComponent(v.member.trim())}`));
    const member = ctx.member;
    if (!member) return;
    const base = `/agency/members/${encodeURIComponent(member)}`;
    const status = root.querySelector("#member-status");
    const said = (text) => announce(status, alert("success", "", text));
    if (ctx.can("casework")) casework(root, base, said);
    const resetForm = root.querySelector("#reset-form");
    if (resetForm) {
      bind(resetForm, (v) => {
        if (!v.identity_checked) throw fieldError("identity_checked", t("agency.reset_check_first"));
        return post(`${base}/sign-in-reset`, { identity_checked: true, how: v.how });
      }, (done) => {
        resetForm.reset();
        root.querySelector("#reset-result").innerHTML = alert("success", "", t("agency.reset_sent", { to: done.sent_to })).text;
      });
    }
    const pinForm = root.querySelector("#pin-check-form");
    if (pinForm) {
      bind(pinForm, (v) => post(`${base}/phone-pin/check`, { pin: v.pin.trim() }), (checked) => {
        pinForm.reset();
        root.querySelector("#pin-result").innerHTML = alert(checked.matches ? "success" : "warning", "",
          t(checked.matches ? "agency.pin_matches" : "agency.pin_wrong")).text;
      });
    }
    root.querySelector("#read-deposit")?.addEventListener("click", async () => {
      const place = root.querySelector("#deposit-result");
      try {
        const d = await get(`${base}/direct-deposit`);
        place.innerHTML = html`<dl><dt class="text-bold">${t("bank.holder")}</dt><dd>${d.holder_name}</dd>
          <dt class="text-bold">${t("bank.routing")}</dt><dd>${d.routing_number}</dd>
          <dt class="text-bold">${t("bank.number")}</dt><dd>${d.account_number}</dd>
          <dt class="text-bold">${t("bank.type")}</dt><dd>${t(`bank.${d.account_type}`)}</dd></dl>`.text;
      } catch (error) { place.innerHTML = alert("error", "", errorText(error)).text; }
    });
  },
};

/** The caseworker's forms: a message, a letter, a redeem code, a request code. */
function casework(root, base, said) {
  const writeForm = root.querySelector("#write-form");
  bind(writeForm, (v) => post(`${base}/messages`, { subject: v.subject, body: v.body }), () => { writeForm.reset(); said(t("messages.sent")); });
  const letterForm = root.querySelector("#letter-form");
  bind(letterForm, async (v) => {
    const file = letterForm.querySelector("#letter-file").files[0];
    if (!file) throw fieldError("file", t("form.required"));
    return post(`${base}/letters`, { title: v.title, document_id: await upload(file),
      ...(v.fee_account?.trim() ? { fee_account: v.fee_account.trim() } : {}) });
  }, () => { letterForm.reset(); said(t("agency.letter_sent")); });
  root.querySelector("#redeem-code").addEventListener("click", async () => {
    const place = root.querySelector("#code-result");
    try {
      const code = await post(`${base}/redeem-codes`);
      place.innerHTML = html`<p>${t("agency.code_is", { code: code.code, when: date(code.expires_at) })}</p>`.text;
    } catch (error) { place.innerHTML = alert("error", "", errorText(error)).text; }
  });
  bind(root.querySelector("#request-code-form"), (v) => post(`${base}/request-codes`, {
    request_type: v.request_type, case_id: v.case_id.trim(), days_valid: Number(v.days_valid) || 30 }),
  (code) => {
    root.querySelector("#request-code-result").innerHTML = html`<p>${t("agency.code_is", { code: code.code, when: date(code.expires_at) })}</p>`.text;
  });
}
