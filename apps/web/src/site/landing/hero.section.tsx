import Link from 'next/link';
import { PRIMARY_BUTTON, SECONDARY_BUTTON } from '../button-styles';
import { SUSTAINED_INGEST } from '../measured-figures';
import { ProfilePreview } from './profile-preview';
import { THROUGHPUT_NOTE_ID } from './throughput-note';

interface Fact {
  value: string;
  label: string;
  /** Where a measured figure says how it was measured. */
  sourceHref?: string;
}

const FACTS: readonly Fact[] = [
  { value: 'SHA-256', label: 'on every identifier, before it is stored' },
  { value: 'PostgreSQL', label: 'the only database to run and back up' },
  {
    value: `${SUSTAINED_INGEST.value} ${SUSTAINED_INGEST.unit}`,
    label: `measured ${SUSTAINED_INGEST.what}`,
    sourceHref: `#${THROUGHPUT_NOTE_ID}`,
  },
  { value: 'Self-hosted', label: 'your network, your jurisdiction' },
];

/** The first screen: what Stratum is, for whom, and the two ways forward. */
export function HeroSection() {
  return (
    <section aria-labelledby="hero-title" className="relative isolate overflow-hidden">
      <div
        aria-hidden="true"
        className="absolute inset-0 -z-10 bg-[linear-gradient(to_right,#e2e8f0_1px,transparent_1px),linear-gradient(to_bottom,#e2e8f0_1px,transparent_1px)] [mask-image:radial-gradient(ellipse_70%_60%_at_50%_0%,#000_60%,transparent_100%)] bg-[size:48px_48px] opacity-60"
      />
      <div
        aria-hidden="true"
        className="absolute -top-40 left-1/2 -z-10 h-[36rem] w-[72rem] -translate-x-1/2 rounded-full bg-gradient-to-tr from-indigo-200/60 via-sky-100/60 to-emerald-100/50 blur-3xl"
      />
      <div className="mx-auto grid max-w-7xl items-center gap-14 px-4 pt-16 pb-20 sm:px-6 sm:pt-24 lg:grid-cols-[minmax(0,1.05fr)_minmax(0,1fr)] lg:px-8 lg:pb-28">
        <div>
          <p className="inline-flex items-center gap-2 rounded-full bg-white/80 px-3 py-1 text-sm font-medium text-indigo-800 ring-1 ring-indigo-200">
            <span aria-hidden="true" className="size-1.5 rounded-full bg-emerald-500" />
            Self-hostable Customer Data Platform
          </p>
          <h1
            id="hero-title"
            className="mt-6 text-4xl font-semibold tracking-tight text-balance text-slate-950 sm:text-6xl"
          >
            Every customer, one trusted profile.
          </h1>
          <p className="mt-6 max-w-xl text-lg leading-8 text-pretty text-slate-600">
            Stratum CDP collects events from your sites, back ends and apps, hashes every identifier
            with SHA-256 and resolves them into one profile per customer, with consent attached. It
            runs on your own PostgreSQL.
          </p>
          <div className="mt-9 flex flex-wrap gap-3">
            <Link href="/#roi" className={`${PRIMARY_BUTTON} px-5 py-3 text-base`}>
              Estimate your ROI
            </Link>
            <Link href="/#how-it-works" className={`${SECONDARY_BUTTON} px-5 py-3 text-base`}>
              See how it works
            </Link>
          </div>
        </div>
        <ProfilePreview />
      </div>
      <div className="border-y border-slate-200 bg-white/70">
        <dl className="mx-auto grid max-w-7xl grid-cols-2 gap-x-6 gap-y-8 px-4 py-10 sm:px-6 lg:grid-cols-4 lg:px-8">
          {FACTS.map((fact) => (
            <div key={fact.value} className="flex flex-col-reverse gap-1">
              <dt className="text-sm leading-6 text-slate-600">{fact.label}</dt>
              <dd className="text-lg font-semibold tracking-tight text-slate-950 sm:text-2xl">
                {fact.value}
                {fact.sourceHref ? (
                  <a
                    href={fact.sourceHref}
                    aria-label="How it was measured"
                    className="ml-0.5 px-1 align-super text-base font-medium text-indigo-700 hover:underline"
                  >
                    *
                  </a>
                ) : null}
              </dd>
            </div>
          ))}
        </dl>
      </div>
    </section>
  );
}
