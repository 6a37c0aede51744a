'use client';

import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { ResponsiveContainer } from 'recharts';
import type { VolumePoint } from './volume-series';

const ANOMALY_COLOR = { spike: '#b45309', drop: '#b91c1c', silence: '#7c3aed' } as const;

/** Events per hour of one source, accepted and refused, with flagged hours marked. */
export function VolumeChart({ points, title }: { points: VolumePoint[]; title: string }) {
  const flagged = points.filter((p) => p.anomaly !== null);
  return (
    <figure>
      <div className="h-64 w-full" role="img" aria-label={`${title}: events per hour`}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={points} margin={{ top: 20, right: 8, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="label" fontSize={11} minTickGap={24} />
            <YAxis fontSize={11} allowDecimals={false} />
            <Tooltip />
            <Legend />
            <Bar dataKey="accepted" name="accepted" stackId="v" fill="#4f46e5" />
            <Bar dataKey="rejected" name="rejected or suppressed" stackId="v" fill="#94a3b8" />
            {flagged.map((p) => (
              <ReferenceLine
                key={p.hour}
                x={p.label}
                stroke={ANOMALY_COLOR[p.anomaly!]}
                strokeDasharray="4 2"
                label={{ value: p.anomaly!, position: 'top', fontSize: 11 }}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="mt-1 text-sm text-slate-700">
        {flagged.length === 0
          ? 'No anomaly flagged in these hours.'
          : `Flagged: ${flagged.map((p) => `${p.anomaly} at ${p.label}`).join(', ')}.`}
      </figcaption>
    </figure>
  );
}
