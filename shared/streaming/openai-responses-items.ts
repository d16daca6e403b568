// Where the texts of an OpenAI Responses output item live: its channels (content parts `r{o}:{c}`, summary parts
// `s{o}:{k}`, a tool call's input `f{o}`, tool results `t{o}` and `t{o}:{k}`, citation titles `u{o}:{c}:…`), and the
// item again with screened texts put back, as the dialect's events and whole answers repeat it
// (openai-responses-surface.ts).
import { citationTitleOf, withScreenedTitle } from "./citation-titles";
import { withMovedOffsets } from "./offset-map";
import { inputChannelOf, itemInput, itemResults, withResultText } from "./responses-tool-inputs";
import { isRecord, type BodyText, type ScreenedText } from "./surface";

/** Content parts the user reads, by part type: the field holding the text, and the events streaming and repeating it. */
export interface TextPartKind {
  field: "text" | "refusal";
  delta: string;
  done: string;
}
export const TEXT_PARTS = new Map<unknown, TextPartKind>([
  ["output_text", { field: "text", delta: "response.output_text.delta", done: "response.output_text.done" }],
  ["refusal", { field: "refusal", delta: "response.refusal.delta", done: "response.refusal.done" }],
  ["reasoning_text", { field: "text", delta: "response.reasoning_text.delta", done: "response.reasoning_text.done" }],
]);
export const channelOf = (outputIndex: unknown, contentIndex: unknown): string => `r${String(outputIndex)}:${String(contentIndex)}`;
/** A reasoning item's summary part: model text shown to users like the answer, screened like it. */
export const summaryChannelOf = (outputIndex: unknown, summaryIndex: unknown): string => `s${String(outputIndex)}:${String(summaryIndex)}`;

/** The channels of an output item's texts (content and summary parts, a tool's input and result): its `done` closes them. */
export function itemChannels(outputIndex: unknown, item: unknown): string[] {
  if (!isRecord(item)) return [];
  const channels = Array.isArray(item.content) ? item.content.map((_part: unknown, contentIndex: number) => channelOf(outputIndex, contentIndex)) : [];
  if (Array.isArray(item.summary)) item.summary.forEach((_part: unknown, summaryIndex: number) => channels.push(summaryChannelOf(outputIndex, summaryIndex)));
  if (itemInput(item)) channels.push(inputChannelOf(outputIndex));
  for (const result of itemResults(item, outputIndex)) channels.push(result.channel);
  return channels;
}

/** A part's screened text, when it is a part the user reads. */
export function partText(part: unknown): { kind: TextPartKind; text: string } | undefined {
  const kind = isRecord(part) ? TEXT_PARTS.get(part.type) : undefined;
  const text = kind && isRecord(part) ? part[kind.field] : undefined;
  return kind && typeof text === "string" ? { kind, text } : undefined;
}

/** The scope of a content part's citation titles (citation-titles.ts). */
export const citationScopeOf = (outputIndex: unknown, contentIndex: unknown): string => `${String(outputIndex)}:${String(contentIndex)}`;

/** The title texts of a content part's url_citations, one per distinct citation. */
export function citationTitleTexts(options: { part: unknown; outputIndex: unknown; contentIndex: unknown }): BodyText[] {
  const { part } = options;
  if (!isRecord(part) || !Array.isArray(part.annotations)) return [];
  const texts: BodyText[] = [];
  for (const annotation of part.annotations) {
    const cited = citationTitleOf(citationScopeOf(options.outputIndex, options.contentIndex), annotation);
    if (cited !== undefined && !texts.some((text) => text.channel === cited.channel)) texts.push({ channel: cited.channel, text: cited.title });
  }
  return texts;
}

/**
 * A content part with its text as screened when it is a part the user reads (a text missing from `texts` is "" in a
 * stream and left alone in a whole answer), its citations' titles as screened and their offsets moved with the
 * text. Logprobs repeat the raw tokens, so they go once the text changed.
 */
export function partWithText(options: { part: unknown; outputIndex: unknown; contentIndex: unknown; texts: ReadonlyMap<string, ScreenedText>; whole: boolean }): unknown {
  const { part, texts, whole } = options;
  const own = partText(part);
  if (!own || !isRecord(part)) return part;
  const screened = texts.get(channelOf(options.outputIndex, options.contentIndex));
  const text = screened === undefined && whole ? own.text : (screened?.text ?? "");
  const scope = citationScopeOf(options.outputIndex, options.contentIndex);
  const annotations = Array.isArray(part.annotations) ? part.annotations : [];
  const titled = annotations.map((citation: unknown) => withScreenedTitle({ citation, scope, texts, whole }));
  const retitled = titled.some((annotation, k) => annotation !== annotations[k]);
  if (text === own.text && !retitled) return part;
  const moved: Record<string, unknown> = { ...part, [own.kind.field]: text };
  if (text !== own.text && "logprobs" in part) moved.logprobs = [];
  if (Array.isArray(part.annotations)) {
    moved.annotations = text !== own.text && screened ? titled.map((annotation) => withMovedOffsets(annotation, screened.offsets)) : titled;
  }
  return moved;
}

/** A reasoning summary part with its text set to `screened`. */
export function summaryWithText(part: unknown, screened: ScreenedText | undefined): unknown {
  if (!isRecord(part) || typeof part.text !== "string") return part;
  const text = screened?.text ?? "";
  return text === part.text ? part : { ...part, text };
}

/**
 * An output item with each text replaced by its channel's entry in `texts`. `whole` says whether a text missing
 * from `texts` is one nothing was released on (a stream: it becomes "") or one screening left alone (a whole answer).
 */
export function itemWithTexts(options: { item: unknown; outputIndex: unknown; texts: ReadonlyMap<string, ScreenedText>; whole: boolean }): unknown {
  const { item, outputIndex, texts, whole } = options;
  if (!isRecord(item)) return item;
  const copy: Record<string, unknown> = { ...item };
  if (item.type === "reasoning" && Array.isArray(item.summary)) {
    copy.summary = item.summary.map((part: unknown, j: number) => {
      const screened = texts.get(summaryChannelOf(outputIndex, j));
      return screened === undefined && whole ? part : summaryWithText(part, screened);
    });
  }
  if ((item.type === "message" || item.type === "reasoning") && Array.isArray(item.content)) {
    copy.content = item.content.map((part: unknown, j: number) => partWithText({ part, outputIndex, contentIndex: j, texts, whole }));
  }
  const input = itemInput(item);
  if (input) {
    const screened = texts.get(inputChannelOf(outputIndex));
    if (screened !== undefined || !whole) copy[input.kind.field] = screened?.text ?? "";
  }
  let withResults = copy;
  for (const result of itemResults(item, outputIndex)) {
    const screened = texts.get(result.channel);
    if (screened !== undefined || !whole) withResults = withResultText(withResults, result, screened?.text ?? "");
  }
  return withResults;
}

/** The answer's message texts, in order: what the `output_text` convenience joins. */
export function messageTexts(output: readonly unknown[]): BodyText[] {
  const texts: BodyText[] = [];
  output.forEach((item: unknown, i: number) => {
    if (!isRecord(item) || item.type !== "message" || !Array.isArray(item.content)) return;
    item.content.forEach((part: unknown, j: number) => {
      if (isRecord(part) && part.type === "output_text" && typeof part.text === "string") texts.push({ channel: channelOf(i, j), text: part.text });
    });
  });
  return texts;
}
