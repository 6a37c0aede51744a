'use client';

import { useEffect, useState } from 'react';
import { text } from '../segment-builder/definition-tree';

/** One message of the stream as shown: its type, time, profile and a one-line summary. */
export interface LiveMessage {
  id: string;
  type: string;
  at: string;
  profileId: string | null;
  summary: string;
}

const KEEP = 100;
const TYPES = ['event.received', 'profile.merged', 'segment.entered'] as const;

/** A message of the stream (`{id, type, at, profile_id, data}`) as a line of the list. */
export function toLiveMessage(raw: string): LiveMessage | undefined {
  try {
    const m = JSON.parse(raw) as {
      id: string;
      type: string;
      at: string;
      profile_id: string | null;
      data: Record<string, unknown>;
    };
    const data = m.data ?? {};
    const summary =
      m.type === 'event.received'
        ? `${text(data['type'])} ${text(data['name'])} (${text(data['event_id'])})`
        : m.type === 'segment.entered'
          ? `entered segment ${text(data['segment_id'])}`
          : `merged ${text(data['merged_profile_id'])}`;
    return { id: m.id, type: m.type, at: m.at, profileId: m.profile_id, summary: summary.trim() };
  } catch {
    return undefined;
  }
}

/** The live debugger: the newest messages of the stream first, as they arrive. */
export function LiveEvents() {
  const [messages, setMessages] = useState<LiveMessage[]>([]);
  const [state, setState] = useState<'connecting' | 'live' | 'lost'>('connecting');
  useEffect(() => {
    const source = new EventSource('/api/stream');
    source.onopen = () => setState('live');
    source.onerror = () => setState('lost');
    const onMessage = (event: MessageEvent<string>) => {
      const message = toLiveMessage(event.data);
      if (message) setMessages((list) => [message, ...list].slice(0, KEEP));
    };
    for (const type of TYPES) source.addEventListener(type, onMessage);
    return () => source.close();
  }, []);
  return (
    <div>
      <p role="status" className="text-sm text-slate-700">
        {state === 'live'
          ? 'Live: new messages appear at the top.'
          : state === 'connecting'
            ? 'Connecting…'
            : 'Connection lost: retrying.'}
      </p>
      {messages.length === 0 ? (
        <p className="mt-2 text-slate-700">Nothing yet: send an event.</p>
      ) : (
        <ol className="mt-2 space-y-1" data-testid="live-list">
          {messages.map((m) => (
            <li key={m.id} className="rounded-md border border-slate-200 bg-white p-2 text-sm">
              <span className="font-mono">{m.type}</span> {m.summary}{' '}
              <span className="text-slate-700">
                {m.at.replace('T', ' ').slice(0, 19)} UTC
                {m.profileId ? ` · profile ${m.profileId.slice(0, 10)}…` : ''}
              </span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
