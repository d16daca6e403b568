// Assistant texts of a request that would block for a request category (prompt_injection, jailbreak,
// harmful_request) on a learned detector's score alone, and are answers this gateway delivered to the same tenant
// (policy.resentAnswers "delivered"): assessed again without those categories' rules, so a chat is not blocked by its
// own model's earlier answer. Only a request every blocked text of which is such an answer, and at most MAX_LOOKUPS of
// them, looks anything up; a text not found, or a lookup that fails, keeps its block (fail closed), and so does a
// text a pattern detector finds an attack in.
import { REQUEST_CATEGORIES } from "../../policy/instruction-roles";
import type { DeliveredAnswers } from "../delivered-answers/delivered-answers";
import type { TextPart } from "../extract/text-part";
import type { Finding } from "../types";
import type { Assessment } from "./assess-text";

export interface ResentAnswersScope {
  store: DeliveredAnswers;
  tenant: string;
}

export interface ResentAnswersResult {
  /** The assessments, with those of recognised answers' assistant copies replaced. */
  assessments: Array<Assessment | undefined>;
  /** Parts recognised as delivered answers and reassessed, in body order. */
  recognisedParts: number[];
  /** Lookups that failed: those texts kept their block. */
  lookupFailures: number;
}

/** Most assistant texts looked up in one request (a real history has a few answers that read like requests). */
export const MAX_LOOKUPS = 8;

const isRequestFinding = (finding: Finding) => REQUEST_CATEGORIES.includes(finding.category);

/**
 * The reassessment, with the request-category findings of the first assessment kept for the audit: without those
 * categories' rules the detectors may not look for them at all (the classifier scores only the labels a policy names).
 */
function withRequestFindings(options: { again: Assessment; first: Assessment }): Assessment {
  const { again, first } = options;
  const findings = [...again.decision.findings.filter((finding) => !isRequestFinding(finding)), ...first.decision.findings.filter(isRequestFinding)];
  return { ...again, decision: { ...again.decision, findings } };
}

/**
 * Blocked for a request category by findings of learned detectors only (a detector failure's block is not the text's
 * doing). A benign answer that reads like a request does so to a model; a request-category finding of a pattern
 * detector means the text holds an attack's own words (an injection a model was tricked into writing, by decoding
 * it, say), and a text like that stays blocked even when the gateway delivered it.
 */
function blocksAsRequest(options: { assessment: Assessment | undefined; learned: ReadonlySet<string> }): boolean {
  const decision = options.assessment?.decision;
  if (!decision || decision.action !== "block" || decision.failedClosed) return false;
  if (!decision.triggered.some((entry) => entry.action === "block" && REQUEST_CATEGORIES.includes(entry.category))) return false;
  return decision.findings.every((finding) => !isRequestFinding(finding) || options.learned.has(finding.detector));
}

export async function reassessResentAnswers(options: {
  parts: readonly TextPart[];
  assessments: ReadonlyArray<Assessment | undefined>;
  scope: ResentAnswersScope;
  /** Ids of the learned detectors (Detector.learned): only their request-category findings are excused. */
  learned: ReadonlySet<string>;
  /** Assesses a part under the delivered-answer form of its policy. */
  reassess: (part: TextPart) => Assessment | Promise<Assessment>;
}): Promise<ResentAnswersResult> {
  const { parts, assessments, scope } = options;
  const unchanged: ResentAnswersResult = { assessments: [...assessments], recognisedParts: [], lookupFailures: 0 };
  // A text the body repeats shares one assessment: it is looked up and reassessed once.
  const candidates = new Map<Assessment, number>();
  for (let i = 0; i < parts.length; i++) {
    const assessment = assessments[i];
    if (assessment?.decision.action !== "block") continue;
    const part = parts[i];
    const excusable = part.role === "assistant" && (part.kind ?? "message") === "message" && blocksAsRequest({ assessment, learned: options.learned });
    // Another text blocks the request whatever the answers are: nothing to look up.
    if (!excusable) return unchanged;
    if (!candidates.has(assessment)) candidates.set(assessment, i);
  }
  // More would-block answers than any chat resends: a crafted body, not looked up (each lookup may be a store read).
  if (candidates.size === 0 || candidates.size > MAX_LOOKUPS) return unchanged;
  let lookupFailures = 0;
  const replaced = new Map<Assessment | undefined, Assessment>();
  await Promise.all(
    [...candidates].map(async ([assessment, i]) => {
      const known = await scope.store.knows({ tenant: scope.tenant, text: parts[i].text }).catch(() => {
        lookupFailures++;
        return false;
      });
      if (known) replaced.set(assessment, withRequestFindings({ again: await options.reassess(parts[i]), first: assessment }));
    }),
  );
  const recognisedParts: number[] = [];
  const updated = assessments.map((assessment, i) => {
    // The same words as a user's text share the assessment too: only assistant copies are answers.
    const again = parts[i].role === "assistant" ? replaced.get(assessment) : undefined;
    if (!again) return assessment;
    recognisedParts.push(i);
    return again;
  });
  return { assessments: updated, recognisedParts, lookupFailures };
}
