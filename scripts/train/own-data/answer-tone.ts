// v16 (session 22): model answers, for the toxicity head only. Its positives are mostly tweets (Davidson's 16k), so it
// learned words and phrases common there, not tone: helpful answers about opening hours ("open all night"), grief,
// bullying, kitchens, games or history were blocked, while a plain insult aimed at the user in clean sentences ("What a
// moronic question.") passed. Benign answers mix the words toxic text shares with everyday advice into sentences a
// model writes; toxic answers are insults and contempt aimed at the reader in the same register. The last templates
// and fillers of each list are held out. Appended last in generate-own-data.ts; head-tasks.ts trains only toxicity on
// them, so the other heads retrain to the same bytes.
import { pick, type Random } from "../seeded-random";
import type { Family } from "./generate-own-data";
import { heldOutSplit } from "./held-out";

type Slots = Record<string, readonly string[]>;

/** Benign answer sentences by topic; `{slot}` names a list in BENIGN_SLOTS. Each topic's last entry is held out. */
const BENIGN_TOPICS: readonly (readonly string[])[] = [
  [ // opening hours and availability
    "The {place} is open {hours}, so you can go whenever suits you.",
    "Good news: the {place} near you stays open {hours}.",
    "Our {service} is available {hours}; just call the number on the back of your card.",
    "If you need help {hours}, the {service} will pick up.",
    "Most branches of the {place} close at 9 pm, but the one downtown is open {hours}.",
  ],
  [ // feelings, support and grief
    "It is completely normal to feel {feeling} after {event}.",
    "Many people feel {feeling} after {event}, and that feeling does pass with time.",
    "Feeling {feeling} does not mean you are {feeling}; it means you are going through {event}.",
    "You are not {feeling}. Going through {event} is hard, and asking for help is a strong thing to do.",
    "After {event}, it helps to talk to someone you trust and to keep a simple routine.",
    "If you keep feeling {feeling} for weeks after {event}, a counsellor or your doctor can help.",
  ],
  [ // cooking
    "{Cook} the {food} until it is {done}, then season it to taste.",
    "For the best texture, {cook} the {food} for a few minutes longer than the recipe says.",
    "Don't worry if the {food} looks a mess at first; {cook} it again and it will come together.",
    "Beat the butter and sugar together until pale, then fold in the flour gently.",
  ],
  [ // games, software and sports
    "To {verb} the {target}, {tip}.",
    "The easiest way to {verb} the {target} is to {tip}.",
    "If the {target} keeps coming back, {tip} and try again.",
    "The home team got {beaten} in the first half but came back to win in overtime.",
    "Their defence {beat} the visitors, who did not score a single goal.",
  ],
  [ // facts about groups of people, told neutrally
    "{Group} have lived in {region} for centuries and shaped its food, music and language.",
    "According to the latest census, {group} make up a growing share of the population in {region}.",
    "Many {group} in {region} celebrate {holiday} with family meals and public events.",
    "Laws protecting {group} from discrimination at work vary a lot across {region}.",
    "Historians have written a lot about how {group} built communities in {region}.",
  ],
  [ // children and parenting
    "Toddlers {act} because they do not have the words yet; stay calm and show them what to do instead.",
    "When your {child} says something hurtful, they are usually tired or frustrated, not cruel.",
    "It is normal for a {child} to push back at that age. Keep the rules simple and explain why they matter.",
    "If your {child} won't sleep, try the same bedtime routine every night for two weeks before you judge it.",
    "Kids often {act} when they feel ignored, so give them a few minutes of your full attention each day.",
    "Most {child}s grow out of it by the time they start school, so try not to worry too much.",
  ],
  [ // pets and animals
    "Cats {act} when they are bored or stressed, not because they are angry with you.",
    "A dog that growls is warning you, so give it space and never punish the growl itself.",
    "Some snakes are venomous, but most bites in gardens come from harmless species; still, see a doctor to be sure.",
    "If your rabbit stops eating for more than a day, take it to a vet, because it can get sick very fast.",
    "Raccoons are not dangerous unless they are cornered, so leave them an easy way out of the shed.",
    "Crows are among the smartest birds; they remember faces and can hold a grudge for years.",
  ],
  [ // getting around, work and school
    "The last {vehicle} leaves at 11:40 pm, so you will not be stuck if the show runs late.",
    "If you miss the {vehicle}, there is a night service every hour, and taxis wait outside the station.",
    "Your manager cannot dock your pay for that, because it is not in your contract.",
    "Teachers are not allowed to share your grades with other students, so you can ask them to stop.",
    "Nobody expects you to be perfect in your first week; they only expect you to ask when you are stuck.",
    "If your coworkers leave you out, it is often not about you; they may simply not know you well yet.",
  ],
  [ // health, body and safety
    "A {symptom} after a long day is usually nothing serious, but see a doctor if it lasts more than a week.",
    "Most {symptom}s clear up on their own; rest, drink water, and take paracetamol if you need it.",
    "Bleeding from a small cut stops faster if you press on it firmly for ten minutes without peeking.",
    "Wear gloves when you handle raw chillies, and never touch your eyes until you have washed your hands.",
    "Alcohol and sleeping pills are dangerous together, so do not mix them, even in small amounts.",
    "The burn will hurt for a few days; keep it under cool running water first, never ice.",
  ],
  [ // history and the news, told plainly
    "The war killed millions of soldiers and civilians, and it left whole cities in ruins.",
    "The riots began after the verdict and lasted three days before the army was sent in.",
    "Historians still argue about why the empire fell, but most point to debt, plague and invasion.",
    "The gang was convicted of two murders in 1998 and its leader died in prison.",
    "During the siege, people ate rats and boiled leather because there was nothing else left.",
    "The attack was condemned by every party, and the victims' families were offered support.",
  ],
  [ // rudeness, bullying and moderation, discussed
    "If someone calls you {insult}, it says more about them than about you.",
    "Being called {insult} at school hurts. Tell a teacher you trust and keep a record of what was said.",
    "When a customer gets rude, stay calm, don't argue, and hand the call to a supervisor if it continues.",
    "Online {pests} want a reaction, so muting or blocking them usually works better than replying.",
    "Our community rules ban insults and slurs, so we removed the comment and warned the account.",
  ],
];

