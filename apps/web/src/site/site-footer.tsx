import Link from 'next/link';
import { LogoMark } from './logo-mark';

const COLUMNS = [
  {
    title: 'Product',
    links: [
      { href: '/#how-it-works', label: 'How it works' },
      { href: '/#features', label: 'Features' },
      { href: '/#privacy', label: 'Privacy by design' },
      { href: '/cdp-roi', label: 'ROI calculator' },
    ],
  },
  {
    title: 'Platform',
    links: [
      { href: '/#get-started', label: 'Self-hosting' },
      { href: '/#how-it-works', label: 'Identity resolution' },
      { href: '/#privacy', label: 'Consent history' },
      { href: '/#features', label: 'Profile API' },
    ],
  },
];

/** The closing band: what Stratum is in one line, and where everything is. */
export function SiteFooter() {
  return (
    <footer className="on-dark bg-slate-950 text-slate-400">
      <div className="mx-auto grid max-w-7xl grid-cols-2 gap-10 px-4 py-14 sm:px-6 md:grid-cols-[2fr_1fr_1fr] lg:px-8">
        <div className="col-span-2 md:col-span-1">
          <Link
            href="/"
            className="inline-flex items-center gap-2.5 text-lg font-semibold text-white"
          >
            <LogoMark />
            Stratum CDP
          </Link>
          <p className="mt-4 max-w-sm text-sm leading-6">
            The self-hostable Customer Data Platform: hashed identifiers, deterministic identity
            resolution and consent history, on the PostgreSQL you already run.
          </p>
        </div>
        {COLUMNS.map((column) => (
          <nav key={column.title} aria-label={column.title}>
            <h2 className="text-sm font-semibold text-white">{column.title}</h2>
            <ul className="mt-4 space-y-3 text-sm">
              {column.links.map((link) => (
                <li key={link.label}>
                  <Link href={link.href} className="hover:text-white">
                    {link.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        ))}
      </div>
      <div className="border-t border-white/10">
        <p className="mx-auto max-w-7xl px-4 py-6 text-xs sm:px-6 lg:px-8">
          © Stratum CDP. Figures from the ROI calculator are estimates, not guarantees.
        </p>
      </div>
    </footer>
  );
}
