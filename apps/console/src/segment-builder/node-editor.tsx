'use client';

import { ConditionFields } from './condition-fields';
import {
  CONDITION_KINDS,
  GROUP_KINDS,
  addChild,
  changeGroupKind,
  childrenOf,
  isGroup,
  kindOf,
  newCondition,
  newGroup,
  nodeAt,
  removeAt,
  replaceAt,
} from './definition-tree';
import type { ConditionKind, DefinitionNode, GroupKind, NodePath } from './definition-tree';

const BUTTON =
  'rounded-md border border-slate-400 px-2 py-1 text-sm hover:bg-slate-100 focus:outline-2 focus:outline-indigo-700';

const GROUP_LABEL: Record<GroupKind, string> = {
  all: 'All of',
  any: 'Any of',
  not: 'Not',
};

interface EditorProps {
  root: DefinitionNode;
  path: NodePath;
  onChange: (root: DefinitionNode) => void;
}

function pathId(path: NodePath): string {
  return ['node', ...path].join('-');
}

/** One node of the definition: a group with its members, or a condition's fields. */
export function NodeEditor({ root, path, onChange }: EditorProps) {
  const node = nodeAt(root, path);
  const id = pathId(path);
  const removable = path.length > 0 && typeof path[path.length - 1] === 'number';
  const remove = removable ? (
    <button
      type="button"
      className={BUTTON}
      aria-label={`Remove ${kindOf(node)} ${id}`}
      onClick={() => onChange(removeAt(root, path))}
    >
      Remove
    </button>
  ) : null;

  if (!isGroup(node)) {
    return (
      <fieldset className="rounded-md border border-slate-300 bg-white p-3">
        <legend className="px-1 text-sm font-semibold">
          <label htmlFor={`${id}-kind`}>Condition</label>{' '}
          <select
            id={`${id}-kind`}
            value={kindOf(node)}
            onChange={(e) =>
              onChange(replaceAt(root, path, newCondition(e.target.value as ConditionKind)))
            }
            className="rounded-md border border-slate-400 px-1"
          >
            {CONDITION_KINDS.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </legend>
        <div className="flex flex-wrap items-end gap-3">
          <ConditionFields
            node={node}
            id={id}
            onChange={(next) => onChange(replaceAt(root, path, next))}
          />
          {remove}
        </div>
      </fieldset>
    );
  }

  const kind = kindOf(node) as GroupKind;
  const listKey = kind === 'not' ? 'not' : kind;
  return (
    <fieldset className="rounded-md border-2 border-indigo-200 bg-indigo-50/40 p-3">
      <legend className="px-1 text-sm font-semibold">
        <label htmlFor={`${id}-group`}>Group</label>{' '}
        <select
          id={`${id}-group`}
          value={kind}
          onChange={(e) => onChange(changeGroupKind(root, path, e.target.value as GroupKind))}
          className="rounded-md border border-slate-400 px-1"
        >
          {GROUP_KINDS.map((k) => (
            <option key={k} value={k}>
              {GROUP_LABEL[k]}
            </option>
          ))}
        </select>
      </legend>
      <div className="flex flex-col gap-3">
        {childrenOf(node).map((_, i) => (
          <NodeEditor
            key={i}
            root={root}
            path={kind === 'not' ? [...path, listKey] : [...path, listKey, i]}
            onChange={onChange}
          />
        ))}
      </div>
      <div className="mt-3 flex flex-wrap gap-2">
        <button
          type="button"
          className={BUTTON}
          onClick={() => onChange(addChild(root, path, newCondition('trait')))}
        >
          Add condition
        </button>
        <button
          type="button"
          className={BUTTON}
          onClick={() =>
            onChange(addChild(root, path, newGroup('any', [newCondition('identifier')])))
          }
        >
          Add group
        </button>
        {remove}
      </div>
    </fieldset>
  );
}
