import { parseExposition, promqlLabelValues, promqlMetricNames } from './promql-names';

describe('promqlMetricNames', () => {
  it.each([
    ['rate(http_requests_total[5m])', ['http_requests_total']],
    [
      'histogram_quantile(0.95, sum by (le, route) (rate(x_bucket{job=~"$job", route="/a"}[$__rate_interval])))',
      ['x_bucket'],
    ],
    ['sum(a) / sum without (instance) (b) > 0.02', ['a', 'b']],
    ['up{job="x"} == 0', ['up']],
    ['a > 0 unless on (job) b > 0', ['a', 'b']],
    ['sum(rate(a[15m] offset 1d)) > 0 and bool c', ['a', 'c']],
    ['time() - min(metric:recorded > 0) > 840 * 86400', ['metric:recorded']],
    ['absent(nothing_here{label="by (x)"})', ['nothing_here']],
    ['1e3 + 0.5 + Inf', []],
  ])('%s selects %j', (expr, names) => {
    expect(promqlMetricNames(expr)).toEqual(names);
  });
});

describe('promqlLabelValues', () => {
  it('reads equality matchers and plain alternations, not real patterns', () => {
    const expr =
      'a{route="/x", status=~"5.."} + b{route!~"/metrics|/healthz"} + c{route=~"/p.*"} + d{route!="/y"}';
    expect(promqlLabelValues(expr, 'route')).toEqual(['/x', '/metrics', '/healthz', '/y']);
    expect(promqlLabelValues(expr, 'status')).toEqual([]);
  });
});

describe('parseExposition', () => {
  const text = [
    '# HELP req_seconds Request duration',
    '# TYPE req_seconds histogram',
    'req_seconds_bucket{le="0.1",route="/a"} 1',
    'req_seconds_sum{route="/a"} 0.05',
    'req_seconds_count{route="/a"} 1',
    '# TYPE events_total counter',
    'events_total{status="accepted"} 3',
    '# TYPE lat summary',
    '# TYPE req_seconds histogram',
    'req_seconds_count{route="/b"} 2',
  ].join('\n');

  it('offers each family and the series a histogram or summary adds', () => {
    expect([...parseExposition(text).keys()].sort()).toEqual([
      'events_total',
      'lat',
      'lat_count',
      'lat_sum',
      'req_seconds',
      'req_seconds_bucket',
      'req_seconds_count',
      'req_seconds_sum',
    ]);
  });

  it('collects label values per family across concatenated scrapes', () => {
    const family = parseExposition(text).get('req_seconds_bucket')!;
    expect(family.name).toBe('req_seconds');
    expect([...family.labels.get('route')!]).toEqual(['/a', '/b']);
    expect([...family.labels.get('le')!]).toEqual(['0.1']);
  });
});
