import { AppError } from '../errors/app-error';
import { ProfileIdParamsSchema } from '@stratum/schemas';
import { z } from 'zod';
import { parseParams, parseQuery } from './parse-request';

const Query = z.object({ limit: z.coerce.number().int().min(1), name: z.string().optional() });

function errorOf(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('parseQuery', () => {
  it('returns the parsed values', () => {
    expect(parseQuery(Query, { limit: '5', name: 'x' })).toEqual({ limit: 5, name: 'x' });
  });

  it('lists bad and unknown parameters together', () => {
    const error = errorOf(() => parseQuery(Query, { limit: '0', nmae: 'x' }));
    expect(error.status).toBe(400);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.errors?.map((e) => e.path)).toEqual(['nmae', 'limit']);
  });

  it('refuses unknown parameters even when the rest is valid', () => {
    const error = errorOf(() => parseQuery(Query, { limit: '1', extra: '1' }));
    expect(error.errors).toEqual([
      { path: 'extra', message: 'is not a parameter of this endpoint' },
    ]);
  });

  it('does not echo a parameter name that looks like a value', () => {
    const error = errorOf(() => parseQuery(Query, { limit: '1', '+14155550100': '' }));
    expect(error.errors).toEqual([{ path: '', message: 'an unknown query parameter was given' }]);
  });
});

describe('parseParams', () => {
  it('accepts a UUID and refuses anything else', () => {
    const id = '0b8f4d52-5d7e-4c1a-9a57-3b8e9f2c1d40';
    expect(parseParams(ProfileIdParamsSchema, { id })).toEqual({ id });
    const error = errorOf(() => parseParams(ProfileIdParamsSchema, { id: 'abc' }));
    expect(error.errors).toEqual([{ path: 'id', message: 'must be a UUID' }]);
  });
});
