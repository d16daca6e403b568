import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseValid } from "../validation/validate";
import { createFileAuditSink } from "./file-sink";
import { auditRecordSchema } from "./record-schema";
import { makeAuditRecord } from "./test-records";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "edgeguard-audit-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const linesOf = async (path: string) => (await readFile(path, "utf8")).split("\n").filter(Boolean);
const lineBytes = (id: string) => Buffer.byteLength(JSON.stringify(makeAuditRecord({ requestId: id })) + "\n");

describe("file audit sink", () => {
  it("writes one valid JSON line per record, in order, even when writes are not awaited one by one", async () => {
    const path = join(dir, "audit.jsonl");
    const sink = createFileAuditSink({ path });
    await Promise.all(["a", "b", "c"].map((id) => sink.write(makeAuditRecord({ requestId: id }))));
    const lines = await linesOf(path);
    expect(lines.map((line) => parseValid(auditRecordSchema, JSON.parse(line)).requestId)).toEqual(["a", "b", "c"]);
  });

  it("rotates by size, keeps N files, drops the oldest and never splits a line", async () => {
    const path = join(dir, "logs", "audit.jsonl"); // also creates the folder
    const perLine = lineBytes("r-00");
    const sink = createFileAuditSink({ path, maxBytes: perLine * 2, keep: 2 }); // two lines per file
    for (let i = 0; i < 9; i++) void sink.write(makeAuditRecord({ requestId: `r-0${i}` }));
    await sink.flush();
    expect((await readdir(join(dir, "logs"))).sort()).toEqual(["audit.jsonl", "audit.jsonl.1", "audit.jsonl.2"]);
    const ids = async (file: string) => (await linesOf(join(dir, "logs", file))).map((line) => JSON.parse(line).requestId);
    expect(await ids("audit.jsonl")).toEqual(["r-08"]);
    expect(await ids("audit.jsonl.1")).toEqual(["r-06", "r-07"]);
    expect(await ids("audit.jsonl.2")).toEqual(["r-04", "r-05"]);
  });

  it("counts bytes already in an existing file before appending", async () => {
    const path = join(dir, "audit.jsonl");
    await writeFile(path, "x".repeat(lineBytes("new")) + "\n");
    const sink = createFileAuditSink({ path, maxBytes: lineBytes("new") + 10, keep: 1 });
    await sink.write(makeAuditRecord({ requestId: "new" }));
    expect(await linesOf(`${path}.1`)).toEqual(["x".repeat(lineBytes("new"))]);
    expect((await linesOf(path)).map((line) => JSON.parse(line).requestId)).toEqual(["new"]);
  });

  it("gives an oversize line a file of its own instead of failing", async () => {
    const path = join(dir, "audit.jsonl");
    const sink = createFileAuditSink({ path, maxBytes: 10, keep: 3 });
    await sink.write(makeAuditRecord({ requestId: "big-1" }));
    await sink.write(makeAuditRecord({ requestId: "big-2" }));
    expect(await linesOf(path)).toHaveLength(1);
    expect(JSON.parse((await linesOf(`${path}.1`))[0]).requestId).toBe("big-1");
  });

  it("reports a failed write to its caller and keeps accepting later ones", async () => {
    const blocker = join(dir, "not-a-dir");
    await writeFile(blocker, "");
    const broken = createFileAuditSink({ path: join(blocker, "audit.jsonl") });
    await expect(broken.write(makeAuditRecord())).rejects.toThrow();
    await expect(broken.write(makeAuditRecord())).rejects.toThrow(); // still answers, does not hang
  });
});
