import { PROBLEM_MEDIA_TYPE, ProblemSchema } from '@stratum/schemas';
import { AppError, isAppError } from './app-error';
import { isErrorCode, STATUS_BY_CODE, TITLE_BY_CODE } from './error-codes';
import { PROBLEM_CONTENT_TYPE, problemTypeFor, toProblemDetails } from './problem';

describe('AppError', () => {
  it('defaults detail and message to the title of its code', () => {
    const error = new AppError('NOT_FOUND');
    expect(error).toMatchObject({
      code: 'NOT_FOUND',
      status: 404,
      detail: 'Not found',
      message: 'Not found',
      name: 'AppError',
    });
    expect(error.cause).toBeUndefined();
  });

  it('uses message as detail when no detail is given, and keeps the cause', () => {
    const cause = new Error('driver failure');
    const error = new AppError('CONFLICT', { message: 'A source with this name exists', cause });
    expect(error.detail).toBe('A source with this name exists');
    expect(error.cause).toBe(cause);
  });

  it('keeps a separate detail and message', () => {
    const error = new AppError('FORBIDDEN', { message: 'internal note', detail: 'for the client' });
    expect([error.message, error.detail]).toEqual(['internal note', 'for the client']);
  });

  it('is recognised by isAppError only', () => {
    expect(isAppError(new AppError('INTERNAL'))).toBe(true);
    expect(isAppError(new Error('x'))).toBe(false);
    expect(isAppError({ code: 'INTERNAL' })).toBe(false);
  });
});

describe('error codes', () => {
  it.each(Object.keys(STATUS_BY_CODE))('%s has a title and a kebab-case problem type', (code) => {
    expect(isErrorCode(code)).toBe(true);
    if (!isErrorCode(code)) return;
    expect(TITLE_BY_CODE[code].length).toBeGreaterThan(0);
    expect(problemTypeFor(code)).toMatch(
      /^https:\/\/stratum-cdp\.dev\/problems\/[a-z]+(-[a-z]+)*$/,
    );
  });

  it.each(['nope', 'not_found', 42, undefined])('isErrorCode(%p) is false', (value) => {
    expect(isErrorCode(value)).toBe(false);
  });

  it('leaves out an empty errors list and a missing request id', () => {
    const problem = toProblemDetails(new AppError('VALIDATION_FAILED', { errors: [] }), undefined);
    expect(problem).toEqual({
      type: 'https://stratum-cdp.dev/problems/validation-failed',
      title: 'Validation failed',
      status: 400,
      detail: 'Validation failed',
      request_id: null,
    });
  });
});

describe('problem details and the published contract', () => {
  it('matches ProblemSchema of @stratum/schemas exactly', () => {
    const problem = toProblemDetails(
      new AppError('VALIDATION_FAILED', { errors: [{ path: 'events.0.type', message: 'bad' }] }),
      'req-1',
    );
    expect(ProblemSchema.strict().parse(problem)).toEqual(problem);
    expect(PROBLEM_CONTENT_TYPE).toBe(PROBLEM_MEDIA_TYPE);
  });
});
