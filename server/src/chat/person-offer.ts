import { HANDOFF_NOTICES } from "../inbox/handoff-notices";
import type { ChatTurn } from "../providers/chat-model";
import { fold } from "./handoff-request";

/**
 * After a business's `handoffAfterNotFound` answers in a row found nothing, the assistant offers a
 * person; a plain "yes" to that offer is a request for one.
 */

const OFFERS = Object.values(HANDOFF_NOTICES).map((notices) => notices.offerPerson);

// Yes in the four languages, alone or with a word of politeness: "yes please", "ja gerne", "oui merci".
const YES =
  /^(?:yes|yeah|yep|sure|ok|okay|please|ja|jawohl|gerne|gern|bitte|oui|ouais|d'accord|volontiers|si|claro|vale|por favor|de acuerdo)(?: (?:please|thanks|thank you|bitte|gerne|danke|merci|s'il vous plait|svp|por favor|gracias))?[ .!]*$/u;

/** Whether the message accepts the offer of a person made by the assistant's last answer. */
export function acceptsOffer(message: string, history: ChatTurn[]): boolean {
  const last = history.findLast((turn) => turn.role === "assistant");
  return Boolean(last && OFFERS.some((offer) => last.content.endsWith(offer)) && YES.test(fold(message)));
}
