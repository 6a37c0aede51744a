import Link from 'next/link';
import { RoiCalculatorBlock } from '../../roi-calculator/roi-calculator-block';
import { SectionHeading } from '../section-heading';

/** The calculator, embedded in the landing page. */
export function RoiSection() {
  return (
    <section id="roi" aria-labelledby="roi-title" className="bg-slate-50 py-20 sm:py-28">
      <div className="mx-auto max-w-7xl px-4 sm:px-6 lg:px-8">
        <SectionHeading id="roi-title" eyebrow="ROI calculator" title="What is a CDP worth to you?">
          Start from the example of a mid-sized online shop, then put in your own numbers. The
          estimate updates as you type and is computed in your browser.
        </SectionHeading>
        <div className="mt-12">
          <RoiCalculatorBlock />
        </div>
        <p className="mt-6 text-center text-sm text-slate-600">
          Want to share it?{' '}
          <Link
            href="/cdp-roi"
            className="font-semibold text-indigo-700 underline-offset-4 hover:underline"
          >
            Open the calculator on its own page
          </Link>
          ; the address keeps your inputs.
        </p>
      </div>
    </section>
  );
}
