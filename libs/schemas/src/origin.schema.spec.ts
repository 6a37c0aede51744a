import { formatIssues } from './format-issues';
import { AllowedOriginsSchema, MAX_ALLOWED_ORIGINS, canonicalOrigin } from './origin.schema';

describe('canonicalOrigin', () => {
  it.each<[string, string]>([
    ['https://shop.example.com', 'https://shop.example.com'],
    ['HTTPS://Shop.Example.COM', 'https://shop.example.com'],
    ['https://shop.example.com:443', 'https://shop.example.com'],
    ['http://localhost:80', 'http://localhost'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
    ['https://xn--mnchen-3ya.de', 'https://xn--mnchen-3ya.de'],
    ['http://[::1]:3000', 'http://[::1]:3000'],
  ])('writes %s as %s', (input, expected) => {
    expect(canonicalOrigin(input)).toBe(expected);
  });

  it.each([
    'https://shop.example.com/',
    'https://shop.example.com/cart',
    'https://shop.example.com?x=1',
    'https://shop.example.com#top',
    'https://user@shop.example.com',
    'https://*.example.com',
    'ftp://shop.example.com',
    'shop.example.com',
    'https://münchen.de',
    'https://shop.example.com:0',
    'https://shop.example.com:65536',
    'null',
    '',
  ])('refuses %s', (input) => {
    expect(canonicalOrigin(input)).toBeUndefined();
  });
});

describe('AllowedOriginsSchema', () => {
  it('canonicalizes and keeps each origin once', () => {
    expect(
      AllowedOriginsSchema.parse([
        'https://a.example',
        'HTTPS://A.example:443',
        'http://b.example',
      ]),
    ).toEqual(['https://a.example', 'http://b.example']);
  });

  it('accepts an empty list: no web page may send', () => {
    expect(AllowedOriginsSchema.parse([])).toEqual([]);
  });

  it.each<[string, unknown, { path: string; message: string }[]]>([
    [
      'a path',
      ['https://a.example', 'https://b.example/x'],
      [
        {
          path: '1',
          message:
            'must be an origin: http(s)://host[:port] with no path, like https://shop.example.com',
        },
      ],
    ],
    ['a number', [42], [{ path: '0', message: 'must be a string' }]],
    ['a string', 'https://a.example', [{ path: '', message: 'must be an array of origins' }]],
    [
      'too many',
      Array.from({ length: MAX_ALLOWED_ORIGINS + 1 }, (_, i) => `https://s${i}.example`),
      [{ path: '', message: `must be 0 to ${MAX_ALLOWED_ORIGINS} origins` }],
    ],
  ])('refuses %s, naming the entry', (_label, input, expected) => {
    const result = AllowedOriginsSchema.safeParse(input);
    expect(result.success ? [] : formatIssues(result.error)).toEqual(expected);
  });
});
