/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  transpilePackages: ['@stratum/identity', '@stratum/schemas'],
  // The build checks the app's own files; the tests (which drive the other apps) are
  // checked by the project's typecheck.
  typescript: { tsconfigPath: 'tsconfig.build.json' },
};

export default nextConfig;
