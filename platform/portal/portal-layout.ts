/** Escapes text for HTML content and attribute values. */
export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** The pages of the portal, in navigation order: path from the site root and title. */
export const PORTAL_PAGES = [
  { path: "index.html", title: "Apps × environments" },
  { path: "promotions.html", title: "Promotions waiting" },
  { path: "calendar.html", title: "Release calendar" },
  { path: "lineage.html", title: "Image lineage" },
  { path: "pods.html", title: "Pods" },
] as const;

const CSS = `
body{font-family:system-ui,sans-serif;margin:0;color:#1b2733;background:#fafbfc}
nav{background:#1b2733;padding:.6rem 2rem}nav a{color:#dfe7ef;margin-right:1.2rem;text-decoration:none;font-weight:500}nav a.here{color:#fff;border-bottom:2px solid #7fb3ff}
main{padding:1rem 2rem 2rem}h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:1.6rem}
table{border-collapse:collapse;background:#fff}th,td{border:1px solid #c9d3dd;padding:.35rem .6rem;vertical-align:top;font-size:.85rem;text-align:left}
th{background:#eef2f6}td.ready{background:#e3f6e8}td.progressing{background:#fff4d6}td.down,td.failed{background:#fde2e1}td.absent{color:#7a8794;background:#f4f6f8}td.unknown{background:#eef4ff}
code{font-size:.8rem}.muted{color:#6b7885}.tag{display:inline-block;padding:0 .4rem;border-radius:3px;background:#eef2f6;margin-right:.3rem;font-size:.75rem}
.filters{margin:.6rem 0 1rem}.filters input,.filters select{font-size:.95rem;padding:.25rem .4rem;margin-right:.6rem}
.open{color:#1d7a3a;font-weight:600}.closed{color:#a33}
`;

/** An empty inline icon: a static site served as is has no favicon.ico, and the browser would log its 404 on every page. */
export const FAVICON = '<link rel="icon" href="data:,">';

/** Gives a page rendered elsewhere (lineage, pods) the portal's inline icon. */
export const withFavicon = (html: string): string => html.replace("<head>", `<head>${FAVICON}`);

/** One page of the portal: navigation, inline CSS, optional inline script; `depth` is how far below the site root it lives. */
export function page(options: {
  title: string;
  body: string;
  current?: string;
  depth?: number;
  script?: string;
  generatedAt: string;
}): string {
  const up = "../".repeat(options.depth ?? 0);
  const nav = PORTAL_PAGES.map(
    (p) => `<a href="${up}${p.path}"${p.path === options.current ? ' class="here"' : ""}>${escapeHtml(p.title)}</a>`,
  ).join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
${FAVICON}<title>Beluga — ${escapeHtml(options.title)}</title><style>${CSS}</style></head>
<body><nav>${nav}</nav><main>
<h1>${escapeHtml(options.title)}</h1>
${options.body}
<p class="muted">Generated ${escapeHtml(options.generatedAt)} by <code>beluga portal</code>.</p>
</main>${options.script ? `<script>${options.script}</script>` : ""}</body></html>
`;
}

/** `sha256:0123456789ab…` → `0123456`: enough to tell digests apart on screen. */
export const shortDigest = (digest: string | undefined): string => (digest ? digest.replace(/^sha256:/, "").slice(0, 12) : "—");
