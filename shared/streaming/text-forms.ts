// What each form of screened text (TextForm, surface.ts) allows on its way to the client, for streams and whole
// answers alike: which restore puts the prompt's placeholders back into it, and what a redaction becomes in text that
// is never redacted (the policy's verbatimText rule).
import { jsonStringRestore, type RestoreFn } from "./channel-window";
import type { ScreenResult } from "./screening-engine";
import type { TextForm } from "./surface";

/** Text forms that are never redacted: what the policy would redact in them is decided by `verbatimText`. */
export type VerbatimForm = Exclude<TextForm, "text">;

/** The restore for each form: as is for text and free-form input, escaped for JSON strings, none for signed text. */
export function restorersByForm(restore: RestoreFn | undefined): Record<TextForm, RestoreFn | undefined> {
  return { text: restore, raw: restore, json: restore && jsonStringRestore(restore), signed: undefined };
}

/**
 * A screen result for text of `form`: unchanged for text; for text never rewritten, a redaction becomes the policy's
 * `verbatimText` action (a block, or a flag with no spans), and `kept` names the form when it was let through.
 */
export function applyVerbatimText(options: { form: TextForm; result: ScreenResult; verbatimText: "flag" | "block" }): { result: ScreenResult; kept?: VerbatimForm } {
  const { form, result, verbatimText } = options;
  if (form === "text" || result.action !== "redact") return { result };
  return { result: { ...result, action: verbatimText, spans: [] }, ...(verbatimText === "flag" ? { kept: form } : {}) };
}
