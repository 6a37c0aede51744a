import {
  addChild,
  changeGroupKind,
  kindOf,
  newCondition,
  parseValue,
  removeAt,
  replaceAt,
  valueText,
} from './definition-tree';

const trait = newCondition('trait');
const email = newCondition('identifier');

describe('definition tree', () => {
  it('adds, replaces and removes members by path, never leaving a group empty', () => {
    let root = { all: [trait] } as Record<string, unknown>;
    root = addChild(root, [], { any: [email] });
    root = addChild(root, ['all', 1], newCondition('consent'));
    expect(root).toEqual({
      all: [trait, { any: [email, { consent: 'marketing', status: 'granted' }] }],
    });
    root = replaceAt(root, ['all', 1, 'any', 0], newCondition('last_seen'));
    expect(root['all']).toEqual([
      trait,
      { any: [{ last_seen: { within_days: 7 } }, { consent: 'marketing', status: 'granted' }] },
    ]);
    root = removeAt(root, ['all', 1, 'any', 1]);
    expect(removeAt(root, ['all', 1, 'any', 0])).toBe(root);
    expect(removeAt(root, [])).toBe(root);
  });

  it('turns a group into another kind: not keeps the first member, and wraps a new one', () => {
    const root = { all: [trait, email] };
    const negated = changeGroupKind(root, [], 'not');
    expect(negated).toEqual({ not: trait });
    expect(addChild(negated, [], email)).toEqual({ not: { all: [trait, email] } });
    expect(changeGroupKind(negated, [], 'any')).toEqual({ any: [trait] });
    expect(kindOf({ first_seen: {} })).toBe('first_seen');
  });

  it('reads typed values as the grammar takes them', () => {
    expect(parseValue('42', 'gt')).toBe(42);
    expect(parseValue('true', 'eq')).toBe(true);
    expect(parseValue('pro', 'eq')).toBe('pro');
    expect(parseValue('', 'eq')).toBe('');
    expect(parseValue('pro, 3, false', 'in')).toEqual(['pro', 3, false]);
    expect(valueText(['pro', 3])).toBe('pro, 3');
    expect(valueText({ nested: true })).toBe('');
  });
});
