// The core of `edgeguard scan --jsonl`: reads one request per line ({ id, text, direction, system_prompt? }), screens
// them (a few at a time) and writes one verdict per line, `id` first, in input order. A bad line yields an error line
// and the run goes on. Also loads a `--policy FILE` over the DESIGN default. bin/edgeguard.mjs wires stdin/stdout.
import * as v from "valibot";
import { mergePolicy } from "../shared/policy/merge";
import { DEFAULT_POLICY, type Policy, type PolicyInput } from "../shared/policy/schema";
import { screenText, toVerdict } from "../shared/screening/engine/screen-text";
import type { Detector } from "../shared/screening/types";
import { object } from "../shared/validation/objects";
import { describeProblems, validate, ValidationError } from "../shared/validation/validate";

export interface RunScanOptions {
  /** Input lines (without or with their line ending). */
  input: AsyncIterable<string>;
  /** Receives each output line, without a line ending. */
  output: (line: string) => void;
  /** Defaults to the DESIGN default policy. */
  policy?: Policy;
  /** Defaults to the default detector set (shared/screening/registry.ts). */
  detectors?: readonly Detector[];
  /** How many lines are screened at once; output order is input order regardless. */
  concurrency?: number;
}

export interface RunScanResult {
  /** Non-blank input lines handled (each produced exactly one output line). */
  lines: number;
  /** Output lines that are errors instead of verdicts. */
  errors: number;
}

const requestSchema = object({
  id: v.union([v.string(), v.number()]),
  text: v.string(),
  direction: v.picklist(["input", "output"]),
  system_prompt: v.optional(v.string()),
});

type LineOutcome = { line: string; error: boolean };

function errorLine(id: unknown, message: string): LineOutcome {
  const safeId = typeof id === "string" || typeof id === "number" ? id : null;
  return { line: JSON.stringify({ id: safeId, error: message }), error: true };
}

async function scanLine(options: { raw: string; policy: Policy; detectors: readonly Detector[] }): Promise<LineOutcome> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(options.raw);
  } catch {
    return errorLine(null, "invalid JSON");
  }
  const id = typeof parsed === "object" && parsed !== null ? (parsed as { id?: unknown }).id : undefined;
  const request = validate(requestSchema, parsed);
  if (!request.ok) return errorLine(id, describeProblems(request.problems, { rootName: "line" }));
  try {
    const result = await screenText({
      text: request.data.text,
      direction: request.data.direction,
      policy: options.policy,
      detectors: options.detectors,
      systemPrompt: request.data.system_prompt,
    });
    return { line: JSON.stringify({ id: request.data.id, ...toVerdict(result) }), error: false };
  } catch (error) {
    return errorLine(request.data.id, `screening failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export async function runScan(options: RunScanOptions): Promise<RunScanResult> {
  const { output, policy = DEFAULT_POLICY, concurrency = 8 } = options;
  // Loaded lazily so callers that inject detectors (tests, embedders) do not pay for the classifier model. A live
  // input (readline over stdin) must not be created before this: pass `detectors`, as scan-command.ts does.
  const detectors = options.detectors ?? (await import("../shared/screening/registry")).defaultDetectors();
  const result: RunScanResult = { lines: 0, errors: 0 };
  const pending: Array<Promise<LineOutcome>> = [];

  const emitFirst = async () => {
    const outcome = await (pending.shift() as Promise<LineOutcome>);
    output(outcome.line);
    result.lines += 1;
    if (outcome.error) result.errors += 1;
  };

  for await (const chunk of options.input) {
    const raw = chunk.replace(/\r?\n$/, "");
    if (raw.trim() === "") continue;
    pending.push(scanLine({ raw, policy, detectors }));
    if (pending.length >= Math.max(1, concurrency)) await emitFirst();
  }
  while (pending.length) await emitFirst();
  return result;
}

/** A policy file's JSON, validated by the policy schema and merged over the default (unnamed categories keep it). */
export function loadPolicyFile(json: unknown): Policy {
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new Error("invalid policy: expected a JSON object");
  }
  try {
    return mergePolicy({ base: DEFAULT_POLICY, override: json as PolicyInput });
  } catch (error) {
    if (error instanceof ValidationError) throw new Error(`invalid policy: ${describeProblems(error.problems, { rootName: "policy" })}`);
    throw error;
  }
}
