import { render, screen } from '@testing-library/react';
import CdpRoiPage, { metadata } from './page';

describe('CdpRoiPage', () => {
  it('is the calculator alone, under its own title', () => {
    render(<CdpRoiPage />);
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('CDP ROI calculator');
    expect(screen.getByRole('form', { name: 'Your numbers' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'How we calculate this' })).toBeInTheDocument();
    expect(metadata.title).toBe('CDP ROI calculator');
  });
});
