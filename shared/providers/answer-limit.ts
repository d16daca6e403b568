// The largest non-streamed answer (or error body) the gateway reads whole from a provider. The read is in memory
// and then screened, so a broken or hostile OpenAI-compatible server sending gigabytes would exhaust the process;
// past this, the attempt fails like a network error (502 once retries and fallbacks are spent). 64 MiB leaves room
// for the largest embedding batches (2,048 inputs × 3,072 dimensions as JSON floats is ~60 MB). A declared length is
// refused before reading (forward.ts); on Node a body without one is cut at the limit (node-upstream-fetch.ts); in
// workerd such a body is bounded only by the isolate's memory limit.
export const MAX_ANSWER_BYTES = 64 * 1024 * 1024;

export class AnswerTooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`the provider's answer is larger than ${maxBytes} bytes`);
    this.name = "AnswerTooLarge";
  }
}

/** Whether the answer's declared length is over the limit, so it can be refused before a byte is read. */
export function declaredOver(options: { headers: Headers; maxBytes: number }): boolean {
  const declared = Number(options.headers.get("content-length"));
  return Number.isFinite(declared) && declared > options.maxBytes;
}
