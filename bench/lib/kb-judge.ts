// How an answer is judged, with the definitions of ../shared/conformance/kb.ts (kept in step with
// it, so the bench's figures and the conformance run's agree): a refusal in the opening sentence, a
// gold phrase in the answer or its sources, a handoff that points to a person without quoting a
// document.
import type { Source } from "../../shared/src/index";
import type { Gold } from "./help-center";

export const fold = (text: string) => text.replace(/\s+/g, " ").trim().toLowerCase();
export const holdsPhrase = (text: string, phrases: string[]) =>
  phrases.some((phrase) => fold(text).includes(fold(phrase)));

// "Could not find it" in the assistant's own words, looked for in the answer's opening sentence only:
// passages themselves say "if you are not sure…", and an answer that quotes one is not a refusal.
const REFUSAL =
  /(I'?m sorry|I am sorry|couldn.t find|could not find|can.t find|cannot find|not able to find|unable to find|no information|not covered|no relevant|don.t have (any )?information|don.t know|not sure|nothing about)/i;
const opening = (message: string) =>
  message
    .trim()
    .split(/(?<=[.!?])\s|\n/)[0]!
    .slice(0, 200);
export const isRefusal = (message: string) => REFUSAL.test(opening(message));
// The same in German, French and Spanish, for the other-language questions: kb.ts's check is English
// only, so an honest "Das konnte ich leider nicht finden" would pass there as an answer.
const FOREIGN_REFUSAL =
  /(nicht finden|nichts gefunden|nichts dazu|keine informationen|leider nicht|rien trouvé|pas trouvé|aucune information|désolé|no (he |lo |la )?(pude )?encontr|no hay información|lo siento)/i;
export const isRefusalInAnyLanguage = (message: string) =>
  isRefusal(message) || FOREIGN_REFUSAL.test(opening(message));

// A handoff answer points the customer to a person or a way to reach one (en, de, fr, es) ...
const HUMAN =
  /\b(?:human|real person|a person|someone (?:from|on|in) (?:our|the|your) (?:team|support|staff)|support (?:team|staff|agent)|customer service|our team|an? (?:agent|representative|staff member|team member|colleague)|contact (?:us|support|our|the team)|reach (?:out|us)|get in touch|e-?mail (?:us|support|our)|[\w.-]+@[\w-]+\.\w+|hand (?:you )?over|pass (?:you|this) (?:on|to)|transfer(?:ring)? (?:you|this)|connect(?:ing)? you|live chat|call (?:us|you)|Mensch|Mitarbeiter\w*|Kundendienst|Support-Team|personne|conseill\w+|agent humain|persona|agente|soporte)\b/i;
export const offersHuman = (message: string) => HUMAN.test(message);

// ... and is not a document passage handed back: repeating 40 characters of one of its own sources
// word for word is a quote, whatever the passage says.
const QUOTE_CHARS = 40;
export function quotesSource(message: string, sources: Source[]): boolean {
  const said = fold(message);
  return sources.some((source) => {
    const snippet = fold(source.snippet).replace(/(\.\.\.|…)$/, "");
    for (let i = 0; i + QUOTE_CHARS <= snippet.length; i++)
      if ((i === 0 || snippet[i - 1] === " ") && said.includes(snippet.slice(i, i + QUOTE_CHARS)))
        return true;
    return false;
  });
}

export interface AnswerJudgement {
  refused: boolean;
  /** A gold phrase is in the answer or in a source snippet. */
  phraseIn: boolean;
  /** phraseIn and not refused. */
  correct: boolean;
}

export function judgeAnswer(
  message: string,
  sources: Source[],
  gold: Gold,
  refusal: (message: string) => boolean = isRefusal,
): AnswerJudgement {
  const refused = refusal(message);
  const phraseIn = holdsPhrase(
    `${message} ${sources.map((source) => source.snippet).join(" ")}`,
    gold.phrases,
  );
  return { refused, phraseIn, correct: phraseIn && !refused };
}
