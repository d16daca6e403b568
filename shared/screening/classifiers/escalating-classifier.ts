// The optional escalation tier (off unless a Workers AI binding is passed): the local classifier scores every text;
// only labels whose score falls in an uncertain band around the policy threshold go to a remote guard model, whose
// verdict moves the score above the threshold (unsafe) or below the band (safe). Timeout and errors follow
// `failMode`, and every escalation is reported through `onEscalation` so it can be audited.
import type { Detector, Finding, ScanContext, ScanInput } from "../types";
import { CLASSIFIER_DETECTOR_ID, classifierScores, findingsFromScores, RECOMMENDED_THRESHOLDS } from "./classifier-detector";
import { CLASSIFIER_LABELS, sigmoid, type ClassifierLabel, type ClassifierScores } from "./linear-model";

/** The part of a Workers AI binding (`env.AI`) this tier uses. */
export interface WorkersAiBinding {
  run(model: string, inputs: Record<string, unknown>): Promise<unknown>;
}

/** The remote model's opinion per label: true = unsafe, false = safe, absent = no opinion (keep the local score). */
export type RemoteVerdict = Partial<Record<ClassifierLabel, boolean>>;

/**
 * The uncertain band, in logit units around the label's threshold: escalate when
 * logit(threshold) - below <= logit(score) < logit(threshold) + above. Label-independent, unlike raw score offsets
 * (thresholds range from 0.4 to 0.9). below 2 ≈ "odds up to 7x lower than the threshold's".
 */
export interface EscalationBand {
  below: number;
  above: number;
}

/** What happened for one escalated text, for audit and metrics. */
export interface EscalationEvent {
  labels: ClassifierLabel[];
  outcome: "verdict" | "timeout" | "error" | "skipped_aborted";
  verdict?: RemoteVerdict;
  elapsedMs: number;
}

export interface EscalatingClassifierOptions {
  /** The Workers AI binding; without one the detector is the plain local classifier. */
  ai?: WorkersAiBinding;
  /** Workers AI model id. Llama Guard judges harmful content, not injections (see interpret). */
  model?: string;
  band?: EscalationBand;
  /** Keep under the policy's detectorTimeoutMs (default 250 ms), or that timeout fires first. */
  timeoutMs?: number;
  /**
   * On timeout or error: "local" keeps the local score (default), "open" treats the text as safe, "closed" as unsafe.
   * Every one is reported through onEscalation.
   */
  failMode?: "local" | "open" | "closed";
  /** Turns the model's response into per-label verdicts; the default reads Llama Guard 3's output. */
  interpret?: (response: unknown, labels: readonly ClassifierLabel[]) => RemoteVerdict;
  /** Longest text sent (UTF-16 units, from the start): bounds remote cost. */
  maxChars?: number;
  minScore?: number;
  onEscalation?: (event: EscalationEvent) => void;
  /** Injected clock (tests). */
  now?: () => number;
}

export const DEFAULT_ESCALATION_MODEL = "@cf/meta/llama-guard-3-8b";
export const DEFAULT_BAND: EscalationBand = { below: 2, above: 1 };

const logit = (p: number): number => Math.log(Math.max(p, 1e-9) / Math.max(1 - p, 1e-9));

/** Llama Guard 3 answers "safe" or "unsafe" plus hazard codes (S1..S14); S10 is hate. It has no injection opinion. */
export function interpretLlamaGuard(response: unknown, labels: readonly ClassifierLabel[]): RemoteVerdict {
  const body = (response as { response?: unknown } | null)?.response ?? response;
  let unsafe: boolean | undefined;
  let categories: string[] = [];
  if (typeof body === "string") {
    const lines = body.trim().toLowerCase().split(/\s+/);
    if (lines[0] === "safe" || lines[0] === "unsafe") unsafe = lines[0] === "unsafe";
    categories = lines.slice(1).join(",").toUpperCase().split(",").filter(Boolean);
  } else if (body && typeof body === "object" && typeof (body as { safe?: unknown }).safe === "boolean") {
    unsafe = !(body as { safe: boolean }).safe;
    categories = ((body as { categories?: unknown }).categories as string[] | undefined) ?? [];
  }
  if (unsafe === undefined) return {};
  const verdict: RemoteVerdict = {};
  for (const label of labels) {
    if (label === "harmful_request") verdict[label] = unsafe;
    else if (label === "toxicity") verdict[label] = unsafe && categories.some((c) => c.startsWith("S10"));
    // prompt_injection / jailbreak: no opinion, the local score stands.
  }
  return verdict;
}

