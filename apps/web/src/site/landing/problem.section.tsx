import { SectionHeading } from '../section-heading';

const FRAGMENTS = [
  { system: 'Web analytics', id: 'an anonymous cookie' },
  { system: 'Shop back end', id: 'an email at checkout' },
  { system: 'Mobile app', id: 'a device id' },
  { system: 'CRM', id: 'a customer number' },
  { system: 'Support desk', id: 'a phone number' },
];

const PROBLEMS = [
  {
    title: 'No single view',
    text: 'Each tool knows a slice of the customer under its own id. Nobody can answer "what has this person done with us?" without a spreadsheet.',
  },
  {
    title: 'Personal data everywhere',
    text: 'Raw emails and phone numbers are copied into every pipeline and log. Each copy is one more place to secure, audit and delete from.',
  },
  {
    title: 'Money spent twice',
    text: 'Ads target people who bought yesterday, and campaigns treat a loyal customer as a stranger because their app and web visits never meet.',
  },
];

/** Why a CDP: one customer scattered across five systems. */
export function ProblemSection() {
  return (
    <section aria-labelledby="problem-title" className="py-20 sm:py-28">
      <div className="mx-auto max-w-7xl px-4 sm:px-6 lg:px-8">
        <SectionHeading
          id="problem-title"
          eyebrow="The problem"
          title="Your customer is one person. Your data says five."
        >
          Customer data arrives from every channel, each with its own identifier. Left alone, it
          never adds up to a customer.
        </SectionHeading>

        <ul
          aria-label="The same customer as five systems see them"
          className="mx-auto mt-12 grid max-w-5xl gap-3 sm:grid-cols-2 lg:grid-cols-5"
        >
          {FRAGMENTS.map((fragment) => (
            <li
              key={fragment.system}
              className="flex items-baseline justify-between gap-3 rounded-xl border border-dashed border-slate-300 bg-white px-4 py-3 text-sm shadow-xs lg:block lg:text-center"
            >
              <span className="block shrink-0 font-semibold text-slate-900">{fragment.system}</span>
              <span className="text-right text-slate-600 lg:text-center">knows {fragment.id}</span>
            </li>
          ))}
        </ul>

        <div className="mt-14 grid gap-6 md:grid-cols-3">
          {PROBLEMS.map((problem, index) => (
            <div key={problem.title} className="rounded-2xl bg-slate-50 p-6 ring-1 ring-slate-200">
              <p className="font-mono text-sm text-rose-700">0{index + 1}</p>
              <h3 className="mt-2 text-lg font-semibold text-slate-950">{problem.title}</h3>
              <p className="mt-2 leading-7 text-slate-600">{problem.text}</p>
            </div>
          ))}
        </div>
      </div>
    </section>
  );
}
