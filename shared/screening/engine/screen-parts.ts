// Screens every text part of a request body: detectors run for all parts in parallel, then redaction happens
// part by part in body order, so placeholder numbers are stable ([EMAIL_1] is the first email in the body)
// and one vault serves the whole request (the same value gets the same placeholder in every part). Input texts already
// found clean in the same scope under the same policy are not screened again (clean-text-cache.ts), and an assistant
// text that would block as a request is let through when it is an answer the gateway delivered (resent-answers.ts).
import { policyForDeliveredAnswer, policyForRole } from "../../policy/instruction-roles";
import type { Policy } from "../../policy/schema";
import type { TextPart } from "../extract/text-part";
import { systemPromptOf } from "../extract/text-part";
import { prepareScanInput } from "../normalise/prepare-scan-input";
import { createRedactionVault, type RedactionVault } from "../redact/redaction-vault";
import type { Detector, Direction, ScanInput, TextKind } from "../types";
import { assessText, type Assessment } from "./assess-text";
import { mergeScreenResults, type PartsScreenResult } from "./merge-screen-results";
import type { CacheScope, CleanTextCache } from "./clean-text-cache";
import { reassessResentAnswers, type ResentAnswersScope } from "./resent-answers";
import { CLEAN_RESULT, finishScreening } from "./screen-result";

export type { PartFailure, PartsScreenResult } from "./merge-screen-results";

export interface ScreenPartsOptions {
  parts: readonly TextPart[];
  direction: Direction;
  policy: Policy;
  detectors: readonly Detector[];
  vault?: RedactionVault;
  signal?: AbortSignal;
  /** Defaults to the system/developer texts among the parts. */
  systemPrompt?: string;
  prompt?: string;
  now?: () => number;
  /** Input only: skip texts this cache found clean in this scope, and remember those found clean now. */
  cleanTexts?: { cache: CleanTextCache; scope: CacheScope };
  /** Input only, under policy.resentAnswers "delivered": where delivered answers are looked up, for which tenant. */
  resentAnswers?: ResentAnswersScope;
  /** The normaliser; replaceable only so engine tests can pin a ScanInput. */
  prepare?: (text: string) => ScanInput;
}

/** The detectors that screen each kind of text (Detector.screens), filtered once per request. */
function detectorsByKind(detectors: readonly Detector[]): Record<TextKind, readonly Detector[]> {
  const screening = (kind: TextKind) => detectors.filter((detector) => !detector.screens || detector.screens.includes(kind));
  return { message: screening("message"), tool_definition: screening("tool_definition") };
}

export async function screenParts(options: ScreenPartsOptions): Promise<PartsScreenResult> {
  const { parts, prepare = prepareScanInput, vault = createRedactionVault() } = options;
  const systemPrompt = options.systemPrompt ?? systemPromptOf(parts);
  const { detectors, policy } = options;
  const byKind = detectorsByKind(detectors);
  const cleanTexts = options.direction === "input" ? options.cleanTexts : undefined;
  // Input texts of the app's own instruction roles run under their own policy (policy/instruction-roles.ts).
  const policyFor = (part: TextPart): Policy => (options.direction === "input" ? policyForRole({ policy, role: part.role }) : policy);
  const assessUncached = (part: TextPart, partPolicy: Policy) =>
    assessText({
      input: prepare(part.text),
      direction: options.direction,
      policy: partPolicy,
      detectors: byKind[part.kind ?? "message"],
      systemPrompt,
      prompt: options.prompt,
      signal: options.signal,
      now: options.now,
    });
  const assess = (part: TextPart, partPolicy: Policy): Assessment | undefined | Promise<Assessment | undefined> => {
    const entry = cleanTexts && { detectors, policy: partPolicy, scope: cleanTexts.scope, part };
    if (entry && cleanTexts?.cache.has(entry)) return undefined;
    const assessment = assessUncached(part, partPolicy);
    if (!entry) return assessment;
    // Written out: a spread copy that gains properties costs ~1 µs each on Node 20 (docs/performance.md, session 19).
    const remember = (done: Assessment) => (
      cleanTexts?.cache.rememberIfClean({ detectors: entry.detectors, policy: entry.policy, scope: entry.scope, part, assessment: done, requestParts: parts }),
      done
    );
    return assessment instanceof Promise ? assessment.then(remember) : remember(assessment);
  };
  // A text the body repeats (a parameter description shared by tools, a pasted block) is assessed once per policy;
  // each copy is still redacted in its own place, and its detector time counted once.
  // Keyed by kind and policy, then by the text itself: a key built from the text would be a copy of it to hash again,
  // where the text's own hash is computed once and kept by V8 (the clean-text cache looks it up by the same string).
  const byText = new Map<string, Map<string, Assessment | undefined | Promise<Assessment | undefined>>>();
  const pending = parts.map((part) => {
    const partPolicy = policyFor(part);
    const group = partPolicy === policy ? (part.kind ?? "message") : `${part.kind ?? "message"}\u0000instructions`;
    let texts = byText.get(group);
    if (!texts) byText.set(group, (texts = new Map()));
    if (texts.has(part.text)) return { assessment: texts.get(part.text), first: false };
    const assessment = assess(part, partPolicy);
    texts.set(part.text, assessment);
    return { assessment, first: true };
  });
  const answers = pending.map((entry) => entry.assessment);
  // Synchronous detectors (the default set) leave nothing to wait for: no promise per text.
  let assessments = answers.some((answer) => answer instanceof Promise) ? await Promise.all(answers) : (answers as Array<Assessment | undefined>);
  // Only a request with a blocked text can hold a delivered answer to let through: no lookup, no await otherwise.
  const resent =
    options.direction === "input" && options.resentAnswers && policy.resentAnswers === "delivered" && assessments.some((done) => done?.decision.action === "block")
      ? await reassessResentAnswers({
          parts,
          assessments,
          scope: options.resentAnswers,
          learned: new Set(detectors.filter((detector) => detector.learned).map((detector) => detector.id)),
          reassess: (part) => assessUncached(part, policyForDeliveredAnswer(policyFor(part))),
        })
      : undefined;
  if (resent) assessments = resent.assessments;
  // Placeholder-looking text anywhere in the body must not collide with the placeholders issued below.
  for (const part of parts) vault.reserve(part.text);
  const results = assessments.map((assessment, i) => {
    if (!assessment) return CLEAN_RESULT;
    const result = finishScreening({ assessment, vault });
    return pending[i].first ? result : { ...result, timings_ms: {} };
  });
  const merged = mergeScreenResults(results);
  if (resent) {
    merged.resentAnswerParts = resent.recognisedParts;
    merged.resentAnswerLookupFailures = resent.lookupFailures;
  }
  return merged;
}
