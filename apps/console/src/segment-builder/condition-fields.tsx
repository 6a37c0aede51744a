'use client';

import {
  CONSENT_PURPOSES,
  IDENTIFIER_TYPES,
  SEGMENT_COMPARISON_OPS,
  SEGMENT_COUNT_OPS,
} from '@stratum/schemas';
import { kindOf, parseValue, text, valueText } from './definition-tree';
import type { DefinitionNode } from './definition-tree';

const INPUT = 'rounded-md border border-slate-400 px-2 py-1';

interface FieldProps {
  node: DefinitionNode;
  /** A prefix for the fields' ids and labels, unique in the form. */
  id: string;
  onChange: (node: DefinitionNode) => void;
}

function Field({ id, label, children }: { id: string; label: string; children: React.ReactNode }) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      {children}
    </div>
  );
}

function Select({
  id,
  value,
  options,
  onChange,
}: {
  id: string;
  value: string;
  options: readonly string[];
  onChange: (value: string) => void;
}) {
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value)} className={INPUT}>
      {options.map((o) => (
        <option key={o} value={o}>
          {o}
        </option>
      ))}
    </select>
  );
}

function NumberInput({
  id,
  value,
  onChange,
}: {
  id: string;
  value: number | undefined;
  onChange: (value: number | undefined) => void;
}) {
  return (
    <input
      id={id}
      type="number"
      min={0}
      value={value ?? ''}
      onChange={(e) => onChange(e.target.value === '' ? undefined : Number(e.target.value))}
      className={`${INPUT} w-24`}
    />
  );
}

/** The fields of one condition, by its kind. */
export function ConditionFields({ node, id, onChange }: FieldProps) {
  const set = (patch: Record<string, unknown>) => {
    const next: DefinitionNode = { ...node, ...patch };
    for (const [key, value] of Object.entries(patch)) if (value === undefined) delete next[key];
    onChange(next);
  };
  switch (kindOf(node)) {
    case 'trait': {
      const op = text(node['op']) || 'eq';
      return (
        <div className="flex flex-wrap gap-3">
          <Field id={`${id}-trait`} label="Trait">
            <input
              id={`${id}-trait`}
              value={text(node['trait'])}
              onChange={(e) => set({ trait: e.target.value })}
              className={INPUT}
            />
          </Field>
          <Field id={`${id}-op`} label="Operator">
            <Select
              id={`${id}-op`}
              value={op}
              options={SEGMENT_COMPARISON_OPS}
              onChange={(v) =>
                set({
                  op: v,
                  value: v === 'exists' ? undefined : parseValue(valueText(node['value']), v),
                })
              }
            />
          </Field>
          {op === 'exists' ? null : (
            <Field id={`${id}-value`} label={op === 'in' ? 'Values (comma-separated)' : 'Value'}>
              <input
                id={`${id}-value`}
                value={valueText(node['value'])}
                onChange={(e) => set({ value: parseValue(e.target.value, op) })}
                className={INPUT}
              />
            </Field>
          )}
        </div>
      );
    }
    case 'event': {
      const count = (node['count'] as { op: string; value: number } | undefined) ?? {
        op: 'gte',
        value: 1,
      };
      return (
        <div className="flex flex-wrap gap-3">
          <Field id={`${id}-event`} label="Event name">
            <input
              id={`${id}-event`}
              value={text(node['event'])}
              onChange={(e) => set({ event: e.target.value })}
              className={INPUT}
            />
          </Field>
          <Field id={`${id}-count-op`} label="Count">
            <Select
              id={`${id}-count-op`}
              value={count.op}
              options={SEGMENT_COUNT_OPS}
              onChange={(v) => set({ count: { ...count, op: v } })}
            />
          </Field>
          <Field id={`${id}-count`} label="Times">
            <NumberInput
              id={`${id}-count`}
              value={count.value}
              onChange={(v) => set({ count: { ...count, value: v ?? 0 } })}
            />
          </Field>
          <Field id={`${id}-within`} label="Within days (empty: ever)">
            <NumberInput
              id={`${id}-within`}
              value={node['within_days'] as number | undefined}
              onChange={(v) => set({ within_days: v })}
            />
          </Field>
        </div>
      );
    }
    case 'identifier':
      return (
        <Field id={`${id}-identifier`} label="Has an identifier of type">
          <Select
            id={`${id}-identifier`}
            value={text(node['identifier'])}
            options={IDENTIFIER_TYPES}
            onChange={(v) => set({ identifier: v })}
          />
        </Field>
      );
    case 'consent':
      return (
        <div className="flex flex-wrap gap-3">
          <Field id={`${id}-consent`} label="Purpose">
            <Select
              id={`${id}-consent`}
              value={text(node['consent'])}
              options={CONSENT_PURPOSES}
              onChange={(v) => set({ consent: v })}
            />
          </Field>
          <Field id={`${id}-status`} label="Status">
            <Select
              id={`${id}-status`}
              value={text(node['status'])}
              options={['granted', 'denied']}
              onChange={(v) => set({ status: v })}
            />
          </Field>
        </div>
      );
    default: {
      const key = kindOf(node);
      const window = (node[key] as { within_days?: number; before_days?: number }) ?? {};
      const mode = window.before_days === undefined ? 'within_days' : 'before_days';
      return (
        <div className="flex flex-wrap gap-3">
          <Field id={`${id}-mode`} label={key === 'first_seen' ? 'First seen' : 'Last seen'}>
            <Select
              id={`${id}-mode`}
              value={mode}
              options={['within_days', 'before_days']}
              onChange={(v) =>
                set({ [key]: { [v]: window.within_days ?? window.before_days ?? 7 } })
              }
            />
          </Field>
          <Field id={`${id}-days`} label="Days">
            <NumberInput
              id={`${id}-days`}
              value={window[mode]}
              onChange={(v) => set({ [key]: { [mode]: v ?? 0 } })}
            />
          </Field>
        </div>
      );
    }
  }
}
