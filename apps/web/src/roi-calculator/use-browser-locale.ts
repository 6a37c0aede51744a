import { useSyncExternalStore } from 'react';
import { FALLBACK_LOCALE, usableLocale } from './usable-locale';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('languagechange', onChange);
  return () => window.removeEventListener('languagechange', onChange);
}

function browserLocale(): string {
  return usableLocale(navigator.language);
}

/**
 * The visitor's locale for number formatting. The server snapshot is the fallback, so a
 * statically rendered page and its first client render agree.
 */
export function useBrowserLocale(): string {
  return useSyncExternalStore(subscribe, browserLocale, () => FALLBACK_LOCALE);
}
