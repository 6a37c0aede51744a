import { BENCH_COMMAND, BENCH_DOCUMENT } from './measured-figures';
import type { MeasuredFigure } from './measured-figures';

/** Where a figure comes from, in words a reader can check: the run, the machine, the record. */
export function MeasuredFigureSource({ figure }: { figure: MeasuredFigure }) {
  const { commit, date, cpus, profiles } = figure.run;
  return (
    <>
      Measured with <code className="font-mono">{BENCH_COMMAND}</code> on {cpus} with {profiles}{' '}
      profiles loaded, commit <code className="font-mono">{commit}</code>, {date}; see{' '}
      <code className="font-mono">{BENCH_DOCUMENT}</code>.
    </>
  );
}
