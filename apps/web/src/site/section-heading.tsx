import type { ReactNode } from 'react';

interface SectionHeadingProps {
  id: string;
  eyebrow: string;
  title: ReactNode;
  children?: ReactNode;
  tone?: 'light' | 'dark';
  align?: 'left' | 'center';
}

/** The eyebrow, title and lead paragraph every landing section opens with. */
export function SectionHeading(props: SectionHeadingProps) {
  const { id, eyebrow, title, children, tone = 'light', align = 'center' } = props;
  const dark = tone === 'dark';
  return (
    <div className={align === 'center' ? 'mx-auto max-w-2xl text-center' : 'max-w-2xl'}>
      <p
        className={`text-sm font-semibold tracking-wide ${dark ? 'text-indigo-300' : 'text-indigo-700'}`}
      >
        {eyebrow}
      </p>
      <h2
        id={id}
        className={`mt-3 text-3xl font-semibold tracking-tight text-balance sm:text-4xl ${
          dark ? 'text-white' : 'text-slate-950'
        }`}
      >
        {title}
      </h2>
      {children ? (
        <p className={`mt-4 text-lg leading-8 ${dark ? 'text-slate-300' : 'text-slate-600'}`}>
          {children}
        </p>
      ) : null}
    </div>
  );
}
