// Load case data from the system of record: a JSON file of records (docs/case-data.md).
import { post } from "../api.js";
import { bind, button, fieldError } from "../forms.js";
import { html } from "../html.js";
import { t } from "../i18n.js";

export default {
  title: "agency.records",
  auth: true,
  staff: true,
  duty: "records",
  render: () => html`<h1 class="margin-top-4">${t("agency.records")}</h1>
    <form class="usa-form usa-form--large" id="records-form">
      <div class="usa-form-group" data-field="file"><label class="usa-label" for="records-file">${t("agency.records_file")}</label>
        <span class="usa-error-message" id="records-file-error" hidden></span>
        <input class="usa-file-input" id="records-file" name="file" type="file" accept="application/json" aria-describedby="records-file-error"></div>
      ${button(t("agency.load"))}
    </form>
    <section id="records-result" aria-live="polite"></section>`,
  mount(root) {
    const form = root.querySelector("#records-form");
    bind(form, async () => {
      const file = form.querySelector("#records-file").files[0];
      if (!file) throw fieldError("file", t("form.required"));
      let data;
      try { data = JSON.parse(await file.text()); } catch { throw fieldError("file", t("agency.not_json")); }
      return post("/agency/records", Array.isArray(data) ? { records: data } : data);
    }, (r) => {
      root.querySelector("#records-result").innerHTML = html`<h2 tabindex="-1">${t("agency.loaded")}</h2>
        <p>${Object.entries(r.counts).map(([k, n]) => `${k}: ${n}`).join(", ")}</p>
        <table class="usa-table"><caption>${t("agency.results")}</caption><thead><tr><th scope="col">#</th><th scope="col">${t("want.type")}</th><th scope="col">${t("pay.status")}</th></tr></thead>
        <tbody>${r.results.map((x) => html`<tr><th scope="row">${x.index + 1}</th><td>${x.type || ""} ${x.key || ""}</td><td>${t(`records.status_${x.status}`)}${x.error ? html`: ${x.error}` : ""}</td></tr>`)}</tbody></table>`.text;
      root.querySelector("#records-result h2").focus();
    });
  },
};
