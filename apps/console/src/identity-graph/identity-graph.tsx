'use client';

import { Background, Controls, ReactFlow } from '@xyflow/react';
import type { Edge, Node } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useState } from 'react';
import type { GraphEdge, GraphNode } from './build-identity-graph';

const KIND_STYLE: Record<GraphNode['kind'], string> = {
  profile: 'border-indigo-600 bg-indigo-50',
  identifier: 'border-slate-400 bg-white',
  merged: 'border-amber-600 bg-amber-50',
  split: 'border-dashed border-red-700 bg-red-50',
};

function NodeLabel({ node }: { node: GraphNode }) {
  return (
    <div className="text-left">
      <div className="font-mono text-xs font-semibold text-slate-900">{node.label}</div>
      <div className="text-xs text-slate-700">{node.detail}</div>
    </div>
  );
}

/**
 * Draws the graph with React Flow. Clicking (or pressing Enter on) a merged profile shows the
 * merge: when, and the event that caused it.
 */
export function IdentityGraph({ nodes, edges }: { nodes: GraphNode[]; edges: GraphEdge[] }) {
  const [selected, setSelected] = useState<GraphNode | undefined>(undefined);
  const flowNodes: Node[] = nodes.map((node) => ({
    id: node.id,
    position: node.position,
    data: { label: <NodeLabel node={node} /> },
    className: `rounded-md border-2 px-2 py-1 ${KIND_STYLE[node.kind]}`,
    style: { width: 240 },
    draggable: false,
    ariaLabel: `${node.label}, ${node.detail}`,
  }));
  const flowEdges: Edge[] = edges.map((edge) => ({ ...edge, type: 'smoothstep' }));
  return (
    <div>
      <div className="h-96 w-full rounded-lg border border-slate-200" data-testid="identity-graph">
        <ReactFlow
          nodes={flowNodes}
          edges={flowEdges}
          fitView
          nodesConnectable={false}
          onNodeClick={(_event, node) => setSelected(nodes.find((n) => n.id === node.id))}
          proOptions={{ hideAttribution: true }}
        >
          <Background />
          <Controls showInteractive={false} />
        </ReactFlow>
      </div>
      <div aria-live="polite" className="mt-2 text-sm text-slate-800">
        {selected?.merge ? (
          <p data-testid="merge-detail">
            Merged on {selected.merge.mergedAt.replace('T', ' ').slice(0, 19)} UTC by event{' '}
            <code className="font-mono">{selected.merge.eventId ?? '(none recorded)'}</code> (merge{' '}
            <code className="font-mono">{selected.merge.mergeId}</code>).
          </p>
        ) : (
          <p>Select a merged profile to see the merge that joined it.</p>
        )}
      </div>
    </div>
  );
}
