import fc from "fast-check";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { chatRequestSchema } from "../api/request-schemas";
import { gatewayConfigSchema } from "../config/schema";
import { policySchema } from "../policy/schema";
import { endUserAuthSchema } from "../store/end-user-auth";
import { integer } from "./fields";
import { looseObject, object, record, strictObject } from "./objects";
import { parseValid, validate, ValidationError } from "./validate";

const problemsOf = (schema: v.GenericSchema, input: unknown) => {
  const result = validate(schema, input);
  return result.ok ? [] : result.problems;
};

describe("validate", () => {
  it("names the field and what was expected", () => {
    expect(problemsOf(chatRequestSchema, { messages: [{ role: "user" }] })).toEqual([{ path: "model", message: "required" }]);
    expect(problemsOf(chatRequestSchema, { model: 5, messages: [{ role: "user" }] })).toEqual([{ path: "model", message: "expected string, received number" }]);
    expect(problemsOf(chatRequestSchema, { model: "m", messages: [] })).toEqual([{ path: "messages", message: "must have at least 1 item" }]);
    expect(problemsOf(chatRequestSchema, { model: "m", messages: [{ role: "user" }], max_tokens: 1.5 })).toEqual([{ path: "max_tokens", message: "must be an integer" }]);
    expect(problemsOf(chatRequestSchema, { model: "m", messages: [{ role: "" }] })).toEqual([{ path: "messages.0.role", message: "must have at least 1 character" }]);
    expect(problemsOf(endUserAuthSchema, { type: "hs256", secret: "short" })).toEqual([{ path: "secret", message: "must have at least 32 characters" }]);
  });

  it("reports unknown fields of strict objects at their own path", () => {
    expect(problemsOf(policySchema, { input: { pii: { action: "block", treshold: 0.2 } } })).toEqual([{ path: "input.pii.treshold", message: "unknown field" }]);
  });

  it("uses a schema's own message over the generic one", () => {
    expect(problemsOf(chatRequestSchema, { model: "..", messages: [{ role: "user" }] })).toEqual([{ path: "model", message: "not a model name" }]);
  });

  it("refuses arrays where an object is expected, at every depth", () => {
    const entries = { a: v.optional(v.string()) };
    for (const schema of [strictObject(entries), looseObject(entries), object(entries), record({ key: v.string(), value: v.string() })]) {
      expect(problemsOf(schema, [])).toEqual([{ path: "", message: "expected Object, received array" }]);
      expect(problemsOf(schema, null)).toEqual([{ path: "", message: "expected Object, received null" }]);
      expect(validate(schema, {}).ok).toBe(true);
    }
    expect(problemsOf(policySchema, [])).toHaveLength(1);
    expect(problemsOf(chatRequestSchema, { model: "m", messages: [{ role: "user" }], stream_options: [] })).toEqual([
      { path: "stream_options", message: "expected Object, received array" },
    ]);
    expect(problemsOf(gatewayConfigSchema, { providers: [], routes: [{ model: "m", provider: "p" }] })).toEqual([
      { path: "providers", message: "expected Object, received array" },
    ]);
  });

  it("integers are safe integers within bounds", () => {
    const schema = integer({ min: 1, max: 10 });
    expect(validate(schema, 10).ok).toBe(true);
    expect(problemsOf(schema, 0)).toEqual([{ path: "", message: "must be at least 1" }]);
    expect(problemsOf(schema, 11)).toEqual([{ path: "", message: "must be at most 10" }]);
    expect(problemsOf(integer({ min: 0 }), 2 ** 53)).toEqual([{ path: "", message: "must be an integer" }]);
  });

  it("fills defaults on a fresh object every time", () => {
    const first = parseValid(policySchema, {});
    first.input.pii = { action: "block", threshold: 0.5, shadow: false };
    first.scanRoles.push("tool");
    const second = parseValid(policySchema, {});
    expect(second.input).toEqual({});
    expect(second.scanRoles).toEqual(["system", "developer", "user", "assistant", "tool"]);
  });

  it("parseValid throws a ValidationError that carries the problems", () => {
    expect(() => parseValid(policySchema, { detectorFailure: "sideways" })).toThrow(ValidationError);
    try {
      parseValid(policySchema, { detectorFailure: "sideways" });
    } catch (error) {
      expect((error as ValidationError).problems).toEqual([{ path: "detectorFailure", message: 'expected ("closed" | "open"), received string' }]);
    }
  });

  it("never puts a value into a problem, whatever the input", () => {
    const SECRET = "zq9SECRETzq9";
    const secretValue = fc.oneof(
      fc.constant(SECRET),
      fc.string().map((s) => s + SECRET),
      fc.constant(`${SECRET}${"x".repeat(300)}`),
      fc.array(fc.constant(SECRET), { maxLength: 3 }),
      fc.dictionary(fc.constantFrom("type", "role", "content", "action"), fc.constant(SECRET)),
    );
    const fieldNames = fc.constantFrom("model", "messages", "role", "input", "pii", "action", "threshold", "providers", "routes", "type", "secret", "keys", "canaryTokens", "bannedTopics", "stream_options", "max_tokens");
    const value = fc.letrec<{ node: unknown }>((tie) => ({
      node: fc.oneof({ depthSize: "small" }, secretValue, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(tie("node"), { maxLength: 3 }), fc.dictionary(fieldNames, tie("node"), { maxKeys: 4 })),
    })).node;
    const schemas: v.GenericSchema[] = [chatRequestSchema, policySchema, gatewayConfigSchema, endUserAuthSchema];
    fc.assert(
      fc.property(value, fc.constantFrom(...schemas.keys()), (input, index) => {
        for (const problem of problemsOf(schemas[index], input)) {
          expect(problem.message).not.toContain(SECRET);
          expect(problem.path).not.toContain(SECRET);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
