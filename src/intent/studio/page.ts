/** Studio's HTML pages, assembled from assets embedded in the binary (no CDN, no files read at run time). */

import explorerHtml from "./page/explorer.html" with { type: "text" };
import explorerJs from "./page/explorer.js" with { type: "text" };
import errorHtml from "./page/error.html" with { type: "text" };
import studioCss from "./page/studio.css" with { type: "text" };
import studioHtml from "./page/studio.html" with { type: "text" };
import studioJs from "./page/studio.js" with { type: "text" };
import themeCss from "./page/theme.css" with { type: "text" };

// Bun's types call an imported .html an HTML bundle and a .js a module; with type "text" both are strings.
const text = (asset: unknown): string => asset as string;

/** Escape text for HTML content and attribute values. */
function htmlEscape(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** Fill `{{NAME}}` slots in one pass, so inserted text is never scanned again. */
function fill(template: string, slots: Record<string, string>): string {
  return template.replace(/\{\{([A-Z_]+)\}\}/g, (whole, name: string) => slots[name] ?? whole);
}

/** JSON safe inside a `<script>` element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** The main Studio page for `intentPath`, talking to the app at `appUrl`. */
export function studioPage(intentPath: string, appUrl: string): string {
  return fill(text(studioHtml), {
    INTENT_FILE: htmlEscape(intentPath),
    APP_URL: htmlEscape(appUrl),
    THEME_CSS: text(themeCss),
    STUDIO_CSS: text(studioCss),
    STUDIO_JS: text(studioJs),
  });
}

/** The IAL Explorer page: `data` is what its script renders (see explorer.ts). */
export function explorerPage(intentPath: string, data: unknown): string {
  return fill(text(explorerHtml), {
    INTENT_FILE: htmlEscape(intentPath),
    THEME_CSS: text(themeCss),
    EXPLORER_DATA: scriptJson(data),
    EXPLORER_JS: text(explorerJs),
  });
}

/** The page shown while the intent file does not parse; it reloads itself until it does. */
export function errorPage(intentPath: string, error: string): string {
  return fill(text(errorHtml), { INTENT_FILE: htmlEscape(intentPath), ERROR: htmlEscape(error), THEME_CSS: text(themeCss) });
}
