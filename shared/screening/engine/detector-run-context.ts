// The context one detector run hands its detectors. Its abort signal is created only when a detector reads it:
// synchronous detectors never do, and an AbortController per run was a seventh of the cost of screening a short text
// on Node. The signal aborts when the request does, and at the end of a run in which some detector timed out (that
// detector may still be working, and its answer will never be read).
import type { Direction, ScanContext } from "../types";

const NEVER = new Promise<void>(() => undefined);

export class DetectorRunContext implements ScanContext {
  readonly direction: Direction;
  readonly policy: ScanContext["policy"];
  readonly systemPrompt: string | undefined;
  readonly prompt: string | undefined;
  readonly fragment: boolean | undefined;
  readonly openEnded: boolean | undefined;
  /** Set when a detector ran out of time, so the run's end aborts the signal. */
  timedOut = false;
  private readonly requestSignal: AbortSignal | undefined;
  private controller: AbortController | undefined;
  private listening = false;
  private requestAbort: Promise<void> | undefined;
  private resolveRequestAbort: (() => void) | undefined;

  constructor(caller: ScanContext) {
    this.direction = caller.direction;
    this.policy = caller.policy;
    this.systemPrompt = caller.systemPrompt;
    this.prompt = caller.prompt;
    this.fragment = caller.fragment;
    this.openEnded = caller.openEnded;
    this.requestSignal = caller.signal;
  }

  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.requestSignal?.aborted) this.controller.abort(this.requestSignal.reason);
      else this.listen();
    }
    return this.controller.signal;
  }

  get requestAborted(): boolean {
    return this.requestSignal?.aborted ?? false;
  }

  /** Resolves when the request's signal aborts (never, without one). */
  whenRequestAborts(): Promise<void> {
    if (!this.requestSignal) return NEVER;
    if (this.requestSignal.aborted) return Promise.resolve();
    if (!this.requestAbort) {
      this.requestAbort = new Promise((resolve) => (this.resolveRequestAbort = resolve));
      this.listen();
    }
    return this.requestAbort;
  }

  /** The request's "abort" event (this object is the listener: no closure per run). */
  handleEvent(): void {
    this.controller?.abort(this.requestSignal?.reason);
    this.resolveRequestAbort?.();
  }

  /** The run is over: stop listening, and abort the signal if a detector that may still be working timed out. */
  end(): void {
    if (this.listening) this.requestSignal?.removeEventListener("abort", this);
    if (this.timedOut && this.controller && !this.controller.signal.aborted) {
      this.controller.abort(new DOMException("detector time budget exceeded", "TimeoutError"));
    }
  }

  private listen(): void {
    if (this.listening || !this.requestSignal) return;
    this.listening = true;
    this.requestSignal.addEventListener("abort", this, { once: true });
  }
}
