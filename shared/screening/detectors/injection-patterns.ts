// The weighted phrase patterns injection_heuristics looks for in the normalised (lower-cased, look-alike folded)
// text. Patterns in other scripts are folded with the same function as the text, so both sides agree.
import { foldConfusables } from "../normalise/confusables";

export interface InjectionPattern {
  id: string;
  category: "prompt_injection" | "jailbreak";
  /** Probability-like weight; matched weights combine with a noisy-or. */
  weight: number;
  re: RegExp;
  /**
   * Lower-case literals, at least one of which occurs in (or just before) every match: the detector finds all
   * triggers in one pass and verifies a pattern only in a window around its triggers' hits.
   */
  triggers: readonly string[];
}

// Bounded gaps keep every pattern linear: a few words may sit between the verb and its object, never a paragraph.
const GAP = "[^.!?\\n]{0,40}?";
const SHORT_GAP = "[^.!?\\n]{0,20}?";
const OVERRIDE_VERB = "(?:ignore|disregard|forget|override|bypass|skip|drop|abandon|dismiss|discard|neglect)";
const EARLIER = "(?:previous|prior|above|preceding|earlier|original|initial|foregoing|former|existing|system|developer)";
const RULES =
  "(?:instructions?|rules?|prompts?|directions?|directives?|guidelines?|commands?|context|constraints?|guardrails?|polic(?:y|ies)|programming|orders|restrictions?)";

const TRIGGERS: Record<string, readonly string[]> = {
  "override": ["ignor", "disregard", "forget", "overrid", "bypass", "skip", "drop", "abandon", "dismiss", "discard", "neglect"],
  "override-all": ["ignor", "disregard", "forget", "overrid", "bypass", "skip", "drop", "abandon", "dismiss", "discard", "neglect"],
  "override-everything": ["ignor", "forget", "disregard"],
  "new-instructions": ["instruction", "rule", "task", "directive"],
  "from-now-on": ["from now on"],
  "instead": ["instead", "rather"],
  "chatml": ["<|"],
  "inst-tags": ["inst]", "sys>>"],
  "markdown-role": ["##"],
  "role-prefix": ["system", "developer", "admin"],
  "system-tag": ["<sys", "</sys", "<admin", "</admin"],
  "begin-system": ["system"],
  "reveal-prompt": ["prompt", "system message", "instruction"],
  "reveal-your-instructions": ["instruction", "rules", "guideline", "directive", "prompt"],
  "what-were-you-told": ["what were", "what are"],
  "words-above": ["above"],
  "override-es": ["instrucciones"],
  "override-fr": ["instruction"],
  "override-de": ["anweisung", "instruktion", "regeln", "befehle"],
  "override-pt": ["instru"],
  "override-it": ["istruzioni"],
  "override-zh": ["忽略", "忽视", "无视", "忘记", "忘掉"],
  "override-ru": ["игнорир", "забуд", "проигнор"],
  "dan": ["do anything now"],
  "dan-persona": ["dan"],
  "developer-mode": ["developer mode"],
  "jailbroken": ["jailbr"],
  "no-longer-bound": ["no longer"],
  "free-from-rules": ["restriction", "rules", "guideline", "limitation", "filter", "censorship", "ethical"],
  "unrestricted-persona": ["unrestricted", "unfiltered", "uncensored", "amoral", "unaligned", "unbound", "unshackled"],
  "pretend-no-rules": ["pretend", "imagine", "act as if", "roleplay"],
  "ignore-safety": ["ignor", "bypass", "disable", "turn off", "overrid"],
  "stay-in-character": ["character"],
  "opposite-persona": ["evil", "dark", "opposite", "shadow"],
};

function pattern(id: string, category: InjectionPattern["category"], weight: number, source: string): InjectionPattern {
  const triggers = (TRIGGERS[id] ?? []).map(foldConfusables);
  return { id, category, weight, re: new RegExp(foldConfusables(source), "u"), triggers };
}

