import { render, screen, within } from '@testing-library/react';
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

  it('says "designed for" about throughput, never a measured claim', () => {
    expect(screen.getByText('Designed for 10,000 events per second')).toBeInTheDocument();
    expect(screen.getByText('designed for, on 2 CPU cores')).toBeInTheDocument();
  });

  it('embeds the calculator with a live estimate', () => {
    expect(screen.getByTestId('first-year-net')).toHaveTextContent('$106,500');
  });

  it('offers a skip link to the main content', () => {
    expect(screen.getByRole('link', { name: 'Skip to content' })).toHaveAttribute('href', '#main');
    expect(screen.getByRole('main')).toHaveAttribute('id', 'main');
  });
});
