// One AuditSink that writes each record to several (Node: file + metrics; Workers: queue + metrics). Every sink gets
// every record even when another fails; the first failure is then reported so the caller can log it once.
import type { AuditSink } from "./record";

export function createFanOutAuditSink(sinks: readonly AuditSink[]): AuditSink {
  return {
    async write(record) {
      const results = await Promise.allSettled(sinks.map((sink) => sink.write(record)));
      const failed = results.find((result): result is PromiseRejectedResult => result.status === "rejected");
      if (failed) throw failed.reason;
    },
  };
}
