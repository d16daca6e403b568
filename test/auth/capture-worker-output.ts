// Captures what the Worker under test emits while a test runs: every console line and every audit record it sends to
// the audit Queue (or prints as JSON Lines when no Queue is bound). SELF runs in the test's isolate with the test's
// env, so spying on console and on the Queue binding sees the Worker's own calls.
import { env } from "cloudflare:test";
import { vi } from "vitest";

export interface CapturedOutput {
  /** Console lines (all levels). */
  printed: string[];
  /** Audit records, from the Queue and from JSON-lines console output. */
  auditRecords(): Array<Record<string, any>>;
  restore(): void;
}

export function captureWorkerOutput(): CapturedOutput {
  const printed: string[] = [];
  const queued: unknown[] = [];
  const capture = (...args: unknown[]) => void printed.push(args.map(String).join(" "));
  const spies: Array<{ mockRestore(): void }> = (["log", "error", "warn", "info", "debug"] as const).map((level) =>
    vi.spyOn(console, level).mockImplementation(capture),
  );
  const queue = (env as unknown as { EDGEGUARD_AUDIT_QUEUE?: { send(body: unknown): Promise<void> } }).EDGEGUARD_AUDIT_QUEUE;
  if (queue) {
    const send = vi.spyOn(queue, "send");
    // Captured, not delivered: these tests judge what the audit sink is given, not the Queue → D1 consumer.
    send.mockImplementation(async (body: unknown) => void queued.push(body));
    spies.push(send);
  }
  return {
    printed,
    auditRecords() {
      const fromConsole = printed.filter((line) => line.startsWith("{") && line.includes('"requestId"')).map((line) => JSON.parse(line));
      return [...(queued as Array<Record<string, any>>), ...fromConsole];
    },
    restore() {
      for (const spy of spies) spy.mockRestore();
    },
  };
}
