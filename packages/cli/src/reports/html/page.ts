import { pageAssets } from './assets.js';
import { provenance } from './blocks.js';
import { html, inlineScript, raw, type Markup } from './markup.js';
import type { Provenance } from './provenance.js';

/**
 * No request may leave the page: it works offline, and a report opened later shows what it showed
 * when it was written. Inline scripts and styles and data: images are all it needs.
 */
const POLICY = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:";

/** A whole report: one self-contained HTML file, with Chart.js, the page script and styles inlined. */
export function renderPage(page: { title: string; heading: string; lead?: Markup | string; sections: Markup[]; provenance: Provenance }): string {
  const assets = pageAssets();
  return `<!DOCTYPE html>\n${html`<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${raw(POLICY)}"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="generator" content="hwcost ${page.provenance.hwcost}"><title>${page.title}</title><style>${raw(assets.style)}</style></head><body><header><h1>${page.heading}</h1>${page.lead ? html`<p class="lead">${page.lead}</p>` : null}</header><main>${page.sections}${provenance(page.provenance)}</main>${inlineScript(assets.chartJs)}${inlineScript(assets.script)}</body></html>`}\n`;
}
