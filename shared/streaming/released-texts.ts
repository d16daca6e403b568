// Per channel, all text released to the client so far and the upstream text it was made from: what a dialect's
// events that repeat the text (Responses' `*.done`) or point into it by offset (citations) are rewritten with.
import { createOffsetMap } from "./offset-map";
import type { ScreenedText } from "./surface";

export class ReleasedTexts {
  private readonly released = new Map<string, string>();
  private readonly original = new Map<string, string>();
  private readonly screened = new Map<string, ScreenedText>();

  append(options: { channel: string; released: string; original: string }): void {
    const { channel } = options;
    this.released.set(channel, (this.released.get(channel) ?? "") + options.released);
    this.original.set(channel, (this.original.get(channel) ?? "") + options.original);
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
