/** A node of `EXPLAIN (FORMAT JSON)` output, as far as the checks read it. */
export interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
  [key: string]: unknown;
}

/** One scan of a table in a plan, with the index it goes through (if any). */
export interface PlanScan {
  relation: string;
  nodeType: string;
  index: string | undefined;
}

function walk(node: PlanNode, visit: (node: PlanNode) => void): void {
  visit(node);
  for (const child of node.Plans ?? []) walk(child, visit);
}

/**
 * Every scan of a table in the plan. A bitmap heap scan reports the index of its bitmap
 * index scan (a BitmapAnd/BitmapOr reports the first one).
 */
export function planScans(root: PlanNode): PlanScan[] {
  const scans: PlanScan[] = [];
  walk(root, (node) => {
    const relation = node['Relation Name'];
    if (relation === undefined) return;
    let index = node['Index Name'];
    if (index === undefined && node['Node Type'] === 'Bitmap Heap Scan') {
      walk(node, (child) => {
        index ??= child['Node Type'] === 'Bitmap Index Scan' ? child['Index Name'] : undefined;
      });
    }
    scans.push({ relation, nodeType: node['Node Type'], index });
  });
  return scans;
}
