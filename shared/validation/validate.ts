// Runs a valibot schema and reports what is wrong as { path, message }: the field and what was expected, never the
// value it held (bodies and configs carry prompts and secrets, and valibot's own messages quote the input). Every
// route, config loader and store read words its problems through here.
import * as v from "valibot";
import { kindOf } from "./kind-of";

export interface ValidationProblem {
  /** Dotted field path ("routes.0.provider"); "" for the value itself. */
  path: string;
  message: string;
}

export type Validation<T> = { ok: true; data: T } | { ok: false; problems: ValidationProblem[] };

type AnySchema = v.GenericSchema<unknown, unknown>;

const UNIT: Record<string, string> = { string: "character", array: "item" };

function lengthBound(issue: v.BaseIssue<unknown>): string {
  const count = Number(issue.requirement);
  return `${count} ${UNIT[kindOf(issue.input)] ?? "item"}${count === 1 ? "" : "s"}`;
}

/**
 * The message for an issue whose schema or action names none of its own (a custom message, such as a regex's "a
 * duration such as…", wins over this). Built from the schema's expectation and the input's kind only.
 */
function describeIssue(issue: v.BaseIssue<unknown>): string {
  const requirement = String(issue.requirement);
  switch (issue.type) {
    case "min_length":
      return `must have at least ${lengthBound(issue)}`;
    case "max_length":
      return `must have at most ${lengthBound(issue)}`;
    case "min_value":
      return `must be at least ${requirement}`;
    case "max_value":
      return `must be at most ${requirement}`;
    case "gt_value":
      return `must be greater than ${requirement}`;
    case "safe_integer":
    case "integer":
      return "must be an integer";
    case "url":
      return "must be a URL";
    case "iso_timestamp":
      return "must be an ISO 8601 time";
  }
  if (issue.kind !== "schema") return `failed the ${issue.type.replaceAll("_", " ")} check`;
  // A strict object's unknown key is reported as expecting `never`.
  if (issue.expected === "never") return "unknown field";
  if (issue.input === undefined) return "required";
  return `expected ${issue.expected}, received ${kindOf(issue.input)}`;
}

const CONFIG: v.Config<v.BaseIssue<unknown>> = { abortPipeEarly: true, message: describeIssue };

function toProblem(issue: v.BaseIssue<unknown>): ValidationProblem {
  return { path: v.getDotPath(issue) ?? "", message: issue.message };
}

export function validate<TSchema extends AnySchema>(schema: TSchema, input: unknown): Validation<v.InferOutput<TSchema>> {
  const result = v.safeParse(schema, input, CONFIG);
  if (result.success) return { ok: true, data: result.output as v.InferOutput<TSchema> };
  return { ok: false, problems: result.issues.map(toProblem) };
}

/** "path: message; …", a whole failure on one line. */
export function describeProblems(problems: ValidationProblem[], options: { rootName: string }): string {
  return problems.map((problem) => `${problem.path || options.rootName}: ${problem.message}`).join("; ");
}

export class ValidationError extends Error {
  constructor(readonly problems: ValidationProblem[]) {
    super(`invalid value: ${describeProblems(problems, { rootName: "value" })}`);
    this.name = "ValidationError";
  }
}

/** The parsed value, or a ValidationError: for values the caller already trusts to be valid (defaults, own records). */
export function parseValid<TSchema extends AnySchema>(schema: TSchema, input: unknown): v.InferOutput<TSchema> {
  const result = validate(schema, input);
  if (!result.ok) throw new ValidationError(result.problems);
  return result.data;
}
