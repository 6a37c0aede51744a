import {
  dashboardExpressions,
  parseAlertRules,
  parseExporterQueries,
  yamlLines,
} from './monitoring-files';
import type { GrafanaDashboard } from './monitoring-files';

describe('yamlLines', () => {
  it('reads keys, list items, quoted values and block scalars', () => {
    const text = [
      '# comment',
      'groups:',
      '  - name: api',
      '    rules:',
      '      - alert: A',
      '        expr: |',
      '          sum(x)',
      '            > 1',
      '',
      "        summary: 'it''s {{ $value }}'",
      '        description: "a \\"b\\""',
      '        folded: >-',
      '          one',
      '          two',
    ].join('\n');
    expect(yamlLines(text).map((l) => [l.indent, l.key, l.value, l.item])).toEqual([
      [0, 'groups', '', false],
      [4, 'name', 'api', true],
      [4, 'rules', '', false],
      [8, 'alert', 'A', true],
      [8, 'expr', 'sum(x)\n> 1', false],
      [8, 'summary', "it's {{ $value }}", false],
      [8, 'description', 'a "b"', false],
      [8, 'folded', 'one two', false],
    ]);
  });

  it('refuses what it does not understand rather than guess', () => {
    expect(() => yamlLines('key: value\n- bare item\n')).toThrow('line 2');
  });
});

describe('parseAlertRules', () => {
  it('reads each alert with its expression, severity and runbook link; skips recording rules', () => {
    const text = [
      'groups:',
      '  - name: g',
      '    rules:',
      '      - record: job:x:rate5m',
      '        expr: rate(x[5m])',
      '      - alert: Down',
      '        expr: up == 0',
      '        for: 2m',
      '        labels:',
      '          severity: critical',
      '        annotations:',
      "          runbook_url: 'docs/RUNBOOK.md#down'",
    ].join('\n');
    expect(parseAlertRules(text)).toEqual([
      { alert: 'Down', expr: 'up == 0', severity: 'critical', runbookUrl: 'docs/RUNBOOK.md#down' },
    ]);
  });
});

describe('parseExporterQueries', () => {
  it('names each metric <namespace>_<column>', () => {
    const text = [
      'ns:',
      '  master: true',
      '  query: |',
      '    SELECT 1 AS a, 2 AS b',
      '  metrics:',
      '    - a:',
      "        usage: 'GAUGE'",
      '    - b:',
      "        usage: 'COUNTER'",
    ].join('\n');
    expect(parseExporterQueries(text)).toEqual([
      { namespace: 'ns', query: 'SELECT 1 AS a, 2 AS b', metrics: ['ns_a', 'ns_b'] },
    ]);
  });
});

describe('dashboardExpressions', () => {
  it('collects the targets of panels and rows, and the selectors of label_values variables', () => {
    const dashboard: GrafanaDashboard = {
      uid: 'u',
      title: 't',
      panels: [
        { type: 'timeseries', targets: [{ expr: 'rate(a[5m])' }, { expr: '' }] },
        { type: 'row', panels: [{ type: 'stat', targets: [{ expr: 'b' }] }] },
      ],
      templating: {
        list: [
          { name: 'ds', type: 'datasource', query: 'prometheus' },
          { name: 'job', type: 'query', query: { query: 'label_values(c_count{x="1"}, job)' } },
          { name: 'raw', type: 'query', query: 'd' },
        ],
      },
    };
    expect(dashboardExpressions(dashboard)).toEqual(['rate(a[5m])', 'b', 'c_count{x="1"}', 'd']);
  });
});
