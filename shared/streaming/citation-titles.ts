// The titles of OpenAI's url_citation annotations: a web page's title, shown to users beside the answer it cites (web
// search). Each is screened like the answer, whole, on a channel of its own. The channel is named from the citation
// itself, so every event that repeats the citation (Responses' done events, the final response, a whole answer) finds
// its screened title without bookkeeping, and identical citations share it.
import { isRecord, type ScreenedText } from "./surface";

export interface CitationTitle {
  /** `u{scope}:…`, from the citation's range, URL and title. */
  channel: string;
  title: string;
}

/**
 * A citation's title and its channel, or undefined when it has none. `citation` holds the url_citation fields: chat
 * nests them under `annotation.url_citation`, Responses puts them on the annotation.
 */
export function citationTitleOf(scope: string, citation: unknown): CitationTitle | undefined {
  if (!isRecord(citation) || typeof citation.title !== "string" || citation.title.length === 0) return undefined;
  const { title } = citation;
  return { channel: `u${scope}:${JSON.stringify([citation.start_index, citation.end_index, citation.url, title])}`, title };
}

/**
 * `citation` with its title as screened. A stream releases a title once per copy of an identical citation on the
 * same channel, each copy screened alike: the first copy's end maps to the title's end. A title nothing was released
 * for is "" in a stream (as any unreleased text) and left alone in a whole answer (`whole`).
 */
export function withScreenedTitle(options: { citation: unknown; scope: string; texts: ReadonlyMap<string, ScreenedText>; whole: boolean }): unknown {
  const { citation, scope, texts, whole } = options;
  if (!isRecord(citation)) return citation;
  const own = citationTitleOf(scope, citation);
  if (own === undefined) return citation;
  const screened = texts.get(own.channel);
  if (screened === undefined) return whole ? citation : { ...citation, title: "" };
  const title = screened.text.slice(0, screened.offsets.map(own.title.length, "end"));
  return title === own.title ? citation : { ...citation, title };
}