const BENIGN_SLOTS: Slots = {
  place: ["pharmacy", "supermarket", "gym", "library", "petrol station", "diner", "corner shop", "pool", "laundromat", "bakery"],
  hours: ["all night", "late every night", "around the clock", "24 hours a day", "until 2 am", "overnight", "through the night", "seven nights a week"],
  service: ["helpline", "support line", "nurse line", "night desk", "crisis line", "customer service team", "chat support", "hotline"],
  feeling: ["worthless", "stupid", "ugly", "angry", "useless", "ashamed", "a failure", "hopeless", "lonely", "weak"],
  event: ["a breakup", "losing a job", "a bad exam", "a move to a new city", "a loss in the family", "a rough week", "being let go", "a miscarriage", "a divorce"],
  cook: ["beat", "whip", "smash", "crush", "pound", "roast", "sear", "grill", "fry"],
  food: ["eggs", "garlic", "potatoes", "chicken", "cream", "nuts", "steak", "onions", "meat", "dough"],
  done: ["golden", "smooth", "soft", "crispy", "thick", "tender", "falling apart"],
  verb: ["kill", "destroy", "beat", "take down", "wipe out", "shoot down", "crush", "get rid of"],
  target: ["final boss", "zombie process", "dragon", "enemy base", "memory leak", "hung job", "second boss", "weeds", "bug"],
  tip: ["wait for its attack to end before you strike", "run the command as an administrator", "dodge left and hit it from behind", "restart it from the task manager", "upgrade your weapon first", "check the logs for the process id", "use fire arrows"],
  beaten: ["crushed", "destroyed", "hammered", "beaten badly", "killed", "slaughtered"],
  beat: ["crushed", "destroyed", "smashed", "annihilated", "murdered"],
  group: ["Mexican Americans", "Muslims", "Jewish families", "Black Americans", "gay couples", "immigrants", "Chinese Americans", "women", "Native Americans", "trans people", "Arab Americans", "disabled people", "refugees", "lesbians"],
  region: ["the United States", "Texas", "Europe", "the UK", "California", "Canada", "New York", "the Midwest"],
  holiday: ["the new year", "their holidays", "Pride month", "harvest festivals", "national holidays"],
  act: ["bite", "hit", "scream", "throw things", "scratch", "kick", "bite and scratch", "lash out"],
  child: ["son", "daughter", "teenager", "toddler", "kid", "stepson", "child"],
  vehicle: ["bus", "train", "tram", "ferry", "metro", "night bus"],
  symptom: ["headache", "sore throat", "stiff neck", "cough", "stomach ache", "rash", "back ache"],
  insult: ["stupid", "a loser", "ugly", "fat", "an idiot", "weird", "a freak", "dumb"],
  pests: ["trolls", "bullies", "haters", "spammers"],
};
const HELD_OUT_SLOT_ENTRIES = 2;

const OPENERS = ["", "", "", "Sure! ", "Good question. ", "I'm sorry to hear that. ", "Happy to help. ", "Here's what I'd suggest: ", "Of course. "];
const CLOSERS = ["", "", "", " Let me know if you need anything else.", " I hope that helps!", " Take care.", " Good luck!"];

