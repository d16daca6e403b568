// A one-line progress bar on stderr, only when stderr is a terminal: CI logs and pipes get no control characters.
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(chunk: string): unknown;
}

export interface ProgressBar {
  tick(options: { stopped: boolean; error: boolean }): void;
  done(): void;
}

export function createProgressBar(options: { stream: ProgressStream; total: number }): ProgressBar {
  const { stream, total } = options;
  if (!stream.isTTY || total === 0) return { tick() {}, done() {} };
  let count = 0;
  let stopped = 0;
  let errors = 0;
  let lastDraw = 0;
  const draw = () => {
    const width = Math.max(10, Math.min(40, (stream.columns ?? 80) - 40));
    const filled = Math.round((count / total) * width);
    stream.write(`\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${count}/${total} blocked ${stopped} errors ${errors}`);
  };
  return {
    tick(result) {
      count++;
      if (result.stopped) stopped++;
      if (result.error) errors++;
      // Redraw at most every 1% so a fast run does not flood the terminal.
      if (count === total || count - lastDraw >= Math.max(1, Math.floor(total / 100))) {
        lastDraw = count;
        draw();
      }
    },
    done() {
      stream.write("\r\x1b[2K");
    },
  };
}
