export default function HomePage() {
  return (
    <main className="mx-auto max-w-3xl p-8">
      <h1 className="text-4xl font-bold">Stratum CDP</h1>
      <p className="mt-4 text-lg">One profile per customer, from every source.</p>
    </main>
  );
}
