// The USWDS step indicator: where the person is in a multi-step task.
import { html } from "./html.js";
import { t } from "./i18n.js";

export function stepIndicator(labels, current) {
  return html`<div class="usa-step-indicator usa-step-indicator--counters-sm margin-bottom-4" aria-label="${t("steps.label")}">
    <ol class="usa-step-indicator__segments">
      ${labels.map((label, i) => html`<li class="usa-step-indicator__segment ${i < current ? "usa-step-indicator__segment--complete" : i === current ? "usa-step-indicator__segment--current" : ""}" ${i === current ? html`aria-current="step"` : ""}>
        <span class="usa-step-indicator__segment-label">${label}${i < current ? html` <span class="usa-sr-only">${t("steps.completed")}</span>` : i > current ? html` <span class="usa-sr-only">${t("steps.not_completed")}</span>` : ""}</span></li>`)}
    </ol>
    <div class="usa-step-indicator__header">
      <h2 class="usa-step-indicator__heading" tabindex="-1"><span class="usa-step-indicator__heading-counter"><span class="usa-sr-only">${t("steps.step")}</span>
        <span class="usa-step-indicator__current-step">${current + 1}</span> <span class="usa-step-indicator__total-steps">${t("steps.of", { n: labels.length })}</span></span>
        <span class="usa-step-indicator__heading-text">${labels[current]}</span></h2>
    </div>
  </div>`;
}

/** Shows one step's content in place and puts focus on its heading (not when the page
 * is first drawn: the page's own heading takes it then). */
export function showStep(place, content, { focus = true } = {}) {
  place.innerHTML = content.text;
  if (focus) place.querySelector(".usa-step-indicator__heading, h2")?.focus();
}
