import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { SourceKeyState } from '../app/(console)/sources/actions';
import { CreateSourceForm, RotateKeyForm } from './source-forms';

/** An action that records the fields it receives and answers `answer`. */
function recording(answer: SourceKeyState) {
  const sent: Record<string, FormDataEntryValue>[] = [];
  const action = (_state: SourceKeyState, form: FormData): Promise<SourceKeyState> => {
    sent.push(Object.fromEntries(form.entries()));
    return Promise.resolve(answer);
  };
  return { sent, action };
}

async function click(name: string) {
  const user = userEvent.setup();
  await act(async () => {
    await user.click(screen.getByRole('button', { name }));
  });
}

describe('CreateSourceForm', () => {
  it('sends the name and country and shows the write key once', async () => {
    const { sent, action } = recording({ status: 'key', sourceName: 'Web', writeKey: 'wk_123' });
    render(<CreateSourceForm action={action} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Name'), 'Web');
    await user.type(screen.getByLabelText(/Default country/), 'fra');
    await click('Create source');

    // The field holds two letters at most: the third is never typed in.
    expect(sent).toEqual([{ name: 'Web', default_country: 'fr' }]);
    expect(screen.getByText(/The write key of Web, shown this once/)).toBeInTheDocument();
    expect(screen.getByTestId('write-key').textContent).toBe('wk_123');
  });

  it('names the field the API refused and shows no key', async () => {
    const { action } = recording({
      status: 'refused',
      detail: 'The source is invalid',
      errors: [{ path: 'default_country', message: 'must be an ISO 3166 country code' }],
    });
    render(<CreateSourceForm action={action} />);
    await userEvent.setup().type(screen.getByLabelText('Name'), 'Web');
    await click('Create source');

    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('The source is invalid');
    expect(alert).toHaveTextContent('default_country must be an ISO 3166 country code');
    expect(screen.queryByTestId('write-key')).toBeNull();
  });
});

describe('RotateKeyForm', () => {
  it('sends which source to rotate and shows its new key', async () => {
    const { sent, action } = recording({ status: 'key', sourceName: 'App', writeKey: 'wk_new' });
    render(<RotateKeyForm action={action} sourceId="src-7" sourceName="App" />);
    expect(screen.queryByTestId('write-key')).toBeNull();
    await click('Rotate the write key of App');

    expect(sent).toEqual([{ source_id: 'src-7', source_name: 'App' }]);
    expect(screen.getByTestId('write-key').textContent).toBe('wk_new');
  });

  it('shows why a rotation was refused', async () => {
    const { action } = recording({ status: 'refused', detail: 'Source not found', errors: [] });
    render(<RotateKeyForm action={action} sourceId="gone" sourceName="Old" />);
    await click('Rotate the write key of Old');
    expect(screen.getByRole('alert')).toHaveTextContent('Source not found');
  });
});
