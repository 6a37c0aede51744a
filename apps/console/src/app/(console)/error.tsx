'use client';

/** A page whose data could not be read: say so, and offer to try again. */
export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-4">
      <h1 className="font-semibold text-red-900">This page could not be loaded</h1>
      <p className="mt-1 text-red-900">An API did not answer as expected. Try again in a moment.</p>
      <button
        type="button"
        onClick={reset}
        className="mt-3 rounded-md border border-red-400 px-3 py-1 text-red-900 hover:bg-red-100"
      >
        Try again
      </button>
    </div>
  );
}