export const INJECTION_PATTERNS: readonly InjectionPattern[] = [
  // Instruction override.
  pattern("override", "prompt_injection", 0.9, `\\b${OVERRIDE_VERB}\\b${GAP}\\b${EARLIER}\\b${SHORT_GAP}\\b${RULES}\\b`),
  pattern("override-all", "prompt_injection", 0.7, `\\b${OVERRIDE_VERB} (?:all|any|every|each) (?:of )?(?:your |the |my )?${RULES}\\b`),
  pattern("override-everything", "prompt_injection", 0.6, `\\b(?:ignore|forget|disregard) (?:everything|all) (?:you (?:were|have been) told|(?:said|written) (?:above|before))`),
  pattern("new-instructions", "prompt_injection", 0.55, `\\b(?:new|updated|real|actual|revised) (?:instructions|rules|task|directive)s?\\s*:`),
  pattern("from-now-on", "prompt_injection", 0.35, `\\bfrom now on,? you (?:will|must|are|shall|should)\\b`),
  pattern("instead", "prompt_injection", 0.45, `\\b(?:instead|rather),? (?:you (?:must|should|will) )?(?:only )?(?:output|print|say|respond with|reply with)\\b`),
  // System and role spoofing.
  pattern("chatml", "prompt_injection", 0.8, `<\\|(?:im_start|im_end|system|endoftext|start_header_id|eot_id)\\|>`),
  pattern("inst-tags", "prompt_injection", 0.7, `\\[/?inst\\]|<<\\/?sys>>`),
  pattern("markdown-role", "prompt_injection", 0.6, `(?:^|\\n)#{2,4} ?(?:instruction|system|new instructions|system prompt)s?\\b`),
  pattern("role-prefix", "prompt_injection", 0.5, `(?:^|\\n)\\s*(?:system|developer|admin(?:istrator)?)\\s*(?:message|prompt|override)?\\s*:`),
  pattern("system-tag", "prompt_injection", 0.6, `<\\/?(?:system|sys|system_prompt|admin)>`),
  pattern("begin-system", "prompt_injection", 0.6, `\\b(?:begin|start|end) (?:of )?(?:the )?system (?:prompt|message|instructions)\\b`),
  // Prompt-leak requests.
  pattern(
    "reveal-prompt",
    "prompt_injection",
    0.8,
    `\\b(?:reveal|print|show|display|repeat|output|tell me|give me|write out|write down|leak|dump|disclose|recite|spell out|share|list|echo|paste|translate)\\b${SHORT_GAP}\\b(?:your|the|initial|original|hidden|secret|full|exact|entire|complete|system)\\b${SHORT_GAP}\\b(?:system prompt|system message|pre-?prompt|initial (?:prompt|instructions)|(?:hidden|secret|original) (?:prompt|instructions)|instructions you (?:were|have been) given)`,
  ),
  pattern("reveal-your-instructions", "prompt_injection", 0.6, `\\b(?:reveal|print|repeat|show|tell me|output|dump|recite)\\b (?:me )?(?:all )?your (?:instructions|rules|guidelines|directives|prompt)\\b`),
  pattern("what-were-you-told", "prompt_injection", 0.55, `\\bwhat (?:were|are) (?:you|your) (?:told|instructed|initial instructions|instructions|original instructions)\\b`),
  pattern("words-above", "prompt_injection", 0.8, `\\brepeat (?:the |all )?(?:words|text|everything) above\\b`),
  // Non-English instruction overrides: es, fr, de, pt, it, zh, ru.
  pattern("override-es", "prompt_injection", 0.85, `\\b(?:ignora|olvida|omite|descarta|ignore)\\b${GAP}\\binstrucciones\\b${SHORT_GAP}\\b(?:anteriores|previas)\\b|\\b(?:ignora|olvida)\\b${GAP}\\b(?:anteriores|previas)\\b${SHORT_GAP}\\binstrucciones\\b`),
  pattern("override-fr", "prompt_injection", 0.85, `\\b(?:ignore[rz]?|oublie[rz]?|n[eé]glige[rz]?)\\b${GAP}\\binstructions (?:pr[ée]c[ée]dentes|ant[ée]rieures|ci-dessus)`),
  pattern("override-de", "prompt_injection", 0.85, `\\b(?:ignoriere|ignorier|vergiss|missachte)\\b${GAP}(?:vorherigen|bisherigen|obigen|vorigen|fr[üu]heren)\\s+(?:anweisungen|instruktionen|regeln|befehle)`),
  pattern("override-pt", "prompt_injection", 0.85, `\\b(?:ignore|ignora|esque[cç]a|desconsidere)\\b${GAP}instru[cç][õo]es\\s+(?:anteriores|pr[ée]vias|acima)`),
  pattern("override-it", "prompt_injection", 0.85, `\\b(?:ignora|dimentica|trascura)\\b${GAP}\\bistruzioni\\s+(?:precedenti|sopra|originali)`),
  pattern("override-zh", "prompt_injection", 0.85, `(?:忽略|忽视|无视|忘记|忘掉)[^。！？\\n]{0,10}(?:之前|以上|先前|前面|上面|所有)[^。！？\\n]{0,6}(?:指令|指示|说明|规则|提示)`),
  pattern("override-ru", "prompt_injection", 0.85, `(?:игнорируй|игнорируйте|забудь|забудьте|проигнорируй)[^.!?\\n]{0,30}(?:предыдущие|прежние|все|вышеуказанные)[^.!?\\n]{0,20}(?:инструкции|указания|правила)`),
  // Jailbreak personas and unrestricted framings.
  pattern("dan", "jailbreak", 0.9, `\\bdo anything now\\b`),
  pattern("dan-persona", "jailbreak", 0.8, `\\b(?:you are|act as|you're|pretend to be|become) (?:now )?(?:a )?dan\\b|\\bdan mode\\b|\\bdan\\s*(?:\\d+(?:\\.\\d+)?|jailbreak)\\b`),
  pattern("developer-mode", "jailbreak", 0.8, `\\bdeveloper mode (?:enabled|activated|on|output|response)|\\b(?:enable|activate|enter|simulate) developer mode\\b`),
  pattern("jailbroken", "jailbreak", 0.8, `\\b(?:you are|you're|you have been|now) (?:now )?(?:fully )?jailbroken\\b|\\bjailbreak mode\\b`),
  pattern("no-longer-bound", "jailbreak", 0.85, `\\byou (?:are|'re) no longer (?:bound|restricted|limited|constrained|required to follow)\\b`),
  pattern("free-from-rules", "jailbreak", 0.6, `\\b(?:free (?:from|of)|without|broken free of|no longer have) (?:any |all |the )?(?:restrictions|rules|guidelines|limitations|filters|censorship|ethical (?:guidelines|constraints|boundaries))\\b`),
  pattern("unrestricted-persona", "jailbreak", 0.7, `\\b(?:unrestricted|unfiltered|uncensored|amoral|unaligned|unbound|unshackled)\\s+(?:ai|mode|model|assistant|version|persona|chatbot|llm|character)\\b`),
  pattern("pretend-no-rules", "jailbreak", 0.8, `\\b(?:pretend|imagine|act as if|roleplay (?:as if|that)) (?:that )?you (?:are|were|have|had) (?:no|zero|not any) (?:restrictions|rules|limits|filters|guidelines|ethics|morals)\\b`),
  pattern("ignore-safety", "jailbreak", 0.85, `\\b(?:ignore|bypass|disable|turn off|override) (?:your |all |any )?(?:ethical|safety|content|moral)\\s+(?:guidelines|policies|filters|restrictions|protocols|training)\\b`),
  pattern("stay-in-character", "jailbreak", 0.35, `\\bstay in character\\b|\\bnever break character\\b`),
  pattern("opposite-persona", "jailbreak", 0.5, `\\b(?:evil|dark|opposite|shadow) (?:twin|mode|version|confidant)\\b`),
];
