// Text extraction for OpenAI /v1/embeddings bodies: `input` as a string or string[]. Token arrays (number[] or
// number[][]) carry no text we can read; they are reported as skipped so the audit shows they went unscreened.
// The input is always screened (role "user"): scanRoles is about chat roles and an embedding input has none.
import { type ExtractOptions, type ExtractResult, isRecord } from "./text-part";

export function extractOpenAIEmbeddings(options: ExtractOptions): ExtractResult {
  const result: ExtractResult = { parts: [], skipped: [] };
  const input = isRecord(options.body) ? options.body.input : undefined;

  if (typeof input === "string") {
    result.parts.push({ role: "user", text: input, path: ["input"] });
  } else if (Array.isArray(input)) {
    if (input.length && input.every((item) => typeof item === "number")) {
      result.skipped.push({ path: ["input"], reason: "token_array" });
      return result;
    }
    input.forEach((item, i) => {
      if (typeof item === "string") result.parts.push({ role: "user", text: item, path: ["input", i] });
      else result.skipped.push({ path: ["input", i], reason: "token_array" });
    });
  }
  return result;
}
