// A bar chart drawn as SVG, for amounts by month: an image whose title and description
// say what it shows (its highest month and its total), beside the table that holds every
// figure for a screen reader and for anyone who wants the numbers.
import { html } from "./html.js";
import { money, t } from "./i18n.js";

const W = 640, H = 220, LEFT = 8, BOTTOM = 28, TOP = 16;

/** `bars`: [{label, cents}] in the order drawn (oldest first). */
export function barChart({ id, title, bars }) {
  if (!bars.length) return html``;
  const most = Math.max(...bars.map((b) => b.cents), 1);
  const total = bars.reduce((sum, b) => sum + b.cents, 0);
  const top = bars.reduce((a, b) => (b.cents > a.cents ? b : a));
  const step = (W - LEFT * 2) / bars.length;
  const every = Math.ceil(bars.length / 8);  // at most 8 labels under the bars
  const height = (cents) => Math.round(((H - BOTTOM - TOP) * Math.max(cents, 0)) / most);
  return html`<figure class="portal-chart margin-x-0">
    <svg class="portal-chart__svg" viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="${id}-title ${id}-desc" id="${id}">
      <title id="${id}-title">${title}</title>
      <desc id="${id}-desc">${t("chart.summary", { highest: top.label, amount: money(top.cents), total: money(total), n: bars.length })}</desc>
      <line class="portal-chart__axis" x1="${LEFT}" x2="${W - LEFT}" y1="${H - BOTTOM}" y2="${H - BOTTOM}"></line>
      ${bars.map((b, i) => html`<rect class="portal-chart__bar" x="${Math.round(LEFT + i * step + step * 0.15)}" y="${H - BOTTOM - height(b.cents)}"
        width="${Math.max(Math.round(step * 0.7), 1)}" height="${height(b.cents)}"></rect>
        ${i % every === 0 ? html`<text class="portal-chart__label" x="${Math.round(LEFT + i * step + step / 2)}" y="${H - 8}" text-anchor="middle">${b.label}</text>` : ""}`)}
    </svg>
    <figcaption class="usa-hint">${t("chart.caption")}</figcaption>
  </figure>`;
}
