import { act, render, screen, within } from '@testing-library/react';
import { LiveEvents } from './live-events';

/** Stands in for the browser's EventSource, which jsdom lacks; the test pushes messages. */
class FakeEventSource {
  static last: FakeEventSource | undefined;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  closed = false;
  private readonly listeners = new Map<string, (event: { data: string }) => void>();

  constructor(readonly url: string) {
    FakeEventSource.last = this;
  }

  addEventListener(type: string, listener: (event: { data: string }) => void) {
    this.listeners.set(type, listener);
  }

  close() {
    this.closed = true;
  }

  emit(type: string, data: object) {
    const body = { id: `${type}:${JSON.stringify(data)}`, at: '2026-11-24T10:00:00.000Z', type };
    this.emitRaw(type, JSON.stringify({ ...body, ...data }));
  }

  emitRaw(type: string, data: string) {
    act(() => this.listeners.get(type)?.({ data }));
  }
}

function stream(): FakeEventSource {
  const source = FakeEventSource.last;
  if (source === undefined) throw new Error('LiveEvents opened no stream');
  return source;
}

describe('LiveEvents', () => {
  beforeEach(() => {
    FakeEventSource.last = undefined;
    Object.assign(globalThis, { EventSource: FakeEventSource });
  });

  it('lists received messages newest first, with their profile', () => {
    const { unmount } = render(<LiveEvents />);
    expect(stream().url).toBe('/api/stream');
    expect(screen.getByRole('status')).toHaveTextContent('Connecting…');
    expect(screen.getByText('Nothing yet: send an event.')).toBeInTheDocument();

    act(() => stream().onopen?.());
    expect(screen.getByRole('status')).toHaveTextContent('Live');
    stream().emit('event.received', {
      profile_id: 'prof-0123456789abc',
      data: { type: 'track', name: 'Signed Up', event_id: 'e-1' },
    });
    stream().emit('segment.entered', { profile_id: null, data: { segment_id: 'seg-9' } });

    const items = within(screen.getByTestId('live-list')).getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual([
      'segment.entered entered segment seg-9 2026-11-24 10:00:00 UTC',
      'event.received track Signed Up (e-1) 2026-11-24 10:00:00 UTC · profile prof-01234…',
    ]);

    unmount();
    expect(stream().closed).toBe(true);
  });

  it('says when the connection is lost and skips what it cannot read', () => {
    render(<LiveEvents />);
    act(() => stream().onerror?.());
    expect(screen.getByRole('status')).toHaveTextContent('Connection lost: retrying.');
    stream().emitRaw('profile.merged', 'not json');
    expect(screen.getByText('Nothing yet: send an event.')).toBeInTheDocument();
    stream().emit('profile.merged', { profile_id: 'p', data: { merged_profile_id: 'p-2' } });
    expect(screen.getByTestId('live-list')).toHaveTextContent('merged p-2');
  });
});
