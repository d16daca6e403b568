// The relayed stream's idle timeout: it counts only the time spent waiting on the provider, per gap between chunks.
import { describe, expect, it } from "vitest";
import { resumeStream, StreamIdle } from "./resumed-stream";

const bytes = (text: string) => new TextEncoder().encode(text);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A provider body: chunk i arrives gapsMs[i] after it was asked for; past the list it never arrives. */
function providerBody(options: { gapsMs: number[]; endAfter?: boolean }) {
  const state = { cancelled: false };
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    async pull(out) {
      if (sent >= options.gapsMs.length) {
        if (options.endAfter) return out.close();
        return new Promise<void>(() => undefined); // silence
      }
      await sleep(options.gapsMs[sent]);
      out.enqueue(bytes(`chunk${sent++};`));
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { reader: stream.getReader(), state };
}

async function readAll(stream: ReadableStream<Uint8Array>, pauseMs = 0): Promise<string> {
  const reader = stream.getReader();
  let text = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text;
    text += new TextDecoder().decode(value);
    if (pauseMs) await sleep(pauseMs);
  }
}

describe("resumeStream", () => {
  it("relays a stream whose gaps are each under the idle timeout, however long it runs in total", async () => {
    const provider = providerBody({ gapsMs: [60, 60, 60, 60, 60], endAfter: true });
    const stream = resumeStream({ first: bytes("first;"), reader: provider.reader, controller: new AbortController(), idleMs: 150 });
    expect(await readAll(stream)).toBe("first;chunk0;chunk1;chunk2;chunk3;chunk4;");
  });

  it("does not count a slow client's pauses as provider silence", async () => {
    const provider = providerBody({ gapsMs: [0, 0, 0], endAfter: true });
    const stream = resumeStream({ first: bytes("first;"), reader: provider.reader, controller: new AbortController(), idleMs: 80 });
    expect(await readAll(stream, 200)).toBe("first;chunk0;chunk1;chunk2;");
  });

  it("ends with StreamIdle when the provider goes silent, aborts the call and cancels its body", async () => {
    const provider = providerBody({ gapsMs: [10] });
    const controller = new AbortController();
    let idleReports = 0;
    const stream = resumeStream({ first: bytes("first;"), reader: provider.reader, controller, idleMs: 100, onIdle: () => idleReports++ });
    const reader = stream.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("first;");
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("chunk0;");
    const started = performance.now();
    const error = await reader.read().then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(StreamIdle);
    expect(performance.now() - started).toBeGreaterThanOrEqual(90);
    expect(controller.signal.aborted).toBe(true);
    expect(provider.state.cancelled).toBe(true);
    expect(idleReports).toBe(1);
  });

  it("stops its timer when the client cancels (nothing fires afterwards)", async () => {
    const provider = providerBody({ gapsMs: [] });
    let idleReports = 0;
    const stream = resumeStream({ first: bytes("first;"), reader: provider.reader, controller: new AbortController(), idleMs: 50, onIdle: () => idleReports++ });
    const reader = stream.getReader();
    await reader.read();
    await reader.cancel("client left");
    await sleep(150);
    expect(idleReports).toBe(0);
    expect(provider.state.cancelled).toBe(true);
  });
});
