import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { PreviewAnswer } from '../app/(console)/segments/actions';
import { SegmentBuilder } from './segment-builder';

function definitionShown(): unknown {
  return JSON.parse(screen.getByTestId('definition-json').textContent ?? '');
}

describe('SegmentBuilder', () => {
  it('builds nested groups as JSON and counts each version', async () => {
    const seen: unknown[] = [];
    const preview = (definition: unknown): Promise<PreviewAnswer> => {
      seen.push(definition);
      return Promise.resolve({ ok: true, count: seen.length, sample: [] });
    };
    const user = userEvent.setup();
    render(<SegmentBuilder preview={preview} save={preview} debounceMs={0} />);

    expect(definitionShown()).toEqual({ all: [{ trait: 'plan', op: 'eq', value: 'pro' }] });
    await waitFor(() => expect(screen.getByTestId('live-count').textContent).toBe('1'));

    await user.click(screen.getAllByRole('button', { name: 'Add group' })[0]!);
    await user.selectOptions(
      screen.getByLabelText('Group', { selector: '#node-all-1-group' }),
      'not',
    );
    await user.clear(screen.getByLabelText('Value'));
    await user.type(screen.getByLabelText('Value'), '42');

    expect(definitionShown()).toEqual({
      all: [{ trait: 'plan', op: 'eq', value: 42 }, { not: { identifier: 'email' } }],
    });
    await waitFor(() => expect(seen.at(-1)).toEqual(definitionShown()));
  });

  it('shows what the API refused, by path, and saves with the name', async () => {
    const refused: PreviewAnswer = {
      ok: false,
      detail: 'The segment definition is invalid',
      errors: [{ path: 'definition.all.0.trait', message: 'must not be empty' }],
    };
    const saved: unknown[] = [];
    const user = userEvent.setup();
    render(
      <SegmentBuilder
        preview={() => Promise.resolve(refused)}
        save={(name, definition) => {
          saved.push({ name, definition });
          return Promise.resolve(refused);
        }}
        debounceMs={0}
      />,
    );
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toContain('must not be empty'),
    );
    expect(screen.getByText('Not counted: the definition is not valid yet.')).toBeTruthy();

    await user.type(screen.getByLabelText('Name'), 'Pro customers');
    await act(async () => {
      await user.click(screen.getByRole('button', { name: 'Save segment' }));
    });
    expect(saved).toEqual([
      { name: 'Pro customers', definition: { all: [{ trait: 'plan', op: 'eq', value: 'pro' }] } },
    ]);
  });

  it('edits a saved segment: starts from its name and definition, saves the edited version', async () => {
    const saved: unknown[] = [];
    const counted: PreviewAnswer = { ok: true, count: 3, sample: [] };
    const user = userEvent.setup();
    render(
      <SegmentBuilder
        preview={() => Promise.resolve(counted)}
        save={(name, definition) => {
          saved.push({ name, definition });
          return Promise.resolve(counted);
        }}
        debounceMs={0}
        initial={{
          name: 'Churn risk',
          definition: { any: [{ last_seen: { within_days: 7 } }, { identifier: 'phone' }] },
        }}
        submitLabel="Save as a new version"
      />,
    );
    expect(screen.getByLabelText('Name')).toHaveValue('Churn risk');
    expect(definitionShown()).toEqual({
      any: [{ last_seen: { within_days: 7 } }, { identifier: 'phone' }],
    });
    await waitFor(() => expect(screen.getByTestId('live-count').textContent).toBe('3'));

    await user.clear(screen.getByLabelText('Name'));
    await user.type(screen.getByLabelText('Name'), 'Churn risk (phone)');
    await user.selectOptions(screen.getByLabelText('Group', { selector: '#node-group' }), 'all');
    await act(async () => {
      await user.click(screen.getByRole('button', { name: 'Save as a new version' }));
    });
    expect(saved).toEqual([
      {
        name: 'Churn risk (phone)',
        definition: { all: [{ last_seen: { within_days: 7 } }, { identifier: 'phone' }] },
      },
    ]);
  });
});
