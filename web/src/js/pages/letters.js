// Letters from the agency (PDF). Opening one gets a link that works for a minute.
import { get } from "../api.js";
import { alert, errorText } from "../forms.js";
import { html } from "../html.js";
import { dateTime, t } from "../i18n.js";

export default {
  title: "letters.title",
  auth: true,
  async render() {
    const { letters, unread } = await get("/letters");
    return html`<h1 class="margin-top-4">${t("letters.title")}</h1>
      <p>${t("letters.unread", { n: unread })}</p>
      <div id="letter-status"></div>
      ${letters.length ? html`<table class="usa-table usa-table--stacked width-full">
        <caption class="usa-sr-only">${t("letters.title")}</caption>
        <thead><tr><th scope="col">${t("letters.letter")}</th><th scope="col">${t("case.number")}</th><th scope="col">${t("letters.posted")}</th><th scope="col">${t("letters.read")}</th></tr></thead>
        <tbody>${letters.map((l) => html`<tr>
          <th scope="row" data-label="${t("letters.letter")}"><button type="button" class="usa-button usa-button--unstyled ${l.read_at ? "" : "text-bold"}" data-letter="${l.letter_id}">${l.title}<span class="usa-sr-only"> (PDF)</span></button></th>
          <td data-label="${t("case.number")}">${l.case_id || ""}</td><td data-label="${t("letters.posted")}">${dateTime(l.posted_at)}</td>
          <td data-label="${t("letters.read")}">${l.read_at ? dateTime(l.read_at) : html`<span class="usa-tag">${t("messages.new")}</span>`}</td></tr>`)}</tbody>
      </table>` : html`<p>${t("letters.none")}</p>`}
      <p><a class="usa-link" href="/messages">${t("nav.messages")}</a></p>`;
  },
  mount(root, ctx) {
    for (const open of root.querySelectorAll("[data-letter]")) {
      open.addEventListener("click", async () => {
        try {
          const letter = await get(`/letters/${open.dataset.letter}`);
          const opened = window.open(letter.download_url, "_blank");  // ("noopener" would hide whether it opened)
          if (opened) opened.opener = null;
          await ctx.refresh();
          if (!opened) {  // a blocked pop-up: the link instead
            root.ownerDocument.getElementById("letter-status").innerHTML = html`<p><a class="usa-link" href="${letter.download_url}" target="_blank" rel="noopener">${t("letters.open", { title: letter.title })}</a></p>`.text;
          }
        } catch (error) {
          root.querySelector("#letter-status").innerHTML = alert("error", "", errorText(error)).text;
        }
      });
    }
  },
};
