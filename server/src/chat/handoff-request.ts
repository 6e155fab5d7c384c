/**
 * Recognises a customer message that asks for a person (English, German, French, Spanish) without
 * a model, so that it is never answered from the documents. The seam for the handoff modes: today the
 * chat answers it with a pointer to the business's people (chat-notices.ts); a real handoff replaces
 * that answer, not this test.
 *
 * Two kinds of words: people who work in support ("human", "agent", "Mitarbeiter", "conseiller") ask
 * for a person almost wherever they appear in a short message; plain "person"/"someone" only with a
 * verb of talking or reaching ("talk to someone", "hablar con una persona"), and not in a how-to about
 * the product ("how do I message someone in my team?"), where the person is another user.
 */

export const fold = (text: string) =>
  text
    .toLowerCase()
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[’`]/g, "'")
    .replace(/\s+/g, " ")
    .trim();

// Longer messages are questions about the product that happen to mention people; a request for a
// person is short ("can I talk to a real person", "get me a human agent please, this isn't helping").
const MAX_REQUEST_CHARS = 200;

/** A person who works in support, in words no product feature uses. */
const STAFF = [
  // English
  `(?:a |an )?(?:real |actual |live |human )?human(?: being| agent| person)?s?`,
  `(?:a |an )?(?:real|actual|live) (?:person|people|agent|human|someone|somebody)`,
  `(?:a |an |the )?(?:live |human |support |customer service |customer support )(?:agent|rep|representative|operator)s?`,
  `(?:a |an )?(?:customer service|customer support|support team|support staff|support person|helpdesk|help desk)`,
  `(?:a |an )?(?:representative|operator|staff member|team member|employee)`,
  // Someone who repairs or installs what the business sells; "engineer" stays out (engineering teams are customers).
  `(?:a |an |the )?(?:service |support |repair )?technicians?`,
  `(?:someone|somebody|anyone|a person|one of you|one of your (?:team|staff|colleagues|people))(?: (?:from|on|in|at) (?:(?:your|the|our) )?(?:team|support|staff|company|support team|office|customer service))`,
  // German
  `(?:einem |einen |ein |eine )?(?:echten |richtigen )?mensch(?:en)?`,
  String.raw`(?:einem |einer |einen |eine )?(?:mitarbeiter(?:in|innen)?|berater(?:in)?|kundendienst|kundenservice|support-?(?:team|mitarbeiter\w*)|ansprechpartner\w*|(?:service)?techniker(?:in)?)`,
  // "mit dem Support": German uses the English word for the support team, always with its article.
  `(?:dem|den) support(?:-?team)?`,
  `(?:einer |eine )?(?:echten |richtigen )person`,
  // French
  `(?:un |une )?(?:vrai(?:e)? |veritable )?(?:humain|etre humain|conseiller|conseillere|agent humain|operateur|operatrice|technicien|technicienne)s?`,
  `(?:une )?(?:vraie |veritable )personne`,
  `(?:le |au )?service client(?:s|ele)?`,
  `quelqu'un (?:de|du|de votre|de l') ?(?:equipe|support|service)`,
  // Spanish
  `(?:un |una )?(?:humano|ser humano|agente|asesor|asesora|operador|operadora|representante|tecnico|tecnica)s?`,
  `(?:una )?persona (?:de verdad|real|humana)`,
  `(?:el |al )?(?:servicio al cliente|atencion al cliente|soporte tecnico|equipo de soporte)`,
  `alguien (?:de|del) (?:equipo|soporte|servicio)`,
].join("|");

/** Anyone at all: a person only when the message asks to talk to or reach them. */
const ANYONE = `(?:a |an |one |the )?(?:person|someone|somebody|anybody|anyone|people|agent)|jemand(?:em|en)?|(?:une )?personne|quelqu'un|(?:una )?persona|alguien`;

const TALK =
  `(?:talk|speak|chat|get through|be put through|be connected|be transferred|connect me|put me through|transfer me|pass me|hand me over)(?: (?:to|with))?` +
  `|(?:sprechen|reden|schreiben|chatten|verbinden|verbunden werden)(?: mit)?|mit` +
  `|parler(?: a| avec)?|discuter avec|joindre|contacter|mettez-moi en relation avec|passer` +
  `|hablar(?: con)?|comunicarme con|contactar(?: con)?|pasarme con|conectarme con`;

