import { describe, expect, it } from "vitest";
import { AnswerTooLarge, markBoundedRead, readAnswerText } from "./answer-limit";

function chunked(parts: string[], headers: Record<string, string> = {}): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const part of parts) controller.enqueue(new TextEncoder().encode(part));
      controller.close();
    },
  });
  return new Response(body, { headers });
}

describe("readAnswerText", () => {
  it("reads a body without a declared length up to the limit, and refuses one byte more", async () => {
    await expect(readAnswerText({ response: chunked(["ab", "cd"]), maxBytes: 4 })).resolves.toBe("abcd");
    await expect(readAnswerText({ response: chunked(["ab", "cde"]), maxBytes: 4 })).rejects.toBeInstanceOf(AnswerTooLarge);
  });

  it("refuses a declared length over the limit before reading", async () => {
    const response = new Response("x".repeat(10), { headers: { "content-length": "10" } });
    await expect(readAnswerText({ response, maxBytes: 9 })).rejects.toBeInstanceOf(AnswerTooLarge);
    expect(response.bodyUsed).toBe(false);
  });

  it("answers an empty string for a response without a body", async () => {
    await expect(readAnswerText({ response: new Response(null, { status: 200 }), maxBytes: 10 })).resolves.toBe("");
  });

  it("uses the response's own read when it is bounded at or below the limit, without building a stream", async () => {
    const response = chunked(["whole answer"]);
    Object.defineProperty(response, "body", {
      get: () => {
        throw new Error("the body stream was built");
      },
    });
    markBoundedRead({ response, maxBytes: 100 });
    await expect(readAnswerText({ response, maxBytes: 100 })).resolves.toBe("whole answer");
    // A looser bound than the caller's is not enough: the caller's limit is then enforced by reading the stream.
    const loose = chunked(["x".repeat(50)]);
    markBoundedRead({ response: loose, maxBytes: 1_000 });
    await expect(readAnswerText({ response: loose, maxBytes: 10 })).rejects.toBeInstanceOf(AnswerTooLarge);
  });
});
