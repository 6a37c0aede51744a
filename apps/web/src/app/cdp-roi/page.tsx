import type { Metadata } from 'next';
import Link from 'next/link';
import { RoiCalculatorBlock } from '../../roi-calculator/roi-calculator-block';
import { SiteFooter } from '../../site/site-footer';
import { SiteHeader } from '../../site/site-header';

export const metadata: Metadata = {
  title: 'CDP ROI calculator',
  description:
    'Estimate the monthly benefit, ROI, payback and first-year net of a customer data platform for your business.',
};

const STEPS = [
  'Start from the example: a shop with 250,000 sessions a month.',
  'Replace each figure with your own; the estimate follows as you type.',
  'Copy the link: it carries your inputs, so others see the same result.',
];

export default function CdpRoiPage() {
  return (
    <>
      <SiteHeader />
      <main id="main" className="bg-slate-50">
        <div className="mx-auto max-w-7xl px-4 pt-12 pb-20 sm:px-6 sm:pt-16 lg:px-8">
          <div className="grid gap-10 lg:grid-cols-[minmax(0,7fr)_minmax(0,5fr)] lg:items-end lg:gap-8">
            <div>
              <nav aria-label="Breadcrumb" className="text-sm text-slate-600">
                <Link href="/" className="hover:text-slate-950">
                  Stratum CDP
                </Link>
                <span aria-hidden="true" className="mx-2">
                  /
                </span>
                <span aria-current="page">ROI calculator</span>
              </nav>
              <h1 className="mt-4 text-4xl font-semibold tracking-tight text-slate-950 sm:text-5xl">
                CDP ROI calculator
              </h1>
              <p className="mt-4 max-w-2xl text-lg leading-8 text-slate-600">
                Estimate what unified customer profiles are worth to your business: more revenue
                from better targeting, less wasted ad spend, minus what the platform costs.
              </p>
            </div>
            <ol className="hidden space-y-3 rounded-2xl bg-white p-6 text-sm text-slate-700 shadow-sm ring-1 ring-slate-200 lg:block">
              {STEPS.map((step, index) => (
                <li key={step} className="flex gap-3">
                  <span
                    aria-hidden="true"
                    className="grid size-6 shrink-0 place-items-center rounded-full bg-indigo-600 text-xs font-semibold text-white"
                  >
                    {index + 1}
                  </span>
                  {step}
                </li>
              ))}
            </ol>
          </div>
          <div className="mt-10">
            <RoiCalculatorBlock />
          </div>
        </div>
      </main>
      <SiteFooter />
    </>
  );
}
