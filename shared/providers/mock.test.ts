// The mock provider (what `npm start` serves on) answers the Responses API, whole and streamed, in its wire format, and
// the token counts of both APIs.
import { describe, expect, it } from "vitest";
import { parseJsonObject } from "../streaming/surface";
import { parseSseText } from "../streaming/sse-parser";
import { mockAdapter } from "./mock";
import { parseValid } from "../validation/validate";
import { providersSchema } from "../config/schema";

const config = parseValid(providersSchema, { m: { type: "mock", baseUrl: "mock://local", apiKey: "none", mock: { chunkChars: 5 } } }).m;

async function call(body: Record<string, unknown>): Promise<Response> {
  const built = mockAdapter.buildCall({ surface: "responses", model: String(body.model), body, config });
  return mockAdapter.fetch!(built.url, { method: "POST", headers: built.headers, body: built.body });
}

describe("mock provider, token counts", () => {
  const bodies = {
    count_tokens: (content: string) => ({ model: "demo", messages: [{ role: "user", content }] }),
    input_tokens: (content: string) => ({ model: "demo", input: content }),
  };
  it.each(["count_tokens", "input_tokens"] as const)("%s answers an input_tokens count that grows with the prompt", async (surface) => {
    const count = async (content: string) => {
      const built = mockAdapter.buildCall({ surface, model: "demo", body: bodies[surface](content), config });
      return ((await (await mockAdapter.fetch!(built.url, { method: "POST", body: built.body })).json()) as { input_tokens: number }).input_tokens;
    };
    expect(await count("hi")).toBeGreaterThan(0);
    expect(await count("hi ".repeat(100))).toBeGreaterThan(await count("hi"));
  });
});

describe("mock provider, Responses API", () => {
  it("echoes the last user text whole, with usage", async () => {
    const answer: { output: Array<{ content: Array<{ text: string }> }> } = await (await call({ model: "demo", input: [{ role: "user", content: [{ type: "input_text", text: "hi there" }] }] })).json();
    expect(answer).toMatchObject({ object: "response", status: "completed", usage: { input_tokens: expect.any(Number), output_tokens: expect.any(Number) } });
    expect(answer.output[0].content[0].text).toBe("Hello from the edgeguard mock. You said: hi there");
  });

  it("streams the same text in deltas, closed by done events that repeat it", async () => {
    const response = await call({ model: "demo", input: "hello", stream: true });
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    const events = parseSseText(await response.text()).map((e) => ({ name: e.event, data: parseJsonObject(e.data)! }));
    const deltas = events.filter((e) => e.name === "response.output_text.delta").map((e) => e.data.delta);
    expect(deltas.length).toBeGreaterThan(3);
    expect(deltas.join("")).toBe("Hello from the edgeguard mock. You said: hello");
    expect(events.find((e) => e.name === "response.output_text.done")!.data.text).toBe(deltas.join(""));
    expect(events.map((e) => e.data.sequence_number)).toEqual(events.map((_, i) => i));
    expect(events.at(-1)!.name).toBe("response.completed");
  });
});
