// What a request asks of the state the provider keeps under the gateway's account: OpenAI's stored responses and their
// items, conversations and code-interpreter containers; Anthropic's code-execution containers. That account is shared
// by every tenant, so its state is too; this finds the fields that reach into it by id, and turns tenant-bound ids
// (state-ids.ts) back into the provider's. The route's stage decides what to do (workers/middleware/provider-state).
import { looksBound } from "./state-ids";

/** One field of a request that reaches provider-side state, with its JSON path for the error's `param`. */
export interface StateReference {
  param: string;
  what: string;
}

/**
 * An input item that names a stored item instead of carrying its content: an `item_reference`, an item with only an
 * id, or a reasoning item without its `encrypted_content` (the provider then reads the stored reasoning).
 */
function isStoredItemReference(item: unknown): boolean {
  if (typeof item !== "object" || item === null || Array.isArray(item)) return false;
  const fields = item as Record<string, unknown>;
  if (fields.type === "item_reference") return true;
  if (typeof fields.id !== "string") return false;
  const keys = Object.keys(fields);
  if (keys.every((key) => key === "id" || key === "type")) return true;
  return fields.type === "reasoning" && fields.encrypted_content === undefined;
}

/** A container named by id (a string, or an object with an `id`), not one the provider creates for this request. */
function namesContainer(container: unknown): boolean {
  if (typeof container === "string") return true;
  return typeof container === "object" && container !== null && typeof (container as { id?: unknown }).id === "string";
}

/**
 * The references a request body makes to stored provider state, in body order; empty when none. The fields belong
 * to one API or the other (Responses, Messages) and never collide, so one reading serves both.
 */
export function storedStateReferences(body: Record<string, unknown>): StateReference[] {
  const references: StateReference[] = [];
  if (body.previous_response_id !== undefined && body.previous_response_id !== null) {
    references.push({ param: "previous_response_id", what: "a stored response" });
  }
  if (body.conversation !== undefined && body.conversation !== null) references.push({ param: "conversation", what: "a stored conversation" });
  if (namesContainer(body.container)) references.push({ param: "container", what: "a stored container" });
  if (Array.isArray(body.input)) {
    body.input.forEach((item, index) => {
      if (isStoredItemReference(item)) references.push({ param: `input[${index}]`, what: "a stored item" });
    });
  }
  if (Array.isArray(body.tools)) {
    body.tools.forEach((tool, index) => {
      if (typeof tool === "object" && tool !== null && namesContainer((tool as { container?: unknown }).container)) {
        references.push({ param: `tools[${index}].container`, what: "a stored container" });
      }
    });
  }
  return references;
}

/** The provider's id inside a bound id of this tenant; undefined when it is not one. */
export type UnbindId = (bound: string) => Promise<string | undefined>;

/** A container field with a bound id (a string, or an object's `id`) unbound; one that names no container is kept. */
async function unbindContainer(options: { container: unknown; unbind: UnbindId }): Promise<{ ok: true; changed: boolean; value: unknown } | { ok: false }> {
  const { container, unbind } = options;
  if (!namesContainer(container)) return { ok: true, changed: false, value: container };
  const named = container as string | { id: string };
  const id = await unbind(typeof named === "string" ? named : named.id);
  if (id === undefined) return { ok: false };
  return { ok: true, changed: true, value: typeof named === "string" ? id : { ...named, id } };
}

/**
 * The body with every tenant-bound id (policy providerState "tenant") turned back into the provider's: the previous
 * response, the ids of input items (items passed back from an earlier answer carry theirs), and containers (Anthropic's
 * top-level one, a Responses code-interpreter tool's). Refused: an id bound to another tenant or tampered with, a
 * reference with no bound id (one this tenant did not get through the gateway), and conversations, whose ids the
 * gateway does not bind.
 */
export async function unbindStateReferences(options: { body: Record<string, unknown>; unbind: UnbindId }): Promise<
  { ok: true; body: Record<string, unknown> } | { ok: false; reference: StateReference; unbindable: boolean }
> {
  const { body, unbind } = options;
  // Conversations come from an API the gateway does not serve: never bound.
  const unbindable = storedStateReferences(body).find((reference) => reference.param === "conversation");
  if (unbindable) return { ok: false, reference: unbindable, unbindable: true };
  let result = body;
  const container = await unbindContainer({ container: body.container, unbind });
  if (!container.ok) return { ok: false, reference: { param: "container", what: "a stored container" }, unbindable: false };
  if (container.changed) result = { ...result, container: container.value };
  if (Array.isArray(body.tools)) {
    let tools: unknown[] | undefined;
    for (let index = 0; index < body.tools.length; index++) {
      const tool = body.tools[index];
      if (typeof tool !== "object" || tool === null) continue;
      const named = await unbindContainer({ container: (tool as { container?: unknown }).container, unbind });
      if (!named.ok) return { ok: false, reference: { param: `tools[${index}].container`, what: "a stored container" }, unbindable: false };
      if (!named.changed) continue;
      tools ??= [...body.tools];
      tools[index] = { ...tool, container: named.value };
    }
    if (tools) result = { ...result, tools };
  }
  const previous = body.previous_response_id;
  if (previous !== undefined && previous !== null) {
    const id = typeof previous === "string" ? await unbind(previous) : undefined;
    if (id === undefined) return { ok: false, reference: { param: "previous_response_id", what: "a stored response" }, unbindable: false };
    result = { ...result, previous_response_id: id };
  }
  if (Array.isArray(body.input)) {
    let input: unknown[] | undefined;
    for (let index = 0; index < body.input.length; index++) {
      const item = body.input[index] as Record<string, unknown>;
      const bound = typeof item === "object" && item !== null && typeof item.id === "string" && looksBound(item.id) ? item.id : undefined;
      if (bound === undefined) {
        if (isStoredItemReference(item)) return { ok: false, reference: { param: `input[${index}]`, what: "a stored item" }, unbindable: false };
        continue;
      }
      const id = await unbind(bound);
      if (id === undefined) return { ok: false, reference: { param: `input[${index}]`, what: "a stored item" }, unbindable: false };
      input ??= [...body.input];
      input[index] = { ...item, id };
    }
    if (input) result = { ...result, input };
  }
  return { ok: true, body: result };
}
