/** The languages the chat's own messages (refusals, notices) are written in. */
export const CHAT_LANGUAGES = ["en", "de", "fr", "es"] as const;
export type ChatLanguage = (typeof CHAT_LANGUAGES)[number];

// Short, frequent words of each language: a customer's question nearly always has a few. A word in
// two lists ("la", "de", "que") counts for both and decides nothing on its own.
const FUNCTION_WORDS: Record<ChatLanguage, string[]> = {
  en: (
    "the is are how do does i my can what to a of and in it you with for on not why where when " +
    "there this that which should would please me have an am was get if from your any dont cant"
  ).split(" "),
  de: (
    "der die das und ist ich nicht wie kann mein meine meinen meinem mit ein eine einen einem es zu " +
    "auf fur sie wir was gibt bitte warum wo wann habe hat mich mir den dem des keine kein auch oder " +
    "sich bei vom zum zur wird werden ob man nach noch schon sind hier"
  ).split(" "),
  fr: (
    "le la les un une des est je ne pas comment mon ma mes pour avec que qui du de et il elle vous nous " +
    "sont peut puis quoi pourquoi ou quand ce cette sur dans au aux ils faire qu'il l j d est-ce " +
    "combien temps sont-ils mettre"
  ).split(" "),
  es: (
    "el la los las un una es yo no como mi mis para con que de y en por se puedo puede cual donde " +
    "cuando hay del al lo su nuestro nuestra tengo quiero tamano cuanto esta estoy mas pero"
  ).split(" "),
};

// Letters that only some of the languages write.
const LETTERS: Record<ChatLanguage, RegExp> = {
  en: /(?!)/u,
  de: /[äöüß]/u,
  fr: /[éèêëàâçœîïôûù]/u,
  es: /[ñ¿¡áíóú]/u,
};

const WORDS = new Map<string, ChatLanguage[]>();
for (const language of CHAT_LANGUAGES)
  for (const word of FUNCTION_WORDS[language]) WORDS.set(word, [...(WORDS.get(word) ?? []), language]);

const fold = (word: string) => word.normalize("NFD").replace(/\p{M}/gu, "");

/**
 * The language a text is written in, among the chat's, or null when it shows too little of any
 * ("ok", "dark mode?"): then the widget's language decides. Function words and letters only some
 * languages write, and more of them than any other language has.
 */
export function detectLanguage(text: string): ChatLanguage | null {
  const lower = text.toLowerCase();
  const score: Record<ChatLanguage, number> = { en: 0, de: 0, fr: 0, es: 0 };
  for (const word of lower.match(/[\p{L}'-]+/gu) ?? []) {
    const languages = WORDS.get(fold(word)) ?? WORDS.get(fold(word.replace(/^[ldjqu]+'/, "")));
    for (const language of languages ?? []) score[language] += 1 / languages!.length;
  }
  for (const language of CHAT_LANGUAGES) if (LETTERS[language].test(lower)) score[language] += 1;
  const ranked = [...CHAT_LANGUAGES].sort((a, b) => score[b] - score[a]);
  const [first, second] = [ranked[0]!, ranked[1]!];
  if (score[first] < MIN_SCORE || score[first] <= score[second]) return null;
  return first;
}

// One function word that only this language has ("bitte") is enough when no other language scores
// as much; chosen on short customer questions in the four languages (detect-language.test.ts).
const MIN_SCORE = 1;

/** The chat language named by a BCP 47 tag ("de-CH" → "de"), or null for one it does not speak. */
export function chatLanguageOf(tag: string | undefined | null): ChatLanguage | null {
  const base = tag?.toLowerCase().split(/[-_]/)[0];
  return (CHAT_LANGUAGES as readonly string[]).includes(base ?? "") ? (base as ChatLanguage) : null;
}
