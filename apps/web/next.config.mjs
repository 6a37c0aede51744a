/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  transpilePackages: ['@stratum/roi', '@stratum/schemas'],
};

export default nextConfig;
