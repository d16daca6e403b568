// A streamed delta event minus its text. Each released piece is written as the event's JSON up to where the text
// goes plus the text: exactly what JSON.stringify({ ...fields, delta }) writes, without a spread copy per piece
// (~1.7 µs on Node 20, where every property a spread copy gains is a slow path; docs/performance.md, session 19).
// The prefix is serialised when the template first writes, so an event whose text is released with another's costs
// nothing.

export interface DeltaTemplate {
  event: string | undefined;
  /** The event's fields, never holding `delta`. */
  fields: Record<string, unknown>;
  /** Write `"logprobs": []` after the fields (screened text has no raw tokens to show). */
  emptyLogprobs: boolean;
  /** The fields' JSON without its closing brace, ready for `"delta":…}`; set on first use. */
  open?: string;
}

export function deltaTemplate(options: { event: string | undefined; fields: Record<string, unknown>; emptyLogprobs?: boolean }): DeltaTemplate {
  return { event: options.event, fields: options.fields, emptyLogprobs: options.emptyLogprobs ?? false, open: undefined };
}

/** The event's data for one released piece of text. */
export function deltaData(template: DeltaTemplate, text: string): string {
  if (template.open === undefined) {
    let open = JSON.stringify(template.fields).slice(0, -1);
    if (open.length > 1) open += ",";
    if (template.emptyLogprobs) open += '"logprobs":[],';
    template.open = open;
  }
  return `${template.open}"delta":${JSON.stringify(text)}}`;
}
