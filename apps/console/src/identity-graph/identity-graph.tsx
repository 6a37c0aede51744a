'use client';

import { Background, Controls, ReactFlow } from '@xyflow/react';
import type { Edge, Node } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useState } from 'react';
import type { CSSProperties } from 'react';
import { REFUSAL_REASONS } from './build-identity-graph';
import type { GraphEdge, GraphNode } from './build-identity-graph';

// Inline, not classes: React Flow's own node stylesheet sets the border and background.
const KIND_STYLE: Record<GraphNode['kind'], CSSProperties> = {
  profile: { border: '2px solid #4f46e5', background: '#eef2ff' },
  identifier: { border: '2px solid #94a3b8', background: '#ffffff' },
  merged: { border: '2px solid #d97706', background: '#fffbeb' },
  split: { border: '2px dashed #b91c1c', background: '#fef2f2' },
  refused: { border: '2px dashed #c2410c', background: '#fff7ed' },
};

const DASHED = { strokeDasharray: '6 4' };

function NodeLabel({ node }: { node: GraphNode }) {
  return (
    <div className="text-left">
      <div className="font-mono text-xs font-semibold text-slate-900">{node.label}</div>
      <div className="text-xs text-slate-700">{node.detail}</div>
    </div>
  );
}

function when(iso: string): string {
  return iso.replace('T', ' ').slice(0, 19);
}

function EventId({ id }: { id: string | null }) {
  return <code className="font-mono">{id ?? '(a consent record)'}</code>;
}

function RefusalDetail({ refusal }: { refusal: NonNullable<GraphNode['refusal']> }) {
  return (
    <p data-testid="refusal-detail">
      Merge refused ({REFUSAL_REASONS[refusal.reason]}){' '}
      {refusal.refusals === 1 ? 'once' : `${refusal.refusals} times`}: first on{' '}
      {when(refusal.firstRefusedAt)} UTC by event <EventId id={refusal.firstEventId} />
      {refusal.refusals > 1 ? (
        <>
          , last on {when(refusal.lastRefusedAt)} UTC by event <EventId id={refusal.lastEventId} />
        </>
      ) : null}
      .
    </p>
  );
}

/**
 * Draws the graph with React Flow. Clicking (or pressing Enter on) a merged profile shows the
 * merge: when, and the event that caused it; a refused merge, the events that would have.
 */
export function IdentityGraph({ nodes, edges }: { nodes: GraphNode[]; edges: GraphEdge[] }) {
  const [selected, setSelected] = useState<GraphNode | undefined>(undefined);
  const flowNodes: Node[] = nodes.map((node) => ({
    id: node.id,
    position: node.position,
    data: { label: <NodeLabel node={node} /> },
    className: 'rounded-md px-2 py-1',
    style: { width: 240, ...KIND_STYLE[node.kind] },
    draggable: false,
    ariaLabel: `${node.label}, ${node.detail}`,
  }));
  const flowEdges: Edge[] = edges.map(({ dashed, ...edge }) => ({
    ...edge,
    type: 'smoothstep',
    ...(dashed === true ? { style: DASHED } : {}),
  }));
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
            Merged on {when(selected.merge.mergedAt)} UTC by event{' '}
            <code className="font-mono">{selected.merge.eventId ?? '(none recorded)'}</code> (merge{' '}
            <code className="font-mono">{selected.merge.mergeId}</code>).
          </p>
        ) : selected?.refusal ? (
          <RefusalDetail refusal={selected.refusal} />
        ) : (
          <p>Select a merged profile or a refused merge to see the event behind it.</p>
        )}
      </div>
    </div>
  );
}
