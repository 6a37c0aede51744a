import { createHash } from 'node:crypto';
import { AppError } from '@stratum/http';
import { identifierKeyFromQuery } from './identifier-query';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function errorOf(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('identifierKeyFromQuery', () => {
  it('normalizes and hashes a value as ingestion does', () => {
    expect(
      identifierKeyFromQuery({ identifier_type: 'email', identifier_value: ' Jane@Example.COM ' }),
    ).toEqual({ type: 'email', hash: sha256('jane@example.com') });
    expect(
      identifierKeyFromQuery({
        identifier_type: 'phone',
        identifier_value: '(415) 555-0100',
        default_country: 'US',
      }),
    ).toEqual({ type: 'phone', hash: sha256('+14155550100') });
    expect(
      identifierKeyFromQuery({ identifier_type: 'external_id', identifier_value: ' User-7 ' }),
    ).toEqual({ type: 'external_id', hash: sha256('User-7') });
  });

  it('uses a hash as given, with or without a type', () => {
    const hash = sha256('x');
    expect(identifierKeyFromQuery({ identifier_hash: hash })).toEqual({ type: undefined, hash });
    expect(identifierKeyFromQuery({ identifier_type: 'device_id', identifier_hash: hash })).toEqual(
      {
        type: 'device_id',
        hash,
      },
    );
  });

  it('refuses a value that does not normalize, without repeating it', () => {
    const error = errorOf(() =>
      identifierKeyFromQuery({ identifier_type: 'email', identifier_value: 'jane@@example' }),
    );
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.errors).toEqual([
      { path: 'identifier_value', message: 'is not a valid email address' },
    ]);
    expect(JSON.stringify(error.errors)).not.toContain('jane');
  });

  it('tells how to fix a phone number without a country code', () => {
    const error = errorOf(() =>
      identifierKeyFromQuery({ identifier_type: 'phone', identifier_value: '4155550100' }),
    );
    expect(error.errors?.[0]?.message).toContain('default_country');
  });

  it('refuses a query with neither a typed value nor a hash', () => {
    expect(errorOf(() => identifierKeyFromQuery({ identifier_value: 'x' })).status).toBe(400);
    expect(errorOf(() => identifierKeyFromQuery({ identifier_type: 'email' })).status).toBe(400);
  });
});