// "... to a person", "sprechen mit einem Menschen", "parler à quelqu'un", "hablar con alguien".
// A plain "someone" followed by where or who they are is another user: "talk to someone in a DM".
const ANOTHER_USER = String.raw` (?:in|on|who|that|which|outside|else|privately|via|using|through|inside|within|from (?:my|another|a different|other))\b`;
// Plain "support" names the team only as whom to talk to ("connect me to support"), never alone.
const TALK_TO_ANYONE = new RegExp(
  String.raw`(?:^|\W)(?:${TALK}) (?:(?:${ANYONE})(?!${ANOTHER_USER})|${STAFF}|(?:your |the )?support(?! (?:for|of)\b))(?=$|\W)`,
  "u",
);
// "get me a human", "human please", "Mensch bitte", "un humain svp", "agente por favor".
const ASK_FOR_STAFF = new RegExp(
  `(?:^|[,.;:!?] )(?:get me|give me|i want|i need|i'd like|i would like|can i have|ich will|ich mochte|ich brauche|bitte|je veux|je voudrais|j'aimerais|quiero|necesito|me gustaria|por favor)? ?(?:${STAFF})(?: (?:please|pls|plz|now|bitte|sofort|svp|s'il vous plait|por favor|ya))?[ .!?]*$`,
  "u",
);
// "please have someone contact me", "can someone call me back", "ruft mich jemand zurück".
const CALL_ME = new RegExp(
  String.raw`(?:${ANYONE}|${STAFF}) (?:\w+ )?(?:contact|call|phone|email|e-mail|reach|get back to|text) me\b` +
    String.raw`|\b(?:call|contact) me back\b|\bcallback\b|\brequest a call\b|\b(?:can|could|would|will) you (?:please )?(?:call|phone|ring) me\b` +
    String.raw`|\bruckruf\b|\bruf\w*\b.*\bmich\b.*\b(?:an|zuruck)\b|\bkontaktier(?:t|en sie)? mich\b` +
    String.raw`|\brappelez-moi\b|\bme rappeler\b|\bme (?:contacter|recontacter|rappeler)\b` +
    String.raw`|\b(?:llamarme|contactarme|me llame|me llamen|me contacte|me contacten)\b` +
    String.raw`|\bme (?:puede|pueden|podria|podrian|podra) (?:llamar|contactar|devolver la llamada)\b`,
  "u",
);
// Any staff word anywhere in a short message asks for a person, unless the message is a how-to
// about the product; then the staff word must come with a verb of talking (TALK_TO_ANYONE).
const STAFF_ANYWHERE = new RegExp(String.raw`(?:^|\W)(?:${STAFF})(?=$|\W)`, "u");
const TALK_ANYWHERE = new RegExp(String.raw`(?:^|\W)(?:${TALK})(?=$|\W)`, "u");
// A how-to may follow what happened: "an employee quit today, how do I cut off their access?".
const HOW_TO =
  /(?:^|[,.;:!?] )(?:how|where|what|which|why|when|is there|are there|does|do|wie|wo|was|welche|warum|comment|ou|quel|quelle|pourquoi|como|donde|cual|que|por que)\b/u;
// A person inside the product: "make someone an admin", "invite people", "mention a person".
const PRODUCT_PERSON =
  /\b(?:invite|add|remove|mention|block|mute|message|dm|ping|tag|assign|make|ban|kick|deactivate|promote|hinzufugen|einladen|entfernen|erwahnen|loschen|ajouter|inviter|supprimer|mentionner|retirer|agregar|anadir|invitar|eliminar|mencionar|quitar)\b/u;
// A question about the team's hours is about the team, not a request for it: "is customer service
// open on Sundays?" (a request that also asks the hours still has its verb of talking).
const TEAM_HOURS =
  /\b(?:open|opens|closed|closes|opening|hours|available (?:on|at|during|over)|ge(?:o|ö)ffnet|geschlossen|offnungszeiten|ouvert|ferme|horaires?|abierto|cerrado|horario)\b/u;
// Words that name product features, not people: "user agent", "human-readable", "Personal settings".
const NOT_A_PERSON = /\buser[- ]agent\b|\bhuman[- ]readable\b|\bagent (?:string|software|version|config)\b/u;

/** Whether the message asks to talk to a person instead of the assistant. */
export function isHandoffRequest(message: string): boolean {
  const text = fold(message);
  if (text.length === 0 || text.length > MAX_REQUEST_CHARS) return false;
  if (NOT_A_PERSON.test(text)) return false;
  if (TALK_TO_ANYONE.test(text) && !(HOW_TO.test(text) && !STAFF_ANYWHERE.test(text))) return true;
  if (ASK_FOR_STAFF.test(text) || CALL_ME.test(text)) return true;
  // "is there a real person I can talk to?" asks for one; "is there a number for customer service?" does not.
  const asking = (!HOW_TO.test(text) && !TEAM_HOURS.test(text)) || TALK_ANYWHERE.test(text);
  return STAFF_ANYWHERE.test(text) && asking && !PRODUCT_PERSON.test(text);
}
