import { render, screen } from '@testing-library/react';
import HomePage from './page';

describe('HomePage', () => {
  it('names the product', () => {
    render(<HomePage />);
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Stratum CDP');
  });
});
