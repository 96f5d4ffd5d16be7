/**
 * Content types of static files (http-server.md §8): the spec's table, looked up by the
 * file's extension without regard to case; any other extension is `application/octet-stream`.
 * Bun's own table is larger and spells some types differently (`text/html;charset=utf-8`,
 * `text/javascript` for `.mjs`, `chemical/x-xyz`), so it is not used.
 */

const UTF8 = "; charset=utf-8";

const TYPES: Record<string, string> = {
  html: `text/html${UTF8}`,
  htm: `text/html${UTF8}`,
  css: `text/css${UTF8}`,
  js: `application/javascript${UTF8}`,
  mjs: `application/javascript${UTF8}`,
  json: `application/json${UTF8}`,
  xml: "application/xml",
  txt: `text/plain${UTF8}`,
  md: `text/markdown${UTF8}`,
  csv: `text/csv${UTF8}`,
  yaml: `application/x-yaml${UTF8}`,
  yml: `application/x-yaml${UTF8}`,
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  svg: "image/svg+xml",
  ico: "image/x-icon",
  webp: "image/webp",
  woff: "font/woff",
  woff2: "font/woff2",
  ttf: "font/ttf",
  otf: "font/otf",
  eot: "application/vnd.ms-fontobject",
  pdf: "application/pdf",
  wasm: "application/wasm",
  zip: "application/zip",
  gz: "application/gzip",
  gzip: "application/gzip",
  tar: "application/x-tar",
  mp3: "audio/mpeg",
  mp4: "video/mp4",
  webm: "video/webm",
  ogg: "audio/ogg",
  wav: "audio/wav",
};

/** The content type a static file is served with, from its path's extension. */
export function staticContentType(path: string): string {
  const slash = Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\"));
  const dot = path.lastIndexOf(".");
  if (dot <= slash + 1) return "application/octet-stream";
  return TYPES[path.slice(dot + 1).toLowerCase()] ?? "application/octet-stream";
}
