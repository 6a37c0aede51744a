import { MeasuredFigureSource } from '../measured-figure-source';
import { SUSTAINED_INGEST } from '../measured-figures';

/** The anchor the hero's throughput figure points to for its source. */
export const THROUGHPUT_NOTE_ID = 'measured-throughput';

/** The measured ingest rate, the conditions it was measured under, and the run. */
export function ThroughputNote() {
  const { value, unit, what, conditions } = SUSTAINED_INGEST;
  return (
    <div
      id={THROUGHPUT_NOTE_ID}
      className="mx-auto mt-10 max-w-3xl rounded-xl bg-indigo-50 px-5 py-4 text-center text-sm leading-6 text-indigo-950 ring-1 ring-indigo-100"
    >
      <p>
        <strong className="font-semibold">
          {value} {unit}
        </strong>{' '}
        of {what}, {conditions}.
      </p>
      <p className="mt-1 text-xs leading-5 text-indigo-900">
        <MeasuredFigureSource figure={SUSTAINED_INGEST} /> Run it on your own hardware.
      </p>
    </div>
  );
}
