// The fields of each API request the gateway itself reads, validated with valibot. Everything else (tools,
// response_format, temperature, metadata…) is passed through to the provider untouched.
import * as v from "valibot";
import { boundedText, integer, nonEmptyText } from "../validation/fields";
import { looseObject } from "../validation/objects";

const message = looseObject({ role: nonEmptyText(), content: v.optional(v.unknown()) });
const messages = v.pipe(v.array(message), v.minLength(1));
/** A model name is data, never a path: "." and ".." would climb out of URL paths such as Azure's deployment path. */
const modelName = v.pipe(
  boundedText({ min: 1, max: 256 }),
  v.check((name) => name !== "." && name !== "..", "not a model name"),
);
const tokenCount = integer({ min: 1 });
/** Responses `input`: one string or a list of items (messages, tool calls and outputs, references). */
const responsesInput = v.optional(v.union([v.string(), v.array(looseObject({ type: v.optional(v.string()) }))]));
/** Anthropic `system`: one string or text blocks. */
const anthropicSystem = v.optional(v.union([v.string(), v.array(looseObject({ type: v.string() }))]));

export const chatRequestSchema = looseObject({
  model: modelName,
  messages,
  stream: v.optional(v.boolean()),
  max_tokens: v.optional(tokenCount),
  max_completion_tokens: v.optional(tokenCount),
  stream_options: v.nullish(looseObject({ include_usage: v.optional(v.boolean()) })),
});

export const responsesRequestSchema = looseObject({
  model: modelName,
  input: responsesInput,
  instructions: v.nullish(v.string()),
  stream: v.optional(v.boolean()),
  max_output_tokens: v.nullish(tokenCount),
});

/** The input token count of a Responses request: the same fields, nothing generated. */
export const inputTokensRequestSchema = looseObject({
  model: modelName,
  input: responsesInput,
  instructions: v.nullish(v.string()),
});

export const messagesRequestSchema = looseObject({
  model: modelName,
  messages,
  max_tokens: tokenCount,
  stream: v.optional(v.boolean()),
  system: anthropicSystem,
});

/** Anthropic's token count: a messages request without the generation fields (max_tokens, stream). */
export const countTokensRequestSchema = looseObject({
  model: modelName,
  messages,
  system: anthropicSystem,
});

export const embeddingsRequestSchema = looseObject({
  model: modelName,
  input: v.union([v.string(), v.array(v.string()), v.array(v.number()), v.array(v.array(v.number()))]),
});

export type ChatRequest = v.InferOutput<typeof chatRequestSchema>;
export type MessagesRequest = v.InferOutput<typeof messagesRequestSchema>;

/** The completion budget a request asks for, whichever field its API uses. */
export function requestedMaxTokens(body: Record<string, unknown>): number | undefined {
  const value = body.max_completion_tokens ?? body.max_tokens ?? body.max_output_tokens;
  return typeof value === "number" ? value : undefined;
}
