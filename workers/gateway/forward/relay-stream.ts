// Relays an upstream SSE body to the client chunk by chunk. If the provider drops mid-stream, the client gets an
// explicit SSE error event (and no [DONE] / message_stop), never a silent truncation. Cancelling the client side
// cancels upstream. `done` settles when the relay ends, however it ends, for the audit record.
import { streamErrorEvent, type Dialect } from "../../../shared/api/errors";

export type RelayOutcome = "completed" | "client_disconnected" | "upstream_error";

export function relayStream(options: { source: ReadableStream<Uint8Array>; dialect: Dialect }): {
  body: ReadableStream<Uint8Array>;
  done: Promise<RelayOutcome>;
} {
  const reader = options.source.getReader();
  let settle!: (outcome: RelayOutcome) => void;
  const done = new Promise<RelayOutcome>((resolve) => (settle = resolve));
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done: finished, value } = await reader.read();
        if (finished) {
          controller.close();
          settle("completed");
        } else {
          controller.enqueue(value);
        }
      } catch {
        const event = streamErrorEvent({
          dialect: options.dialect,
          error: { reason: "upstream_error", message: "The model provider ended the stream unexpectedly." },
        });
        controller.enqueue(encoder.encode(event));
        controller.close();
        settle("upstream_error");
      }
    },
    async cancel(reason) {
      settle("client_disconnected");
      await reader.cancel(reason).catch(() => undefined);
    },
  });
  return { body, done };
}
