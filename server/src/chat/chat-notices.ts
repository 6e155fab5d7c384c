import type { ChatLanguage } from "./detect-language";

/** Where a passage comes from, as the not-found answer names it. */
export interface PassagePlace {
  heading: string;
  documentName: string;
  page: number;
}

interface Notices {
  /** How every answer that does not answer opens, so that people and tools can tell it at once. */
  notFoundOpening: string;
  notFound(business: string): string;
  nearMiss(business: string, place: string): string;
  /** Why nothing was found, when the question and the documents are in different languages. */
  otherLanguage(documents: ChatLanguage): string;
  /** Before a passage quoted from documents in another language than the question. */
  quotingOtherLanguage(documents: ChatLanguage): string;
  /** Before a second passage, from another section, that may answer as well. */
  alsoIn(section: string): string;
  handoff(business: string): string;
  /** The reply to a message that is only a greeting (see small-talk.ts). */
  greeting(business: string): string;
  /** The reply to a message that is only a thanks or a goodbye. */
  thanks: string;
  unavailable: string;
  rateLimited: string;
  dailyLimit: string;
  /** One visitor used up their share of the business's daily cap; others can still chat. */
  visitorDailyLimit: string;
  restarting: string;
  waitForAnswers: string;
  businessGone: string;
  page(n: number): string;
  in: string;
  languageNames: Record<ChatLanguage, string>;
}

const en: Notices = {
  notFoundOpening: "I'm sorry, I couldn't find",
  notFound: (business) =>
    `I'm sorry, I couldn't find anything about that in ${business}'s documents, so I won't guess. ` +
    "Could you rephrase the question, or ask about something else?",
  nearMiss: (business, place) =>
    `I'm sorry, I couldn't find a clear answer to that in ${business}'s documents, so I won't guess. ` +
    `The closest part I found is ${place}; it may help. You could also rephrase the question.`,
  otherLanguage: (documents) =>
    `The documents are written in ${en.languageNames[documents]}, which may be why; asking in ${en.languageNames[documents]} could find it.`,
  quotingOtherLanguage: (documents) =>
    `The documents are in ${en.languageNames[documents]}; this is the passage that answers it:`,
  alsoIn: (section) => `Also relevant, from “${section}”:`,
  handoff: (business) =>
    `You'd like to talk to a person. I'm ${business}'s automated assistant and can't put you through ` +
    `to someone on the team from this chat yet: please contact ${business}'s support team directly ` +
    "(the contact details are on their website). Until then, I'm happy to help with your question here.",
  greeting: (business) => `Hello! I'm ${business}'s assistant. What would you like to know?`,
  thanks: "You're welcome! If anything else comes up, just ask.",
  unavailable:
    "The assistant is unavailable right now. Please try again in a moment; your question has been saved.",
  rateLimited: "You are sending messages too fast; wait a moment and try again.",
  dailyLimit: "This chat has reached its message limit for today. Please try again tomorrow.",
  visitorDailyLimit: "You have sent as many messages as one visitor may today. Please try again tomorrow.",
  restarting: "The chat is restarting; please try again in a moment.",
  waitForAnswers: "Please wait for the answers to your previous questions.",
  businessGone: "This business no longer exists.",
  page: (n) => `page ${n}`,
  in: "in",
  languageNames: { en: "English", de: "German", fr: "French", es: "Spanish" },
};

