// Held-out questions for bench/retrieval.bench.ts: customer-style questions about other sections of
// the Debian FAQ than ../shared/corpus/faq-examples.json covers, written to check that retrieval
// changes generalise instead of fitting fifteen questions. None of this is used by server code.

export interface RetrievalQuestion {
  section: string;
  question: string;
  /** At least one phrase must appear in a retrieved chunk's text (case and whitespace folded). */
  gold: string[];
}

export const HELD_OUT: RetrievalQuestion[] = [
  {
    section: "1.7",
    question: "How do you say the name out loud, and where does it come from?",
    gold: ["Deb'-ee-en"],
  },
  {
    section: "5.8",
    question: "How can I find out which release is installed on my machine?",
    gold: ["debian_version", "lsb_release"],
  },
  {
    section: "7.12",
    question: "I don't want a certain program to be updated. How do I freeze it at its current version?",
    gold: ["apt-mark hold"],
  },
  {
    section: "8.5",
    question: "Some file appeared on my disk; how do I find which package put it there?",
    gold: ["dpkg --search"],
  },
  {
    section: "11.1",
    question: "My printouts come out on the wrong paper format. How do I set it for every program?",
    gold: ["/etc/papersize"],
  },
  {
    section: "12.5",
    question: "I found a defect in a package. How do I tell the developers?",
    gold: ["reportbug"],
  },
  {
    section: "5.14",
    question: "My wifi adapter has no Linux driver. Is there anything I can do?",
    gold: ["ndiswrapper"],
  },
  {
    section: "4.5",
    question: "I have an .rpm file from another distribution. Can I install it here?",
    gold: ["alien"],
  },
  {
    section: "9.3",
    question: "The downloaded update files are filling up my disk. Can I delete them?",
    gold: ["aptitude clean"],
  },
  {
    section: "9.6",
    question:
      "I run a lab with many computers. How can they share downloaded updates instead of fetching each one separately?",
    gold: ["apt-cacher", "approx"],
  },
  {
    section: "9.4",
    question: "Is there a record of when software was added or removed?",
    gold: ["/var/log/dpkg.log"],
  },
  {
    section: "9.5",
    question: "Can updates be installed on their own without me doing anything?",
    gold: ["cron-apt"],
  },
  {
    section: "13.3",
    question: "I'd like to donate money to the project. How?",
    gold: ["Software in the Public Interest"],
  },
  {
    section: "2.6",
    question: "Can I set it up from the network with just a small download?",
    gold: ["netinst"],
  },
  {
    section: "7.10",
    question: "What does it mean when a package must be fully installed before another one is even unpacked?",
    gold: ["Pre-Depends"],
  },
  {
    section: "11.9",
    question: "How can I replace a file that came with a package so upgrades don't put the old one back?",
    gold: ["dpkg-divert"],
  },
  {
    section: "11.11",
    question:
      "Several programs do the same job, like different text editors. How does the system pick the default one?",
    gold: ["alternatives"],
  },
  { section: "13.1", question: "How do I join the project as an official developer?", gold: ["New Member"] },
  {
    section: "8.6",
    question: "I removed a program but its data package is still there. How do I clean out leftovers?",
    gold: ["track automatically installed packages"],
  },
  {
    section: "6.12",
    question: "I want to host my own repository of packages for apt. How?",
    gold: ["apt-able package archive"],
  },
  {
    section: "4.6",
    question: "Where should I put software I build myself that isn't packaged?",
    gold: ["/usr/local"],
  },
  {
    section: "8.3",
    question: "How do I list everything that's installed?",
    gold: ["dpkg -l", "dpkg-query", "dpkg --list"],
  },
  {
    section: "12.2",
    question: "Where can I chat or ask other users for help online?",
    gold: ["debian-user"],
  },
  {
    section: "5.6",
    question: "The linker says it cannot find a library when I compile. Why?",
    gold: ["-dev package"],
  },
  {
    section: "3.1.10",
    question: "How can I tell if I'm on stable, testing or unstable?",
    gold: ["indicates the Debian distribution the system is currently tracking"],
  },
  {
    section: "14.1",
    question: "Am I allowed to burn discs with the system and sell them?",
    gold: ["You do not need permission to distribute"],
  },
];
