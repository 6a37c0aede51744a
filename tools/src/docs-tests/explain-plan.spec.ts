import { planScans } from './explain-plan';

describe('planScans', () => {
  it('lists every scan of a table with its index, a bitmap heap scan taking its bitmap index', () => {
    const plan = {
      'Node Type': 'Aggregate',
      Plans: [
        {
          'Node Type': 'Append',
          Plans: [
            {
              'Node Type': 'Bitmap Heap Scan',
              'Relation Name': 'p1',
              Plans: [{ 'Node Type': 'Bitmap Index Scan', 'Index Name': 'p1_idx' }],
            },
            { 'Node Type': 'Index Scan', 'Relation Name': 'p2', 'Index Name': 'p2_idx' },
            { 'Node Type': 'Seq Scan', 'Relation Name': 'p3' },
          ],
        },
      ],
    };
    expect(planScans(plan)).toEqual([
      { relation: 'p1', nodeType: 'Bitmap Heap Scan', index: 'p1_idx' },
      { relation: 'p2', nodeType: 'Index Scan', index: 'p2_idx' },
      { relation: 'p3', nodeType: 'Seq Scan', index: undefined },
    ]);
  });
});
