// Per channel, all text released to the client so far and the upstream text it was made from: what a dialect's
// events that repeat the text (Responses' `*.done`) or point into it by offset (citations) are rewritten with, and
// the answer's words as the client got them (remembered for policy.resentAnswers).
import { createOffsetMap } from "./offset-map";
import type { ScreenedText, TextForm } from "./surface";

export class ReleasedTexts {
  private readonly released = new Map<string, string>();
  private readonly original = new Map<string, string>();
  private readonly screened = new Map<string, ScreenedText>();
  /** Channels of words people read ("text" form), the ones an app resends as the assistant's turn. */
  private readonly readable = new Set<string>();

  /** `alignments`: keep the upstream text too, for `current()`; a dialect whose events never repeat the text needs none. */
  constructor(private readonly options: { alignments: boolean }) {}

  append(options: { channel: string; released: string; original: string; form: TextForm }): void {
    const { channel } = options;
    this.released.set(channel, (this.released.get(channel) ?? "") + options.released);
    if (this.options.alignments) this.original.set(channel, (this.original.get(channel) ?? "") + options.original);
    if (options.form === "text") this.readable.add(channel);
  }

  /** The released text of every channel of words, in the order the channels began. */
  readableTexts(): string[] {
    return [...this.readable].map((channel) => this.released.get(channel)!);
  }

  /** Each channel's released text and where upstream offsets land in it; an alignment is kept while its text stays. */
  current(): ReadonlyMap<string, ScreenedText> {
    for (const [channel, text] of this.released) {
      if (this.screened.get(channel)?.text !== text) {
        this.screened.set(channel, { text, offsets: createOffsetMap({ before: this.original.get(channel) ?? "", after: text }) });
      }
    }
    return this.screened;
  }
}