function thresholdFor(context: ScanContext, label: ClassifierLabel): number {
  return context.policy[context.direction]?.[label]?.threshold ?? RECOMMENDED_THRESHOLDS[label];
}

type RemoteOutcome = { outcome: "verdict"; verdict: RemoteVerdict } | { outcome: "timeout" | "error" };

async function askRemote(options: {
  ai: WorkersAiBinding; model: string; text: string; direction: "input" | "output"; prompt?: string; timeoutMs: number;
  labels: ClassifierLabel[]; interpret: NonNullable<EscalatingClassifierOptions["interpret"]>;
}): Promise<RemoteOutcome> {
  const messages = options.direction === "output"
    ? [{ role: "user", content: options.prompt ?? "" }, { role: "assistant", content: options.text }]
    : [{ role: "user", content: options.text }];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<RemoteOutcome>((resolve) => {
    timer = setTimeout(() => resolve({ outcome: "timeout" }), options.timeoutMs);
  });
  const call = options.ai
    .run(options.model, { messages })
    .then((response): RemoteOutcome => ({ outcome: "verdict", verdict: options.interpret(response, options.labels) }))
    .catch((): RemoteOutcome => ({ outcome: "error" }));
  try {
    return await Promise.race([call, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function createEscalatingClassifierDetector(options: EscalatingClassifierOptions = {}): Detector {
  const {
    ai, model = DEFAULT_ESCALATION_MODEL, band = DEFAULT_BAND, timeoutMs = 200, failMode = "local",
    interpret = interpretLlamaGuard, maxChars = 4000, minScore = 0.05, onEscalation, now = () => performance.now(),
  } = options;
  return {
    id: CLASSIFIER_DETECTOR_ID,
    categories: CLASSIFIER_LABELS,
    directions: ["input", "output"],
    learned: true,
    scan: async function scanWithEscalation(input: ScanInput, context: ScanContext): Promise<Finding[]> {
      const scores = classifierScores({ input, context, labels: CLASSIFIER_LABELS }) as ClassifierScores;
      const report = () => findingsFromScores({ scores, minScore, detector: CLASSIFIER_DETECTOR_ID });
      if (!ai) return report();
      const edges = new Map<ClassifierLabel, { threshold: number; low: number }>();
      for (const label of CLASSIFIER_LABELS) {
        const threshold = thresholdFor(context, label);
        const distance = logit(scores[label]) - logit(threshold);
        if (distance >= -band.below && distance < band.above) edges.set(label, { threshold, low: sigmoid(logit(threshold) - band.below) });
      }
      if (edges.size === 0) return report();
      const labels = [...edges.keys()];
      const started = now();
      if (context.signal?.aborted) {
        onEscalation?.({ labels, outcome: "skipped_aborted", elapsedMs: 0 });
        return report();
      }
      const remote = await askRemote({
        ai, model, text: input.cleaned.slice(0, maxChars), direction: context.direction, prompt: context.prompt, timeoutMs,
        labels, interpret,
      });
      const verdict: RemoteVerdict = remote.outcome === "verdict"
        ? remote.verdict
        : failMode === "local" ? {} : Object.fromEntries(labels.map((label) => [label, failMode === "closed"]));
      onEscalation?.({ labels, outcome: remote.outcome, verdict: remote.outcome === "verdict" ? remote.verdict : undefined, elapsedMs: now() - started });
      for (const [label, edge] of edges) {
        const unsafe = verdict[label];
        if (unsafe === true) scores[label] = Math.max(scores[label], edge.threshold);
        else if (unsafe === false) scores[label] = Math.min(scores[label], edge.low);
      }
      return report();
    },
  };
}
