// Runs the detectors that apply to a direction, in parallel, each under its own time budget, and collects findings,
// failures and per-detector timings keyed by detector id. It never decides anything: decide.ts maps the result
// (including failures, per policy.detectorFailure) to an action.
import type { Detector, Finding, ScanContext, ScanInput } from "../types";
import { DetectorRunContext } from "./detector-run-context";

export type DetectorFailureReason = "timeout" | "error" | "aborted";

/** A detector that produced no usable answer. `message` is for the audit log only, never for the client. */
export interface DetectorFailure {
  detector: string;
  reason: DetectorFailureReason;
  message: string;
}

export interface DetectorOutcome {
  findings: Finding[];
  ms: number;
  failure?: DetectorFailure;
}

export interface RunDetectorsOptions {
  input: ScanInput;
  /** Direction, policy (timeout comes from policy.detectorTimeoutMs), prompts and the request's abort signal. */
  context: ScanContext;
  detectors: readonly Detector[];
  /** Milliseconds clock for timings; injectable so tests can pin durations. */
  now?: () => number;
}

export interface RunDetectorsResult {
  /** Keyed by detector id, only the detectors that ran (those whose `directions` include the context's). */
  byDetector: Record<string, DetectorOutcome>;
  /** All findings in detector order. */
  findings: Finding[];
  failures: DetectorFailure[];
  timings_ms: Record<string, number>;
}

const defaultNow = () => performance.now();

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, 300);
  return String(error).slice(0, 300);
}

/**
 * Keeps only well-formed findings so one sloppy detector cannot poison the verdict shape: the `detector` field is
 * always the detector's id (it keys timings_ms and the audit) and scores are clamped to the documented 0..1.
 */
function validFindings(detector: Detector, value: unknown): Finding[] {
  if (!Array.isArray(value)) throw new TypeError(`detector ${detector.id} returned ${typeof value}, not an array`);
  return value
    .filter(
      (f): f is Finding =>
        typeof f === "object" &&
        f !== null &&
        typeof (f as Finding).category === "string" &&
        typeof (f as Finding).score === "number" &&
        Number.isFinite((f as Finding).score),
    )
    .map((f) => ({ ...f, detector: detector.id, score: Math.min(1, Math.max(0, f.score)) }));
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | undefined)?.then === "function";
}

/** A detector's outcome when it failed. (A function, not a closure in runOne: keepNames, docs/performance.md.) */
function failed(at: { detector: Detector; ms: number; reason: DetectorFailureReason; message: string }): DetectorOutcome {
  return { findings: [], ms: at.ms, failure: { detector: at.detector.id, reason: at.reason, message: at.message } };
}

/**
 * Runs one detector. A synchronous detector cannot be interrupted, so its answer is used as is (and no promise is
 * made for it); the time budget and the request's abort signal bound how long we wait for an asynchronous one.
 */
function runOne(options: {
  detector: Detector;
  input: ScanInput;
  timeoutMs: number;
  now: () => number;
  run: DetectorRunContext;
}): DetectorOutcome | Promise<DetectorOutcome> {
  const { detector, input, now, run } = options;
  const start = now();
  if (run.requestAborted) {
    return failed({ detector, ms: now() - start, reason: "aborted", message: "request aborted before the detector started" });
  }
  let pending: unknown;
  try {
    pending = detector.scan(input, run);
  } catch (error) {
    return failed({ detector, ms: now() - start, reason: "error", message: describeError(error) });
  }
  if (isThenable(pending)) return awaitAnswer({ detector, timeoutMs: options.timeoutMs, now, run, start, pending });
  try {
    return { findings: validFindings(detector, pending), ms: now() - start };
  } catch (error) {
    return failed({ detector, ms: now() - start, reason: "error", message: describeError(error) });
  }
}

async function awaitAnswer(options: {
  detector: Detector;
  timeoutMs: number;
  now: () => number;
  run: DetectorRunContext;
  start: number;
  pending: PromiseLike<unknown>;
}): Promise<DetectorOutcome> {
  const { detector, timeoutMs, now, run, start } = options;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<DetectorOutcome>((resolve) => {
    timer = setTimeout(() => {
      run.timedOut = true;
      resolve(failed({ detector, ms: now() - start, reason: "timeout", message: `no answer within ${timeoutMs} ms` }));
    }, timeoutMs);
  });
  const aborted = run.whenRequestAborts().then(() =>
    failed({ detector, ms: now() - start, reason: "aborted", message: "request aborted" }),
  );
  const answered = Promise.resolve(options.pending).then(
    (value): DetectorOutcome => {
      try {
        return { findings: validFindings(detector, value), ms: now() - start };
      } catch (error) {
        return failed({ detector, ms: now() - start, reason: "error", message: describeError(error) });
      }
    },
    (error: unknown) => failed({ detector, ms: now() - start, reason: "error", message: describeError(error) }),
  );
  try {
    return await Promise.race([answered, timedOut, aborted]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Answers synchronously when every detector did (the default set): a request with many texts would otherwise pay a
 * promise and a microtask turn per text for nothing. Await it either way.
 */
export function runDetectors(options: RunDetectorsOptions): RunDetectorsResult | Promise<RunDetectorsResult> {
  const { input, context, now = defaultNow } = options;
  const applicable = options.detectors.filter((d) => d.directions.includes(context.direction));
  const timeoutMs = context.policy.detectorTimeoutMs;
  // One context per run, not per detector; its signal exists only if an (asynchronous) detector reads it.
  const run = new DetectorRunContext(context);
  const started = applicable.map((detector) => runOne({ detector, input, timeoutMs, now, run }));
  if (!started.some(isThenable)) {
    run.end();
    return collect({ applicable, outcomes: started as DetectorOutcome[] });
  }
  return Promise.all(started)
    .finally(() => run.end())
    .then((outcomes) => collect({ applicable, outcomes }));
}

function collect(options: { applicable: readonly Detector[]; outcomes: readonly DetectorOutcome[] }): RunDetectorsResult {
  const result: RunDetectorsResult = { byDetector: {}, findings: [], failures: [], timings_ms: {} };
  options.applicable.forEach((detector, index) => {
    const outcome = options.outcomes[index];
    result.byDetector[detector.id] = outcome;
    result.timings_ms[detector.id] = Math.max(0, Math.round(outcome.ms * 1000) / 1000);
    result.findings.push(...outcome.findings);
    if (outcome.failure) result.failures.push(outcome.failure);
  });
  return result;
}
