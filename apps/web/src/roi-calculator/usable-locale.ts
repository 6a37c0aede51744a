/** The locale static pages are rendered in, and the last resort for a browser's. */
export const FALLBACK_LOCALE = 'en-US';

/**
 * A locale every `Intl` formatter accepts, from the tag a browser reports. Browsers started
 * with a POSIX locale report it as is (`en-US@posix`, `de-DE.UTF-8`), and `Intl` throws a
 * RangeError on such a tag; without its suffix it is usually a good BCP 47 tag.
 */
export function usableLocale(tag: string | undefined): string {
  if (tag === undefined) return FALLBACK_LOCALE;
  return supportedLocale(tag) ?? supportedLocale(withoutPosixParts(tag)) ?? FALLBACK_LOCALE;
}

function supportedLocale(tag: string): string | undefined {
  try {
    return Intl.NumberFormat.supportedLocalesOf([tag])[0];
  } catch {
    return undefined; // Not a well-formed tag: RangeError.
  }
}

// POSIX names are language_TERRITORY.codeset@modifier; BCP 47 has no codeset or modifier.
function withoutPosixParts(tag: string): string {
  return tag.replace(/[.@].*$/, '').replaceAll('_', '-');
}