/** Insults and contempt aimed at the reader, in a model's register. Fillers in TOXIC_SLOTS; the last entries held out. */
const TOXIC_TEMPLATES = [
  "You are {a} {adj} {noun}.",
  "What {a} {adj} question. Only {a} {noun} would ask that.",
  "Are you really this {adj}? Figure it out yourself.",
  "Nobody cares about your {adj} {thing}, you {noun}.",
  "Stop wasting my time with your {adj} {thing}, {noun}.",
  "I am not helping {a} {noun} like you.",
  "Honestly, you are too {adj} to understand the answer.",
  "Shut up, you {adj} {noun}.",
  "Your {thing} is {adj}, and so are you.",
  "Go away. Talking to {a} {noun} like you is a waste of time.",
  "Wow, you are even more {adj} than you look, you {noun}.",
  "Learn to read, you {adj} {noun}.",
  "{Group} are {adj} {noun}s and everyone knows it.",
  "People like you are {adj} {noun}s who should keep quiet.",
  "Figure it out yourself, genius. Even {a} {noun} could manage that.",
  "I have no patience for people as {adj} as you.",
  "You must be the most {adj} person on this site.",
  "Do everyone a favour and stop talking, you {adj} {noun}.",
  "Congratulations, that is the most {adj} {thing} I have ever read.",
  "Nobody will ever love {a} {adj} {noun} like you.",
  "Typical {noun}. Too {adj} to read the instructions.",
  "You should be ashamed of how {adj} you are.",
  // Held out:
  "Seriously? Even a child knows that, you {adj} {noun}.",
  "Nobody asked for your {adj} {thing}. Get lost.",
  "{Group} are nothing but {adj} {noun}s.",
];
const HELD_OUT_TOXIC_TEMPLATES = 3;

const TOXIC_SLOTS: Slots = {
  adj: ["stupid", "pathetic", "worthless", "brainless", "moronic", "dumb", "useless", "clueless", "idiotic", "disgusting", "lazy", "ignorant", "spineless", "miserable", "ugly", "dense", "witless", "hopeless", "sad little", "dim-witted"],
  noun: ["idiot", "moron", "loser", "clown", "fool", "imbecile", "halfwit", "parasite", "slob", "creep", "jerk", "dimwit", "nitwit", "airhead", "numbskull", "buffoon"],
  thing: ["question", "opinion", "essay", "code", "idea", "complaint", "story", "plan", "excuse", "feelings"],
  group: ["immigrants", "women", "Muslims", "gay people", "old people", "Mexicans", "poor people", "disabled people", "Jews", "Black people"],
};

function splitSlots(slots: Slots, heldOut: boolean): Slots {
  return Object.fromEntries(Object.entries(slots).map(([name, items]) => [name, heldOutSplit({ items, count: HELD_OUT_SLOT_ENTRIES, heldOut })]));
}

/** Fills each slot once per text (a slot named twice reads the same), then sets "a" or "an" before the next word. */
function fill(template: string, slots: Slots, random: Random): string {
  const chosen: Record<string, string> = {};
  const text = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const key = name.toLowerCase();
    if (key === "a") return "{a}";
    chosen[key] ??= pick(slots[key], random);
    return name === key ? chosen[key] : chosen[key].charAt(0).toUpperCase() + chosen[key].slice(1);
  });
  return text.replace(/\{a\} (\w)/g, (_, next: string) => (/[aeiou]/i.test(next) ? "an " : "a ") + next);
}

function benignAnswers(options: { heldOut: boolean }): (random: Random) => string {
  const topics = BENIGN_TOPICS.map((sentences) => heldOutSplit({ items: sentences, count: 1, heldOut: options.heldOut }));
  const slots = splitSlots(BENIGN_SLOTS, options.heldOut);
  return (random) => {
    const topic = pick(topics, random);
    const sentences = [fill(pick(topic, random), slots, random)];
    if (topic.length > 1 && random() < 0.4) sentences.push(fill(pick(topic, random), slots, random));
    return pick(OPENERS, random) + [...new Set(sentences)].join(" ") + pick(CLOSERS, random);
  };
}

function toxicAnswers(options: { heldOut: boolean }): (random: Random) => string {
  const templates = heldOutSplit({ items: TOXIC_TEMPLATES, count: HELD_OUT_TOXIC_TEMPLATES, heldOut: options.heldOut });
  const slots = splitSlots(TOXIC_SLOTS, options.heldOut);
  return (random) => {
    const text = fill(pick(templates, random), slots, random);
    const roll = random(); // on its own, or after the kind of opener an answer has
    if (roll < 0.6) return text;
    const opener = pick(["Ugh. ", "No. ", "Listen, ", "Look, "], random);
    return opener.endsWith(", ") && !text.startsWith("I ") ? opener + text.charAt(0).toLowerCase() + text.slice(1) : opener + text;
  };
}

export function answerToneFamilies(): Family[] {
  return [
    { file: "benign-answers.jsonl", labels: [], count: 1600, make: benignAnswers({ heldOut: false }) },
    { file: "benign-answers.heldout.jsonl", labels: [], count: 250, make: benignAnswers({ heldOut: true }) },
    { file: "toxic-answers.jsonl", labels: ["toxicity"], count: 900, make: toxicAnswers({ heldOut: false }) },
    { file: "toxic-answers.heldout.jsonl", labels: ["toxicity"], count: 120, make: toxicAnswers({ heldOut: true }) },
  ];
}
