// The exfiltration detector (output): markdown images and links, and HTML tags that load URLs by themselves
// (<img>, <iframe>, <script>...), pointing at hosts outside the tenant's allow-list AND carrying data in the
// query, path or subdomain: the shape of "render this image and the conversation leaks to the attacker".
// Text without "://" costs one indexOf; each form's regex runs only when its own punctuation ("](", "]:", "<") occurs.
import type { Detector, Finding, ScanContext, ScanInput, Span } from "../types";

interface UrlHit {
  start: number;
  end: number;
  /** Loads without a click (images, iframes, scripts) rather than waiting for the user. */
  autoLoads: boolean;
}

// Bounded character classes keep each attempt short; the markdown alt text and HTML attributes are capped.
const MARKDOWN = /(!?)\[[^[\]\n]{0,500}\]\(\s*<?(https?:\/\/[^\s)>]{1,4096})/gd;
const REFERENCE_DEFINITION = /^ {0,3}\[[^\]\n]{1,200}\]:\s*<?(https?:\/\/[^\s>]{1,4096})/gmd;
const HTML_TAG =
  /<(img|image|iframe|script|link|source|video|audio|embed|object|input|frame|body|svg|use|track)\b[^<>]{0,1000}?\b(?:src|href|data|poster|background|srcset|xlink:href)\s*=\s*["']?(https?:\/\/[^\s"'>]{1,4096})/gid;
const CSS_URL = /url\(\s*["']?(https?:\/\/[^\s"')]{1,4096})/gid;
const CSS_URL_OPEN = /url\(/i;

const BASE64ISH = /^[A-Za-z0-9+/_=-]{16,}$/;
const PERCENT_ENCODED = /(?:%[0-9A-Fa-f]{2}.*){3,}/;

/** Whether `host` is allowed by one of `patterns` ("example.com" exact, "*.example.com" any subdomain). */
export function hostAllowed(host: string, patterns: readonly string[]): boolean {
  const h = host.toLowerCase().replace(/\.$/, "");
  return patterns.some((pattern) => {
    const p = pattern.toLowerCase();
    return p.startsWith("*.") ? h.endsWith(p.slice(1)) && h.length > p.length - 1 : h === p;
  });
}

function looksLikeData(value: string): boolean {
  if (value.length >= 24) return true;
  if (value.length >= 12 && (BASE64ISH.test(value) || PERCENT_ENCODED.test(value))) return true;
  return false;
}

/** Whether the URL carries data: long or encoded query values, long path segments or a long subdomain label. */
export function carriesData(url: URL): boolean {
  if (url.search.length > 64) return true;
  for (const pair of url.search.slice(1).split("&")) {
    const raw = pair.slice(pair.indexOf("=") + 1);
    const decoded = safeDecode(raw.replace(/\+/g, " "));
    // Encoded or long values, or prose (words with spaces) smuggled into a parameter.
    if (looksLikeData(raw) || looksLikeData(decoded) || (decoded.length >= 12 && /\S\s+\S/.test(decoded))) return true;
  }
  for (const segment of url.pathname.split("/")) {
    const decoded = segment.length > 200 ? segment : safeDecode(segment);
    if (decoded.length >= 32 || (decoded.length >= 16 && BASE64ISH.test(decoded) && /\d/.test(decoded))) return true;
  }
  // DNS exfiltration: data in a subdomain label.
  return url.hostname.split(".").some((label) => label.length >= 32);
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function addHits(options: { hits: UrlHit[]; text: string; re: RegExp; group: number; autoLoads: (m: RegExpExecArray) => boolean }): void {
  const { hits, text, re, group, autoLoads } = options;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const range = m.indices?.[group];
    if (range) hits.push({ start: range[0], end: range[1], autoLoads: autoLoads(m) });
  }
}

const isImage = (m: RegExpExecArray): boolean => m[1] === "!";
const never = (): boolean => false;
const always = (): boolean => true;
const htmlTagAutoLoads = (m: RegExpExecArray): boolean =>
  !["link"].includes(m[1].toLowerCase()) || /stylesheet|preload|prefetch|icon/i.test(m[0]);

function collect(text: string): UrlHit[] {
  // No named closures in hot code: keepNames renames them on every call (docs/performance.md).
  const hits: UrlHit[] = [];
  // Every form needs "://" and its own punctuation: one indexOf each skips the regexes on text without links.
  if (!text.includes("://")) return hits;
  if (text.includes("](")) addHits({ hits, text, re: MARKDOWN, group: 2, autoLoads: isImage });
  if (text.includes("]:")) addHits({ hits, text, re: REFERENCE_DEFINITION, group: 1, autoLoads: never });
  if (text.includes("<")) addHits({ hits, text, re: HTML_TAG, group: 2, autoLoads: htmlTagAutoLoads });
  if (CSS_URL_OPEN.test(text)) addHits({ hits, text, re: CSS_URL, group: 1, autoLoads: always });
  return hits;
}

export function createExfiltrationDetector(): Detector {
  return {
    id: "exfiltration",
    categories: ["exfiltration"],
    directions: ["output"],
    scan(input: ScanInput, context: ScanContext): Finding[] {
      const allowHosts = context.policy.exfiltration?.allowHosts ?? [];
      const spans: Array<Span & { score: number }> = [];
      for (const hit of collect(input.cleaned)) {
        // Markdown's closing parenthesis or a title may trail the URL; trailing punctuation is not part of it.
        const raw = input.cleaned.slice(hit.start, hit.end).replace(/[.,;:!?'"]+$/, "");
        let url: URL;
        try {
          url = new URL(raw);
        } catch {
          continue;
        }
        if (hostAllowed(url.hostname, allowHosts) || !carriesData(url)) continue;
        const end = hit.start + raw.length;
        spans.push({ start: input.toOriginal(hit.start), end: input.toOriginal(end - 1) + 1, type: "url", score: hit.autoLoads ? 0.95 : 0.7 });
      }
      if (spans.length === 0) return [];
      const byScore = new Map<number, Span[]>();
      for (const { score, ...span } of spans) byScore.set(score, [...(byScore.get(score) ?? []), span]);
      return [...byScore].map(([score, list]) => ({ detector: "exfiltration", category: "exfiltration", score, spans: list }));
    },
  };
}
