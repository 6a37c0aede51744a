import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { BaseApiConfigSchema } from '@stratum/http';
import { CONFIG_SOURCES, RUNBOOK_PATH, collectEnvRows, renderEnvTable } from './env-table';
import {
  ENV_MARKERS,
  replaceBetweenMarkers,
  tableCells,
  textBetweenMarkers,
} from './markdown-table';

describe('the environment table of docs/RUNBOOK.md', () => {
  it('is the one the config schemas generate (regenerate: env-table.ts --write)', () => {
    const documented = textBetweenMarkers(readFileSync(RUNBOOK_PATH, 'utf8'));
    expect(documented).toBeDefined();
    expect(tableCells(documented!)).toEqual(tableCells(renderEnvTable()));
  });
});

describe('collectEnvRows', () => {
  const rows = collectEnvRows();

  it.each(CONFIG_SOURCES.map((s) => [s.program, s] as const))(
    'lists every variable %s reads',
    (program, source) => {
      const listed = rows.filter((r) => r.programs.includes(program)).map((r) => r.name);
      expect(listed.sort()).toEqual(Object.keys(source.schema.shape).sort());
    },
  );

  it('lists every shared variable for the three APIs, with a description', () => {
    for (const name of Object.keys(BaseApiConfigSchema.shape)) {
      const row = rows.find((r) => r.name === name)!;
      expect(row.programs).toEqual(
        expect.arrayContaining(['ingest-api', 'profile-api', 'admin-api']),
      );
      expect(row.description.length).toBeGreaterThan(10);
    }
  });

  it('keeps one row per variant when programs read a variable differently', () => {
    const ports = rows.filter((r) => r.name === 'PORT');
    expect(ports.map((r) => [r.programs, r.default])).toEqual([
      [['ingest-api'], '3001'],
      [['profile-api'], '3002'],
      [['admin-api'], '3004'],
    ]);
  });

  it('borrows the description of a field that has none from another program', () => {
    const sources = [
      { program: 'a', schema: z.object({ X: z.string().describe('The x.') }) },
      { program: 'b', schema: z.object({ X: z.string(), Y: z.string().optional() }) },
    ];
    expect(collectEnvRows(sources)).toEqual([
      {
        name: 'X',
        programs: ['a', 'b'],
        required: true,
        default: undefined,
        description: 'The x.',
      },
      { name: 'Y', programs: ['b'], required: false, default: undefined, description: '' },
    ]);
  });
});

describe('renderEnvTable', () => {
  it('writes one row per variable with required, default and meaning; pipes escaped', () => {
    const table = renderEnvTable([
      { name: 'A', programs: ['x', 'y'], required: true, default: undefined, description: 'a|b' },
      { name: 'B', programs: ['x'], required: false, default: '10', description: 'ten' },
    ]);
    expect(tableCells(table)).toEqual([
      ['Variable', 'Read by', 'Required', 'Default', 'Meaning'],
      ['`A`', 'x, y', 'yes', 'unset', 'a\\|b'],
      ['`B`', 'x', 'no', '`10`', 'ten'],
    ]);
  });
});

describe('markers', () => {
  const doc = `# T\n\n${ENV_MARKERS.start}\nold\n${ENV_MARKERS.end}\n\nafter\n`;

  it('replaces only what is between the markers', () => {
    const updated = replaceBetweenMarkers(doc, '| a |');
    expect(updated).toBe(`# T\n\n${ENV_MARKERS.start}\n\n| a |\n\n${ENV_MARKERS.end}\n\nafter\n`);
    expect(textBetweenMarkers(updated)).toBe('\n\n| a |\n\n');
  });

  it('refuses a document without markers, or with them reversed', () => {
    expect(() => replaceBetweenMarkers('# T\n', 'x')).toThrow('markers');
    expect(textBetweenMarkers(`${ENV_MARKERS.end}\n${ENV_MARKERS.start}`)).toBeUndefined();
  });

  it('reads table cells whatever the padding, without separator rows', () => {
    expect(tableCells('| a  |  b |\n| -- | :-: |\n|  c | d\\|e |')).toEqual([
      ['a', 'b'],
      ['c', 'd\\|e'],
    ]);
  });
});
