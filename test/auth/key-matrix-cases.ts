// The key matrix both runtimes must agree on: each kind of presented key, what OpenAI's /v1/chat/completions and
// Anthropic's /v1/messages answer, the envelope, and the official SDK error class. Used by key-matrix.test.ts (Node,
// tenants from a config file) and key-matrix.worker.test.ts (workerd, tenants in KV).
import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { expect } from "vitest";
import { sha256Hex } from "../../shared/auth/api-key";

/** Keys the runtime under test has provisioned for one tenant, one per kind. */
export interface ProvisionedKeys {
  valid: { key: string; keyId: string };
  expired: string;
  revoked: string;
  suspended: string;
  chatOnly: string;
  messagesOnly: string;
  /** models: ["gpt-4o-mini", "claude-haiku"], maxTokens: 8 */
  narrow: string;
}

export interface KeyCase {
  name: string;
  presented: string;
  chat: 200 | 401 | 403;
  messages: 200 | 401 | 403;
  /** Ask for a model/token budget outside a narrow key's scope. */
  outOfScopeBody?: boolean;
}

export function keyCases(keys: ProvisionedKeys): KeyCase[] {
  const otherSecret = "Z".repeat(20) + "y".repeat(20);
  return [
    { name: "valid", presented: keys.valid.key, chat: 200, messages: 200 },
    { name: "wrong secret", presented: `eg_${keys.valid.keyId}_${otherSecret}`, chat: 401, messages: 401 },
    { name: "unknown id", presented: `eg_nobody${Date.now()}_${otherSecret}`, chat: 401, messages: 401 },
    { name: "malformed", presented: "sk-this-is-not-an-edgeguard-key", chat: 401, messages: 401 },
    { name: "expired", presented: keys.expired, chat: 401, messages: 401 },
    { name: "revoked", presented: keys.revoked, chat: 401, messages: 401 },
    { name: "suspended", presented: keys.suspended, chat: 401, messages: 401 },
    { name: "route out of scope (chat only)", presented: keys.chatOnly, chat: 200, messages: 403 },
    { name: "route out of scope (messages only)", presented: keys.messagesOnly, chat: 403, messages: 200 },
    { name: "model and max_tokens out of scope", presented: keys.narrow, chat: 403, messages: 403, outOfScopeBody: true },
  ];
}

/** Every string that must never show up in logs, errors or audit records: plaintexts, secrets, hashes. */
export async function keyMaterial(cases: KeyCase[]): Promise<string[]> {
  const out: string[] = [];
  for (const { presented } of cases) {
    out.push(presented, await sha256Hex(presented));
    const secret = presented.split("_")[2];
    if (secret) out.push(secret);
  }
  return out;
}

export interface Clients {
  openai: (key: string) => OpenAI;
  anthropic: (key: string) => Anthropic;
}

/** Runs one case through both SDKs and checks status, SDK error class and envelope; returns the error bodies seen. */
export async function runKeyCase(options: { clients: Clients; keyCase: KeyCase }): Promise<unknown[]> {
  const { clients, keyCase } = options;
  const bodies: unknown[] = [];
  const model = keyCase.outOfScopeBody ? "gpt-4o" : "gpt-4o-mini";
  const maxTokens = keyCase.outOfScopeBody ? 32 : 4;
  const chat = await clients
    .openai(keyCase.presented)
    .chat.completions.create({ model, max_tokens: maxTokens, messages: [{ role: "user", content: "hi" }] })
    .catch((error: unknown) => error);
  if (keyCase.chat === 200) {
    expect(chat, `${keyCase.name}: chat`).not.toBeInstanceOf(Error);
  } else {
    const expected = keyCase.chat === 401 ? OpenAI.AuthenticationError : OpenAI.PermissionDeniedError;
    expect(chat, `${keyCase.name}: chat`).toBeInstanceOf(expected);
    const error = chat as InstanceType<typeof OpenAI.APIError>;
    expect(error.status).toBe(keyCase.chat);
    const code = keyCase.chat === 401 ? "invalid_api_key" : "permission_denied";
    expect(error.error).toEqual({ message: expect.any(String), type: "invalid_request_error", code, param: null });
    bodies.push(error.error, error.message);
  }

  const message = await clients
    .anthropic(keyCase.presented)
    .messages.create({ model: keyCase.outOfScopeBody ? "claude-sonnet" : "claude-haiku", max_tokens: maxTokens, messages: [{ role: "user", content: "hi" }] })
    .catch((error: unknown) => error);
  if (keyCase.messages === 200) {
    expect(message, `${keyCase.name}: messages`).not.toBeInstanceOf(Error);
  } else {
    const expected = keyCase.messages === 401 ? Anthropic.AuthenticationError : Anthropic.PermissionDeniedError;
    expect(message, `${keyCase.name}: messages`).toBeInstanceOf(expected);
    const error = message as InstanceType<typeof Anthropic.APIError>;
    expect(error.status).toBe(keyCase.messages);
    const type = keyCase.messages === 401 ? "authentication_error" : "permission_error";
    expect(error.error).toEqual({ type: "error", error: { type, message: expect.any(String) } });
    bodies.push(error.error, error.message);
  }
  return bodies;
}

/** Fails naming the first secret found in `haystack`, without printing the secret itself. */
export function expectNoKeyMaterial(options: { haystack: string; material: string[]; where: string }): void {
  const leaked = options.material.findIndex((secret) => options.haystack.includes(secret));
  expect(leaked, `key material #${leaked} appeared in ${options.where}`).toBe(-1);
}
