// A delta written from its template must be byte for byte what the spread formulation wrote before:
// JSON.stringify({ ...fields, logprobs: [] when asked, delta }). Checked on the Responses API's delta shapes and on
// random JSON objects (parsed, as upstream events are), texts included.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { deltaData, deltaTemplate } from "./delta-template";

function spreadFormulation(fields: Record<string, unknown>, emptyLogprobs: boolean, text: string): string {
  return JSON.stringify({ ...fields, ...(emptyLogprobs ? { logprobs: [] } : {}), delta: text });
}

describe("deltaTemplate", () => {
  it("writes a Responses text delta as the event's fields, then empty logprobs, then the text", () => {
    const fields = { type: "response.output_text.delta", sequence_number: 7, item_id: "msg_1", output_index: 0, content_index: 0 };
    const template = deltaTemplate({ event: "response.output_text.delta", fields, emptyLogprobs: true });
    expect(template.event).toBe("response.output_text.delta");
    expect(deltaData(template, 'Say "hi"\n')).toBe(
      '{"type":"response.output_text.delta","sequence_number":7,"item_id":"msg_1","output_index":0,"content_index":0,"logprobs":[],"delta":"Say \\"hi\\"\\n"}',
    );
    expect(JSON.parse(deltaData(deltaTemplate({ event: undefined, fields }), "x"))).toEqual({ ...fields, delta: "x" });
  });

  it("keeps a parsed __proto__ key as a key, as the spread did", () => {
    const fields = JSON.parse('{"type":"response.output_text.delta","__proto__":{"polluted":true},"item_id":"m"}') as Record<string, unknown>;
    const data = deltaData(deltaTemplate({ event: undefined, fields }), "x");
    expect(data).toBe(spreadFormulation(fields, false, "x"));
    expect(data).toContain('"__proto__":{"polluted":true}');
  });

  it("handles events with no other fields", () => {
    expect(deltaData(deltaTemplate({ event: undefined, fields: {} }), "a")).toBe('{"delta":"a"}');
    expect(deltaData(deltaTemplate({ event: undefined, fields: {}, emptyLogprobs: true }), "a")).toBe('{"logprobs":[],"delta":"a"}');
  });

  it("writes what the spread formulation wrote, for any parsed fields and text", () => {
    const fields = fc
      .dictionary(fc.string({ maxLength: 8 }).filter((key) => key !== "delta" && key !== "logprobs"), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 6 })
      .map((object) => JSON.parse(JSON.stringify(object)) as Record<string, unknown>);
    fc.assert(
      fc.property(fields, fc.boolean(), fc.string({ unit: "binary", maxLength: 20 }), (parsed, emptyLogprobs, text) => {
        expect(deltaData(deltaTemplate({ event: "e", fields: parsed, emptyLogprobs }), text)).toBe(spreadFormulation(parsed, emptyLogprobs, text));
      }),
      { numRuns: 2000 },
    );
  });
});