const de: Notices = {
  notFoundOpening: "Das konnte ich leider nicht finden",
  notFound: (business) =>
    `Das konnte ich leider nicht finden: In den Dokumenten von ${business} steht nichts dazu, und ich möchte nicht raten. ` +
    "Können Sie die Frage anders formulieren oder etwas anderes fragen?",
  nearMiss: (business, place) =>
    `Das konnte ich leider nicht finden: Die Dokumente von ${business} beantworten das nicht eindeutig, und ich möchte nicht raten. ` +
    `Am nächsten kommt ${place}; vielleicht hilft das. Sie können die Frage auch anders formulieren.`,
  otherLanguage: (documents) =>
    `Die Dokumente sind auf ${de.languageNames[documents]} geschrieben, vielleicht liegt es daran; auf ${de.languageNames[documents]} gefragt, finde ich es eher.`,
  quotingOtherLanguage: (documents) =>
    `Die Dokumente sind auf ${de.languageNames[documents]}; dieser Abschnitt beantwortet Ihre Frage:`,
  alsoIn: (section) => `Ebenfalls passend, aus „${section}“:`,
  handoff: (business) =>
    `Sie möchten mit einem Mitarbeiter sprechen. Ich bin der automatische Assistent von ${business} und kann Sie ` +
    `aus diesem Chat noch nicht weiterverbinden: Bitte wenden Sie sich direkt an das Support-Team von ${business} ` +
    "(die Kontaktdaten stehen auf der Website). Bis dahin helfe ich Ihnen hier gern weiter.",
  greeting: (business) => `Hallo! Ich bin der Assistent von ${business}. Was möchten Sie wissen?`,
  thanks: "Gern geschehen! Wenn noch etwas ist, fragen Sie einfach.",
  unavailable:
    "Der Assistent ist gerade nicht erreichbar. Bitte versuchen Sie es gleich noch einmal; Ihre Frage ist gespeichert.",
  rateLimited: "Sie senden Nachrichten zu schnell; warten Sie einen Moment und versuchen Sie es erneut.",
  dailyLimit:
    "Dieser Chat hat sein Nachrichtenlimit für heute erreicht. Bitte versuchen Sie es morgen wieder.",
  visitorDailyLimit:
    "Sie haben heute so viele Nachrichten gesendet, wie ein Besucher darf. Bitte versuchen Sie es morgen wieder.",
  restarting: "Der Chat startet neu; bitte versuchen Sie es gleich noch einmal.",
  waitForAnswers: "Bitte warten Sie auf die Antworten auf Ihre vorherigen Fragen.",
  businessGone: "Dieses Unternehmen gibt es nicht mehr.",
  page: (n) => `Seite ${n}`,
  in: "in",
  languageNames: { en: "Englisch", de: "Deutsch", fr: "Französisch", es: "Spanisch" },
};

const fr: Notices = {
  notFoundOpening: "Désolé, je n'ai rien trouvé",
  notFound: (business) =>
    `Désolé, je n'ai rien trouvé à ce sujet dans les documents de ${business}, et je préfère ne pas deviner. ` +
    "Pourriez-vous reformuler la question, ou demander autre chose ?",
  nearMiss: (business, place) =>
    `Désolé, je n'ai rien trouvé qui réponde clairement dans les documents de ${business}, et je préfère ne pas deviner. ` +
    `Le passage le plus proche est ${place} ; il peut aider. Vous pouvez aussi reformuler la question.`,
  otherLanguage: (documents) =>
    `Les documents sont rédigés en ${fr.languageNames[documents]}, c'est peut-être la raison ; en posant la question en ${fr.languageNames[documents]}, je la trouverai plus facilement.`,
  quotingOtherLanguage: (documents) =>
    `Les documents sont en ${fr.languageNames[documents]} ; voici le passage qui répond à votre question :`,
  alsoIn: (section) => `Également utile, tiré de « ${section} » :`,
  handoff: (business) =>
    `Vous souhaitez parler à une personne. Je suis l'assistant automatique de ${business} et je ne peux pas encore ` +
    `vous mettre en relation depuis ce chat : veuillez contacter directement l'équipe support de ${business} ` +
    "(les coordonnées sont sur leur site). En attendant, je peux vous aider ici.",
  greeting: (business) => `Bonjour ! Je suis l'assistant de ${business}. Que souhaitez-vous savoir ?`,
  thanks: "Avec plaisir ! Si vous avez une autre question, n'hésitez pas.",
  unavailable:
    "L'assistant est indisponible pour le moment. Réessayez dans un instant ; votre question a été enregistrée.",
  rateLimited: "Vous envoyez des messages trop vite ; patientez un instant puis réessayez.",
  dailyLimit: "Ce chat a atteint sa limite de messages pour aujourd'hui. Réessayez demain.",
  visitorDailyLimit:
    "Vous avez envoyé autant de messages qu'un visiteur le peut aujourd'hui. Réessayez demain.",
  restarting: "Le chat redémarre ; réessayez dans un instant.",
  waitForAnswers: "Veuillez attendre les réponses à vos questions précédentes.",
  businessGone: "Cette entreprise n'existe plus.",
  page: (n) => `page ${n}`,
  in: "dans",
  languageNames: { en: "anglais", de: "allemand", fr: "français", es: "espagnol" },
};

