// A provider's streamed answer as the gateway relays it: the first chunk (already read, so a slow first token could
// still be retried) followed by the rest of the body. Cancelling it cancels the upstream call. A provider that goes
// silent mid-stream for longer than its idle timeout ends the stream with StreamIdle instead of hanging the client
// (the screening engine turns that into the dialect's error event).

/** The provider sent nothing for `idleMs` while the gateway was waiting for the next chunk. */
export class StreamIdle extends Error {
  override name = "StreamIdle";
}

export function resumeStream(options: {
  first: Uint8Array;
  reader: ReadableStreamDefaultReader<Uint8Array>;
  /** Aborts the upstream call. */
  controller: AbortController;
  idleMs: number;
  /** Told once when the idle timeout ends the stream (the attempt's audit entry says so). */
  onIdle?: () => void;
}): ReadableStream<Uint8Array> {
  const { first, reader, controller, idleMs } = options;
  let sentFirst = false;
  /** When the pending read began; undefined while none is pending (a slow client is not a silent provider). */
  let waitingSince: number | undefined;
  let idle: StreamIdle | undefined;
  let watchdog: ReturnType<typeof setTimeout> | undefined;
  // One timer per silence, not one per chunk: when it fires early it re-arms for what is left of the window.
  const arm = (ms: number) => {
    watchdog = setTimeout(() => {
      if (waitingSince === undefined) return arm(idleMs);
      const silentMs = Date.now() - waitingSince;
      if (silentMs < idleMs) return arm(idleMs - silentMs);
      idle = new StreamIdle(`The provider sent nothing for ${idleMs} ms.`);
      options.onIdle?.();
      controller.abort(idle);
      void reader.cancel(idle).catch(() => undefined); // settles the pending read whatever the runtime's fetch does on abort
    }, ms);
  };
  const stop = () => clearTimeout(watchdog);
  return new ReadableStream<Uint8Array>({
    async pull(out) {
      if (!sentFirst) {
        sentFirst = true;
        out.enqueue(first);
        arm(idleMs);
        return;
      }
      waitingSince = Date.now();
      try {
        const { done, value } = await reader.read();
        waitingSince = undefined;
        if (idle) throw idle;
        if (done) {
          stop();
          out.close();
        } else out.enqueue(value);
      } catch (error) {
        stop();
        out.error(idle ?? error);
      }
    },
    cancel(reason) {
      stop();
      controller.abort(reason);
      return reader.cancel(reason).catch(() => undefined);
    },
  });
}
