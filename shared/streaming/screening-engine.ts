// The stream screener's core, free of streams and bytes: takes parsed SSE events one at a time, keeps a rolling
// window per channel, screens it, releases what can no longer turn into a match (redacted, placeholders restored)
// and keeps every other event in order behind the text that preceded it. Ends on block, terminal event or failure.
import { strictest } from "../policy/schema";
import type { Action, Finding, Span } from "../screening/types";
import {
  ChannelWindow,
  mergeSpans,
  planRelease,
  renderRange,
  snapSplit,
  type RedactFn,
  type RestoreFn,
} from "./channel-window";
import { FindingsLedger } from "./findings-ledger";
import { holdBackStart, type HoldBackLimits } from "./hold-back";
import { ReleasedTexts } from "./released-texts";
import type { SseEvent } from "./sse-parser";
import { channelsClosedBy, EMBEDDED_TEXT, type StreamSurface, type StreamUsage, type SurfaceRead, type TextForm } from "./surface";
import { applyVerbatimText, restorersByForm, type VerbatimForm } from "./text-forms";

/** What the injected screen function answers for one window of text. `spans` are the ranges to redact. */
export interface ScreenResult {
  action: Action;
  spans: Span[];
  findings: Finding[];
}
/** `openEnded`: more of the channel's text may follow; `fragment`: that, or the window is cut from text before it. */
export type ScreenFn = (text: string, window: { fragment: boolean; openEnded: boolean }) => Promise<ScreenResult> | ScreenResult;

export type StreamEnd = "completed" | "blocked" | "screen_error" | "upstream_error" | "client_cancelled";

export interface ScreenerEvent {
  kind: "blocked" | "redacted";
  findings: Finding[];
}

export interface EngineOptions {
  surface: StreamSurface;
  screen: ScreenFn;
  restore?: RestoreFn;
  redact?: RedactFn;
  /** What a redaction in text that is never rewritten (signed, JSON) becomes: a flag (audited) or a block. */
  verbatimText: "flag" | "block";
  mode: "rolling" | "buffer";
  /** Buffer mode: most characters of event data held before the answer is stopped as unscreenable. */
  maxBufferedChars: number;
  limits: HoldBackLimits;
  /** Released characters kept in the window for patterns straddling the release point. */
  contextChars: number;
  hideUsageChunk: boolean;
  /** Keep every released text (releasedTexts), not only for dialects whose events repeat it. */
  keepReleasedTexts?: boolean;
  emit: (event: SseEvent) => void;
  onEvent?: (event: ScreenerEvent) => void;
}

interface QueuedEvent {
  event: SseEvent;
  /** The event repeats answer text: rewritten with the released texts when it goes out. */
  embedsTexts: boolean;
  /** Per channel, the absolute offset its text must be released up to before this event may go out. */
  barrier: Map<string, number>;
}

export class ScreeningEngine {
  ended: StreamEnd | null = null;
  action: Action = "allow";
  usage: StreamUsage | undefined;
  releasedChars = 0;
  heldBackMax = 0;
  /** Forms in which something the policy would redact was left (verbatimText "flag"): fail-opens the audit names. */
  readonly keptVerbatim = new Set<VerbatimForm>();
  readonly ledger = new FindingsLedger();
  private readonly channels = new Map<string, ChannelWindow>();
  private queue: QueuedEvent[] = [];
  private finalising = false;
  private bufferedChars = 0;
  /** For dialects whose events repeat the text or point into it by offset (withReleasedTexts), or when asked to keep it. */
  readonly releasedTexts: ReleasedTexts | null;
  private readonly restorers: Record<TextForm, RestoreFn | undefined>;

  constructor(private readonly options: EngineOptions) {
    const alignments = options.surface.withReleasedTexts !== undefined;
    this.releasedTexts = alignments || options.keepReleasedTexts ? new ReleasedTexts({ alignments }) : null;
    this.restorers = restorersByForm(options.restore);
  }

  async handle(event: SseEvent): Promise<void> {
    if (this.ended) return;
    if (this.options.mode === "buffer") {
      // A whole answer is held in memory until its end: past the bound it is stopped (fail closed), not held.
      this.bufferedChars += event.data.length;
      if (this.bufferedChars > this.options.maxBufferedChars) return this.block({ findings: [], end: "screen_error" });
    }
    for (let read: SurfaceRead | undefined = this.options.surface.read(event); read && !this.ended; read = read.then) await this.apply(read);
  }

