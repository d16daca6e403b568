// fast-check generators for the route fuzzer: bodies (random JSON, valid bodies with one field of the wrong type,
// huge strings up to the body limit, invalid UTF-8, deep nesting, duplicate keys, random bytes), header sets (odd
// content-types, missing/duplicate/garbled credentials, huge values, random extra headers) and paths.
// Model names never steer the fake provider into a fault (no `gpt-…-hang`): faults have their own tests.
import fc from "fast-check";
import type { FuzzRoute } from "./fuzz-property";

type Json = unknown;

/** A valid body per POST route: the fuzzer starts from these and breaks one thing at a time. */
export const VALID_BODIES: Record<string, Record<string, Json>> = {
  chat: { model: "gpt-4o-mini", messages: [{ role: "user", content: "hello there" }] },
  responses: { model: "gpt-4o-mini", input: [{ role: "user", content: [{ type: "input_text", text: "hello there" }] }] },
  input_tokens: { model: "gpt-4o-mini", input: "hello there" },
  messages: { model: "claude-sonnet-4", max_tokens: 16, messages: [{ role: "user", content: "hello there" }] },
  count_tokens: { model: "claude-sonnet-4", messages: [{ role: "user", content: "hello there" }] },
  embeddings: { model: "text-embedding-3-small", input: "hello there" },
  guard: { text: "hello there", direction: "input" },
};

/** Field paths each route's schema reads (plus a few it passes through), for wrong-type mutations. */
const FIELD_PATHS: Record<string, string[][]> = {
  chat: [["model"], ["messages"], ["messages", "0"], ["messages", "0", "role"], ["messages", "0", "content"], ["stream"], ["max_tokens"], ["max_completion_tokens"], ["stream_options"], ["stream_options", "include_usage"], ["tools"], ["temperature"], ["user"]],
  responses: [["model"], ["input"], ["input", "0"], ["input", "0", "type"], ["input", "0", "role"], ["input", "0", "content"], ["input", "0", "content", "0"], ["input", "0", "content", "0", "text"], ["input", "0", "id"], ["instructions"], ["stream"], ["max_output_tokens"], ["prompt"], ["prompt", "variables"], ["tools"], ["previous_response_id"], ["conversation"]],
  input_tokens: [["model"], ["input"], ["instructions"], ["tools"], ["prompt"], ["previous_response_id"]],
  messages: [["model"], ["messages"], ["messages", "0", "role"], ["messages", "0", "content"], ["max_tokens"], ["stream"], ["system"], ["metadata"], ["container"]],
  count_tokens: [["model"], ["messages"], ["messages", "0", "role"], ["messages", "0", "content"], ["system"], ["tools"]],
  embeddings: [["model"], ["input"], ["encoding_format"], ["dimensions"]],
  guard: [["text"], ["direction"], ["system_prompt"]],
};

/** Where deep nesting goes: a field the schema checks, or one passed through to the provider untouched. */
const NESTING_FIELDS: Record<string, string[]> = { chat: ["messages", "metadata"], responses: ["input", "metadata"], input_tokens: ["input", "tools"], messages: ["messages", "metadata"], count_tokens: ["messages", "tools"], embeddings: ["input", "user"], guard: ["text", "extra"] };
const TEXT_FIELDS: Record<string, string[]> = { chat: ["messages", "0", "content"], responses: ["input", "0", "content", "0", "text"], input_tokens: ["input"], messages: ["messages", "0", "content"], count_tokens: ["messages", "0", "content"], embeddings: ["input"], guard: ["text"] };

const ROUTED_MODEL = /^(gpt-|claude-|text-embedding-)/;
/** Keeps random model names away from the fake provider's fault suffixes. */
const neutralModel = (value: Json): Json => (typeof value === "string" && ROUTED_MODEL.test(value) ? `x${value}` : value);

function setPath(target: Record<string, Json>, path: string[], value: Json | typeof DELETE): Record<string, Json> {
  const copy = structuredClone(target);
  let node = copy as Record<string, Json>;
  for (const step of path.slice(0, -1)) {
    if (typeof node[step] !== "object" || node[step] === null) node[step] = {};
    node = node[step] as Record<string, Json>;
  }
  const last = path.at(-1)!;
  if (value === DELETE) delete node[last];
  else node[last] = path.length === 1 && last === "model" ? neutralModel(value) : value;
  return copy;
}
const DELETE = Symbol("delete");

