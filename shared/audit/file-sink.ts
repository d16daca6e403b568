// Node only (imports node:fs; never import this from Worker code): audit records as JSON Lines in a file, rotated by
// size — `audit.jsonl` → `audit.jsonl.1` → … → `audit.jsonl.<keep>`, the oldest dropped. Writes are serialised on one
// promise chain so lines never interleave and rotation never races an append.
import { appendFile, mkdir, rename, rm, stat } from "node:fs/promises";
import { dirname } from "node:path";
import type { AuditRecord, AuditSink } from "./record";

export interface FileAuditSinkOptions {
  path: string;
  /** Rotate before a line would take the file past this many bytes. A single larger line gets a file to itself. */
  maxBytes?: number;
  /** Rotated files kept besides the live one. */
  keep?: number;
}

export interface FileAuditSink extends AuditSink {
  /** Resolves when every write accepted so far is on disk (shutdown, tests). */
  flush(): Promise<void>;
}

export function createFileAuditSink(options: FileAuditSinkOptions): FileAuditSink {
  const { path, maxBytes = 10 * 1024 * 1024, keep = 5 } = options;
  if (!(maxBytes > 0) || !Number.isInteger(keep) || keep < 0) throw new RangeError("maxBytes must be > 0 and keep an integer >= 0");
  const encoder = new TextEncoder();
  let size: number | undefined; // learned from disk on the first write, then tracked here
  let tail: Promise<void> = Promise.resolve();

  async function rotate(): Promise<void> {
    if (keep === 0) {
      await rm(path, { force: true });
      return;
    }
    await rm(`${path}.${keep}`, { force: true });
    for (let index = keep - 1; index >= 1; index--) await renameIfExists(`${path}.${index}`, `${path}.${index + 1}`);
    await renameIfExists(path, `${path}.1`);
  }

  async function append(record: AuditRecord): Promise<void> {
    const line = JSON.stringify(record) + "\n";
    const bytes = encoder.encode(line).byteLength;
    if (size === undefined) {
      await mkdir(dirname(path), { recursive: true });
      size = await fileSize(path);
    }
    if (size > 0 && size + bytes > maxBytes) {
      await rotate();
      size = 0;
    }
    await appendFile(path, line, "utf8");
    size += bytes;
  }

  return {
    write(record) {
      const written = tail.then(() => append(record));
      // The chain continues past a failed write; the caller still sees this write's error.
      tail = written.catch(() => undefined);
      return written;
    },
    flush: () => tail,
  };
}

async function fileSize(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return 0;
    throw error;
  }
}

async function renameIfExists(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
}
