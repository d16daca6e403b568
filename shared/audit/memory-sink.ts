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

export function createJsonLinesAuditSink(options: { writeLine: (line: string) => void }): AuditSink {
  return {
    async write(record) {
      options.writeLine(JSON.stringify(record));
    },
  };
}