const encoder = new TextEncoder();
const INVALID_UTF8 = [[0xff], [0xfe], [0x80], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xe2, 0x82]];

function postBody(route: string, bodyLimitBytes: number): fc.Arbitrary<string | Uint8Array> {
  const valid = VALID_BODIES[route];
  const randomJson = fc.jsonValue().map((value) => JSON.stringify(value) ?? "null");
  const wrongType = fc
    .record({ path: fc.constantFrom(...FIELD_PATHS[route]), value: fc.oneof(fc.jsonValue(), fc.constant(DELETE)) })
    .map(({ path, value }) => JSON.stringify(setPath(valid, path, value as Json)));
  const extraFields = fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 5 }).map((extra) => JSON.stringify({ ...extra, ...valid }));
  // Up to the limit and past it; multi-byte characters make the byte size differ from the string length.
  const maxBytes = bodyLimitBytes + 4096;
  const huge = fc
    .record({ bytes: fc.integer({ min: 1_000, max: maxBytes }), char: fc.constantFrom("a", " ", "é", "你", "😀", "\u200b", "\\", '"') })
    .map(({ bytes, char }) => {
      const text = char.repeat(Math.floor(bytes / Math.max(encoder.encode(JSON.stringify(char)).length - 2, 1)));
      return JSON.stringify(setPath(valid, TEXT_FIELDS[route], text));
    });
  const invalidUtf8 = fc
    .record({ at: fc.nat(), bad: fc.constantFrom(...INVALID_UTF8) })
    .map(({ at, bad }) => {
      const bytes = encoder.encode(JSON.stringify(valid));
      const cut = at % bytes.length;
      return new Uint8Array([...bytes.subarray(0, cut), ...bad, ...bytes.subarray(cut)]);
    });
  const deep = fc
    .record({ depth: fc.integer({ min: 50, max: 10_000 }), open: fc.constantFrom("[", '{"a":'), topLevel: fc.boolean(), field: fc.constantFrom(...NESTING_FIELDS[route]) })
    .map(({ depth, open, topLevel, field }) => {
      const nested = open === "[" ? "[".repeat(depth) + "]".repeat(depth) : open.repeat(depth) + "1" + "}".repeat(depth);
      if (topLevel) return nested;
      const { [field]: _dropped, ...rest } = valid;
      return JSON.stringify(rest).slice(0, -1) + `${Object.keys(rest).length ? "," : ""}"${field}":${nested}}`;
    });
  const duplicateKeys = fc
    .record({ field: fc.constantFrom(...Object.keys(valid)), value: fc.jsonValue(), first: fc.boolean() })
    .map(({ field, value, first }) => {
      const json = JSON.stringify(valid);
      const dup = `${JSON.stringify(field)}:${JSON.stringify(neutralModel(value)) ?? "null"}`;
      return first ? `{${dup},${json.slice(1)}` : `${json.slice(0, -1)},${dup}}`;
    });
  const randomBytes = fc.uint8Array({ maxLength: 512 });
  const nearlyJson = fc.string({ maxLength: 200 }).map((text) => `{"model":"gpt-4o-mini",${text}`);
  return fc.oneof(
    { arbitrary: wrongType, weight: 4 },
    { arbitrary: randomJson, weight: 2 },
    { arbitrary: extraFields, weight: 1 },
    { arbitrary: huge, weight: 1 },
    { arbitrary: invalidUtf8, weight: 1 },
    { arbitrary: deep, weight: 1 },
    { arbitrary: duplicateKeys, weight: 2 },
    { arbitrary: randomBytes, weight: 1 },
    { arbitrary: nearlyJson, weight: 1 },
    { arbitrary: fc.constant(JSON.stringify(valid)), weight: 1 },
  );
}

export function bodyArbitrary(options: { route: FuzzRoute; bodyLimitBytes: number }): fc.Arbitrary<string | Uint8Array | undefined> {
  if (options.route in VALID_BODIES) return postBody(options.route, options.bodyLimitBytes);
  return fc.option(fc.oneof(fc.jsonValue().map((v) => JSON.stringify(v) ?? ""), fc.uint8Array({ maxLength: 256 })), { nil: undefined });
}

