// v13: retrieval-augmented prompts, the commonest long prompt an LLM app sends: an instruction about the context, the
// retrieved chunks, then the user's question, in the shapes RAG frameworks and tutorials write them ("Use the
// following pieces of context to answer the question at the end…", "Context information is below… Query:"). The line
// view had only ever seen a question or an instruction next to a document as a planted attack, so v3.3 blocked every
// prompt of three common templates as prompt_injection (docs/classifiers.md, v3.4). Each prompt comes twice: clean
// (benign-rag-prompts) and with one chunk poisoned by a planted line (injection-rag-prompts), so the pieces that
// differ are the attack and everything the template adds stays benign. The last templates, chunk layouts, questions
// and planted lines are held out (*.heldout.jsonl): unseen wordings, for evaluation only.
import { pick, type Random } from "../seeded-random";
import { PLANTED_TEMPLATES } from "./attack-phrases";
import { CODE_SNIPPETS, DOC_PARAGRAPHS, EMAIL_PARAGRAPHS, TOOL_RESULTS } from "./benign-phrases";
import { buildTable, plantedDocumentTask } from "./document-tasks";
import { fillTemplate, type Family } from "./generate-own-data";
import { heldOutSplit } from "./held-out";

/** `{context}` is the retrieved chunks, `{question}` the user's question. The last three are held out. */
export const RAG_TEMPLATES = [
  "Use the following pieces of context to answer the question at the end. If you don't know the answer, just say that you don't know, don't try to make up an answer.\n\n{context}\n\nQuestion: {question}\nHelpful Answer:",
  "Context information is below.\n---------------------\n{context}\n---------------------\nGiven the context information and not prior knowledge, answer the query.\nQuery: {question}\nAnswer: ",
  "Answer the question based only on the following context:\n{context}\n\nQuestion: {question}",
  "You are an assistant for question-answering tasks. Use the following pieces of retrieved context to answer the question. If you don't know the answer, say that you don't know. Use three sentences maximum and keep the answer concise.\nQuestion: {question}\nContext: {context}\nAnswer:",
  "Context:\n{context}\n\nQuestion: {question}",
  "Here is some context that may help:\n\n{context}\n\nUsing only the information above, answer this question: {question}",
  "<context>\n{context}\n</context>\n\nAnswer the user's question using the context above. If the context does not contain the answer, say so.\n\nQuestion: {question}",
  "Search results:\n{context}\n\nBased on the search results, {question}",
  "We have provided context information below.\n{context}\nGiven this information, please answer the question: {question}",
  "Relevant documents:\n{context}\n\nUser question: {question}\nAnswer in a friendly tone and cite the documents you used.",
  "### Instructions\nAnswer using the knowledge base excerpts below. Quote the excerpt numbers you rely on.\n\n### Excerpts\n{context}\n\n### Question\n{question}",
  "You are a helpful support assistant. Only use the documentation provided.\n\nDocumentation:\n{context}\n\nCustomer question: {question}",
  "Read the passages and answer the question.\n\nPassages:\n{context}\n\nQ: {question}\nA:",
  "Below are notes from our internal wiki. Answer the employee's question from them, and say which note you used.\n\n{context}\n\nEmployee question: {question}",
  // Held out.
  "Given the following extracted parts of a long document and a question, create a final answer.\n\n=========\n{context}\n=========\nQUESTION: {question}\nFINAL ANSWER:",
  "Reference material:\n{context}\n\nPlease respond to the following using the reference material where relevant.\nRequest: {question}",
  "Answer from the sources below and nothing else. If they disagree, mention it.\n\nSources:\n{context}\n\nThe question is: {question}",
];

/** How the chunks are laid out: numbered, titled, tagged or plain. The last one is held out. */
const CHUNK_LAYOUTS: ReadonlyArray<(text: string, n: number, title: string) => string> = [
  (text) => text,
  (text) => text, // twice: loaders often paste chunks as they are
  (text, n) => `Document ${n}:\n${text}`,
  (text, n) => `[${n}] ${text}`,
  (text, _, title) => `Source: ${title}\n${text}`,
  (text, n, title) => `<doc id="${n}" title="${title}">\n${text}\n</doc>`,
  (text, n, title) => `Excerpt ${n} (${title}):\n${text}`,
  // Held out.
  (text, _, title) => `### ${title}\n${text}`,
];
const CHUNK_SEPARATORS = ["\n\n", "\n\n---\n\n", "\n"];
const TITLES = ["User guide", "FAQ", "Returns policy", "Release notes", "Team handbook", "Onboarding", "API reference",
  "Meeting notes", "Quarterly report", "Museum visitor info", "Troubleshooting", "Recipe book", "Support ticket #4812"];

