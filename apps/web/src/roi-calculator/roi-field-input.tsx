import type { RoiField } from '@stratum/roi';
import { fieldInputId } from './field-copy';

interface RoiFieldInputProps {
  field: RoiField;
  hint: string;
  value: string;
  error: string | undefined;
  /** Shown before the value ("$") or after it ("%"); spoken through `unitLabel`. */
  prefix?: string;
  suffix?: string;
  unitLabel: string;
  onChange: (text: string) => void;
}

/** One labelled input with its unit, its hint and, when invalid, its error. */
export function RoiFieldInput(props: RoiFieldInputProps) {
  const { field, hint, value, error, prefix, suffix, unitLabel, onChange } = props;
  const id = fieldInputId(field.key);
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const invalid = error !== undefined;
  return (
    <div className="flex flex-col">
      <label htmlFor={id} className="text-sm font-medium text-slate-900">
        {field.label}
        <span className="sr-only"> ({unitLabel})</span>
      </label>
      <div
        className={`mt-1.5 flex items-stretch overflow-hidden rounded-lg border bg-white shadow-xs transition focus-within:ring-2 ${
          invalid
            ? 'border-rose-600 focus-within:ring-rose-600/30'
            : 'border-slate-300 focus-within:border-indigo-600 focus-within:ring-indigo-600/25'
        }`}
      >
        {prefix !== undefined && (
          <span aria-hidden="true" className="flex items-center pl-3 text-sm text-slate-500">
            {prefix}
          </span>
        )}
        <input
          id={id}
          name={field.key}
          type="text"
          inputMode={field.decimals === 0 ? 'numeric' : 'decimal'}
          autoComplete="off"
          spellCheck={false}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          aria-invalid={invalid}
          aria-describedby={invalid ? `${errorId} ${hintId}` : hintId}
          className="w-full min-w-0 bg-transparent px-3 py-2.5 text-base text-slate-900 tabular-nums outline-none sm:text-sm"
        />
        {suffix !== undefined && (
          <span
            aria-hidden="true"
            className="flex items-center pr-3 text-sm whitespace-nowrap text-slate-500"
          >
            {suffix}
          </span>
        )}
      </div>
      {invalid ? (
        <p id={errorId} className="mt-1.5 flex gap-1.5 text-sm font-medium text-rose-700">
          <svg
            aria-hidden="true"
            viewBox="0 0 20 20"
            className="mt-0.5 size-4 shrink-0 fill-current"
          >
            <path d="M10 1.5a8.5 8.5 0 1 0 0 17 8.5 8.5 0 0 0 0-17Zm0 4a1 1 0 0 1 1 1v4a1 1 0 1 1-2 0v-4a1 1 0 0 1 1-1Zm0 9.25a1.25 1.25 0 1 1 0-2.5 1.25 1.25 0 0 1 0 2.5Z" />
          </svg>
          {error}
        </p>
      ) : null}
      <p id={hintId} className="mt-1.5 text-xs leading-5 text-slate-600">
        {hint}
      </p>
    </div>
  );
}
