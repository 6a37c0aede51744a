import { existsSync } from 'node:fs';

/** Where Debian's and other distributions' chromium packages put the browser. */
const SYSTEM_CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

export interface ChromiumChoice {
  executablePath: string;
  source: 'CHROMIUM_PATH' | 'system' | 'npm package';
}

/**
 * The Chromium the browser tests drive: `CHROMIUM_PATH` when set, else the system's, else
 * the build shipped inside the @sparticuz/chromium package (unpacked on first use), so that
 * `npm install && npm test` needs nothing from outside the registry.
 */
export async function findChromium(
  chromiumPath: string | undefined,
  systemPaths: readonly string[] = SYSTEM_CHROMIUM_PATHS,
): Promise<ChromiumChoice> {
  if (chromiumPath !== undefined && chromiumPath !== '') {
    if (!existsSync(chromiumPath)) {
      throw new Error(`CHROMIUM_PATH names ${chromiumPath}, which does not exist.`);
    }
    return { executablePath: chromiumPath, source: 'CHROMIUM_PATH' };
  }
  const system = systemPaths.find((candidate) => existsSync(candidate));
  if (system !== undefined) return { executablePath: system, source: 'system' };
  const { default: packaged } = await import('@sparticuz/chromium');
  return { executablePath: await packaged.executablePath(), source: 'npm package' };
}
