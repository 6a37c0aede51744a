// The few browser globals the client uses, typed here so that the package needs no DOM
// typings and runs unchanged where they are absent (Node).
interface ListenerTarget {
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
}

interface PageGlobals extends ListenerTarget {
  document: ListenerTarget & { visibilityState: string };
  navigator?: { sendBeacon?: (url: string, data: string) => boolean };
}

function page(): PageGlobals | undefined {
  const g = globalThis as unknown as Partial<PageGlobals> & { window?: unknown };
  return typeof g.window === 'object' &&
    typeof g.document === 'object' &&
    typeof g.addEventListener === 'function'
    ? (g as PageGlobals)
    : undefined;
}

/** True in a browser page (a `window` with a `document`). */
export function isBrowserPage(): boolean {
  return page() !== undefined;
}

/**
 * Calls `onHide` when the page is hidden (`visibilitychange` to hidden: a tab switched
 * away, the app sent to the background; often the last event a mobile page gets) or left
 * (`pagehide`). Returns the function that stops watching; does nothing outside a page.
 */
export function watchPageHide(onHide: () => void): () => void {
  const p = page();
  if (p === undefined) return () => {};
  const onVisibility = () => {
    if (p.document.visibilityState === 'hidden') onHide();
  };
  p.addEventListener('pagehide', onHide);
  p.document.addEventListener('visibilitychange', onVisibility);
  return () => {
    p.removeEventListener('pagehide', onHide);
    p.document.removeEventListener('visibilitychange', onVisibility);
  };
}

/** `navigator.sendBeacon(url, data)`, or false where there is none or it refused. */
export function sendBeacon(url: string, data: string): boolean {
  const navigator = page()?.navigator;
  if (typeof navigator?.sendBeacon !== 'function') return false;
  try {
    return navigator.sendBeacon(url, data);
  } catch {
    // Some browsers throw instead of answering false (a URL their policy refuses).
    return false;
  }
}

/** Whether `fetch(…, { keepalive: true })` is supported (Firefox has it only since 133). */
export function keepaliveAvailable(): boolean {
  const request = (globalThis as { Request?: unknown }).Request;
  return typeof request === 'function' && 'keepalive' in (request.prototype as object);
}
