/** Three stacked layers: strata of data settling into one profile. */
export function LogoMark({ className = 'size-8' }: { className?: string }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 32 32" className={className}>
      <rect width="32" height="32" rx="8" className="fill-indigo-600" />
      <path d="M16 7.5 24.5 12 16 16.5 7.5 12Z" fill="#fff" />
      <path
        d="m7.5 16.25 8.5 4.5 8.5-4.5"
        fill="none"
        stroke="#c7d2fe"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
      <path
        d="m7.5 20.5 8.5 4.5 8.5-4.5"
        fill="none"
        stroke="#818cf8"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
