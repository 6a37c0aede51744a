import type { ReactNode } from 'react';
import { SectionHeading } from '../section-heading';
import { CodePanel } from './code-panel';

interface Step {
  name: string;
  text: string;
  detail: string;
  icon: ReactNode;
}

const STEPS: readonly Step[] = [
  {
    name: 'Ingest',
    text: 'Web sites, servers and apps send events to one endpoint, in batches of up to 500. A repeated event id is recognised and stored once.',
    detail: 'POST /api/v1/cdp/events',
    icon: <path d="M12 3v11m0 0 4-4m-4 4-4-4M4 15v3a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-3" />,
  },
  {
    name: 'Hash',
    text: 'Emails and phone numbers are normalized, then every identifier is SHA-256 hashed on arrival. Raw values are never written.',
    detail: 'email → sha256:86e0b9…133d',
    icon: <path d="M5 9h14M5 15h14M10 4 8 20M16 4l-2 16" />,
  },
  {
    name: 'Resolve',
    text: 'Deterministic rules link hashed identifiers to one profile and merge duplicates into the oldest. Merge protection stops one shared id from fusing strangers.',
    detail: '3 identifiers → 1 profile',
    icon: (
      <>
        <circle cx="6" cy="6" r="2" />
        <circle cx="6" cy="18" r="2" />
        <circle cx="18" cy="12" r="2.5" />
        <path d="m8 7 7.5 4M8 17l7.5-4" />
      </>
    ),
  },
  {
    name: 'Profile',
    text: 'Your services read the unified profile, its identifiers, traits and current consent through a read-only API with its own keys.',
    detail: 'GET /api/v1/cdp/profiles/{id}',
    icon: (
      <>
        <rect x="3" y="5" width="18" height="14" rx="2" />
        <circle cx="9" cy="11" r="2" />
        <path d="M6 16.5a3.5 3.5 0 0 1 6 0M14.5 10h4M14.5 14h4" />
      </>
    ),
  },
];

const EVENT_JSON = `{
  "event_id": "7d1c5c1e-0b6a-4c55-9a53-2f1f4f4d3a10",
  "type": "track",
  "name": "Order Completed",
  "identifiers": [
    { "type": "email", "value": " Jane.Doe@Example.COM " },
    { "type": "anonymous_id", "value": "b3f0c7e2" }
  ],
  "properties": { "order_id": "A-1001", "revenue": 129.9 }
}`;

const PROFILE_JSON = `{
  "id": "prf_7c1e…9a04",
  "identifiers": [
    { "type": "email", "hash": "86e0b9e5…0cc6133d" },
    { "type": "anonymous_id", "hash": "bf40bca6…ef453edd" }
  ],
  "consents": { "marketing": "granted" },
  "merged_ids": ["prf_31aa…77c2"],
  "event_count": 1284
}`;

function Arrow({ className }: { className: string }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" className={`size-6 text-indigo-400 ${className}`}>
      <path
        d="M5 12h14m0 0-5-5m5 5-5 5"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

/** Ingest → hash → resolve → profile, as a diagram, then a real event and its profile. */
export function HowItWorksSection() {
  return (
    <section
      id="how-it-works"
      aria-labelledby="how-title"
      className="border-y border-slate-200 bg-slate-50 py-20 sm:py-28"
    >
      <div className="mx-auto max-w-7xl px-4 sm:px-6 lg:px-8">
        <SectionHeading
          id="how-title"
          eyebrow="How it works"
          title="From raw events to one profile"
        >
          Four steps, all inside your own infrastructure. The same events always give the same
          profile, so every link can be explained.
        </SectionHeading>

        <ol className="mt-14 grid gap-10 lg:grid-cols-4 lg:gap-8">
          {STEPS.map((step, index) => (
            <li key={step.name} className="relative flex flex-col">
              <div className="flex h-full flex-col rounded-2xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
                <div className="flex items-center gap-3">
                  <span className="grid size-11 place-items-center rounded-xl bg-indigo-600 text-white shadow-sm shadow-indigo-600/30">
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
                      {step.icon}
                    </svg>
                  </span>
                  <h3 className="text-lg font-semibold text-slate-950">
                    <span className="mr-1.5 font-mono text-sm text-indigo-700">{index + 1}.</span>
                    {step.name}
                  </h3>
                </div>
                <p className="mt-4 flex-1 leading-7 text-slate-600">{step.text}</p>
                <p className="mt-5 truncate rounded-lg bg-slate-100 px-3 py-2 font-mono text-xs text-slate-700">
                  {step.detail}
                </p>
              </div>
              {index < STEPS.length - 1 ? (
                <>
                  <Arrow className="absolute top-1/2 -right-7 hidden -translate-y-1/2 lg:block" />
                  <Arrow className="absolute -bottom-8 left-1/2 -translate-x-1/2 rotate-90 lg:hidden" />
                </>
              ) : null}
            </li>
          ))}
        </ol>

        <div className="mt-16 grid gap-6 lg:grid-cols-2">
          <CodePanel
            title="POST /api/v1/cdp/events"
            caption="What a producer sends"
            code={EVENT_JSON}
          />
          <CodePanel
            title="GET /api/v1/cdp/profiles/{id}"
            caption="What your services read back"
            code={PROFILE_JSON}
          />
        </div>
      </div>
    </section>
  );
}
