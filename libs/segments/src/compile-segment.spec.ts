import { SegmentDefinitionSchema } from '@stratum/schemas';
import { selectMemberIds } from './select-member-ids';
import { coldDb } from './testing/cold-db';
import { HOSTILE_STRINGS } from './testing/hostile-strings';

const TENANT = '6f1c1f52-8e0e-4a43-9d44-0c0f4b9b1a01';
const NOW = new Date('2026-06-15T12:00:00.000Z');

const PROFILE = '0b7e4c1a-3f57-4c8e-9a55-8d1f0c2b7e11';

/** The SQL over every profile, or (`few`) over a few, one at a time. */
function compile(input: unknown, few = false) {
  const definition = SegmentDefinitionSchema.parse(input);
  const profileIds = few ? [PROFILE] : undefined;
  return selectMemberIds(coldDb(), TENANT, definition, { now: NOW, profileIds }).compile();
}

function everyCondition(text: string) {
  return {
    all: [
      { trait: text, op: 'eq', value: text },
      { trait: `${text}.${text}`, op: 'neq', value: text },
      { trait: text, op: 'contains', value: text },
      { trait: text, op: 'in', value: [text, 1, true] },
      { trait: text, op: 'gt', value: 1 },
      { trait: text, op: 'lt', value: '2026-01-01' },
      { trait: text, op: 'exists' },
      {
        event: text,
        within_days: 7,
        count: { op: 'gte', value: 3 },
        where: [
          { property: text, op: 'eq', value: text },
          { property: `a.${text}`, op: 'contains', value: text },
        ],
      },
    ],
  };
}

describe('compiled SQL', () => {
  it.each(HOSTILE_STRINGS)('carries %j only as parameters', (text) => {
    const compiled = compile(everyCondition(text));
    // The text is that of a harmless word; `$1` is there anyway, as kysely's placeholder.
    expect(compiled.sql).toBe(compile(everyCondition('plan')).sql);
    if (!/^\$\d+$/.test(text)) expect(compiled.sql).not.toContain(text);
    expect(compiled.sql).not.toMatch(/drop table|pg_sleep|'1'='1/i);
    expect(compiled.parameters).toContain(text);
    expect(compiled.parameters).toContainEqual([text]);
    expect(compiled.parameters).toContainEqual(JSON.stringify(text));
  });

  it('is the same text whatever the values: only parameters change', () => {
    const a = compile(everyCondition('plan'));
    const b = compile(everyCondition("'); DROP TABLE cdp_profiles; --"));
    expect(b.sql).toBe(a.sql);
    expect(b.parameters).not.toEqual(a.parameters);
  });

  it('scopes every table it reads to the tenant', () => {
    const definition = {
      all: [{ event: 'x' }, { identifier: 'email' }, { consent: 'marketing', status: 'granted' }],
    };
    const { sql, parameters } = compile(definition);
    expect(sql).toMatch(/p\.tenant_id = \$\d+ and p\.merged_into is null/);
    for (const alias of ['e', 'i', 'c'])
      expect(sql).toMatch(new RegExp(`"?${alias}"?\\."?tenant_id"? = \\$\\d+`));
    // Merged-away profiles are joined on the tenant of the row they are found for.
    expect(sql).toMatch(/merged\.tenant_id = "e"\."tenant_id"/);
    expect(sql).toMatch(/merged\.tenant_id = "c"\."tenant_id"/);
    expect(parameters.filter((p) => p === TENANT).length).toBeGreaterThanOrEqual(4);
    // Over a few profiles, the ids merged into each are looked up in the tenant too.
    const few = compile(definition, true);
    for (const alias of ['e', 'i', 'c', 'm'])
      expect(few.sql).toMatch(new RegExp(`"?${alias}"?\\."?tenant_id"? = \\$\\d+`));
  });

  it('bounds an event window by a timestamp parameter', () => {
    const { sql, parameters } = compile({ event: 'x', within_days: 30 });
    expect(sql).toMatch(/e\.occurred_at >= \$\d+::timestamptz/);
    expect(parameters).toContain('2026-05-16T12:00:00.000Z');
  });

  it('reads "at least one" and "none" of a few profiles with EXISTS, other counts capped', () => {
    expect(compile({ event: 'x' }, true).sql).toMatch(/ exists \(select 1 from cdp_events/);
    expect(compile({ event: 'x', count: { op: 'neq', value: 0 } }, true).sql).toMatch(/ exists \(/);
    for (const count of [
      { op: 'eq', value: 0 },
      { op: 'lt', value: 1 },
      { op: 'lte', value: 0 },
    ]) {
      expect(compile({ event: 'x', count }, true).sql).toMatch(/not exists \(/);
    }
    const capped = compile({ event: 'x', count: { op: 'gte', value: 5 } }, true);
    expect(capped.sql).toMatch(/limit \$\d+\) capped\) >= \$\d+/);
    expect(capped.parameters).toEqual(expect.arrayContaining([6, 5]));
  });

  it('asks "at least one" and "none" of every profile without counting', () => {
    for (const count of [undefined, { op: 'gte', value: 1 }, { op: 'gt', value: 0 }]) {
      const { sql } = compile({ event: 'x', ...(count ? { count } : {}) });
      expect(sql).toMatch(
        /"p"\."profile_id" in \(select coalesce\(merged\.merged_into, "e"\."profile_id"\)/,
      );
      expect(sql).not.toMatch(/group by|having/);
    }
    for (const count of [
      { op: 'eq', value: 0 },
      { op: 'lt', value: 1 },
      { op: 'lte', value: 0 },
    ]) {
      const { sql } = compile({ event: 'x', count });
      expect(sql).toMatch(/"p"\."profile_id" not in \(select coalesce/);
      expect(sql).not.toMatch(/group by|having/);
    }
  });

  it('reads the events of every profile once, grouped by survivor', () => {
    const some = compile({ event: 'x', count: { op: 'gte', value: 2 } });
    expect(some.sql).toMatch(
      /"p"\."profile_id" in \(select coalesce\(merged\.merged_into, "e"\."profile_id"\) from cdp_events e left join cdp_profiles merged/,
    );
    expect(some.sql).toMatch(/group by 1 having count\(\*\) >= \$\d+\)/);
    // Zero events satisfy "fewer than 3": members are those not among the ones that fail it.
    const fewer = compile({ event: 'x', count: { op: 'lt', value: 3 } });
    expect(fewer.sql).toMatch(/"p"\."profile_id" not in \(select/);
    expect(fewer.sql).toMatch(/having not \(count\(\*\) < \$\d+\)\)/);
  });
});
