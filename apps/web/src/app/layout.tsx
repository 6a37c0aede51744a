import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: {
    default: 'Stratum CDP · The self-hostable Customer Data Platform',
    template: '%s · Stratum CDP',
  },
  description:
    'Collect events, hash every identifier with SHA-256 and resolve one profile per customer, with consent history, on your own PostgreSQL.',
};

export const viewport: Viewport = {
  themeColor: '#4f46e5',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-dvh">{children}</body>
    </html>
  );
}
