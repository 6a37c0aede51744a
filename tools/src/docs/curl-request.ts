// The curl options documentation examples use, turned into the request curl would send.

/** The request a curl command makes. */
export interface CurlRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
}

// Options that change nothing in the request (output, verbosity).
const IGNORED_FLAGS = new Set([
  '-s',
  '--silent',
  '-S',
  '--show-error',
  '-i',
  '--include',
  '-v',
  '--verbose',
  '-f',
  '--fail',
]);
const SHORT_IGNORED = new Set(['s', 'S', 'i', 'v', 'f']);

// curl --data-urlencode leaves only unreserved characters (RFC 3986) as they are.
function urlencode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * `name=content` → `name=<encoded content>`; `=content` or `content` → `<encoded content>`.
 * As in curl, without `=` an `@` means a file (`@file`, `name@file`).
 */
function dataUrlencode(argument: string): string {
  const equals = argument.indexOf('=');
  if (equals === -1 && argument.includes('@')) {
    throw new Error('curl: --data-urlencode with a file (@) is not supported');
  }
  if (equals === -1) return urlencode(argument);
  const name = argument.slice(0, equals);
  const content = urlencode(argument.slice(equals + 1));
  return name === '' ? content : `${name}=${content}`;
}

function setHeader(headers: Record<string, string>, line: string): void {
  const colon = line.indexOf(':');
  if (colon <= 0) throw new Error('curl: a -H header must be "Name: value"');
  const name = line.slice(0, colon).trim();
  const existing = Object.keys(headers).find((key) => key.toLowerCase() === name.toLowerCase());
  if (existing !== undefined) delete headers[existing];
  headers[name] = line.slice(colon + 1).trim();
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase() === name.toLowerCase());
}

// Splits bundled short flags (`-sS`, `-sG`) into single ones.
function expandShortFlags(words: readonly string[]): string[] {
  return words.flatMap((word) => {
    if (!/^-[A-Za-z]{2,}$/.test(word)) return [word];
    const letters = [...word.slice(1)];
    return letters.every((l) => SHORT_IGNORED.has(l) || l === 'G')
      ? letters.map((l) => `-${l}`)
      : [word];
  });
}

/**
 * Turns curl's arguments (after `curl`) into the request it sends. Understood: the URL
 * (or `--url`), `-X/--request`, `-H/--header`, `-d/--data/--data-raw/--data-binary`,
 * `--data-urlencode`, `--json`, `-G/--get`, `-u/--user`, and `-s -S -i -v -f` (ignored).
 * As with curl: data makes a POST with `application/x-www-form-urlencoded` unless told
 * otherwise; with `-G` it is appended to the URL's query instead; several data joined by `&`.
 * @throws Error for any other option, a missing value, `@file` data or no URL
 */
export function parseCurlArguments(args: readonly string[]): CurlRequest {
  const words = expandShortFlags(args);
  const headers: Record<string, string> = {};
  const data: string[] = [];
  let method: string | undefined;
  let url: string | undefined;
  let get = false;
  let json = false;

  for (let i = 0; i < words.length; i += 1) {
    const word = words[i] as string;
    const value = (): string => {
      const next = words[i + 1];
      if (next === undefined) throw new Error(`curl: ${word} needs a value`);
      i += 1;
      return next;
    };
    if (IGNORED_FLAGS.has(word)) continue;
    switch (word) {
      case '-X':
      case '--request':
        method = value();
        break;
      case '-H':
      case '--header':
        setHeader(headers, value());
        break;
      case '-d':
      case '--data':
      case '--data-binary':
      case '--data-raw': {
        const content = value();
        if (word !== '--data-raw' && content.startsWith('@')) {
          throw new Error(`curl: ${word} @file is not supported`);
        }
        data.push(content);
        break;
      }
      case '--json':
        json = true;
        data.push(value());
        break;
      case '--data-urlencode':
        data.push(dataUrlencode(value()));
        break;
      case '-G':
      case '--get':
        get = true;
        break;
      case '-u':
      case '--user':
        setHeader(headers, `Authorization: Basic ${Buffer.from(value()).toString('base64')}`);
        break;
      case '--url':
        url = value();
        break;
      default:
        if (word.startsWith('-')) throw new Error(`curl: the option ${word} is not supported`);
        if (url !== undefined) throw new Error('curl: more than one URL');
        url = word;
    }
  }
  if (url === undefined) throw new Error('curl: no URL');

  const joined = data.length === 0 ? undefined : data.join('&');
  if (get && joined !== undefined) {
    url = `${url}${url.includes('?') ? '&' : '?'}${joined}`;
  }
  const body = get ? undefined : joined;
  if (json) {
    if (!hasHeader(headers, 'Content-Type')) headers['Content-Type'] = 'application/json';
    if (!hasHeader(headers, 'Accept')) headers['Accept'] = 'application/json';
  } else if (body !== undefined && !hasHeader(headers, 'Content-Type')) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
  }
  return { method: method ?? (body === undefined ? 'GET' : 'POST'), url, headers, body };
}
