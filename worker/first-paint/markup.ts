/**
 * The overview's figures as HTML, drawn by the Worker into the page before the application has loaded
 * (overview-page.ts): the six KPI cards where the application will draw them, in the same words
 * (dashboard/src/pages/chatbot/overview-kpis.ts, lib/trend.ts, lib/format.ts), with the styles inline so that
 * nothing but the page itself is needed to show them. The application removes the overlay once it draws the page.
 */
import { formatFigure } from "../../dashboard/src/lib/format";
import { FIRST_PAINT_DATA_ID, FIRST_PAINT_ID, type FirstPaint } from "../../dashboard/src/lib/first-paint-contract";
import { trendWords } from "../../dashboard/src/lib/trend";
import { OVERVIEW_KPIS, trendOptions } from "../../dashboard/src/pages/chatbot/overview-kpis";

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/**
 * The answer as a JSON data block. `<` is escaped so that no value can close the element; a data block is not
 * run, so the page's policy (`script-src 'self'`) has nothing to refuse.
 */
export const dataBlock = (painted: FirstPaint) =>
  `<script type="application/json" id="${FIRST_PAINT_DATA_ID}">${JSON.stringify(painted).replace(/</g, "\\u003c")}</script>`;

/**
 * Sizes, colours and breakpoints of the application's frame (AppFrame: a 56 px header, a 230 px navigation from
 * 48em) and KPI cards (KpiCard: 112 px high; 2, 3 and, from 88em, 6 a row), so the application's page replaces the
 * overlay without moving the figures much. Colours meet WCAG AA in both schemes (dimmed text 7:1 and more).
 */
const STYLE = `
.fp{position:fixed;inset:0;z-index:1000;overflow:hidden;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;--fp-bg:#fff;--fp-text:#000;--fp-dim:#495057;--fp-line:#dee2e6;background:var(--fp-bg);color:var(--fp-text)}
@media (prefers-color-scheme:dark){.fp:not([data-scheme=light]){--fp-bg:#242424;--fp-text:#c9c9c9;--fp-dim:#b8b8b8;--fp-line:#424242}}
.fp[data-scheme=dark]{--fp-bg:#242424;--fp-text:#c9c9c9;--fp-dim:#b8b8b8;--fp-line:#424242}
.fp-head{height:56px;box-sizing:border-box;border-bottom:1px solid var(--fp-line);display:flex;align-items:center;gap:8px;padding:0 16px;font-weight:700}
.fp-main{padding:16px}
@media (min-width:48em){.fp-main{padding-left:246px}}
.fp-crumb{height:26px;margin-bottom:16px}
.fp-header{min-height:74px;margin-bottom:16px}
.fp-title{margin:0;font-size:26px;line-height:1.35}
.fp-sub{margin:4px 0 0;font-size:14px;color:var(--fp-dim)}
.fp-kpis{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:12px}
@media (min-width:48em){.fp-kpis{grid-template-columns:repeat(3,minmax(0,1fr))}}
@media (min-width:88em){.fp-kpis{grid-template-columns:repeat(6,minmax(0,1fr))}}
.fp-kpi{box-sizing:border-box;height:112px;padding:16px;border:1px solid var(--fp-line);border-radius:8px}
.fp-label{font-size:12px;font-weight:700;text-transform:uppercase;color:var(--fp-dim);white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.fp-value{margin-top:6px;font-size:26px;font-weight:700;line-height:1.2;font-variant-numeric:tabular-nums}
.fp-trend{margin-top:6px;font-size:12px;color:var(--fp-dim)}
`.replace(/\n/g, "");

/** The overlay: the frame's header and the overview's heading and KPI cards, figures formatted in `locale`. */
export function overlay(painted: FirstPaint, locale: string, scheme: "light" | "dark" | null): string {
  const kpis = painted.overview.kpis;
  const cards = Object.values(OVERVIEW_KPIS)
    .map((spec) => {
      const trend = kpis[spec.field];
      const words = trendWords(trend, trendOptions(spec));
      const said = words.kind === "none" ? "no previous data" : words.kind === "flat" ? "→ no change vs previous" : `${words.arrow} ${words.amount} vs previous`;
      return (
        `<div class="fp-kpi" data-testid="kpi-${spec.id}"><div class="fp-label">${escapeHtml(spec.label)}</div>` +
        `<div class="fp-value" data-testid="kpi-${spec.id}-value" elementtiming="kpi-${spec.id}">${escapeHtml(formatFigure(spec.format, trend.value, locale))}</div>` +
        `<div class="fp-trend">${escapeHtml(said)}</div></div>`
      );
    })
    .join("");
  // Hidden from assistive technology: it is a picture of the page for the moment before the page itself arrives.
  return (
    `<div id="${FIRST_PAINT_ID}" class="fp" aria-hidden="true"${scheme ? ` data-scheme="${scheme}"` : ""}><style>${STYLE}</style>` +
    `<div class="fp-head"><img src="/favicon.svg" width="26" height="26" alt="">OpenBat</div>` +
    `<div class="fp-main"><div class="fp-crumb"></div><div class="fp-header"><h1 class="fp-title">Overview</h1><p class="fp-sub">How your users feel, as it happens.</p></div>` +
    `<div class="fp-kpis">${cards}</div></div></div>`
  );
}
