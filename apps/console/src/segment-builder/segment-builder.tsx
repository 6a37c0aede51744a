'use client';

import { useEffect, useState, useTransition } from 'react';
import type { PreviewAnswer } from '../app/(console)/segments/actions';
import { newCondition } from './definition-tree';
import type { DefinitionNode } from './definition-tree';
import { NodeEditor } from './node-editor';
import { ProblemAlert } from '../api/problem-alert';

export interface SegmentBuilderProps {
  preview: (definition: unknown) => Promise<PreviewAnswer>;
  save: (name: string, definition: unknown) => Promise<PreviewAnswer>;
  /** How long edits settle before the count is asked for again. */
  debounceMs?: number;
  /** A saved segment to edit: the form starts from its name and definition. */
  initial?: { name: string; definition: DefinitionNode };
  submitLabel?: string;
}

const START: DefinitionNode = { all: [newCondition('trait')] };

/**
 * The segment builder: the §11 definition as a form (nested all/any/not groups), the JSON it
 * builds, and a live count from the API's preview, which also validates it as saving would.
 */
export function SegmentBuilder({
  preview,
  save,
  debounceMs = 400,
  initial,
  submitLabel = 'Save segment',
}: SegmentBuilderProps) {
  const [definition, setDefinition] = useState<DefinitionNode>(initial?.definition ?? START);
  const [name, setName] = useState(initial?.name ?? '');
  const [answer, setAnswer] = useState<PreviewAnswer | undefined>(undefined);
  const [saveAnswer, setSaveAnswer] = useState<PreviewAnswer | undefined>(undefined);
  const [saving, startSaving] = useTransition();

  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      void preview(definition).then((result) => {
        if (current) setAnswer(result);
      });
    }, debounceMs);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [definition, preview, debounceMs]);

  const refused =
    saveAnswer && !saveAnswer.ok ? saveAnswer : answer && !answer.ok ? answer : undefined;
  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
      <form
        className="flex flex-col gap-4"
        onSubmit={(e) => {
          e.preventDefault();
          startSaving(async () => setSaveAnswer(await save(name, definition)));
        }}
      >
        <div className="flex flex-col gap-1">
          <label htmlFor="segment-name" className="font-medium">
            Name
          </label>
          <input
            id="segment-name"
            required
            value={name}
            onChange={(e) => setName(e.target.value)}
            className="rounded-md border border-slate-400 px-3 py-2"
          />
        </div>
        <NodeEditor root={definition} path={[]} onChange={setDefinition} />
        <div>
          <button
            type="submit"
            disabled={saving}
            className="rounded-md bg-indigo-700 px-4 py-2 font-medium text-white hover:bg-indigo-800 focus:outline-2 focus:outline-offset-2 focus:outline-indigo-700 disabled:opacity-60"
          >
            {saving ? 'Saving…' : submitLabel}
          </button>
        </div>
      </form>
      <aside className="flex flex-col gap-4" aria-label="Preview">
        <div aria-live="polite" className="rounded-md border border-slate-300 bg-white p-3">
          {answer === undefined ? (
            <p>Counting…</p>
          ) : answer.ok ? (
            <p>
              <span data-testid="live-count" className="text-2xl font-semibold">
                {answer.count}
              </span>{' '}
              {answer.count === 1 ? 'profile matches' : 'profiles match'} now
            </p>
          ) : (
            <p>Not counted: the definition is not valid yet.</p>
          )}
        </div>
        {refused ? <ProblemAlert detail={refused.detail} errors={refused.errors} /> : null}
        <div>
          <h2 className="text-sm font-semibold">Definition (JSON)</h2>
          <pre
            data-testid="definition-json"
            className="mt-1 max-h-96 overflow-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100"
          >
            {JSON.stringify(definition, null, 2)}
          </pre>
        </div>
      </aside>
    </div>
  );
}
