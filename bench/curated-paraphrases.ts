// Pairs for bench/curated-match.bench.ts: a question an owner answered once (a curated answer) and
// the same question as another customer would ask it. Debian FAQ: the FAQ's own section headings
// against the customer questions of ../shared/corpus/faq-examples.json (written by others). The
// help centers: questions of each questions.json (by id) and a paraphrase written for this bench,
// in other words on purpose (few shared content words). None of this is used by server code.

export interface ParaphrasePair {
  /** The curated answer's question. */
  curated: string;
  /** Another customer asking the same thing. */
  paraphrase: string;
  /** The questions.json id of `curated`, when it comes from one (its gold tells same-topic questions). */
  id?: string;
}

/** FAQ section headings (the curated question) and faq-examples.json's question for that section. */
export const DEBIAN_FAQ_PAIRS: ParaphrasePair[] = [
  {
    curated: "What is the latest version of Debian?",
    paraphrase: "Which version of Debian is the newest one right now?",
  },
  {
    curated: "Which Debian distribution (stable/testing/unstable) is better for me?",
    paraphrase: "I care most about a system that doesn't break. Which branch should I pick?",
  },
  {
    curated: "Who wrote all that software?",
    paraphrase: "Where can I see who the authors of a program are?",
  },
  {
    curated: "How does Debian support non-English languages?",
    paraphrase: "Does the system work with keyboards for other languages?",
  },
  { curated: 'What about "sid"?', paraphrase: "Where does the name of the unstable branch come from?" },
  {
    curated: "What is a Debian conffile?",
    paraphrase: "Will an upgrade overwrite the settings I changed in /etc?",
  },
  {
    curated: "What is a Virtual Package?",
    paraphrase: "Two browsers both satisfy a dependency. What is that mechanism called?",
  },
  { curated: "How does a Debian system boot?", paraphrase: "What starts first when the computer boots?" },
  { curated: "Are there logs of known bugs?", paraphrase: "Is there a public list of known problems?" },
  {
    curated: "Can Debian be packaged with non-free software?",
    paraphrase: "Can a CD vendor include programs that are not free software?",
  },
  {
    curated: "Can I install and compile a kernel without some Debian-specific tweaking?",
    paraphrase: "I need newer kernel headers to compile a program. What should I do?",
  },
  {
    curated: "How can I get a current list of programs that have been packaged for Debian?",
    paraphrase: "Where can I get the full list of packaged programs and their maintainers?",
  },
  {
    curated: "Where is the source code?",
    paraphrase: "Where can I download the source code for the system?",
  },
  {
    curated: "Hardening the system",
    paraphrase: "What is being done to make installs more secure against attacks?",
  },
  { curated: "(How) Does Debian support Java?", paraphrase: "Can I write and run Java programs?" },
];

/** By help center (the folder name under ../shared/corpus or bench/corpora): curated id → paraphrase. */
export const HELP_CENTER_PARAPHRASES: Record<string, Record<string, string>> = {
  "zulip-help": {
    "desk-chrome-blocked": "chrome never pops up zulip alerts on my desktop, what's wrong",
    "edit-no-pencil": "why can't I find the edit button on a message I wrote myself",
    "guest-hide-members": "can guests be prevented from browsing the full list of our employees",
    "emoji-logo": "I want our brand logo as a custom emoji - what image dimensions work?",
    "cloud-guest-price": "are guests billed at the regular per-user price",
    "mobile-new-message": "iphone alerts only show 'New message' instead of the message content",
    "version-server": "where do I see what zulip release our server has installed",
    "roles-billing-admin": "which person is our billing administrator",
    "slack-roles": "after importing from slack, which zulip role do our slack admins get",
    "account-only-owner": "i'm the sole owner and deactivating my own account is blocked",
    "user-reactivate":
      "a former contractor returned, can their previous account be restored with its settings",
    "drafts-sync": "drafts I wrote on one computer don't appear on my other one",
  },
  "shop-policies": {
    "ship-cutoff": "what time do i have to order by for same-day dispatch",
    "ship-missed": "the courier came while i was out, what happens to my parcel",
    "ret-noprinter": "no printer at home - how can i print the returns label",
    "ref-other-card": "can my refund be paid to another card since my old one was closed",
    "exch-rug": "is it possible to exchange a rug for a larger size",
    "dmg-discount": "the cabinet arrived slightly scratched, could i get a partial refund and keep it",
    "contact-complaint": "where do i file an official complaint",
    "ord-backorder": "can i still order a product that's marked back soon",
    "pay-amex": "is american express accepted",
    "gc-expiry": "is there an expiry date on gift cards",
    "intl-refused": "if i don't pay the customs charges and reject the delivery, what then",
    "priv-delete": "please erase my account and every bit of personal data you hold",
  },
  "appliance-manual": {
    "um-watts": "what is the power consumption in watts",
    "um-factory-grind": "which grind setting does it ship with from the factory",
    "um-oat": "can i froth oat milk with it",
    "um-clean-cycle": "how to start the cleaning cycle using a cleaning tablet",
    "um-dispose": "what's the right way to dispose of my old espresso machine",
    "ts-puddle": "water is leaking and pooling under the machine",
    "ts-wand-spits": "when i open the steam wand it only sputters water",
    "ds-powercut": "the descaling got interrupted by a power outage, what should i do",
    "sp-knockbox": "can i buy a knock box from you",
    "w-repair-time": "how many days does a repair usually take",
    "faq-rattle": "the pump makes a very loud rattling noise",
    "qs-ground-hopper": "is it ok to put pre-ground coffee in the bean hopper",
  },
  "saas-help": {
    "ci-bill-hours": "how can I add my logged time to an invoice",
    "ri-monthly": "can I invoice a client a fixed amount automatically every month",
    "pr-chase": "does tallyo send reminders to clients who haven't paid",
    "op-payout": "when do card payments reach my bank account",
    "tt-idle": "I forgot to stop the timer over my lunch break",
    "ta-reopen": "how do I edit a timesheet that was already approved",
    "re-profit": "how can I see which projects are profitable",
    "pp-pro": "what does the pro plan cost per user",
    "cp-downgrade": "do I lose the features immediately when I downgrade my plan",
    "tf-lost-phone": "my phone is gone and I can't get the two-factor code to log in",
    "ss-jit": "can I stop accounts being created automatically at sso sign-in",
    "tx-reverse": "how does reverse charge vat work for a german business client",
    "cl-powered": "how do I get rid of the powered by tallyo footer",
    "ma-offline": "can I use the app offline",
    "dw-own-account": "how can I close and delete my own account",
  },
};
