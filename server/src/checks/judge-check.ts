import type { CheckExpect, CheckOutcome } from "@supportal/shared";

/** What came back for a golden question, before it is judged. */
export type CheckReply = Pick<CheckOutcome, "answer" | "kind" | "sources">;

const fold = (text: string) => text.toLowerCase().replace(/\s+/g, " ").trim();

/** Passed or not, and why not, in a sentence the owner can act on. */
export function judgeCheck(expect: CheckExpect, reply: CheckReply): { passed: boolean; reason: string } {
  if (reply.kind === "error")
    return { passed: false, reason: "The assistant could not answer (see the answer)." };
  const refused = reply.kind === "not_found";
  if (expect.refuse) {
    return refused
      ? { passed: true, reason: "" }
      : { passed: false, reason: "It should say it does not know, but it answered." };
  }
  if (refused) return { passed: false, reason: "It found nothing to answer from in the documents." };
  if (reply.kind === "handoff")
    return { passed: false, reason: "It took the question for a request for a person." };
  if (reply.kind === "small_talk")
    return { passed: false, reason: "It took the question for a greeting or a thanks." };
  const reasons: string[] = [];
  if (expect.documentId !== undefined && !reply.sources.some((s) => s.documentId === expect.documentId)) {
    const cited = [...new Set(reply.sources.map((s) => s.title ?? s.documentName).filter(Boolean))];
    reasons.push(
      `It did not cite document ${expect.documentId}${cited.length ? ` (it cited ${cited.join(", ")})` : ""}.`,
    );
  }
  if (expect.phrase !== undefined && !fold(reply.answer).includes(fold(expect.phrase))) {
    reasons.push(`The answer does not contain “${expect.phrase}”.`);
  }
  return { passed: reasons.length === 0, reason: reasons.join(" ") };
}
