import { dataExceptionIssue, isDataException } from './data-exception';

describe('isDataException', () => {
  it.each<[unknown, boolean]>([
    [{ code: '22P05' }, true],
    [{ code: '22003' }, true],
    [{ code: '23505' }, false],
    [{ code: '40P01' }, false],
    [{ code: 22 }, false],
    [new Error('22P05'), false],
    [null, false],
    ['22P05', false],
  ])('%j → %s', (error, expected) => {
    expect(isDataException(error)).toBe(expected);
  });
});

describe('dataExceptionIssue', () => {
  it.each([
    ['22P05', 'holds a character the database cannot store (SQLSTATE 22P05)'],
    ['22003', 'holds a number out of the range the database can store (SQLSTATE 22003)'],
    ['22008', 'holds a date or time the database cannot store (SQLSTATE 22008)'],
    ['22012', 'holds a value the database cannot store (SQLSTATE 22012)'],
  ])('names %s without the driver’s words', (code, message) => {
    const error = Object.assign(new Error('invalid input: secret@example.com'), {
      code,
      detail: 'Token "secret@example.com" is invalid.',
      where: 'JSON data, line 1: {"email":"secret@example.com"...',
    });
    const issue = dataExceptionIssue(error);
    expect(issue).toEqual({ path: '', message });
    expect(JSON.stringify(issue)).not.toContain('secret');
  });
});
