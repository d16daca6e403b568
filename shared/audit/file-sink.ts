// Node only (imports node:fs; never import this from Worker code): audit records as JSON Lines in a file, rotated by
// size — `audit.jsonl` → `audit.jsonl.1` → … → `audit.jsonl.<keep>`, the oldest dropped. The lines of one event-loop
// turn go out in one append (LineBatcher), batches one after another, so lines never interleave and rotation never
// races an append.
import { appendFile, mkdir, rename, rm, stat } from "node:fs/promises";
import { dirname } from "node:path";
import { LineBatcher } from "./line-batcher";
import type { AuditSink } from "./record";

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
  let size: number | undefined; // learned from disk on the first write, then tracked here

  async function rotate(): Promise<void> {
    if (keep === 0) {
      await rm(path, { force: true });
      return;
    }
    await rm(`${path}.${keep}`, { force: true });
    for (let index = keep - 1; index >= 1; index--) await renameIfExists(`${path}.${index}`, `${path}.${index + 1}`);
    await renameIfExists(path, `${path}.1`);
  }

  /** Appends a batch in as few writes as rotation allows: it rotates before a line would take the file past maxBytes. */
  async function appendLines(lines: string[]): Promise<void> {
    if (size === undefined) {
      await mkdir(dirname(path), { recursive: true });
      size = await fileSize(path);
    }
    let chunk = "";
    let chunkBytes = 0;
    for (const line of lines) {
      const text = line + "\n";
      const bytes = Buffer.byteLength(text);
      if (size + chunkBytes > 0 && size + chunkBytes + bytes > maxBytes) {
        if (chunk) await appendFile(path, chunk, "utf8");
        chunk = "";
        chunkBytes = 0;
        await rotate();
        size = 0;
      }
      chunk += text;
      chunkBytes += bytes;
    }
    if (chunk) await appendFile(path, chunk, "utf8");
    size += chunkBytes;
  }

  const batcher = new LineBatcher(appendLines);
  return {
    write: (record) => batcher.write(JSON.stringify(record)),
    flush: () => batcher.flush(),
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
