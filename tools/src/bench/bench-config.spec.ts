import { FULL, QUICK, TUNED_POSTGRES } from './bench-options';
import { parseBenchCommand } from './bench-config';

describe('parseBenchCommand', () => {
  it('runs the full preset on an embedded server by default', () => {
    const { options, help } = parseBenchCommand([], {});
    expect(help).toBe(false);
    expect(options).toMatchObject({
      mode: 'full',
      profiles: FULL.profiles,
      throughputSeconds: 60,
      database: { kind: 'embedded' },
      postgresSettings: TUNED_POSTGRES,
    });
  });

  it('takes --quick, overrides and DATABASE_URL (a throw-away database on that server)', () => {
    const { options, jsonPath } = parseBenchCommand(
      [
        '--quick',
        '--concurrency',
        '4',
        '--pg-stock',
        '--pg-setting',
        'work_mem=8MB',
        '--json',
        'x.json',
      ],
      { DATABASE_URL: 'postgres://u@db:5432/app' },
    );
    expect(options).toMatchObject({
      mode: 'custom',
      profiles: QUICK.profiles,
      concurrency: 4,
      database: { kind: 'server', url: 'postgres://u@db:5432/app' },
      postgresSettings: { work_mem: '8MB' },
    });
    expect(jsonPath).toBe('x.json');
  });

  it('sizes the freshness and preview phases, or skips the previews', () => {
    expect(parseBenchCommand(['--quick'], {}).options).toMatchObject({
      mode: 'quick',
      freshnessSeconds: QUICK.freshnessSeconds,
      previewProfiles: QUICK.previewProfiles,
    });
    expect(FULL.previewProfiles).toBe(1_000_000);
    const sized = parseBenchCommand(['--freshness-seconds', '5', '--preview-profiles', '2000'], {});
    expect(sized.options).toMatchObject({
      mode: 'custom',
      freshnessSeconds: 5,
      previewProfiles: 2000,
    });
    expect(parseBenchCommand(['--no-preview'], {}).options).toMatchObject({
      mode: 'custom',
      previewProfiles: 0,
    });
  });

  it('sizes the webhook deliveries, or skips them', () => {
    expect(parseBenchCommand(['--quick'], {}).options).toMatchObject({
      deliveriesSeconds: QUICK.deliveriesSeconds,
      deliveriesRatePerSecond: QUICK.deliveriesRatePerSecond,
    });
    expect(FULL.deliveriesSeconds).toBe(20);
    expect(
      parseBenchCommand(['--deliveries-seconds', '3', '--deliveries-rate', '500'], {}).options,
    ).toMatchObject({ mode: 'custom', deliveriesSeconds: 3, deliveriesRatePerSecond: 500 });
    expect(parseBenchCommand(['--no-deliveries'], {}).options).toMatchObject({
      mode: 'custom',
      deliveriesSeconds: 0,
    });
  });

  it.each([
    [['--seconds', '0']],
    [['--deliveries-rate', '-1']],
    [['--zipf', 'abc']],
    [['--pg-setting', 'novalue']],
  ])('refuses %j', (argv) => {
    expect(() => parseBenchCommand(argv, {})).toThrow();
  });
});
