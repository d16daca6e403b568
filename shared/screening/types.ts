// The screening contract: categories, spans, findings and the detector interface every detector implements.
import type { Policy } from "../policy/schema";

// Public shapes (Category, SpanType, Finding, Verdict) are fixed by ../shared/DESIGN.md; do not rename fields.

export const CATEGORIES = [
  "prompt_injection",
  "jailbreak",
  "harmful_request",
  "toxicity",
  "pii",
  "secret",
  "invisible_text",
  "exfiltration",
  "canary_leak",
  "banned_topic",
] as const;
export type Category = (typeof CATEGORIES)[number];

/** The span types of `pii` findings. */
export const PII_SPAN_TYPES = ["email", "phone", "credit_card", "ssn", "iban", "ip_address", "passport"] as const;
/** The span types of `secret` findings. */
export const SECRET_SPAN_TYPES = [
  "aws_access_key", "aws_secret_key", "github_token", "slack_token", "stripe_key", "openai_key",
  "anthropic_key", "google_api_key", "private_key", "jwt", "password_in_url", "generic_api_key",
] as const;
export const SPAN_TYPES = [...PII_SPAN_TYPES, ...SECRET_SPAN_TYPES] as const;
export type SpanType = (typeof SPAN_TYPES)[number];

export type Direction = "input" | "output";
export type Action = "allow" | "flag" | "redact" | "block";

/** A UTF-16 code-unit range into the text the caller sent (not the normalised copy). */
export interface Span {
  start: number;
  end: number;
  type: string;
}

export interface Finding {
  detector: string;
  category: Category;
  /** 0..1: how sure the detector is. Policy compares it with the category threshold. */
  score: number;
  spans?: Span[];
}

export interface Verdict {
  action: Action;
  findings: Finding[];
  redacted_text?: string;
  timings_ms: Record<string, number>;
}

/**
 * What a detector sees. `original` is what the caller sent; `cleaned` has invisible characters removed
 * (`toOriginal` maps a cleaned offset back); `normalised` is NFKC + confusable-folded + lower-cased cleaned text
 * with decoded base64/hex/rot13 payloads appended, for detectors that judge meaning rather than locate spans.
 */
export interface ScanInput {
  readonly original: string;
  readonly cleaned: string;
  toOriginal(cleanedOffset: number): number;
  readonly normalised: string;
  /**
   * The decoded payloads (base64, hex, rot13, …) appended to `normalised`, each on its own: a score over the whole
   * text is diluted by the encoded form and its carrier sentence, so the classifier also scores each alone. Absent on
   * hand-built inputs: read as none.
   */
  readonly normalisedPayloads?: readonly string[];
}

export interface ScanContext {
  direction: Direction;
  /** The tenant's effective policy: detectors read their own settings from it (banned topics, canaries, hosts). */
  policy: Policy;
  /** The system prompt of the conversation (output detectors compare the answer with it). */
  systemPrompt?: string;
  /** The prompt the answer replies to (output scanners may need it). */
  prompt?: string;
  signal?: AbortSignal;
  /**
   * The text is a stream's rolling window: cut from the answer's text before it, or followed by text still to come.
   * Learned detectors calibrated on whole texts read such a window differently (fragment-calibration.ts).
   */
  fragment?: boolean;
  /**
   * More text may follow this one (a stream window before the stream's end): its last word may be unfinished, so a
   * match that ends with it ("bet" of "better") is not a match yet. The unfinished word is held back until it is whole.
   */
  openEnded?: boolean;
}

/** What a screened text is: a message's text, or a tool definition's description (extract/tool-definitions.ts). */
export type TextKind = "message" | "tool_definition";

export interface Detector {
  /** Stable id, used as the `detector` field of findings and as the key of `timings_ms`. */
  readonly id: string;
  readonly categories: readonly Category[];
  readonly directions: readonly Direction[];
  /** Kinds of text the detector is run on; all when absent. */
  readonly screens?: readonly TextKind[];
  /**
   * Its scores say how much a text resembles what it was trained on (a learned model), not that the text holds a
   * pattern it matched. Policy may weigh the two differently (policy.resentAnswers excuses only resemblance).
   */
  readonly learned?: boolean;
  scan(input: ScanInput, context: ScanContext): Finding[] | Promise<Finding[]>;
}
