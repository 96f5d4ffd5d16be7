/**
 * The check's HTTP client (cli.md §6 step 4): one raw HTTP/1.1 request per test with
 * `connection: close`, read to EOF; up to 50 connection attempts 100 ms apart; 10 s read limit.
 * No gzip (no accept-encoding is sent); a chunked body is decoded so apps that stream still pass.
 */

import { connect, type Socket } from "node:net";

export interface HttpRequest {
  method: string;
  path: string;
  body?: string;
}

export interface HttpResponse {
  status: number;
  /** Lower-cased names; a repeated header keeps its last value. */
  headers: Record<string, string>;
  body: string;
  /** Time from sending the request to the end of the response. */
  elapsedMs: number;
}

export interface Target {
  host: string;
  port: number;
}

const CONNECT_ATTEMPTS = 50;
const RETRY_DELAY_MS = 100;
const READ_TIMEOUT_MS = 10_000;

/** `http://127.0.0.1:8081` → host and port. */
export function targetOf(baseUrl: string): Target {
  const url = new URL(baseUrl);
  const port = url.port ? Number(url.port) : url.protocol === "https:" ? 443 : 80;
  return { host: url.hostname.replace(/^\[|\]$/g, ""), port };
}

function openSocket(target: Target): Promise<Socket | null> {
  return new Promise((resolve) => {
    const socket = connect({ host: target.host, port: target.port });
    socket.once("connect", () => resolve(socket));
    socket.once("error", () => {
      socket.destroy();
      resolve(null);
    });
  });
}

/** Send one request (connecting up to `attempts` times); null when no connection could be made. */
export async function sendRequest(target: Target, request: HttpRequest, attempts = CONNECT_ATTEMPTS): Promise<HttpResponse | null> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    const socket = await openSocket(target);
    if (socket) {
      const response = await exchange(socket, target, request);
      if (response) return response;
    }
    if (attempt + 1 < attempts) await Bun.sleep(RETRY_DELAY_MS);
  }
  return null;
}

function requestBytes(target: Target, request: HttpRequest): Buffer {
  const path = request.path.startsWith("/") ? request.path : `/${request.path}`;
  const body = Buffer.from(request.body ?? "", "utf8");
  const lines = [`${request.method} ${path} HTTP/1.1`, `host: ${target.host}:${target.port}`, "connection: close"];
  if (body.length > 0) lines.push("content-type: application/json", `content-length: ${body.length}`);
  return Buffer.concat([Buffer.from(`${lines.join("\r\n")}\r\n\r\n`, "latin1"), body]);
}

/** Write the request, read to EOF (or the time limit); null when nothing came back. */
function exchange(socket: Socket, target: Target, request: HttpRequest): Promise<HttpResponse | null> {
  const started = performance.now();
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      const raw = Buffer.concat(chunks);
      resolve(raw.length === 0 ? null : parseResponse(raw, performance.now() - started));
    };
    const timer = setTimeout(finish, READ_TIMEOUT_MS);
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.once("end", finish);
    socket.once("close", finish);
    socket.once("error", finish);
    socket.write(requestBytes(target, request));
  });
}

function parseResponse(raw: Buffer, elapsedMs: number): HttpResponse {
  const split = raw.indexOf("\r\n\r\n");
  const head = raw.subarray(0, split < 0 ? raw.length : split).toString("latin1");
  let bodyBytes = split < 0 ? Buffer.alloc(0) : raw.subarray(split + 4);
  const [statusLine = "", ...headerLines] = head.split("\r\n");
  const status = Number.parseInt(statusLine.split(/\s+/)[1] ?? "", 10);
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  if (/\bchunked\b/i.test(headers["transfer-encoding"] ?? "")) bodyBytes = dechunk(bodyBytes);
  else if (headers["content-length"] !== undefined) {
    const length = Number(headers["content-length"]);
    if (Number.isInteger(length) && length >= 0) bodyBytes = bodyBytes.subarray(0, length);
  }
  return { status: Number.isFinite(status) ? status : 0, headers, body: bodyBytes.toString("utf8"), elapsedMs };
}

function dechunk(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  while (offset < data.length) {
    const lineEnd = data.indexOf("\r\n", offset);
    if (lineEnd < 0) break;
    const size = Number.parseInt(data.subarray(offset, lineEnd).toString("latin1"), 16);
    if (!Number.isFinite(size) || size === 0) break;
    parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
    offset = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}
