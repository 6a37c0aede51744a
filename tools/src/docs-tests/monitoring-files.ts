/**
 * Reads what the checks need from docs/monitoring/: the Grafana dashboard's expressions, the
 * Prometheus alert rules and the metrics the postgres_exporter queries define. The YAML files
 * are read line by line (no YAML library is a declared dependency); the reader understands the
 * subset these files use and fails loudly on anything it cannot place.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

const MONITORING_DIR = path.resolve(__dirname, '../../../docs/monitoring');

/** One Prometheus alerting rule, as far as the checks read it. */
export interface AlertRule {
  alert: string;
  expr: string;
  severity: string | undefined;
  runbookUrl: string | undefined;
}

/** One postgres_exporter custom query and the metric names it produces. */
export interface ExporterQuery {
  namespace: string;
  query: string;
  metrics: string[];
}

interface YamlLine {
  indent: number;
  key: string;
  value: string;
  item: boolean;
  line: number;
}

function unquote(value: string): string {
  const quoted = /^"((?:[^"\\]|\\.)*)"$/.exec(value) ?? /^'((?:[^']|'')*)'$/.exec(value);
  if (!quoted) return value;
  return value.startsWith('"')
    ? quoted[1]!.replace(/\\(.)/g, '$1')
    : quoted[1]!.replace(/''/g, "'");
}

/**
 * The `key: value` lines of a YAML document, block scalars (`key: |`, `key: >-`) joined into
 * their value. Comments and blank lines are skipped.
 */
export function yamlLines(text: string): YamlLine[] {
  const lines = text.split('\n');
  const result: YamlLine[] = [];
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    if (/^\s*(#.*)?$/.test(raw)) continue;
    const match = /^(\s*)(- )?([\w.-]+):(?:\s+(.*?))?\s*$/.exec(raw);
    if (!match) throw new Error(`line ${i + 1}: not a key: value line the reader understands`);
    const indent = match[1]!.length + (match[2] ? 2 : 0);
    let value = match[4] ?? '';
    if (/^[|>][-+]?$/.test(value)) {
      const block: string[] = [];
      while (
        i + 1 < lines.length &&
        (/^\s*$/.test(lines[i + 1]!) || indentOf(lines[i + 1]!) > indent)
      ) {
        block.push(lines[++i]!.trim());
      }
      value = block.join(value.startsWith('>') ? ' ' : '\n').trim();
    }
    result.push({
      indent,
      key: match[3]!,
      value: unquote(value),
      item: match[2] !== undefined,
      line: i + 1,
    });
  }
  return result;
}

function indentOf(line: string): number {
  return /^\s*/.exec(line)![0].length;
}

/** The alerting rules of a Prometheus rule file (`groups[].rules[]` with `alert:`). */
export function parseAlertRules(text: string): AlertRule[] {
  const rules: AlertRule[] = [];
  let current: AlertRule | undefined;
  for (const l of yamlLines(text)) {
    if (l.key === 'alert') {
      current = { alert: l.value, expr: '', severity: undefined, runbookUrl: undefined };
      rules.push(current);
    } else if (current && l.key === 'expr') current.expr = l.value;
    else if (current && l.key === 'severity') current.severity = l.value;
    else if (current && l.key === 'runbook_url') current.runbookUrl = l.value;
    else if (l.key === 'record') current = undefined;
  }
  return rules;
}

/**
 * The queries of a postgres_exporter query file. Each top-level key is a namespace; a metric
 * is `<namespace>_<column>` for each column listed under `metrics:`.
 */
export function parseExporterQueries(text: string): ExporterQuery[] {
  const queries: ExporterQuery[] = [];
  let current: ExporterQuery | undefined;
  for (const l of yamlLines(text)) {
    if (l.indent === 0) {
      current = { namespace: l.key, query: '', metrics: [] };
      queries.push(current);
    } else if (current && l.key === 'query') current.query = l.value;
    else if (current && l.item && l.value === '')
      current.metrics.push(`${current.namespace}_${l.key}`);
  }
  return queries;
}

/** A Grafana dashboard, as far as the checks read it. */
export interface GrafanaPanel {
  id?: number;
  type: string;
  title?: string;
  datasource?: { type?: string; uid?: string };
  targets?: { expr?: string; refId?: string }[];
  panels?: GrafanaPanel[];
}

export interface GrafanaDashboard {
  uid: string;
  title: string;
  panels: GrafanaPanel[];
  templating?: { list: { name: string; type: string; query?: unknown; definition?: string }[] };
}

/** Every panel, rows' nested panels included. */
export function allPanels(dashboard: GrafanaDashboard): GrafanaPanel[] {
  return dashboard.panels.flatMap((p) => [p, ...(p.panels ?? [])]);
}

/**
 * Every PromQL expression of the dashboard: panel targets, and the series selector of
 * `label_values(<selector>, <label>)` template variables.
 */
export function dashboardExpressions(dashboard: GrafanaDashboard): string[] {
  const targets = allPanels(dashboard).flatMap((p) => (p.targets ?? []).map((t) => t.expr ?? ''));
  const variables = (dashboard.templating?.list ?? [])
    .filter((v) => v.type === 'query')
    .map((v) => {
      const query = typeof v.query === 'string' ? v.query : (v.query as { query?: string }).query;
      const labelValues = /^label_values\((.*),\s*\w+\s*\)$/.exec(query ?? '');
      return labelValues ? labelValues[1]! : (query ?? '');
    });
  return [...targets, ...variables].filter((e) => e !== '');
}

/** Reads a file of docs/monitoring/. */
export function readMonitoringFile(name: string): string {
  return readFileSync(path.join(MONITORING_DIR, name), 'utf8');
}
