import { render, screen, within } from '@testing-library/react';
import { MEASURED_FIGURES, SUSTAINED_INGEST } from '../site/measured-figures';
import { performanceClaims } from '../testing/performance-claims';
import HomePage from './page';

describe('HomePage', () => {
  beforeEach(() => render(<HomePage />));

  it('names the product in the one h1', () => {
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(
      'Every customer, one trusted profile.',
    );
    expect(screen.getByText('Self-hostable Customer Data Platform')).toBeInTheDocument();
  });

  it('has every section a visitor needs, each with its own heading', () => {
    for (const name of [
      'Your customer is one person. Your data says five.',
      'From raw events to one profile',
      'The parts of a CDP that matter, without the lock-in',
      'Know your customers without keeping their personal data',
      'What is a CDP worth to you?',
      'Running on your machine in two commands.',
    ]) {
      expect(screen.getByRole('heading', { level: 2, name })).toBeInTheDocument();
    }
  });

  it('draws the pipeline in order: ingest, hash, resolve, profile', () => {
    const section = screen.getByRole('region', { name: 'From raw events to one profile' });
    const steps = within(section)
      .getAllByRole('heading', { level: 3 })
      .map((heading) => heading.textContent);
    expect(steps).toEqual(['1.Ingest', '2.Hash', '3.Resolve', '4.Profile']);
  });

  it('states the measured throughput, and says where it was measured', () => {
    const { value, unit, what, run } = SUSTAINED_INGEST;
    const source = screen.getByRole('link', { name: 'How it was measured' });
    expect(source.closest('dd')).toHaveTextContent(`${value} ${unit}`);
    const note = document.querySelector<HTMLElement>(source.getAttribute('href') ?? '');
    expect(note).toHaveTextContent(`${value} ${unit} of ${what},`);
    expect(note).toHaveTextContent(
      `Measured with npm run bench on ${run.cpus} with ${run.profiles} profiles loaded, ` +
        `commit ${run.commit}, ${run.date}; see docs/PERFORMANCE.md.`,
    );
  });

  it('claims no speed, latency or percentage but the measured figures', () => {
    const page = document.body.cloneNode(true) as HTMLElement;
    // The calculator's percentages are the visitor's inputs and the model's results.
    page.querySelector('#roi')?.remove();
    const claims = performanceClaims(page.textContent ?? '');
    const measured = MEASURED_FIGURES.map((figure) => `${figure.value} ${figure.unit}`);
    expect(claims).toEqual(expect.arrayContaining(measured));
    expect(claims.filter((claim) => !measured.includes(claim))).toEqual([]);
  });

  it('embeds the calculator with a live estimate', () => {
    expect(screen.getByTestId('first-year-net')).toHaveTextContent('$106,500');
  });

  it('offers a skip link to the main content', () => {
    expect(screen.getByRole('link', { name: 'Skip to content' })).toHaveAttribute('href', '#main');
    expect(screen.getByRole('main')).toHaveAttribute('id', 'main');
  });
});
