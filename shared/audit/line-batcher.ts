// Node only (setImmediate): joins the audit lines written during one turn of the event loop into one write, so a
// busy server makes one stdout write or one file append per turn instead of one per request. Batches are written
// one after another, in order; each write() resolves (or fails) with the batch that carried its line.
export class LineBatcher {
  private pending: string[] = [];
  private batchWritten: Promise<void> | undefined;
  /** The last batch handed to writeLines; never rejects, so one failed batch does not stop the next. */
  private tail: Promise<void> = Promise.resolve();

  constructor(private readonly writeLines: (lines: string[]) => Promise<void>) {}

  write(line: string): Promise<void> {
    this.pending.push(line);
    this.batchWritten ??= this.scheduleBatch();
    return this.batchWritten;
  }

  /** Resolves when every line accepted so far has been written (or has failed). */
  flush(): Promise<void> {
    return (this.batchWritten ?? this.tail).catch(() => undefined);
  }

  private scheduleBatch(): Promise<void> {
    // Lines keep joining this batch until the turn ends and the batch before it is written.
    const written = Promise.all([new Promise<void>((resolve) => setImmediate(resolve)), this.tail]).then(() => this.takeBatch());
    this.tail = written.catch(() => undefined);
    return written;
  }

  private takeBatch(): Promise<void> {
    const lines = this.pending;
    this.pending = [];
    this.batchWritten = undefined;
    return this.writeLines(lines);
  }
}
