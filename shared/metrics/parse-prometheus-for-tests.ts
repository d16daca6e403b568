// Test helper: a strict-enough parser of the 0.0.4 text format, so tests check values, not string snapshots.
export interface ParsedSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface ParsedExposition {
  help: Map<string, string>;
  types: Map<string, string>;
  samples: ParsedSample[];
  /** The value of the one sample with this name and exactly these labels; undefined when absent. */
  value(name: string, labels?: Record<string, string>): number | undefined;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(?:,|$)/gy;

export function parsePrometheus(text: string): ParsedExposition {
  const help = new Map<string, string>();
  const types = new Map<string, string>();
  const samples: ParsedSample[] = [];
  if (text !== "" && !text.endsWith("\n")) throw new Error("exposition must end with a line feed");
  for (const line of text.split("\n").filter(Boolean)) {
    if (line.startsWith("# HELP ")) {
      const [name, ...rest] = line.slice(7).split(" ");
      help.set(name, rest.join(" "));
      continue;
    }
    if (line.startsWith("# TYPE ")) {
      const [name, type] = line.slice(7).split(" ");
      types.set(name, type);
      continue;
    }
    const match = SAMPLE.exec(line);
    if (!match) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    const body = match[2] ?? "";
    LABEL.lastIndex = 0;
    while (LABEL.lastIndex < body.length) {
      const label = LABEL.exec(body);
      if (!label) throw new Error(`bad labels: ${body}`);
      labels[label[1]] = label[2].replace(/\\(["\\n])/g, (_, c: string) => (c === "n" ? "\n" : c));
    }
    const raw = match[3];
    const value = raw === "+Inf" ? Infinity : raw === "-Inf" ? -Infinity : Number(raw);
    if (Number.isNaN(value) && raw !== "NaN") throw new Error(`bad value: ${raw}`);
    samples.push({ name: match[1], labels, value });
  }
  return {
    help,
    types,
    samples,
    value(name, labels = {}) {
      const wanted = JSON.stringify(Object.entries(labels).sort());
      const found = samples.filter((s) => s.name === name && JSON.stringify(Object.entries(s.labels).sort()) === wanted);
      if (found.length > 1) throw new Error(`duplicate series ${name} ${wanted}`);
      return found[0]?.value;
    },
  };
}