const es: Notices = {
  notFoundOpening: "Lo siento, no encontré",
  notFound: (business) =>
    `Lo siento, no encontré nada sobre eso en los documentos de ${business}, y prefiero no adivinar. ` +
    "¿Podría reformular la pregunta o preguntar otra cosa?",
  nearMiss: (business, place) =>
    `Lo siento, no encontré una respuesta clara en los documentos de ${business}, y prefiero no adivinar. ` +
    `Lo más parecido que encontré es ${place}; puede ayudarle. También puede reformular la pregunta.`,
  otherLanguage: (documents) =>
    `Los documentos están escritos en ${es.languageNames[documents]}, quizá por eso; si pregunta en ${es.languageNames[documents]}, será más fácil encontrarlo.`,
  quotingOtherLanguage: (documents) =>
    `Los documentos están en ${es.languageNames[documents]}; este es el pasaje que responde a su pregunta:`,
  alsoIn: (section) => `También relevante, de «${section}»:`,
  handoff: (business) =>
    `Quiere hablar con una persona. Soy el asistente automático de ${business} y todavía no puedo pasarle ` +
    `con alguien del equipo desde este chat: póngase en contacto directamente con el equipo de soporte de ${business} ` +
    "(los datos de contacto están en su sitio web). Mientras tanto, con gusto le ayudo aquí.",
  greeting: (business) => `¡Hola! Soy el asistente de ${business}. ¿Qué le gustaría saber?`,
  thanks: "¡De nada! Si surge algo más, pregunte sin problema.",
  unavailable:
    "El asistente no está disponible ahora mismo. Inténtelo de nuevo en un momento; su pregunta se ha guardado.",
  rateLimited: "Está enviando mensajes demasiado rápido; espere un momento y vuelva a intentarlo.",
  dailyLimit: "Este chat ha alcanzado su límite de mensajes de hoy. Vuelva a intentarlo mañana.",
  visitorDailyLimit: "Ha enviado hoy tantos mensajes como puede un visitante. Vuelva a intentarlo mañana.",
  restarting: "El chat se está reiniciando; vuelva a intentarlo en un momento.",
  waitForAnswers: "Espere las respuestas a sus preguntas anteriores.",
  businessGone: "Esta empresa ya no existe.",
  page: (n) => `página ${n}`,
  in: "en",
  languageNames: { en: "inglés", de: "alemán", fr: "francés", es: "español" },
};

/** The chat's own messages in each language it speaks. */
export const NOTICES: Record<ChatLanguage, Notices> = { en, de, fr, es };

/** "“Heading” in file.pdf (page 3)", as the near-miss answer names a passage. */
export function placeOf(language: ChatLanguage, passage: PassagePlace): string {
  const notices = NOTICES[language];
  return [
    passage.heading ? `“${passage.heading}”` : "",
    `${notices.in} ${passage.documentName}`,
    passage.page ? `(${notices.page(passage.page)})` : "",
  ]
    .filter(Boolean)
    .join(" ");
}
