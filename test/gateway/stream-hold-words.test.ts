// policy.streaming.holdWords through the Node server, against a provider that streams 150 ms apart: with "all" (the
// default) a delta's unfinished last word waits for the next delta (a word closed by punctuation is finished); with
// "suspicious" a plain word leaves at once, so the first token reaches the client one delta sooner. Either way the whole answer arrives, byte for byte.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startNodeServer, type NodeServer } from "../../workers/node";
import { fakeAnswerFor, startFakeProvider, type FakeProvider } from "../support/fake-provider";
import { buildConfig, makeKey, providerSection, type TestKey } from "../support/test-config";

let fake: FakeProvider;
let server: NodeServer;
let strict: TestKey;
let eager: TestKey;

beforeAll(async () => {
  fake = await startFakeProvider();
  const [strictKey, eagerKey] = await Promise.all([makeKey(), makeKey()]);
  [strict, eager] = [strictKey, eagerKey];
  const config = buildConfig({
    ...providerSection(fake.url),
    policies: { eager: { streaming: { holdWords: "suspicious" } } },
    tenants: [
      { id: "strict", keys: [strictKey.config] },
      { id: "eager", keys: [eagerKey.config], policy: "eager" },
    ],
  });
  server = await startNodeServer({ config, port: 0 });
});
afterAll(async () => {
  await server?.close();
  await fake?.stop();
});

/** The content of each SSE chunk the client receives, in order (empty role chunks left out). */
async function streamedContents(key: TestKey, prompt: string): Promise<string[]> {
  const response = await fetch(`${server.url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${key.key}`, "content-type": "application/json" },
    body: JSON.stringify({ model: "gpt-slow-stream", stream: true, messages: [{ role: "user", content: prompt }] }),
  });
  expect(response.status).toBe(200);
  const contents: string[] = [];
  for (const line of (await response.text()).split("\n")) {
    if (!line.startsWith("data: {")) continue;
    const content = JSON.parse(line.slice(6)).choices?.[0]?.delta?.content;
    if (content) contents.push(content);
  }
  return contents;
}

describe("streaming.holdWords", () => {
  // "Echo: Say hello to the team please" arrives in 5 deltas: "Echo: S", "ay hell", "o to th", "e team ", "please".
  const prompt = "Say hello to the team please";
  const answer = fakeAnswerFor({ messages: [{ role: "user", content: prompt }] });

  it('"all" (default): the unfinished "S" waits for the next delta', async () => {
    const contents = await streamedContents(strict, prompt);
    expect(contents[0]).toBe("Echo: ");
    expect(contents.join("")).toBe(answer);
  });

  it('"all": a word closed by punctuation leaves with the delta that closes it', async () => {
    // "Echo: Welcome! Glad you could join" arrives as "Echo: W", "elcome!", " Glad y", "ou coul", "d join".
    const welcome = "Welcome! Glad you could join";
    const contents = await streamedContents(strict, welcome);
    expect(contents.slice(0, 2)).toEqual(["Echo: ", "Welcome!"]);
    expect(contents.join("")).toBe(fakeAnswerFor({ messages: [{ role: "user", content: welcome }] }));
  });

  it('"suspicious": the plain word leaves with its own delta', async () => {
    const contents = await streamedContents(eager, prompt);
    expect(contents[0]).toBe("Echo: S");
    expect(contents.join("")).toBe(answer);
  });
});
