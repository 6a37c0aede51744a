import type { ReactNode } from 'react';
import { SectionHeading } from '../section-heading';
import { ThroughputNote } from './throughput-note';

interface Feature {
  title: string;
  text: string;
  icon: ReactNode;
}

const FEATURES: readonly Feature[] = [
  {
    title: 'Self-hostable',
    text: 'Run it on your servers or your cloud account. Customer data never leaves infrastructure you control, and there is no per-profile bill.',
    icon: <path d="M4 7h16v5H4zM4 12h16v5H4zM8 9.5h.01M8 14.5h.01M12 17v3M8 20h8" />,
  },
  {
    title: 'PostgreSQL only',
    text: 'One database to operate, back up and monitor. Events are partitioned by month, and retention drops old partitions instead of deleting rows.',
    icon: (
      <>
        <ellipse cx="12" cy="6" rx="7" ry="3" />
        <path d="M5 6v12c0 1.7 3.1 3 7 3s7-1.3 7-3V6M5 12c0 1.7 3.1 3 7 3s7-1.3 7-3" />
      </>
    ),
  },
  {
    title: 'Deterministic identity resolution',
    text: 'Profiles are linked on exact hashed identifiers with a fixed priority, never on guesses. Merges are recorded and merged ids stay resolvable.',
    icon: (
      <>
        <circle cx="7" cy="7" r="2.5" />
        <circle cx="17" cy="7" r="2.5" />
        <circle cx="12" cy="17" r="2.5" />
        <path d="M8.5 9 11 14.8M15.5 9 13 14.8" />
      </>
    ),
  },
  {
    title: 'Merge protection',
    text: 'Limits per identifier type and a list of junk values ("null", "guest") stop one bad identifier from fusing thousands of customers together.',
    icon: <path d="M12 3 5 6v5c0 4.5 3 8.3 7 10 4-1.7 7-5.5 7-10V6l-7-3Zm-3 9 2 2 4-4" />,
  },
  {
    title: 'Consent history',
    text: 'Every grant and withdrawal is kept with its time and source, per purpose. The current state is always the latest, and the history is always there.',
    icon: <path d="M9 4h6l1 2h3v14H5V6h3l1-2Zm-1 9 2.5 2.5L16 10" />,
  },
  {
    title: 'Read-only profile API',
    text: 'Look up a profile by id or by identifier, list its events across merges, read its consent. Read keys cannot write, by construction.',
    icon: <path d="m8 8-4 4 4 4M16 8l4 4-4 4M13.5 5l-3 14" />,
  },
];

/** What the product does, one card per capability. */
export function FeaturesSection() {
  return (
    <section id="features" aria-labelledby="features-title" className="py-20 sm:py-28">
      <div className="mx-auto max-w-7xl px-4 sm:px-6 lg:px-8">
        <SectionHeading
          id="features-title"
          eyebrow="Features"
          title="The parts of a CDP that matter, without the lock-in"
        >
          Built for teams that want a customer data platform they can read, run and reason about.
        </SectionHeading>
        <ul className="mt-14 grid gap-6 sm:grid-cols-2 lg:grid-cols-3">
          {FEATURES.map((feature) => (
            <li
              key={feature.title}
              className="group rounded-2xl bg-white p-7 shadow-sm ring-1 ring-slate-200 transition hover:shadow-md hover:ring-indigo-200"
            >
              <span className="grid size-11 place-items-center rounded-xl bg-indigo-50 text-indigo-700 ring-1 ring-indigo-100">
                <svg
                  aria-hidden="true"
                  viewBox="0 0 24 24"
                  className="size-6"
                  fill="none"
                  stroke="currentColor"
                  strokeWidth="1.75"
                  strokeLinecap="round"
                  strokeLinejoin="round"
                >
                  {feature.icon}
                </svg>
              </span>
              <h3 className="mt-5 text-lg font-semibold text-slate-950">{feature.title}</h3>
              <p className="mt-2 leading-7 text-slate-600">{feature.text}</p>
            </li>
          ))}
        </ul>
        <ThroughputNote />
      </div>
    </section>
  );
}
