// A minimal HTTP/1.1 client over a raw TCP socket, for requests real clients refuse to send: CR/LF or odd bytes in
// header values, duplicate Authorization lines, hand-made chunked bodies. One request per connection (connection:
// close); the answer is parsed just enough to assert on: status, header lines as received, de-chunked body.
import { connect } from "node:net";

export interface RawResponse {
  status: number;
  /** Header lines exactly as the server sent them, in order, names lower-cased. */
  headers: Array<{ name: string; value: string }>;
  body: string;
}

export interface RawRequestOptions {
  port: number;
  method: string;
  path: string;
  /** Written verbatim as `name: value` lines; nothing is validated or escaped, on purpose. */
  headers: Array<[string, string]>;
  body?: Uint8Array | string;
  /** Send the body as these chunks with `transfer-encoding: chunked` instead of content-length. */
  chunked?: boolean;
  /** The Host header (default 127.0.0.1:port). */
  host?: string;
  timeoutMs?: number;
}

function encodeBody(options: RawRequestOptions): { lines: string[]; bytes: Buffer } {
  const body = options.body === undefined ? Buffer.alloc(0) : Buffer.from(options.body);
  if (!options.chunked) return { lines: options.body === undefined ? [] : [`content-length: ${body.length}`], bytes: body };
  const parts: Buffer[] = [];
  for (let at = 0; at < body.length; at += 1000) {
    const slice = body.subarray(at, at + 1000);
    parts.push(Buffer.from(`${slice.length.toString(16)}\r\n`), slice, Buffer.from("\r\n"));
  }
  parts.push(Buffer.from("0\r\n\r\n"));
  return { lines: ["transfer-encoding: chunked"], bytes: Buffer.concat(parts) };
}

function dechunk(raw: Buffer): Buffer {
  const out: Buffer[] = [];
  let at = 0;
  while (at < raw.length) {
    const lineEnd = raw.indexOf("\r\n", at);
    if (lineEnd < 0) break;
    const size = parseInt(raw.subarray(at, lineEnd).toString("latin1"), 16);
    if (!Number.isFinite(size) || size === 0) break;
    out.push(raw.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(out);
}

export function parseRawResponse(raw: Buffer): RawResponse {
  const headEnd = raw.indexOf("\r\n\r\n");
  if (headEnd < 0) throw new Error(`no complete response head in ${raw.length} bytes`);
  const [statusLine, ...lines] = raw.subarray(0, headEnd).toString("latin1").split("\r\n");
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1]);
  const headers = lines.map((line) => {
    const colon = line.indexOf(":");
    return { name: line.slice(0, colon).trim().toLowerCase(), value: line.slice(colon + 1).trim() };
  });
  const rest = raw.subarray(headEnd + 4);
  const chunked = headers.some((h) => h.name === "transfer-encoding" && /chunked/i.test(h.value));
  return { status, headers, body: (chunked ? dechunk(rest) : rest).toString("utf8") };
}

export function rawRequest(options: RawRequestOptions): Promise<RawResponse> {
  const body = encodeBody(options);
  const head = [`${options.method} ${options.path} HTTP/1.1`, `host: ${options.host ?? `127.0.0.1:${options.port}`}`, "connection: close", ...body.lines, ...options.headers.map(([n, v]) => `${n}: ${v}`)];
  return new Promise((resolve, reject) => {
    const socket = connect(options.port, "127.0.0.1");
    const chunks: Buffer[] = [];
    socket.setTimeout(options.timeoutMs ?? 10_000, () => socket.destroy(new Error("raw request timed out")));
    socket.on("data", (chunk) => chunks.push(chunk));
    socket.on("error", reject);
    socket.on("close", () => {
      try {
        resolve(parseRawResponse(Buffer.concat(chunks)));
      } catch (error) {
        reject(error);
      }
    });
    socket.write(Buffer.concat([Buffer.from(head.join("\r\n") + "\r\n\r\n", "latin1"), body.bytes]));
  });
}
