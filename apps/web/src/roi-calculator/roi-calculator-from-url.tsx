'use client';

import { useSearchParams } from 'next/navigation';
import { useState } from 'react';
import { RoiCalculator } from './roi-calculator';

function replaceQuery(query: string): void {
  const { pathname, hash } = window.location;
  // history.replaceState rather than router.replace: Next keeps useSearchParams in step
  // with it, and typing makes neither a server round-trip nor a history entry per key.
  window.history.replaceState(null, '', `${pathname}${query === '' ? '' : `?${query}`}${hash}`);
}

/**
 * The calculator bound to the page URL: it starts from the query and writes its inputs
 * back, so the address bar is always a link to the same result. Render it inside a
 * Suspense boundary; reading the query opts it out of static rendering.
 */
export function RoiCalculatorFromUrl() {
  const searchParams = useSearchParams();
  // Read once: afterwards the calculator owns the state and the URL only mirrors it.
  const [initialQuery] = useState(() => searchParams?.toString() ?? '');
  return <RoiCalculator initialQuery={initialQuery} onQueryChange={replaceQuery} />;
}
