// Overlapping, sentence/line-aware windows over a long text, for the injection head's window view: an indirect
// injection is one planted sentence in a long document, and a bag of n-grams over the whole document drowns it.
// Linear time: at most `maxWindows` windows, each boundary search bounded by `slackChars`.

export interface WindowOptions {
  /** Texts of at most this many UTF-16 units get no windows (the whole-text score already sees them whole). */
  minChars: number;
  /** Nominal window length; grows with the stride on very long texts so windows still cover everything. */
  windowChars: number;
  /** Nominal distance between window starts (windowChars - strideChars is the overlap). */
  strideChars: number;
  /** Upper bound on windows per text: longer texts get a longer stride (and window) instead of more windows. */
  maxWindows: number;
  /** How far a window edge may move to land on a line or sentence break. */
  slackChars: number;
  /**
   * "windows" (default): overlapping fixed-size windows. "lines": one piece per line, long lines cut at sentence
   * breaks into pieces of at most windowChars (strideChars and maxWindows unused): a planted line is scored alone.
   */
  segmentation?: "windows" | "lines";
}

export const DEFAULT_WINDOW_OPTIONS: WindowOptions = {
  minChars: 300,
  windowChars: 300,
  strideChars: 220,
  maxWindows: 48,
  slackChars: 60,
};

/** A window is [start, end) in UTF-16 units of the text it was cut from. */
export interface TextWindow {
  start: number;
  end: number;
}

const NEWLINE = 10;
const SPACE = 32;

/** True when a window may start at `i`: right after a line break, or after ". ", "! ", "? " (sentence end). */
function isBreakBefore(text: string, i: number): boolean {
  if (i <= 0 || i >= text.length) return true;
  const previous = text.charCodeAt(i - 1);
  if (previous === NEWLINE) return true;
  if (previous !== SPACE || i < 2) return false;
  const mark = text.charCodeAt(i - 2);
  return mark === 46 || mark === 33 || mark === 63 || mark === 0x3002 || mark === 59; // . ! ? 。 ;
}

/** The closest break at or before `at`, no further back than `floor`; `at` itself when there is none. */
function snapBack(text: string, at: number, floor: number): number {
  for (let i = at; i > floor; i--) if (isBreakBefore(text, i)) return i;
  return at;
}

/** Lines shorter than this (table rules, "Hi Sam,") carry too few n-grams to score and are skipped. */
const MIN_LINE_CHARS = 8;

function lineSegments(text: string, options: WindowOptions): TextWindow[] {
  const pieces: TextWindow[] = [];
  let lineStart = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && text.charCodeAt(i) !== NEWLINE) continue;
    let start = lineStart;
    while (start < i) {
      let end = i;
      if (end - start > options.windowChars) {
        const target = start + options.windowChars;
        end = snapBack(text, target, target - options.slackChars);
      }
      if (end - start >= MIN_LINE_CHARS) pieces.push({ start, end });
      start = end;
    }
    lineStart = i + 1;
  }
  return pieces;
}

export function textWindows(text: string, options: WindowOptions = DEFAULT_WINDOW_OPTIONS): TextWindow[] {
  const length = text.length;
  if (length <= options.minChars) return [];
  if (options.segmentation === "lines") return lineSegments(text, options);
  const span = Math.max(length - options.windowChars, 0);
  const stride = Math.max(options.strideChars, Math.ceil(span / Math.max(options.maxWindows - 1, 1)));
  const size = options.windowChars + (stride - options.strideChars);
  const windows: TextWindow[] = [];
  let previousStart = -1;
  for (let k = 0; k < options.maxWindows; k++) {
    const target = Math.min(k * stride, span);
    const start = k === 0 ? 0 : snapBack(text, target, Math.max(target - options.slackChars, previousStart + 1));
    // The window that reaches the last start position (or the last one allowed) runs to the end, so no tail is left
    // unscored however the edges snapped (it may exceed the nominal size by up to the slack).
    const last = target >= span || start + size >= length || k === options.maxWindows - 1;
    const end = last ? length : snapBack(text, start + size, start + size - options.slackChars);
    windows.push({ start, end: Math.max(end, start + 1) });
    previousStart = start;
    if (last) break;
  }
  return windows;
}
