// Node only: audit records as JSON lines on stdout, one write per event-loop turn (LineBatcher; a write per record was
// a syscall per request). The reader of stdout may go away (a log shipper restarts, `| head`): the write then fails
// with EPIPE, which must cost the audit lines, reported per request on stderr, and never the gateway. Unguarded, an
// EPIPE is an 'error' event on process.stdout with no listener, and Node exits.
import { LineBatcher } from "../shared/audit/line-batcher";

let lines: LineBatcher | undefined;

function writeStdout(batch: string[]): Promise<void> {
  if (process.stdout.destroyed) return Promise.reject(new Error("stdout is closed"));
  return new Promise((resolve, reject) => process.stdout.write(batch.join("\n") + "\n", (error) => (error ? reject(error) : resolve())));
}

function ignoreStdoutError(): void {
  // The failed write's callback already carries the error to its batch.
}

/** The process's one stdout audit writer; the first call guards stdout against EPIPE. */
export function stdoutAuditLines(): LineBatcher {
  if (!lines) {
    process.stdout.on("error", ignoreStdoutError);
    lines = new LineBatcher(writeStdout);
  }
  return lines;
}
