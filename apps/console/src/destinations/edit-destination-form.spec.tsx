import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Destination } from '@stratum/schemas';
import type { EditDestinationState } from '../app/(console)/destinations/actions';
import { destinationPatch } from './destination-form';
import { EditDestinationForm } from './edit-destination-form';

const SAVED: Destination = {
  destination_id: '3c9a7f1e-6b2d-4e8f-a1c3-5d7e9f0b2a4c',
  name: 'CRM sync',
  url: 'https://crm.example.com/hook',
  events: { types: ['track'], names: ['Signed Up', 'Order Completed'] },
  segments: [],
  profile_updates: false,
  consent_purpose: 'marketing',
  alerts: false,
  enabled: false,
  disabled_reason: 'The receiver answered 410 Gone',
  created_at: '2026-11-24T10:00:00.000Z',
  updated_at: '2026-11-24T10:00:00.000Z',
};

/** The form with an action that records each patch it would send and answers `answer`. */
function renderForm(answer: EditDestinationState) {
  const sent: Record<string, unknown>[] = [];
  const action = (_state: EditDestinationState, form: FormData) => {
    sent.push(destinationPatch(form));
    return Promise.resolve(answer);
  };
  render(<EditDestinationForm destination={SAVED} action={action} />);
  return sent;
}

async function save() {
  await act(async () => {
    await userEvent.setup().click(screen.getByRole('button', { name: 'Save changes' }));
  });
}

describe('EditDestinationForm', () => {
  it('starts from the saved settings and sends them back unchanged', async () => {
    const sent = renderForm({ status: 'saved', updatedAt: '2026-11-24T11:00:00.000Z' });
    expect(screen.getByLabelText('Name')).toHaveValue('CRM sync');
    expect(screen.getByLabelText(/Only these event names/)).toHaveValue(
      'Signed Up, Order Completed',
    );
    expect(screen.getByLabelText('Enabled')).not.toBeChecked();
    await save();

    expect(sent).toEqual([
      {
        name: 'CRM sync',
        url: 'https://crm.example.com/hook',
        events: { types: ['track'], names: ['Signed Up', 'Order Completed'] },
        profile_updates: false,
        consent_purpose: 'marketing',
        enabled: false,
      },
    ]);
    expect(screen.getByText('Saved at 2026-11-24 11:00:00 UTC.')).toBeInTheDocument();
  });

  it('sends what was changed: re-enabled, every name, no consent needed', async () => {
    const sent = renderForm({ status: 'saved', updatedAt: '2026-11-24T11:00:00.000Z' });
    const user = userEvent.setup();
    await user.clear(screen.getByLabelText(/Only these event names/));
    await user.selectOptions(screen.getByLabelText(/Consent purpose/), 'none');
    await user.click(screen.getByLabelText('Enabled'));
    await save();
    expect(sent).toEqual([
      expect.objectContaining({
        events: { types: ['track'] },
        consent_purpose: null,
        enabled: true,
      }),
    ]);
  });

  it('names the field the API refused', async () => {
    renderForm({
      status: 'refused',
      detail: 'The destination is invalid',
      errors: [{ path: 'url', message: 'must be an absolute http(s) URL' }],
    });
    await save();
    expect(screen.getByRole('alert')).toHaveTextContent('url must be an absolute http(s) URL');
    expect(screen.queryByText(/^Saved at/)).toBeNull();
  });
});
