// Print and mail: letters to members who take paper (or have no logon), oldest first,
// each with the mailing address on record; printed and mailed, each is marked so.
import { get, post } from "../api.js";
import { alert, announce, errorText } from "../forms.js";
import { attachments, wireAttachments } from "../documents.js";
import { html } from "../html.js";
import { dateTime, t } from "../i18n.js";

const address = (a) => (a ? html`${a.line1}<br>${a.line2 ? html`${a.line2}<br>` : ""}${a.city}, ${a.state} ${a.zip}`
  : html`<strong>${t("agency.mail_no_address")}</strong>`);

export default {
  title: "agency.mail",
  auth: true,
  staff: true,
  duty: "casework",
  async render(ctx) {
    const cursor = ctx.query.get("cursor");
    const { letters, next_cursor: next } = await get(`/agency/letters/to-mail${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ""}`);
    return html`<h1 class="margin-top-4">${t("agency.mail")}</h1>
      <p>${t("agency.mail_intro")}</p>
      <div id="mail-result"></div>
      ${letters.length ? html`<table class="usa-table usa-table--stacked width-full"><caption class="usa-sr-only">${t("agency.mail")}</caption>
        <thead><tr><th scope="col">${t("letters.letter")}</th><th scope="col">${t("agency.mail_to")}</th><th scope="col">${t("letters.posted")}</th><th scope="col"><span class="usa-sr-only">${t("security.actions")}</span></th></tr></thead>
        <tbody>${letters.map((x) => html`<tr>
          <th scope="row" data-label="${t("letters.letter")}">${x.title}${attachments([{ document_id: x.document_id, filename: x.title }])}</th>
          <td data-label="${t("agency.mail_to")}">${x.name || ""} (${x.member_id})<br>${address(x.mailing_address)}</td>
          <td data-label="${t("letters.posted")}">${dateTime(x.posted_at)}</td>
          <td><button type="button" class="usa-button usa-button--outline" data-mailed="${x.member_id}/${x.letter_id}">${t("agency.mailed")}<span class="usa-sr-only">: ${x.title}, ${x.name || x.member_id}</span></button></td></tr>`)}</tbody></table>
        ${next ? html`<a class="usa-button usa-button--outline" href="/agency/mail?cursor=${encodeURIComponent(next)}">${t("want.more")}</a>` : ""}`
        : html`<p>${t("agency.mail_empty")}</p>`}`;
  },
  mount(root, ctx) {
    wireAttachments(root);
    for (const button of root.querySelectorAll("[data-mailed]")) {
      button.addEventListener("click", async () => {
        const [member, letter] = button.dataset.mailed.split("/");
        try {
          await post(`/agency/members/${encodeURIComponent(member)}/letters/${encodeURIComponent(letter)}/mailed`);
          await ctx.refresh();
          announce(document.getElementById("mail-result"), alert("success", "", t("agency.mail_done")));
        } catch (error) { announce(root.querySelector("#mail-result"), alert("error", "", errorText(error))); }
      });
    }
  },
};
