// A number with a unit of rate, latency or share: what claims about speed are made of.
const NUMBER = String.raw`\d[\d,.]*\s*k?`;
const CLAIM_PATTERNS = [
  String.raw`${NUMBER}\s*(?:events?|requests?|look-?ups?|rows?|profiles?)\s*(?:\/\s*s\b|(?:per|a|each)\s+second)`,
  String.raw`${NUMBER}\s*(?:ms|µs|milliseconds?|microseconds?)\b`,
  String.raw`${NUMBER}\s*(?:%|percent\b)`,
  String.raw`designed\s+for\b`,
];
const CLAIM = new RegExp(CLAIM_PATTERNS.join('|'), 'gi');

/** Every figure of speed, latency or percentage in a text, and every "designed for". */
export function performanceClaims(text: string): string[] {
  return [...text.replace(/\s+/g, ' ').matchAll(CLAIM)].map((match) => match[0]);
}
