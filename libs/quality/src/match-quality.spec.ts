import { matchKeysOf } from './match-keys';
import type { MatchableEvent } from './match-keys';
import {
  MATCH_KEY_WEIGHTS,
  addTallies,
  emptyTally,
  matchQuality,
  scoreTally,
  tallyMatchKeys,
} from './match-quality';

const email = { type: 'email' };
const phone = { type: 'phone' };
const externalId = { type: 'external_id' };
const anonymous = { type: 'anonymous_id' };

const FULL: MatchableEvent = {
  identifiers: [email, phone, externalId],
  context: {
    ip: '203.0.113.9',
    user_agent: 'Mozilla/5.0',
    page: { url: 'https://shop.example/?gclid=abc' },
  },
};

describe('matchKeysOf', () => {
  it.each<[string, MatchableEvent, string[]]>([
    ['nothing but an anonymous id', { identifiers: [anonymous] }, []],
    ['every key', FULL, ['email', 'phone', 'external_id', 'ip', 'user_agent', 'click_id']],
    [
      'Segment-style context',
      { identifiers: [anonymous], context: { ip: '::1', userAgent: 'x' } },
      ['ip', 'user_agent'],
    ],
    [
      'PostHog-style properties',
      {
        identifiers: [anonymous],
        properties: {
          $ip: '1.2.3.4',
          $raw_user_agent: 'x',
          $current_url: 'https://a.example/p?fbclid=IwAR',
        },
      },
      ['ip', 'user_agent', 'click_id'],
    ],
    [
      'a click id field in properties',
      { identifiers: [anonymous], properties: { FBCLID: 'x' } },
      ['click_id'],
    ],
    [
      'a click id in the campaign',
      { identifiers: [anonymous], context: { campaign: { msclkid: 'x' } } },
      ['click_id'],
    ],
    [
      'a click id in page.search',
      { identifiers: [anonymous], context: { page: { search: '?ttclid=x&utm_source=t' } } },
      ['click_id'],
    ],
    [
      'a click id in a bare query string',
      { identifiers: [anonymous], properties: { search: 'wbraid=x' } },
      ['click_id'],
    ],
    [
      'empty values',
      {
        identifiers: [anonymous],
        context: { ip: ' ', gclid: '', page: { url: 'https://a.example/?gclid=#x' } },
      },
      [],
    ],
    [
      'values of the wrong type',
      {
        identifiers: [anonymous],
        context: { ip: 42, page: 'https://a.example/?gclid=1', campaign: ['gclid'] },
      },
      [],
    ],
    [
      'a url without a click id',
      { identifiers: [anonymous], context: { page: { url: 'https://a.example/?utm_source=x' } } },
      [],
    ],
  ])('finds the keys of %s', (_name, event, keys) => {
    expect([...matchKeysOf(event)].sort()).toEqual([...keys].sort());
  });
});

describe('matchQuality', () => {
  it('weights add up to 10', () => {
    expect(Object.values(MATCH_KEY_WEIGHTS).reduce((a, b) => a + b, 0)).toBe(10);
  });

  it.each<[string, MatchableEvent[], number, string]>([
    ['no events', [], 0, 'poor'],
    ['every key on every event', [FULL, FULL], 10, 'great'],
    ['email only', [{ identifiers: [email] }], 3, 'poor'],
    [
      'email and phone on half',
      [{ identifiers: [email, phone] }, { identifiers: [anonymous] }],
      2.5,
      'poor',
    ],
    [
      'email, phone, IP and UA',
      [{ identifiers: [email, phone], context: { ip: 'a', user_agent: 'b' } }],
      7,
      'good',
    ],
    [
      'all but click ids',
      [{ identifiers: [email, phone, externalId], context: { ip: 'a', user_agent: 'b' } }],
      8.5,
      'great',
    ],
    ['email and external id', [{ identifiers: [email, externalId] }], 4.5, 'fair'],
  ])('scores %s', (_name, events, score, rating) => {
    expect(matchQuality(events)).toMatchObject({ score, rating });
  });

  it('breaks the score down by key and advises the biggest gain', () => {
    const quality = matchQuality([
      { identifiers: [email, phone], context: { ip: 'a' } },
      { identifiers: [email], context: { ip: 'a' } },
      { identifiers: [email], context: { ip: 'a' } },
      { identifiers: [anonymous], context: { ip: 'a' } },
    ]);
    expect(quality.keys).toEqual({
      email: 0.75,
      phone: 0.25,
      external_id: 0,
      click_id: 0,
      ip: 1,
      user_agent: 0,
    });
    expect(quality.score).toBe(3.8);
    expect(quality.advice).toBe(
      'Send a phone identifier with more events: 25% carry it; all of them would add 1.5 points.',
    );
  });

  it('prefers the heavier key when gains tie, and has no advice at 10', () => {
    expect(
      matchQuality([{ identifiers: [email, phone], context: { ip: 'a', user_agent: 'b' } }]).advice,
    ).toContain('external_id');
    expect(matchQuality([FULL]).advice).toBeNull();
  });

  it('sums tallies so windows score as their events would', () => {
    const first = [FULL, { identifiers: [anonymous] }];
    const second: MatchableEvent[] = [{ identifiers: [email] }];
    const summed = addTallies(
      addTallies(emptyTally(), tallyMatchKeys(first)),
      tallyMatchKeys(second),
    );
    expect(summed.events).toBe(3);
    expect(scoreTally(summed)).toEqual(matchQuality([...first, ...second]));
  });
});
