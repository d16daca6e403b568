// The largest non-streamed answer (or error body) the gateway reads whole from a provider. The read is in memory
// and then screened, so a broken or hostile OpenAI-compatible server sending gigabytes would exhaust the process;
// past this, the attempt fails like a network error (502 once retries and fallbacks are spent). 64 MiB leaves room
// for the largest embedding batches (2,048 inputs × 3,072 dimensions as JSON floats is ~60 MB). A declared length is
// refused before reading; a body without one is read chunk by chunk and given up at the limit (readAnswerText), in
// workerd as on Node (where node-upstream-fetch.ts also cuts the connection itself).
export const MAX_ANSWER_BYTES = 64 * 1024 * 1024;

export class AnswerTooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`the provider's answer is larger than ${maxBytes} bytes`);
    this.name = "AnswerTooLarge";
  }
}

/** Whether the answer's declared length is over the limit, so it can be refused before a byte is read. */
function declaredOver(options: { headers: Headers; maxBytes: number }): boolean {
  const declared = Number(options.headers.get("content-length"));
  return Number.isFinite(declared) && declared > options.maxBytes;
}

// Responses whose own whole-body read already stops at a limit (node-upstream-fetch.ts cuts the connection there):
// their text() is used as is, which on Node is far cheaper than reading them as a web stream.
const boundedReads = new WeakMap<Response, number>();

/** Records that `response.text()` itself fails past `maxBytes`. */
export function markBoundedRead(options: { response: Response; maxBytes: number }): void {
  boundedReads.set(options.response, options.maxBytes);
}

/**
 * The answer's text, at most `maxBytes` of it: a declared length over the limit is refused before reading, a body
 * without one is read chunk by chunk and cancelled once past the limit. Either way: AnswerTooLarge.
 */
export async function readAnswerText(options: { response: Response; maxBytes: number }): Promise<string> {
  const { response, maxBytes } = options;
  if (declaredOver({ headers: response.headers, maxBytes })) throw new AnswerTooLarge(maxBytes);
  // A declared length within the limit is what the runtime delivers, unless it decompresses (a small gzip body can
  // inflate past any limit): then the runtime's own reader, the fastest, is safe.
  const encoding = response.headers.get("content-encoding");
  const lengthHolds = response.headers.has("content-length") && (encoding === null || encoding === "identity");
  const ownBound = boundedReads.get(response);
  if (lengthHolds || (ownBound !== undefined && ownBound <= maxBytes)) return response.text();
  if (response.body === null) return "";
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    bytes += value.byteLength;
    if (bytes > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new AnswerTooLarge(maxBytes);
    }
    text += decoder.decode(value, { stream: true });
  }
}
