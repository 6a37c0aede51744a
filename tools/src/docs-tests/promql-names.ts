/**
 * Reads metric names out of PromQL expressions and the Prometheus text format, so the
 * dashboard and alert rules can be checked against what the apps really expose.
 */

const KEYWORDS = new Set([
  'and',
  'or',
  'unless',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'offset',
  'inf',
  'nan',
]);

/**
 * The metric names an expression selects. Function and aggregation names (followed by `(`),
 * keywords, label names and values, durations and Grafana variables are not metric names.
 */
export function promqlMetricNames(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const names = new Set<string>();
  for (const match of stripped.matchAll(/(?<![\w:.$])[a-zA-Z_:][\w:]*/g)) {
    const name = match[0];
    const rest = stripped.slice(match.index + name.length);
    if (/^\s*\(/.test(rest) || KEYWORDS.has(name.toLowerCase())) continue;
    names.add(name);
  }
  return [...names];
}

/** Label matchers `label="value"` and `label=~"a|b"` / `label!~"a|b"` of an expression. */
export function promqlLabelValues(expr: string, label: string): string[] {
  const values = new Set<string>();
  const matcher = new RegExp(`\\b${label}\\s*(=~|!~|=|!=)\\s*"((?:[^"\\\\]|\\\\.)*)"`, 'g');
  for (const match of expr.matchAll(matcher)) {
    const [, operator, value] = match as unknown as [string, string, string];
    const literal = operator === '=' || operator === '!=';
    // Only plain alternatives of literals can be checked; a real pattern (`5..`) cannot.
    if (!literal && /[.*+?()[\]{}^$\\]/.test(value)) continue;
    for (const v of literal ? [value] : value.split('|')) values.add(v);
  }
  return [...values];
}

/** One metric family of a `/metrics` answer. */
export interface ExposedMetric {
  name: string;
  type: string;
  /** Label values seen per label name. */
  labels: Map<string, Set<string>>;
}

const SUFFIXES: Record<string, string[]> = {
  histogram: ['_bucket', '_sum', '_count'],
  summary: ['_sum', '_count'],
};

/**
 * Parses the Prometheus text format into the series names it offers: every family, plus
 * `_bucket`/`_sum`/`_count` of histograms and `_sum`/`_count` of summaries.
 */
export function parseExposition(text: string): Map<string, ExposedMetric> {
  const families = new Map<string, ExposedMetric>();
  const series = new Map<string, ExposedMetric>();
  for (const line of text.split('\n')) {
    const type = /^# TYPE (\S+) (\S+)/.exec(line);
    if (type) {
      // Several scrapes may be concatenated: a family seen again keeps its label values.
      const family = families.get(type[1]!) ?? {
        name: type[1]!,
        type: type[2]!,
        labels: new Map<string, Set<string>>(),
      };
      families.set(family.name, family);
      series.set(family.name, family);
      for (const suffix of SUFFIXES[family.type] ?? []) series.set(family.name + suffix, family);
      continue;
    }
    const sample = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s/.exec(line);
    if (!sample) continue;
    const family = series.get(sample[1]!);
    for (const [, name, value] of (sample[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) {
      const values = family?.labels.get(name!) ?? new Set<string>();
      values.add(value!);
      family?.labels.set(name!, values);
    }
  }
  return series;
}
