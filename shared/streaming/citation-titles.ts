// The titles of OpenAI's url_citation annotations: a web page's title, shown to users beside the answer it cites (web
// search). Each is screened like the answer, whole, on a channel of its own. The channel is named from the citation
// itself, so every event that repeats the citation (Responses' done events, the final response, a whole answer) finds
// its screened title without bookkeeping, and identical citations share it.
import { isRecord, type ScreenedText } from "./surface";

/** A title part's template: its screened text goes out inside the event that carries the citation, not on its own. */
export const CITATION_TITLE_TEMPLATE = Object.freeze({ citationTitle: true });

/**
 * The channel of a citation's title (`u{scope}:…`), or undefined when it has none. `citation` holds the url_citation
 * fields: chat nests them under `annotation.url_citation`, Responses puts them on the annotation.
 */
export function citationTitleChannel(scope: string, citation: unknown): string | undefined {
  if (!isRecord(citation) || typeof citation.title !== "string" || citation.title.length === 0) return undefined;
  return `u${scope}:${JSON.stringify([citation.start_index, citation.end_index, citation.url, citation.title])}`;
}

/**
 * `citation` with its title as screened. A stream releases a title once per copy of an identical citation on the
 * same channel, each copy screened alike: the first copy's end maps to the title's end. A title nothing was released
 * for is "" in a stream (as any unreleased text) and left alone in a whole answer (`whole`).
 */
export function withScreenedTitle(options: { citation: unknown; scope: string; texts: ReadonlyMap<string, ScreenedText>; whole: boolean }): unknown {
  const { citation, scope, texts, whole } = options;
  const channel = citationTitleChannel(scope, citation);
  if (channel === undefined || !isRecord(citation)) return citation;
  const screened = texts.get(channel);
  if (screened === undefined) return whole ? citation : { ...citation, title: "" };
  const title = screened.text.slice(0, screened.offsets.map((citation.title as string).length, "end"));
  return title === citation.title ? citation : { ...citation, title };
}
