import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { CreateDestinationState } from '../app/(console)/destinations/actions';
import { CreateDestinationForm } from './create-destination-form';
import { destinationBody } from './destination-form';

type Answer = CreateDestinationState;

/** The form with an action that records each body it would send and answers `answer`. */
function renderForm(answer: Answer) {
  const sent: Record<string, unknown>[] = [];
  const action = (_state: Answer, form: FormData): Promise<Answer> => {
    sent.push(destinationBody(form));
    return Promise.resolve(answer);
  };
  render(<CreateDestinationForm action={action} />);
  return sent;
}

async function fillAndSubmit(url: string) {
  const user = userEvent.setup();
  await user.type(screen.getByLabelText('Name'), 'CRM hook');
  await user.type(screen.getByLabelText('Webhook URL'), url);
  await user.type(screen.getByLabelText(/Only these event names/), 'Signed Up, Order Completed');
  await user.click(screen.getByLabelText('Send profile updates and merges'));
  await user.selectOptions(screen.getByLabelText(/Consent purpose/), 'marketing');
  await act(async () => {
    await user.click(screen.getByRole('button', { name: 'Create destination' }));
  });
}

describe('CreateDestinationForm', () => {
  it('sends what was filled in and shows the signing secret once created', async () => {
    const sent = renderForm({
      status: 'created',
      destinationId: 'd-1',
      name: 'CRM hook',
      secret: 'whsec_abc',
    });
    await fillAndSubmit('https://crm.example.com/hook');

    expect(sent).toEqual([
      {
        name: 'CRM hook',
        url: 'https://crm.example.com/hook',
        events: { names: ['Signed Up', 'Order Completed'] },
        profile_updates: true,
        consent_purpose: 'marketing',
      },
    ]);
    expect(screen.getByTestId('destination-secret').textContent).toBe('whsec_abc');
    expect(screen.getByRole('link', { name: 'Open its delivery log' })).toHaveAttribute(
      'href',
      '/destinations/d-1',
    );
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('names the field the API refused and shows no secret', async () => {
    renderForm({
      status: 'refused',
      detail: 'The destination is invalid',
      errors: [{ path: 'url', message: 'must use https' }],
    });
    await fillAndSubmit('http://crm.example.com/hook');

    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('The destination is invalid');
    expect(alert).toHaveTextContent('url must use https');
    expect(screen.queryByTestId('destination-secret')).toBeNull();
  });

  it('sends no event filter when events are switched off', async () => {
    const sent = renderForm({ status: 'idle' });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Name'), 'Profiles only');
    await user.type(screen.getByLabelText('Webhook URL'), 'https://x.example.com');
    await user.click(screen.getByLabelText('Send events'));
    await act(async () => {
      await user.click(screen.getByRole('button', { name: 'Create destination' }));
    });
    expect(sent).toEqual([
      expect.objectContaining({ events: null, profile_updates: false, consent_purpose: null }),
    ]);
  });
});
