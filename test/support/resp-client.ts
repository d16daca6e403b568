// A minimal RESP2 client over node:net for test support (the Upstash bridge, starting/probing redis-server).
// One pipelined connection: Redis answers in order, so replies are matched FIFO. Any timeout or socket error poisons
// the connection (later replies could no longer be matched), so every pending command is rejected and the next
// command reconnects. Not for production code: shared/ must stay free of node:* imports.
import net from "node:net";

/** A Redis error reply ("-ERR ..."), kept distinct from transport failures. */
export class RespError extends Error {
  override name = "RespError";
}

/** Simple strings are strings, bulk strings are Buffers (exact bytes), integers numbers, nil null. */
export type RespReply = string | Buffer | number | null | RespError | RespReply[];
export type RespArg = string | number | Buffer;

interface Pending {
  resolve: (reply: RespReply) => void;
  reject: (error: Error) => void;
}

export interface RespClientOptions {
  port: number;
  host?: string;
  /** Per command: a reply slower than this fails the command and resets the connection. */
  commandTimeoutMs?: number;
  connectTimeoutMs?: number;
}

export interface RespClient {
  /** Sends commands back to back in one write (so a MULTI … EXEC block is never interleaved) and awaits each reply. */
  send(commands: RespArg[][]): Promise<RespReply[]>;
  command(...args: RespArg[]): Promise<RespReply>;
  close(): void;
}

export function encodeCommand(args: RespArg[]): Buffer {
  const parts: Buffer[] = [Buffer.from(`*${args.length}\r\n`)];
  for (const arg of args) {
    const bytes = Buffer.isBuffer(arg) ? arg : Buffer.from(String(arg));
    parts.push(Buffer.from(`$${bytes.length}\r\n`), bytes, Buffer.from("\r\n"));
  }
  return Buffer.concat(parts);
}

/** Parses one reply at `offset`; returns null when the buffer does not hold a complete reply yet. */
export function parseReply(buffer: Buffer, offset = 0): { reply: RespReply; next: number } | null {
  const lineEnd = buffer.indexOf("\r\n", offset);
  if (lineEnd < 0) return null;
  const type = String.fromCharCode(buffer[offset]);
  const line = buffer.toString("utf8", offset + 1, lineEnd);
  const afterLine = lineEnd + 2;
  switch (type) {
    case "+":
      return { reply: line, next: afterLine };
    case "-":
      return { reply: new RespError(line), next: afterLine };
    case ":":
      return { reply: Number(line), next: afterLine };
    case "$": {
      const length = Number(line);
      if (length < 0) return { reply: null, next: afterLine };
      if (buffer.length < afterLine + length + 2) return null;
      return { reply: Buffer.from(buffer.subarray(afterLine, afterLine + length)), next: afterLine + length + 2 };
    }
    case "*": {
      const count = Number(line);
      if (count < 0) return { reply: null, next: afterLine };
      const items: RespReply[] = [];
      let next = afterLine;
      for (let i = 0; i < count; i++) {
        const item = parseReply(buffer, next);
        if (!item) return null;
        items.push(item.reply);
        next = item.next;
      }
      return { reply: items, next };
    }
    default:
      throw new Error(`RESP protocol error: unexpected type byte ${JSON.stringify(type)}`);
  }
}

export function createRespClient(options: RespClientOptions): RespClient {
  const { port, host = "127.0.0.1", commandTimeoutMs = 2_000, connectTimeoutMs = 1_000 } = options;
  let socket: net.Socket | null = null;
  let buffer: Buffer = Buffer.alloc(0);
  const queue: Pending[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;

  function failAll(error: Error): void {
    const current = socket;
    socket = null;
    buffer = Buffer.alloc(0);
    if (timer) clearTimeout(timer);
    timer = null;
    current?.destroy();
    for (const pending of queue.splice(0)) pending.reject(error);
  }

  // One deadline for the oldest outstanding reply; re-armed whenever a reply arrives.
  function armTimer(): void {
    if (timer) clearTimeout(timer);
    timer = queue.length
      ? setTimeout(() => failAll(new Error(`redis did not answer within ${commandTimeoutMs} ms`)), commandTimeoutMs)
      : null;
  }

  function onData(chunk: Buffer): void {
    buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
    let offset = 0;
    try {
      while (offset < buffer.length && queue.length) {
        const parsed = parseReply(buffer, offset);
        if (!parsed) break;
        offset = parsed.next;
        queue.shift()!.resolve(parsed.reply);
      }
    } catch (error) {
      failAll(error as Error);
      return;
    }
    buffer = buffer.subarray(offset);
    armTimer();
  }

  function connect(): net.Socket {
    if (socket) return socket;
    const fresh = net.createConnection({ port, host });
    fresh.setNoDelay(true);
    const connectTimer = setTimeout(() => {
      if (socket === fresh) failAll(new Error(`could not connect to redis at ${host}:${port} within ${connectTimeoutMs} ms`));
    }, connectTimeoutMs);
    fresh.once("connect", () => clearTimeout(connectTimer));
    fresh.on("data", onData);
    fresh.on("error", (error) => {
      clearTimeout(connectTimer);
      if (socket === fresh) failAll(error);
    });
    fresh.on("close", () => {
      clearTimeout(connectTimer);
      if (socket === fresh) failAll(new Error("redis connection closed"));
    });
    socket = fresh;
    return fresh;
  }

  function send(commands: RespArg[][]): Promise<RespReply[]> {
    if (!commands.length) return Promise.resolve([]);
    const target = connect();
    const replies = commands.map(
      () => new Promise<RespReply>((resolve, reject) => queue.push({ resolve, reject })),
    );
    target.write(Buffer.concat(commands.map(encodeCommand)));
    if (!timer) armTimer();
    return Promise.all(replies);
  }

  return {
    send,
    command: async (...args) => (await send([args]))[0],
    close: () => failAll(new Error("client closed")),
  };
}
