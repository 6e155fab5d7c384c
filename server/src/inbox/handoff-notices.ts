import type { ChatLanguage } from "../chat/detect-language";

/** What the visitor is told as a conversation moves between the assistant and people. */
interface HandoffNotices {
  waiting(business: string): string;
  nobodyAvailable(business: string): string;
  joined(agent: string): string;
  handedBack(agent: string): string;
  idleHandBack(agent: string): string;
  closed: string;
  contactSaved(email: string): string;
  /** Added to a not-found answer after the business's `handoffAfterNotFound` of them in a row. */
  offerPerson: string;
}

export const HANDOFF_NOTICES: Record<ChatLanguage, HandoffNotices> = {
  en: {
    waiting: (b) =>
      `I've asked someone from ${b} to join. Please stay here; a person will answer you shortly.`,
    nobodyAvailable: (b) =>
      `Nobody from ${b}'s team is available right now. Leave your email address and a person from the team will get back to you.`,
    joined: (a) => `${a} joined the conversation.`,
    handedBack: (a) => `${a} handed the conversation back to the assistant.`,
    idleHandBack: (a) => `${a} is no longer available; the assistant will answer you again.`,
    closed: "This conversation was closed. Write again any time to start over with the assistant.",
    contactSaved: (e) => `Thank you! We'll write to you at ${e}.`,
    offerPerson: "Would you like to talk to a person? Just say yes.",
  },
  de: {
    waiting: (b) =>
      `Ich habe jemanden von ${b} hinzugebeten. Bitte bleiben Sie hier; ein Mensch antwortet Ihnen gleich.`,
    nobodyAvailable: (b) =>
      `Gerade ist niemand von ${b} erreichbar. Hinterlassen Sie Ihre E-Mail-Adresse, dann meldet sich ein Mitarbeiter bei Ihnen.`,
    joined: (a) => `${a} ist dem Gespräch beigetreten.`,
    handedBack: (a) => `${a} hat das Gespräch an den Assistenten zurückgegeben.`,
    idleHandBack: (a) => `${a} ist nicht mehr erreichbar; der Assistent antwortet Ihnen wieder.`,
    closed:
      "Dieses Gespräch wurde beendet. Schreiben Sie jederzeit erneut, um mit dem Assistenten neu zu beginnen.",
    contactSaved: (e) => `Danke! Wir schreiben Ihnen an ${e}.`,
    offerPerson: "Möchten Sie mit einem Menschen sprechen? Sagen Sie einfach ja.",
  },
  fr: {
    waiting: (b) =>
      `J'ai demandé à quelqu'un de ${b} de nous rejoindre. Restez ici ; une personne va vous répondre.`,
    nobodyAvailable: (b) =>
      `Personne de ${b} n'est disponible pour le moment. Laissez votre adresse e-mail et un conseiller vous répondra.`,
    joined: (a) => `${a} a rejoint la conversation.`,
    handedBack: (a) => `${a} a rendu la conversation à l'assistant.`,
    idleHandBack: (a) => `${a} n'est plus disponible ; l'assistant vous répondra de nouveau.`,
    closed: "Cette conversation est terminée. Écrivez à tout moment pour recommencer avec l'assistant.",
    contactSaved: (e) => `Merci ! Nous vous écrirons à ${e}.`,
    offerPerson: "Voulez-vous parler à une personne ? Répondez simplement oui.",
  },
  es: {
    waiting: (b) =>
      `He pedido a alguien de ${b} que se una. Quédese aquí; una persona le responderá enseguida.`,
    nobodyAvailable: (b) =>
      `Ahora mismo no hay nadie de ${b} disponible. Deje su correo electrónico y una persona del equipo le responderá.`,
    joined: (a) => `${a} se ha unido a la conversación.`,
    handedBack: (a) => `${a} ha devuelto la conversación al asistente.`,
    idleHandBack: (a) => `${a} ya no está disponible; el asistente le responderá de nuevo.`,
    closed: "Esta conversación se ha cerrado. Escriba cuando quiera para empezar de nuevo con el asistente.",
    contactSaved: (e) => `¡Gracias! Le escribiremos a ${e}.`,
    offerPerson: "¿Quiere hablar con una persona? Diga simplemente que sí.",
  },
};
