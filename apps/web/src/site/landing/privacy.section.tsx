import { SectionHeading } from '../section-heading';

const POINTS = [
  {
    title: 'Hashed on arrival',
    text: 'Emails are trimmed and lowercased, phones parsed to E.164, then every identifier is SHA-256 hashed before anything is written. Producers may also send the hash themselves.',
  },
  {
    title: 'Consent as a history',
    text: 'Analytics, marketing, advertising, personalization, sale of data: each purpose keeps its full, append-only record of grants and withdrawals.',
  },
  {
    title: 'Nothing raw in logs',
    text: 'No raw identifier appears in events, logs or error messages. Keys are stored as hashes too and shown once, at creation.',
  },
  {
    title: 'Your jurisdiction',
    text: 'Self-hosted means the data stays in the region and the network you choose, under the retention period you set.',
  },
];

const PIPELINE = [
  { label: 'Received', value: ' Jane.Doe@Example.COM ', tone: 'text-rose-200' },
  { label: 'Normalized', value: 'jane.doe@example.com', tone: 'text-amber-200' },
  {
    label: 'Stored (SHA-256)',
    value: '86e0b9e56c17cc4d12387e1949b85053fbe73bc3ce5a1188713a9d300cc6133d',
    tone: 'text-emerald-300',
  },
];

/** Privacy by design: what happens to an email address, and the promises around it. */
export function PrivacySection() {
  return (
    <section
      id="privacy"
      aria-labelledby="privacy-title"
      className="on-dark relative isolate overflow-hidden bg-slate-950 py-20 sm:py-28"
    >
      <div
        aria-hidden="true"
        className="absolute top-0 right-0 -z-10 h-96 w-[40rem] rounded-full bg-indigo-600/20 blur-3xl"
      />
      <div className="mx-auto grid max-w-7xl gap-14 px-4 sm:px-6 lg:grid-cols-2 lg:items-center lg:px-8">
        <div>
          <SectionHeading
            id="privacy-title"
            eyebrow="Privacy by design"
            title="Know your customers without keeping their personal data"
            tone="dark"
            align="left"
          >
            Identity resolution works on hashes, so the platform that unifies your customers never
            needs to store who they are in clear text.
          </SectionHeading>
          <dl className="mt-10 grid gap-x-8 gap-y-7 sm:grid-cols-2">
            {POINTS.map((point) => (
              <div key={point.title}>
                <dt className="flex items-center gap-2 font-semibold text-white">
                  <svg aria-hidden="true" viewBox="0 0 20 20" className="size-5 fill-emerald-400">
                    <path d="M10 1.5a8.5 8.5 0 1 0 0 17 8.5 8.5 0 0 0 0-17Zm3.7 6.2-4.5 4.9a.9.9 0 0 1-1.3 0L6.3 11a.9.9 0 1 1 1.3-1.2l.95 1 3.85-4.2a.9.9 0 0 1 1.3 1.2Z" />
                  </svg>
                  {point.title}
                </dt>
                <dd className="mt-2 text-sm leading-6 text-slate-300">{point.text}</dd>
              </div>
            ))}
          </dl>
        </div>
        <figure className="rounded-2xl bg-white/5 p-6 ring-1 ring-white/10 sm:p-8">
          <figcaption className="text-sm font-semibold text-white">
            One email address, from request to storage
          </figcaption>
          <ol className="mt-6 space-y-3">
            {PIPELINE.map((stage, index) => (
              <li key={stage.label}>
                <div className="rounded-xl bg-slate-900 p-4 ring-1 ring-white/10">
                  <p className="text-xs font-medium tracking-wider text-slate-400 uppercase">
                    {index + 1}. {stage.label}
                  </p>
                  <p className={`mt-1.5 font-mono text-sm break-all ${stage.tone}`}>
                    <span className="whitespace-pre-wrap">&quot;{stage.value}&quot;</span>
                  </p>
                </div>
                {index < PIPELINE.length - 1 ? (
                  <div aria-hidden="true" className="flex justify-center py-1 text-indigo-300">
                    ↓
                  </div>
                ) : null}
              </li>
            ))}
          </ol>
          <p className="mt-5 text-xs leading-5 text-slate-400">
            The digest above is the real SHA-256 of the normalized address: check it with{' '}
            <code className="font-mono text-slate-300">
              printf jane.doe@example.com | sha256sum
            </code>
            .
          </p>
        </figure>
      </div>
    </section>
  );
}
