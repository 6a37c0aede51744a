import Link from 'next/link';
import { PRIMARY_BUTTON } from './button-styles';
import { LogoMark } from './logo-mark';

const NAV = [
  { href: '/#how-it-works', label: 'How it works' },
  { href: '/#features', label: 'Features' },
  { href: '/#privacy', label: 'Privacy' },
  { href: '/cdp-roi', label: 'ROI calculator' },
];

/** The sticky top bar: skip link, logo, sections, and the one call to action. */
export function SiteHeader() {
  return (
    <header className="sticky top-0 z-40 border-b border-slate-200/80 bg-white/90 backdrop-blur">
      <a
        href="#main"
        className="sr-only rounded-md bg-indigo-600 px-3 py-2 text-sm font-semibold text-white focus:not-sr-only focus:absolute focus:top-3 focus:left-3 focus:z-50"
      >
        Skip to content
      </a>
      <div className="mx-auto flex h-16 max-w-7xl items-center justify-between gap-6 px-4 sm:px-6 lg:px-8">
        <Link href="/" className="flex items-center gap-2.5 text-lg font-semibold text-slate-950">
          <LogoMark />
          <span>
            Stratum <span className="font-medium text-slate-500">CDP</span>
          </span>
        </Link>
        <nav aria-label="Main" className="hidden md:block">
          <ul className="flex items-center gap-8 text-sm font-medium text-slate-600">
            {NAV.map((item) => (
              <li key={item.href}>
                <Link href={item.href} className="hover:text-slate-950">
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <Link href="/#get-started" className={`${PRIMARY_BUTTON} whitespace-nowrap`}>
          Get started
        </Link>
      </div>
    </header>
  );
}