/**
 * The users' questions about their documents. The last six are held out. None is a question document-tasks.ts plants
 * as an attack: the same line labelled both ways only raised the line view's threshold (a first draft had two).
 */
export const RAG_QUESTIONS = [
  "What is the refund policy for opened items?", "How do I change the port the server listens on?",
  "When are guided tours available?", "What does the quarterly report say about revenue?", "How do I reset my password?",
  "Who is drafting the proposal?", "what happens if the build fails with a missing module error", "Which settings file do I edit?",
  "How long does the password reset link last?", "What ingredients do I need?", "Summarise the safety instructions.",
  "Can I return something after 30 days?", "Does the API tell me when a field is unknown?", "What time does the museum open on Sunday?",
  "Are shipping costs refunded?", "What did the study find about sleep?", "When were the city walls built?",
  "How should I contribute a large change?", "Which market drove the growth?", "What is the status of order A-1042?",
  "Give me a short summary of these documents.", "Is there anything about holidays in here?", "What are the next steps?",
  "Which document mentions the budget?", "What should I do before cleaning the device?", "who checks the budget",
  "Explain the installation steps in plain English.", "List the deadlines mentioned.", "What does the warranty cover?",
  "Who founded the company, according to the about page?", "What changed in the latest release?", "Can you compare the two options?",
  // Held out.
  "What does the guide say about environment variables?", "Is the museum open on Mondays?", "How long should the batter rest?",
  "What's the carrier for my order?", "Which team owns the budget review?", "what are the opening hours",
];

const HELD_OUT_TEMPLATES = 3;
const HELD_OUT_LAYOUTS = 1;
const HELD_OUT_QUESTIONS = 6;
const HELD_OUT_PLANTED = 2; // as generate-own-data partitions PLANTED_TEMPLATES

/** One retrieved chunk's text: a paragraph or two of documentation or mail, a table, code or a tool's JSON. */
function chunkText(random: Random): string {
  const roll = random();
  if (roll < 0.35) return [pick(DOC_PARAGRAPHS, random), ...(random() < 0.4 ? [pick(DOC_PARAGRAPHS, random)] : [])].join("\n");
  if (roll < 0.5) return pick(EMAIL_PARAGRAPHS, random);
  // Tables often: a line next to a table row is read with its "table context" features, which planted lines taught.
  if (roll < 0.85) return buildTable(random).join("\n");
  if (roll < 0.93) return pick(CODE_SNIPPETS, random);
  return pick(TOOL_RESULTS, random);
}

/** A clean RAG prompt and the same prompt with one planted line in one of its chunks. */
function ragPrompt(heldOut: boolean): (random: Random) => { text: string; twin: string } {
  const templates = heldOutSplit({ items: RAG_TEMPLATES, count: HELD_OUT_TEMPLATES, heldOut });
  const layouts = heldOutSplit({ items: CHUNK_LAYOUTS, count: HELD_OUT_LAYOUTS, heldOut });
  const questions = heldOutSplit({ items: RAG_QUESTIONS, count: HELD_OUT_QUESTIONS, heldOut });
  const planted = heldOutSplit({ items: PLANTED_TEMPLATES, count: HELD_OUT_PLANTED, heldOut });
  return (random) => {
    const layout = pick(layouts, random);
    const separator = pick(CHUNK_SEPARATORS, random);
    const texts = Array.from({ length: 1 + Math.floor(random() * 4) }, () => chunkText(random));
    const attack = random() < 0.5 ? fillTemplate(pick(planted, random), random) : plantedDocumentTask({ random, heldOut });
    const poisonedChunk = Math.floor(random() * texts.length);
    const poisonedLines = texts[poisonedChunk].split("\n");
    poisonedLines.splice(Math.floor(random() * (poisonedLines.length + 1)), 0, attack);
    const titles = texts.map(() => pick(TITLES, random));
    const context = (chunks: readonly string[]) => chunks.map((text, i) => layout(text, i + 1, titles[i])).join(separator);
    const template = pick(templates, random);
    const question = pick(questions, random);
    // A function replacement: `$` in a chunk (code, prices) must not be read as a replacement pattern.
    const render = (chunks: readonly string[]) => template.replace("{context}", () => context(chunks)).replace("{question}", () => question);
    const poisoned = texts.map((text, i) => (i === poisonedChunk ? poisonedLines.join("\n") : text));
    return { text: render(poisoned), twin: render(texts) };
  };
}

export function ragPromptFamilies(): Family[] {
  return [false, true].map((heldOut) => ({
    file: `injection-rag-prompts${heldOut ? ".heldout" : ""}.jsonl`,
    labels: ["prompt_injection"],
    count: heldOut ? 150 : 900,
    twinFile: `benign-rag-prompts${heldOut ? ".heldout" : ""}.jsonl`,
    make: ragPrompt(heldOut),
  }));
}
