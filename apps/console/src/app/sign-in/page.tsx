import type { Metadata } from 'next';
import { signIn } from './actions';

export const metadata: Metadata = { title: 'Sign in' };

const ERRORS: Record<string, string> = {
  missing: 'Paste a secret key to sign in.',
  refused: 'This key was refused: it must be a secret key of your tenant with sources:read.',
  unavailable: 'The admin API did not answer. Is it running?',
};

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ error?: string }>;
}) {
  const { error } = await searchParams;
  const message = error === undefined ? undefined : (ERRORS[error] ?? ERRORS['refused']);
  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col justify-center px-4">
      <h1 className="text-2xl font-semibold">Stratum CDP console</h1>
      <p className="mt-2 text-slate-700">
        Sign in with one of your tenant&apos;s secret keys. It stays on the server: the browser only
        holds a sealed session cookie.
      </p>
      <form action={signIn} className="mt-6 flex flex-col gap-3">
        <label htmlFor="api_key" className="font-medium">
          Secret key
        </label>
        <input
          id="api_key"
          name="api_key"
          type="password"
          autoComplete="off"
          required
          aria-describedby={message ? 'sign-in-error' : undefined}
          className="rounded-md border border-slate-400 px-3 py-2 font-mono"
        />
        {message ? (
          <p id="sign-in-error" role="alert" className="text-red-800">
            {message}
          </p>
        ) : null}
        <button
          type="submit"
          className="rounded-md bg-indigo-700 px-4 py-2 font-medium text-white hover:bg-indigo-800 focus:outline-2 focus:outline-offset-2 focus:outline-indigo-700"
        >
          Sign in
        </button>
      </form>
    </main>
  );
}
