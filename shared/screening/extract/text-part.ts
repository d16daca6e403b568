// The unit of request screening: one piece of text found in an API body, with its role and where it lives, plus
// writing redacted texts back into a copy of the body and reading the system prompt off the parts.
import type { MESSAGE_ROLES } from "../../policy/schema";
import type { TextKind } from "../types";

export type PartRole = (typeof MESSAGE_ROLES)[number];
export type BodyPath = Array<string | number>;

export interface TextPart {
  role: PartRole;
  /** A message's text (default) or a tool definition's: each is screened by the detectors that screen its kind. */
  kind?: TextKind;
  text: string;
  /** Where the text sits in the body, e.g. ["messages", 2, "content", 0, "text"]. */
  path: BodyPath;
}

export type SkipReason = "token_array" | "non_text_content";

/** Content we saw but could not screen as text (images, token arrays, tool inputs): reported for the audit. */
export interface SkippedContent {
  path: BodyPath;
  reason: SkipReason;
}

export interface ExtractResult {
  parts: TextPart[];
  skipped: SkippedContent[];
}

export interface ExtractOptions {
  body: unknown;
  /** Roles whose text is screened (policy.scanRoles); other roles' texts are not extracted. */
  scanRoles: readonly PartRole[];
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * A copy of `body` with `texts[i]` written at `parts[i].path` (undefined leaves a part as it was). The input is not
 * mutated: the caller may still need the original for the audit or a retry.
 */
export function writeBack<T>(options: { body: T; parts: readonly TextPart[]; texts: ReadonlyArray<string | undefined> }): T {
  const { body, parts, texts } = options;
  if (parts.length !== texts.length) throw new RangeError(`writeBack: ${parts.length} parts but ${texts.length} texts`);
  const copy = structuredClone(body);
  parts.forEach((part, index) => {
    const text = texts[index];
    if (text === undefined || text === part.text) return;
    let node: unknown = copy;
    for (const key of part.path.slice(0, -1)) node = (node as Record<string | number, unknown>)[key];
    const last = part.path[part.path.length - 1];
    if (typeof node !== "object" || node === null || typeof (node as Record<string | number, unknown>)[last] !== "string") {
      throw new TypeError(`writeBack: no text at ${JSON.stringify(part.path)}`);
    }
    (node as Record<string | number, unknown>)[last] = text;
  });
  return copy;
}

/** The system (and developer) instructions, joined: output detectors compare the answer with them (canaries). */
export function systemPromptOf(parts: readonly TextPart[]): string | undefined {
  const texts = parts.filter((p) => p.role === "system" || p.role === "developer").map((p) => p.text);
  return texts.length ? texts.join("\n") : undefined;
}
