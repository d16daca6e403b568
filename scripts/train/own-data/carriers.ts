// Long carrier documents (emails, READMEs/web pages, code files, tool results), built from paragraph pools, optionally
// with a planted instruction at the start, middle or end: the same document appears clean (benign) and poisoned.
import { pick, shuffleInPlace, type Random } from "../seeded-random";
import { CODE_SNIPPETS, DOC_PARAGRAPHS, EMAIL_PARAGRAPHS, TOOL_RESULTS } from "./benign-phrases";

export type CarrierKind = "email" | "webpage" | "code" | "tool_result";

function paragraphs(pool: readonly string[], count: number, random: Random): string[] {
  return (shuffleInPlace([...pool], random) as string[]).slice(0, count);
}

export function buildCarrier(kind: CarrierKind, random: Random): string[] {
  switch (kind) {
    case "email":
      return [
        `Subject: ${pick(["Re: planning", "Invoice 2024-117", "Quick update", "Onboarding", "Fwd: notes"], random)}`,
        ...paragraphs(EMAIL_PARAGRAPHS, 3 + Math.floor(random() * 5), random),
      ];
    case "webpage":
      return [
        `<html><head><title>${pick(["Docs", "About us", "Product FAQ", "Blog"], random)}</title></head><body>`,
        ...paragraphs(DOC_PARAGRAPHS, 3 + Math.floor(random() * 5), random).map((p) => `<p>${p}</p>`),
        "</body></html>",
      ];
    case "code":
      return paragraphs(CODE_SNIPPETS, 3 + Math.floor(random() * 4), random);
    case "tool_result":
      return [
        `Tool ${pick(["search", "get_order", "read_file", "fetch_page", "calendar"], random)} returned:`,
        ...paragraphs(TOOL_RESULTS, 2 + Math.floor(random() * 4), random),
      ];
  }
}

/** Inserts `planted` into the carrier's lines at a random position and joins them. */
export function plant(lines: readonly string[], planted: string, random: Random): string {
  const position = Math.floor(random() * (lines.length + 1));
  return [...lines.slice(0, position), planted, ...lines.slice(position)].join("\n");
}