  private async apply(read: SurfaceRead): Promise<void> {
    const { mode, hideUsageChunk } = this.options;
    if (read.usage) this.mergeUsage(read.usage);
    if (read.upstreamError) {
      this.dropHeld();
      if (read.rest) this.emitRest(read.rest, read.embedsTexts);
      this.ended = "upstream_error";
      return;
    }
    const rest = read.rest && !(read.usageOnly && hideUsageChunk) ? read.rest : null;
    if (rest && read.restPosition === "before") this.enqueue(rest, read.embedsTexts);
    const touched: string[] = [];
    for (const part of read.texts) {
      if (part.text.length === 0) continue;
      let channel = this.channels.get(part.channel);
      if (!channel) this.channels.set(part.channel, (channel = new ChannelWindow({ form: part.form })));
      channel.append(part.text, part.template);
      if (!touched.includes(part.channel)) touched.push(part.channel);
    }
    if (read.terminal) {
      if (rest && read.restPosition === "after") this.enqueue(rest, read.embedsTexts);
      await this.finalise();
      if (!this.ended) this.ended = "completed";
      return;
    }
    if (mode === "rolling") {
      const closing = channelsClosedBy({ open: this.channels.keys(), closes: read.closes });
      for (const key of touched) if (!closing.includes(key)) await this.step(key, false);
      for (const key of closing) {
        await this.step(key, true);
        this.channels.delete(key);
      }
    }
    if (this.ended) return;
    if (rest && read.restPosition === "after") this.enqueue(rest, read.embedsTexts);
  }

  /** The upstream body ended (or failed) without the terminal event: held text is dropped, the client told. */
  upstreamFailed(): void {
    if (this.ended) return;
    this.dropHeld();
    this.options.emit(
      this.options.surface.errorEvent({ type: "api_error", code: "upstream_error", message: "The upstream stream ended before the answer was complete." }),
    );
    this.ended = "upstream_error";
  }

  clientCancelled(): void {
    if (this.ended) return;
    this.dropHeld();
    this.ended = "client_cancelled";
  }

  private async step(key: string, final: boolean): Promise<void> {
    const channel = this.channels.get(key);
    if (!channel || channel.tail.length === 0 || this.ended) return;
    const window = channel.window;
    const from = channel.context.length;
    // Screening can only move the release point earlier, so skip it when the hold-back already keeps everything.
    if (!final && holdBackStart({ text: window, from, limits: this.options.limits }).start <= from) {
      this.heldBackMax = Math.max(this.heldBackMax, channel.tail.length);
      return;
    }
    const result = await this.runScreen({ key, channel, window, final });
    if (!result) return;
    const spans = mergeSpans(result.spans);
    const plan = planRelease({ window, from, spans, final, limits: this.options.limits });
    this.release({ key, channel, end: plan.end, spans, findings: result.findings });
    this.heldBackMax = Math.max(this.heldBackMax, channel.tail.length);
  }

  /** Ends the stream normally: every channel screened as final before anything more goes out, then flushed. */
  private async finalise(): Promise<void> {
    this.finalising = true;
    const screened: { key: string; channel: ChannelWindow; spans: Span[]; findings: Finding[] }[] = [];
    for (const [key, channel] of this.channels) {
      if (channel.tail.length === 0) continue;
      const result = await this.runScreen({ key, channel, window: channel.window, final: true });
      if (!result) return;
      screened.push({ key, channel, spans: mergeSpans(result.spans), findings: result.findings });
    }
    for (const { key, channel, spans, findings } of screened) {
      this.release({ key, channel, end: channel.window.length, spans, findings });
    }
    this.drain();
  }

  private async runScreen(options: { key: string; channel: ChannelWindow; window: string; final: boolean }): Promise<ScreenResult | null> {
    const { key, channel } = options;
    let result: ScreenResult;
    try {
      result = await this.options.screen(options.window, { fragment: !options.final || channel.windowStart > 0, openEnded: !options.final });
    } catch {
      this.block({ findings: [], end: "screen_error" }); // fail closed: unscreened text never goes out
      return null;
    }
    if (this.ended) return null; // the client left, or another channel blocked, while we waited
    const ruled = applyVerbatimText({ form: channel.form, result, verbatimText: this.options.verbatimText });
    if (ruled.kept) this.keptVerbatim.add(ruled.kept);
    result = ruled.result;
    this.ledger.add({ findings: result.findings, offset: channel.windowStart, channel: key });
    this.action = strictest(this.action, result.action);
    if (result.action === "block") {
      this.block({ findings: result.findings, end: "blocked" });
      return null;
    }
    return result;
  }

