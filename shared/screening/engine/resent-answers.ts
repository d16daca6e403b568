// Assistant texts of a request that would block for a request category (prompt_injection, jailbreak,
// harmful_request) and are answers this gateway delivered to the same tenant (policy.resentAnswers "delivered"):
// assessed again without those categories' rules, so a chat is not blocked by its own model's earlier answer. Only
// the would-block path looks anything up; a text not found, or a lookup that fails, keeps its block (fail closed).
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

/** Blocked for a request category, by its findings (a detector failure's block is not the text's doing). */
function blocksAsRequest(assessment: Assessment | undefined): boolean {
  const decision = assessment?.decision;
  if (!decision || decision.action !== "block" || decision.failedClosed) return false;
  return decision.triggered.some((entry) => entry.action === "block" && REQUEST_CATEGORIES.includes(entry.category));
}

export async function reassessResentAnswers(options: {
  parts: readonly TextPart[];
  assessments: ReadonlyArray<Assessment | undefined>;
  scope: ResentAnswersScope;
  /** Assesses a part under the delivered-answer form of its policy. */
  reassess: (part: TextPart) => Assessment | Promise<Assessment>;
}): Promise<ResentAnswersResult> {
  const { parts, assessments, scope } = options;
  // A text the body repeats shares one assessment: it is looked up and reassessed once.
  const candidates = new Map<Assessment, number>();
  assessments.forEach((assessment, i) => {
    const part = parts[i];
    if (part.role === "assistant" && (part.kind ?? "message") === "message" && blocksAsRequest(assessment) && !candidates.has(assessment!)) {
      candidates.set(assessment!, i);
    }
  });
  if (candidates.size === 0) return { assessments: [...assessments], recognisedParts: [], lookupFailures: 0 };
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
