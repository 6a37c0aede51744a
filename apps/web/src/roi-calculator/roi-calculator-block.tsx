import { Suspense } from 'react';
import { RoiCalculator } from './roi-calculator';
import { RoiCalculatorFromUrl } from './roi-calculator-from-url';

/**
 * The calculator as pages embed it. The static HTML carries the calculator with its
 * example inputs; in the browser it is replaced by the one that reads the URL.
 */
export function RoiCalculatorBlock() {
  return (
    <Suspense fallback={<RoiCalculator />}>
      <RoiCalculatorFromUrl />
    </Suspense>
  );
}