  private release(options: { key: string; channel: ChannelWindow; end: number; spans: Span[]; findings: Finding[] }): void {
    const { key, channel, end, spans } = options;
    const { surface, redact, emit } = this.options;
    const window = channel.window;
    const windowStart = channel.windowStart;
    const from = channel.context.length;
    let pos = from;
    let redactions = 0;
    const emitText = (to: number): void => {
      if (to <= pos) return;
      const rendered = renderRange({ window, windowStart, from: pos, to, spans, redactedUntil: channel.redactedUntil, redact, restore: this.restorers[channel.form] });
      channel.redactedUntil = rendered.redactedUntil;
      redactions += rendered.redactions;
      this.releasedTexts?.append({ channel: key, released: rendered.text, original: window.slice(pos, to), form: channel.form });
      const template = channel.templateAt(windowStart + pos);
      // An embedded text goes out inside its event, which withReleasedTexts writes from releasedTexts.
      if (rendered.text.length > 0 && template !== EMBEDDED_TEXT) emit(surface.writeText({ template, text: rendered.text }));
      pos = to;
    };
    // Events that arrived between pieces of this text go out between those pieces.
    while (this.queue.length > 0 && this.mayEmitQueued()) {
      const head = this.queue[0];
      if (this.blockedByOthers(head, key)) break;
      const barrier = head.barrier.get(key);
      if (barrier !== undefined) {
        const at = barrier - windowStart;
        if (at > end) break;
        if (at > pos) emitText(snapSplit({ window, at, limit: end, spans }));
      }
      this.queue.shift();
      this.emitRest(head.event, head.embedsTexts);
    }
    emitText(end);
    this.releasedChars += end - from;
    channel.commit({ end, contextChars: this.options.contextChars, maxContextChars: this.options.limits.blockHoldBackLimit });
    if (redactions > 0) this.options.onEvent?.({ kind: "redacted", findings: options.findings });
    this.drain();
  }

  private enqueue(event: SseEvent, embedsTexts: boolean): void {
    const barrier = new Map<string, number>();
    for (const [key, channel] of this.channels) if (channel.released < channel.received) barrier.set(key, channel.received);
    if (this.queue.length === 0 && barrier.size === 0 && this.mayEmitQueued()) this.emitRest(event, embedsTexts);
    else this.queue.push({ event, barrier, embedsTexts });
  }

  private drain(): void {
    while (this.queue.length > 0 && this.mayEmitQueued() && !this.blockedByOthers(this.queue[0], null)) {
      const head = this.queue.shift()!;
      this.emitRest(head.event, head.embedsTexts);
    }
  }

  /** Sends a non-text event; one that repeats answer text carries what was released, never what the upstream sent. */
  private emitRest(event: SseEvent, embedsTexts: boolean): void {
    const { surface, emit } = this.options;
    emit(embedsTexts && this.releasedTexts && surface.withReleasedTexts ? surface.withReleasedTexts(event, this.releasedTexts.current()) : event);
  }

  /** In buffer mode nothing goes out before the whole answer has been screened. */
  private mayEmitQueued(): boolean {
    return this.options.mode === "rolling" || this.finalising;
  }

  private blockedByOthers(entry: QueuedEvent, except: string | null): boolean {
    for (const [key, offset] of entry.barrier) {
      if (key === except) continue;
      const channel = this.channels.get(key);
      if (channel && channel.released < offset) return true;
    }
    return false;
  }

  private block(options: { findings: Finding[]; end: StreamEnd }): void {
    if (this.ended) return;
    this.dropHeld();
    const categories = [...new Set(options.findings.map((finding) => finding.category))];
    const message =
      options.end === "screen_error"
        ? "The answer could not be screened, so it was stopped."
        : `The answer was stopped by the guardrail policy${categories.length > 0 ? ` (${categories.join(", ")})` : ""}.`;
    this.options.emit(this.options.surface.errorEvent({ type: "guardrail_violation", code: "output_blocked", message }));
    this.action = "block";
    this.ended = options.end;
    this.options.onEvent?.({ kind: "blocked", findings: options.findings });
  }

  private dropHeld(): void {
    this.channels.clear();
    this.queue = [];
  }

  private mergeUsage(usage: StreamUsage): void {
    const merged: StreamUsage = { ...this.usage };
    if (usage.input_tokens !== undefined) merged.input_tokens = usage.input_tokens;
    if (usage.output_tokens !== undefined) merged.output_tokens = usage.output_tokens;
    this.usage = merged;
  }
}
