import Link from 'next/link';
import type { ReactNode } from 'react';
import { requireApiKey } from '../../session/session';
import { signOut } from '../sign-in/actions';

const NAV = [
  { href: '/', label: 'Overview' },
  { href: '/events', label: 'Live events' },
  { href: '/profiles', label: 'Profiles' },
  { href: '/segments', label: 'Segments' },
  { href: '/destinations', label: 'Destinations' },
  { href: '/privacy', label: 'Privacy' },
  { href: '/sources', label: 'Sources' },
];

/** Every page but sign-in: needs a session, and shares the navigation. */
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  await requireApiKey();
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="border-b border-slate-200 bg-white">
        <nav
          aria-label="Main"
          className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3"
        >
          <span className="font-semibold">Stratum CDP</span>
          <ul className="flex flex-wrap gap-4">
            {NAV.map((item) => (
              <li key={item.href}>
                <Link
                  href={item.href}
                  className="rounded text-indigo-800 underline-offset-4 hover:underline focus:outline-2 focus:outline-indigo-700"
                >
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
          <form action={signOut} className="ml-auto">
            <button
              type="submit"
              className="rounded-md border border-slate-400 px-3 py-1 text-sm hover:bg-slate-100 focus:outline-2 focus:outline-indigo-700"
            >
              Sign out
            </button>
          </form>
        </nav>
      </header>
      <main className="mx-auto w-full max-w-6xl flex-1 px-4 py-6">{children}</main>
    </div>
  );
}
