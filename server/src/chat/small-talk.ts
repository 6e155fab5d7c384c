import type { ChatLanguage } from "./detect-language";
import { fold } from "./handoff-request";

/**
 * A message that is only a greeting or a thanks ("hi", "Hallo!", "merci beaucoup", "thanks, bye"),
 * in English, German, French or Spanish: no question for the documents, so it gets a reply in kind
 * instead of "I couldn't find anything about that", is not a knowledge gap, and does not count
 * towards offering a person. Anything more than the pleasantry ("hi, where is my order") is a
 * question, asked as any other.
 */
export type SmallTalk = { kind: "greeting" | "thanks"; language: ChatLanguage };

// A few words of address may follow the pleasantry ("hi there", "hello team", "danke euch").
const ADDRESS =
  "(?: (?:there|team|all|everyone|folks|guys|euch|ihnen|dir|a tous|tout le monde|a todos|chicos))?";
const WORDS: Record<ChatLanguage, Record<SmallTalk["kind"], string>> = {
  en: {
    greeting: "hi|hii+|hello|hey|hiya|howdy|yo|good (?:morning|afternoon|evening|day)|greetings",
    thanks:
      "thanks?(?: you)?(?: (?:so|very) much| a lot| again)?|thx|ty|tysm|cheers|many thanks|much appreciated|(?:ok(?:ay)?|great|perfect|got it),? thanks?(?: you)?|bye|goodbye|see you|bye bye",
  },
  de: {
    greeting: "hallo|hallihallo|moin(?: moin)?|servus|gruss gott|gruezi|guten (?:morgen|tag|abend)|tag",
    thanks:
      "danke(?: (?:schon|sehr|vielmals|dir|euch|ihnen))?|vielen dank|besten dank|tschuss|tschau|auf wiedersehen",
  },
  fr: {
    greeting: "bonjour|bonsoir|salut|coucou",
    thanks: "merci(?: (?:beaucoup|bien|infiniment))?|au revoir|a bientot|bonne journee|bonne soiree",
  },
  es: {
    greeting: "hola|buenos dias|buenas(?: (?:tardes|noches))?",
    thanks: "gracias|muchas gracias|mil gracias|adios|hasta luego|chao",
  },
};

// A message this long is more than a pleasantry even if it opens with one.
const MAX_CHARS = 60;

const PATTERNS = Object.entries(WORDS).flatMap(([language, kinds]) =>
  Object.entries(kinds).map(([kind, words]) => ({
    small: { kind, language } as SmallTalk,
    // One or two pleasantries of a kind and language ("thanks, bye", "merci, au revoir"), with only
    // punctuation or emoji around them ("¡Hola!", "thanks 🙏").
    pattern: new RegExp(
      `^[\\s\\p{P}\\p{S}]*(?:${words})${ADDRESS}(?:[ ,.!]+(?:${words})${ADDRESS})?[\\s\\p{P}\\p{S}]*$`,
      "u",
    ),
  })),
);

export function smallTalk(message: string): SmallTalk | null {
  const text = fold(message);
  if (text.length === 0 || text.length > MAX_CHARS) return null;
  return PATTERNS.find(({ pattern }) => pattern.test(text))?.small ?? null;
}
