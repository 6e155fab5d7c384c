// Questions for the chat benchmark. The in-scope ones come from ../shared/corpus when it is there
// (the FAQ examples); the extra in-scope ones below were written for calibration only, phrased as a
// customer would ask, so the honesty thresholds are not fitted to fifteen questions. None of this is
// used by server code.

export interface GoldQuestion {
  question: string;
  /** At least one of these must appear in the answer's own text (case and whitespace folded). */
  gold: string[];
}

/** In-scope questions written for calibration, each answered by one FAQ section. */
export const EXTRA_IN_SCOPE: GoldQuestion[] = [
  { question: "How do you say the name Debian out loud?", gold: ["Deb'-ee-en", "Debra and Ian"] },
  { question: "How can I stop one package from being upgraded?", gold: ["hold"] },
  { question: "Which package does a given file on my disk belong to?", gold: ["dpkg --search", "dpkg -S"] },
  { question: "Can I delete the downloaded .deb files after installing?", gold: ["clean"] },
  { question: "What is the right way to report a bug I found?", gold: ["Bugs/Reporting", "reportbug"] },
  { question: "Can I install a Red Hat .rpm package on my machine?", gold: ["alien"] },
  { question: "How do I make every program print on A4 paper?", gold: ["libpaper", "papersize"] },
  { question: "How can I tell which release my computer is following?", gold: ["sources.list"] },
  { question: "Is there a log of which packages were installed and when?", gold: ["--log", "dpkg.log"] },
  { question: "Am I allowed to burn and sell copies of the system on discs?", gold: ["Go ahead"] },
  { question: "Can the system install updates by itself every night?", gold: ["cron-apt", "unattended"] },
  { question: "How do I see everything that is installed right now?", gold: ["dpkg --list", "dpkg -l"] },
  {
    question: "How can I donate money to the project?",
    gold: ["donations", "Software in the Public Interest"],
  },
];

/** Questions a Debian FAQ cannot answer: other businesses' support questions and near misses. */
export const OUT_OF_SCOPE: string[] = [
  "What is your refund policy for a pair of shoes that arrived damaged?",
  "How long does shipping to Canada usually take?",
  "Can I change the delivery address of an order I already placed?",
  "What are your opening hours on public holidays?",
  "Do you offer a student discount on the yearly subscription?",
  "How do I reset the password of my online banking account?",
  "Is breakfast included in the hotel room price?",
  "Can I bring my dog with me in the airplane cabin?",
  "What is a good recipe for chocolate chip cookies?",
  "Which vaccinations do I need before travelling to Kenya?",
  "How do I cancel my gym membership?",
  "Who won the football world cup in 2018?",
  "What interest rate does your savings account pay?",
  "My washing machine shows error E21, what should I do?",
  "How much does it cost to rent a car for a week?",
  "Can I pay my invoice with PayPal?",
  "What will the weather be like in Paris tomorrow?",
  "How do I file my income tax return?",
  "How do I activate Microsoft Office with a product key?",
  "Why does my iPhone battery drain so fast?",
  "How do I turn on two-factor authentication for my Instagram account?",
  "Which graphics card is best for gaming at 4K?",
  "How do I make a pivot table in Excel?",
  "How can I get back deleted photos on my Android phone?",
];