const CONTENT_TYPES = ["application/json", "application/json; charset=utf-8", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=zz", "application/json; charset=utf-16", "", "*/*", "application/jsonx"];
/** Header values real clients could send: printable ASCII (CR/LF/NUL are refused by the HTTP layer: header-injection test). */
const headerValue = (maxLength: number) => fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength });
const headerName = fc.stringMatching(/^x-[a-z0-9-]{1,20}$/);

export function headersArbitrary(options: { key: string; route: FuzzRoute }): fc.Arbitrary<Array<[string, string]>> {
  const { key } = options;
  const auth = fc.oneof(
    { arbitrary: fc.constant<Array<[string, string]>>([["authorization", `Bearer ${key}`]]), weight: 8 },
    { arbitrary: fc.constant<Array<[string, string]>>([["x-api-key", key]]), weight: 2 },
    { arbitrary: fc.constant<Array<[string, string]>>([]), weight: 1 },
    { arbitrary: fc.constant<Array<[string, string]>>([["authorization", `Bearer ${key}`], ["authorization", "Bearer eg_evil_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"]]), weight: 1 },
    { arbitrary: headerValue(300).map((v): Array<[string, string]> => [["authorization", v]]), weight: 1 },
    { arbitrary: headerValue(300).map((v): Array<[string, string]> => [["authorization", `Bearer ${key}`], ["x-api-key", v]]), weight: 1 },
  );
  const contentType = fc.option(fc.oneof(fc.constantFrom(...CONTENT_TYPES), headerValue(80)), { nil: undefined });
  const huge = fc.option(fc.integer({ min: 1_000, max: 12_000 }).map((n): [string, string] => ["x-huge", "h".repeat(n)]), { nil: undefined, freq: 4 });
  const extras = fc.array(fc.tuple(headerName, headerValue(100)), { maxLength: 4 });
  // Invalid ids only: a valid one would be reused as the request id, and two cases could then share it.
  const requestId = fc.option(fc.oneof(headerValue(40).map((v) => `bad id ${v}`), fc.constant("r".repeat(300))), { nil: undefined, freq: 4 });
  return fc.record({ auth, contentType, huge, extras, requestId }).map(({ auth, contentType, huge, extras, requestId }) => [
    ...auth,
    ...(contentType !== undefined ? [["content-type", contentType] as [string, string]] : []),
    ...(huge ? [huge] : []),
    ...(requestId !== undefined ? [["x-request-id", requestId] as [string, string]] : []),
    ...extras,
  ]);
}

const ROUTE_PATHS: Partial<Record<FuzzRoute, string>> = { chat: "/v1/chat/completions", responses: "/v1/responses", input_tokens: "/v1/responses/input_tokens", messages: "/v1/messages", count_tokens: "/v1/messages/count_tokens", embeddings: "/v1/embeddings", guard: "/v1/guard", models: "/v1/models" };
const segment = fc.stringMatching(/^[A-Za-z0-9_~-]{1,16}$/);
/** Paths the app serves; random paths that happen to equal one are skipped from the unknown-path fuzz. */
export const KNOWN_PATHS = new Set(["/healthz", "/metrics", ...Object.values(ROUTE_PATHS)]);

export function pathArbitrary(route: FuzzRoute): fc.Arbitrary<string> {
  const query = fc.option(fc.stringMatching(/^[A-Za-z0-9=&_-]{0,40}$/), { nil: undefined }).map((q) => (q ? `?${q}` : ""));
  if (route === "admin") return fc.tuple(fc.array(segment, { maxLength: 4 }), query).map(([parts, q]) => `/admin${parts.length ? "/" + parts.join("/") : ""}${q}`);
  if (route === "unknown") {
    return fc.tuple(fc.array(segment, { minLength: 1, maxLength: 5 }), query).map(([parts, q]) => `/${parts.join("/")}${q}`).filter((p) => !KNOWN_PATHS.has(p.split("?")[0]) && !p.startsWith("/admin"));
  }
  return query.map((q) => `${ROUTE_PATHS[route]}${q}`);
}

export function methodArbitrary(route: FuzzRoute): fc.Arbitrary<string> {
  if (route === "models") return fc.constant("GET");
  if (route === "admin" || route === "unknown") return fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
  return fc.constant("POST");
}
