/** @jest-environment node */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { markdownSection, markdownTableCell } from '../testing/markdown-table';
import { BENCH_DOCUMENT, MEASURED_FIGURES, SUSTAINED_INGEST } from './measured-figures';

const performanceDoc = readFileSync(path.resolve(__dirname, '../../../..', BENCH_DOCUMENT), 'utf8');
const lastFigures = markdownSection(performanceDoc, 'Last figures') ?? '';
const machine = markdownSection(performanceDoc, 'The machine') ?? '';

// The figure as a whole number: "2,943 events/s" must not pass for "12,943 events/s".
function statesFigure(cell: string | undefined, figure: string): boolean {
  const escaped = figure.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return cell !== undefined && new RegExp(`(^|[^\\d.,])${escaped}($|[^\\d])`).test(cell);
}

describe(`each measured figure, against ${BENCH_DOCUMENT}`, () => {
  it('finds the sections it reads', () => {
    expect(lastFigures).toMatch(/^\| Phase/m);
    expect(machine).not.toBe('');
  });

  describe.each(MEASURED_FIGURES.map((figure) => [`${figure.value} ${figure.unit}`, figure]))(
    '%s',
    (text, figure) => {
      it("is in its run's column, in its row of the last figures", () => {
        const cell = markdownTableCell(lastFigures, figure.row, figure.run.column);
        expect({ cell, states: statesFigure(cell, text) }).toEqual({ cell, states: true });
      });

      it('comes from the run the document describes: commit, day, profiles, CPUs', () => {
        const { commit, date, profiles, cpus } = figure.run;
        expect(lastFigures).toContain(`commit \`${commit}\`, ${date}, ${profiles} profiles`);
        expect(machine).toContain(`${cpus} `);
      });
    },
  );
});

describe('the check itself', () => {
  const { row, run } = SUSTAINED_INGEST;

  it.each([
    ['the target, never measured', '10,000 events/s', run.column],
    ['a figure of another run', '2,943 events/s', 'Run at 15:46 UTC'],
    ['part of a larger number', '943 events/s', run.column],
  ])('rejects %s', (_, text, column) => {
    expect(statesFigure(markdownTableCell(lastFigures, row, column), text)).toBe(false);
  });

  it('finds no cell for a row or a column the table does not have', () => {
    expect(markdownTableCell(lastFigures, 'Sustained ingest', run.column)).toBeUndefined();
    expect(markdownTableCell(lastFigures, row, 'Run at 09:00 UTC')).toBeUndefined();
    expect(markdownTableCell('no table here', row, run.column)).toBeUndefined();
    expect(markdownSection(performanceDoc, 'No such section')).toBeUndefined();
  });
});
