import { useSyncExternalStore } from 'react';

/** The locale static pages are rendered in, before the browser's is known. */
export const FALLBACK_LOCALE = 'en-US';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('languagechange', onChange);
  return () => window.removeEventListener('languagechange', onChange);
}

function browserLocale(): string {
  // Intl throws on a tag it cannot use; a supported one is safe to pass to every formatter.
  return Intl.NumberFormat.supportedLocalesOf([navigator.language])[0] ?? FALLBACK_LOCALE;
}

/**
 * The visitor's locale for number formatting. The server snapshot is the fallback, so a
 * statically rendered page and its first client render agree.
 */
export function useBrowserLocale(): string {
  return useSyncExternalStore(subscribe, browserLocale, () => FALLBACK_LOCALE);
}
