// The Debian FAQ (../shared/corpus) as a help center: its section examples and the chat bench's
// questions, no other-language or handoff set. Null when the corpus folder is absent.
import { readFileSync } from "node:fs";
import { EXTRA_IN_SCOPE, OUT_OF_SCOPE } from "../chat-questions";
import type { RetrievalQuestion } from "../retrieval-questions";
import { corpusFile } from "./corpus";
import type { HelpCenter } from "./help-center";

export const FAQ_HELP_CENTER = "debian-faq";

export function faqHelpCenter(): HelpCenter | null {
  const pdf = corpusFile("debian-faq.pdf");
  const examples = corpusFile("faq-examples.json");
  if (!pdf || !examples) return null;
  const asked = JSON.parse(readFileSync(examples, "utf8")) as RetrievalQuestion[];
  const gold = (phrases: string[]) => ({ doc: "debian-faq.pdf", phrases });
  return {
    name: FAQ_HELP_CENTER,
    files: [{ name: "debian-faq.pdf", path: pdf }],
    questions: {
      business: "Debian FAQ",
      inScope: [
        ...asked.map((q) => ({ id: `faq-${q.section}`, question: q.question, gold: gold(q.gold) })),
        ...EXTRA_IN_SCOPE.map((q, i) => ({ id: `chat-${i + 1}`, question: q.question, gold: gold(q.gold) })),
      ],
      outOfScope: OUT_OF_SCOPE.map((question, i) => ({ id: `out-${i + 1}`, question, absent: [] })),
      otherLanguage: [],
      handoff: [],
    },
  };
}
