import type { FieldIssue } from './api-client';

/** What an API refused, as an alert: its detail, and each field it names by path. */
export function ProblemAlert({
  detail,
  errors,
  className = '',
}: {
  detail: string;
  errors: readonly FieldIssue[];
  className?: string;
}) {
  return (
    <div
      role="alert"
      className={`rounded-md border border-red-300 bg-red-50 p-3 text-red-900 ${className}`}
    >
      <p className="font-medium">{detail}</p>
      <ul className="mt-1 list-disc pl-5 text-sm">
        {errors.map((e) => (
          <li key={`${e.path}:${e.message}`}>
            <code className="font-mono">{e.path || '(body)'}</code> {e.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
