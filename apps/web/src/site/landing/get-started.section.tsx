import Link from 'next/link';
import { GHOST_ON_DARK_BUTTON, ON_DARK_BUTTON } from '../button-styles';

const TERMINAL = [
  { prompt: true, text: 'npm install && npm start' },
  { prompt: false, text: '✓ PostgreSQL ready, migrations applied' },
  { prompt: false, text: '✓ demo tenant created' },
  { prompt: false, text: '  ingest API    http://localhost:3001' },
  { prompt: false, text: '  profile API   http://localhost:3002' },
  { prompt: false, text: '  admin API     http://localhost:3004' },
  { prompt: false, text: '  web           http://localhost:3000' },
];

/** The call to action: it takes two commands to try it. */
export function GetStartedSection() {
  return (
    <section id="get-started" aria-labelledby="get-started-title" className="py-20 sm:py-28">
      <div className="mx-auto max-w-7xl px-4 sm:px-6 lg:px-8">
        <div className="on-dark relative isolate grid gap-10 overflow-hidden rounded-3xl bg-indigo-700 px-6 py-14 shadow-xl sm:px-12 lg:grid-cols-2 lg:items-center lg:px-16">
          <div
            aria-hidden="true"
            className="absolute -bottom-32 -left-32 -z-10 size-96 rounded-full bg-indigo-400/40 blur-3xl"
          />
          <div>
            <h2
              id="get-started-title"
              className="text-3xl font-semibold tracking-tight text-balance text-white sm:text-4xl"
            >
              Running on your machine in two commands.
            </h2>
            <p className="mt-4 text-lg leading-8 text-indigo-100">
              With Node.js 20 and nothing else, Stratum starts with an embedded PostgreSQL and a
              demo tenant. Point it at your own database when you are ready.
            </p>
            <div className="mt-8 flex flex-wrap gap-3">
              <Link href="/cdp-roi" className={`${ON_DARK_BUTTON} px-5 py-3 text-base`}>
                Build your business case
              </Link>
              <Link href="/#how-it-works" className={`${GHOST_ON_DARK_BUTTON} px-5 py-3 text-base`}>
                Review the architecture
              </Link>
            </div>
          </div>
          <div
            tabIndex={0}
            role="region"
            aria-label="Terminal output"
            className="overflow-x-auto rounded-2xl bg-slate-950/90 p-5 font-mono text-xs leading-7 sm:text-[13px] shadow-2xl ring-1 ring-white/10"
          >
            {TERMINAL.map((line) => (
              <p
                key={line.text}
                className={`whitespace-pre ${line.prompt ? 'text-white' : 'text-slate-300'}`}
              >
                {line.prompt ? (
                  <span aria-hidden="true" className="mr-2 text-emerald-400">
                    $
                  </span>
                ) : null}
                {line.text}
              </p>
            ))}
          </div>
        </div>
      </div>
    </section>
  );
}
