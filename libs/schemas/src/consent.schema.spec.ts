import { CONSENT_PURPOSES, ConsentRequestSchema } from './consent.schema';
import { formatIssues } from './format-issues';

const IDS = [{ type: 'email', value: 'jane@example.com' }];
const CHANGE = { purpose: 'marketing', status: 'granted', timestamp: '2026-11-20T10:15:00Z' };

function issuesOf(input: unknown) {
  const result = ConsentRequestSchema.safeParse(input);
  return result.success ? [] : formatIssues(result.error);
}

describe('ConsentRequestSchema', () => {
  it('lists the five purposes of the spec', () => {
    expect([...CONSENT_PURPOSES]).toEqual([
      'analytics',
      'marketing',
      'advertising',
      'personalization',
      'sale_of_data',
    ]);
  });

  it.each<[string, unknown]>([
    ['the spec example', { identifiers: IDS, consents: [CHANGE], source: 'cookie-banner' }],
    [
      'a change without timestamp',
      { identifiers: IDS, consents: [{ purpose: 'analytics', status: 'denied' }] },
    ],
    [
      'every purpose',
      {
        identifiers: IDS,
        consents: CONSENT_PURPOSES.map((purpose) => ({ purpose, status: 'granted' })),
      },
    ],
    ['ten changes', { identifiers: IDS, consents: Array.from({ length: 10 }, () => CHANGE) }],
  ])('accepts %s', (_label, input) => {
    expect(issuesOf(input)).toEqual([]);
    expect(ConsentRequestSchema.parse(input)).toEqual(input);
  });

  it.each<[string, unknown, { path: string; message: string }[]]>([
    [
      'no identifiers',
      { identifiers: [], consents: [CHANGE] },
      [{ path: 'identifiers', message: 'must be 1 to 20 identifiers' }],
    ],
    [
      '21 identifiers',
      { identifiers: Array.from({ length: 21 }, () => IDS[0]), consents: [CHANGE] },
      [{ path: 'identifiers', message: 'must be 1 to 20 identifiers' }],
    ],
    [
      'a lone surrogate in the source',
      { identifiers: IDS, consents: [CHANGE], source: 'banner\ud800' },
      [
        {
          path: 'source',
          message:
            'must be well-formed Unicode: a lone surrogate (\\ud800 to \\udfff) cannot be stored',
        },
      ],
    ],
    [
      'no consents',
      { identifiers: IDS, consents: [] },
      [{ path: 'consents', message: 'must be 1 to 10 consents' }],
    ],
    [
      '11 consents',
      { identifiers: IDS, consents: Array.from({ length: 11 }, () => CHANGE) },
      [{ path: 'consents', message: 'must be 1 to 10 consents' }],
    ],
    [
      'an unknown purpose',
      { identifiers: IDS, consents: [{ ...CHANGE, purpose: 'spam' }] },
      [
        {
          path: 'consents.0.purpose',
          message:
            'must be one of analytics, marketing, advertising, personalization, sale_of_data',
        },
      ],
    ],
    [
      'an unknown status',
      { identifiers: IDS, consents: [{ ...CHANGE, status: 'maybe' }] },
      [{ path: 'consents.0.status', message: 'must be one of granted, denied' }],
    ],
    [
      'a missing status',
      { identifiers: IDS, consents: [{ purpose: 'marketing' }] },
      [{ path: 'consents.0.status', message: 'is required' }],
    ],
    [
      'a local timestamp',
      { identifiers: IDS, consents: [{ ...CHANGE, timestamp: '2026-11-20T10:15:00' }] },
      [{ path: 'consents.0.timestamp', message: expect.stringMatching(/^must be an ISO 8601/) }],
    ],
    [
      'a long source',
      { identifiers: IDS, consents: [CHANGE], source: 's'.repeat(101) },
      [{ path: 'source', message: 'must be 1 to 100 characters' }],
    ],
    [
      'an unknown identifier type',
      { identifiers: [{ type: 'fax', value: '1' }], consents: [CHANGE] },
      [{ path: 'identifiers.0.type', message: "unknown identifier type 'fax'" }],
    ],
    [
      'a change that is not an object',
      { identifiers: IDS, consents: ['marketing'] },
      [{ path: 'consents.0', message: 'must be an object' }],
    ],
  ])('rejects %s', (_label, input, expected) => {
    expect(issuesOf(input)).toEqual(expected);
  });
});
