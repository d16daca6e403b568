// An in-memory audit sink (tests and the embedded default), plus a JSON Lines sink over any line writer (stdout).
import type { AuditRecord, AuditSink } from "./record";

export function createMemoryAuditSink(): AuditSink & { records: AuditRecord[] } {
  const records: AuditRecord[] = [];
  return {
    records,
    async write(record) {
      records.push(record);
    },
  };
}

/** `writeLine` may return a promise (a batched writer): the record's write settles with it. */
export function createJsonLinesAuditSink(options: { writeLine: (line: string) => void | Promise<void> }): AuditSink {
  return {
    async write(record) {
      await options.writeLine(JSON.stringify(record));
    },
  };
}
