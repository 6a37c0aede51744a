import { csvCell } from './csv-cell';

describe('csvCell', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', "'\rcmd"],
    ['＝1+1', "'＝1+1"],
    ['＋1', "'＋1"],
    ['－1', "'－1"],
    ['＠x', "'＠x"],
    ["'quoted", "''quoted"],
  ])('guards %j as %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it.each([
    ['plain', 'plain'],
    ['a=b', 'a=b'],
    ['Zoë 🎉', 'Zoë 🎉'],
    ['', ''],
  ])('keeps %j as it is', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('is reversed by dropping one leading apostrophe', () => {
    for (const value of ['=x', "'=x", "''", 'x', "'"]) {
      const cell = csvCell(value)!;
      expect(cell.startsWith("'") ? cell.slice(1) : cell).toBe(value);
    }
  });

  it.each([
    [3, '3'],
    [true, 'true'],
    [{ a: [1, 'x'] }, '{"a":[1,"x"]}'],
    [['email:ab'], '["email:ab"]'],
    [null, null],
    [undefined, null],
  ])('writes %j as %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });
});
