// Documents attached to a request or a message: a button each that opens the document
// from its one-minute link (GET /documents/{id}), or shows the link if a pop-up is blocked.
import { get } from "./api.js";
import { alert, errorText } from "./forms.js";
import { html } from "./html.js";
import { t } from "./i18n.js";

/** Buttons for documents given as ids or as {document_id, filename}. */
export function attachments(documents) {
  const items = (documents || []).map((d) => (typeof d === "string" ? { document_id: d } : d));
  if (!items.length) return html``;
  return html`<ul class="usa-list usa-list--unstyled margin-top-1">${items.map((d) => html`<li>
    <button type="button" class="usa-button usa-button--unstyled" data-document="${d.document_id}">${
      d.filename ? t("documents.open", { name: d.filename }) : t("messages.attachment")}</button>
    <span data-document-status></span></li>`)}</ul>`;
}

/** Opens each attachment under root when its button is pressed. */
export function wireAttachments(root) {
  for (const button of root.querySelectorAll("[data-document]")) {
    button.addEventListener("click", async () => {
      const status = button.parentElement.querySelector("[data-document-status]");
      try {
        const doc = await get(`/documents/${encodeURIComponent(button.dataset.document)}`);
        const opened = window.open(doc.download_url, "_blank");
        if (opened) opened.opener = null;
        else status.innerHTML = html`<a class="usa-link" href="${doc.download_url}" target="_blank" rel="noopener">${doc.filename}</a>`.text;
      } catch (error) {
        status.innerHTML = alert("error", "", errorText(error)).text;
      }
    });
  }
}
