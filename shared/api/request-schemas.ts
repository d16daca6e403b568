// The fields of each API request the gateway itself reads, validated with zod. Everything else (tools,
// response_format, temperature, metadata…) is passed through to the provider untouched.
import * as z from "zod";

const message = z.looseObject({ role: z.string().min(1), content: z.unknown().optional() });
/** A model name is data, never a path: "." and ".." would climb out of URL paths such as Azure's deployment path. */
const modelName = z
  .string()
  .min(1)
  .max(256)
  .refine((name) => name !== "." && name !== "..", "not a model name");

export const chatRequestSchema = z.looseObject({
  model: modelName,
  messages: z.array(message).min(1),
  stream: z.boolean().optional(),
  max_tokens: z.number().int().positive().optional(),
  max_completion_tokens: z.number().int().positive().optional(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullish(),
});

export const messagesRequestSchema = z.looseObject({
  model: modelName,
  messages: z.array(message).min(1),
  max_tokens: z.number().int().positive(),
  stream: z.boolean().optional(),
  system: z.union([z.string(), z.array(z.looseObject({ type: z.string() }))]).optional(),
});

export const embeddingsRequestSchema = z.looseObject({
  model: modelName,
  input: z.union([z.string(), z.array(z.string()), z.array(z.number()), z.array(z.array(z.number()))]),
});

export type ChatRequest = z.infer<typeof chatRequestSchema>;
export type MessagesRequest = z.infer<typeof messagesRequestSchema>;

/** The completion budget a request asks for, whichever field its API uses. */
export function requestedMaxTokens(body: Record<string, unknown>): number | undefined {
  const value = body.max_completion_tokens ?? body.max_tokens;
  return typeof value === "number" ? value : undefined;
}
