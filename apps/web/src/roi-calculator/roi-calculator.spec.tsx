import { createEvent, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SearchParamsContext } from 'next/dist/shared/lib/hooks-client-context.shared-runtime';
import { RoiCalculator } from './roi-calculator';
import { RoiCalculatorFromUrl } from './roi-calculator-from-url';

const input = (name: RegExp) => screen.getByRole('textbox', { name });
const results = () => within(screen.getByRole('region', { name: 'Your estimate' }));

async function retype(name: RegExp, text: string) {
  const user = userEvent.setup();
  await user.clear(input(name));
  if (text !== '') await user.type(input(name), text);
  return user;
}

describe('RoiCalculator', () => {
  afterEach(() => jest.restoreAllMocks());

  it('shows the example estimate with every input labelled and valid', () => {
    render(<RoiCalculator locale="en-US" />);
    expect(input(/monthly sessions/i)).toHaveValue('250000');
    expect(input(/average order value/i)).toHaveAccessibleName('Average order value (USD)');
    expect(input(/conversion rate/i)).toHaveAttribute('aria-invalid', 'false');
    expect(results().getByTestId('first-year-net')).toHaveTextContent('$106,500');
    expect(results().getByTestId('roi-percent')).toHaveTextContent('316%');
    expect(results().getByTestId('payback')).toHaveTextContent('3.6 months');
    expect(screen.getByText('250,000 × 2.5% × $85 = $531,250')).toBeInTheDocument();
  });

  it('updates the results as the visitor types', async () => {
    render(<RoiCalculator locale="en-US" />);
    await retype(/monthly sessions/i, '500000');
    // Baseline doubles to 1,062,500: profit 21,250 + ads 6,000 − 4,000 = 23,250 a month.
    expect(results().getByTestId('net-monthly-benefit')).toHaveTextContent('$23,250');
    expect(results().getByTestId('first-year-net')).toHaveTextContent('$234,000');
  });

  it('accepts grouped and comma-decimal input', async () => {
    render(<RoiCalculator locale="en-US" />);
    await retype(/monthly sessions/i, '500,000');
    await retype(/conversion rate/i, '1,25');
    // 500,000 × 1.25% × 85 = 531,250: the same baseline as the example.
    expect(results().getByTestId('first-year-net')).toHaveTextContent('$106,500');
  });

  it('shows an invalid value as an error on its field and in the result area', async () => {
    render(<RoiCalculator locale="en-US" />);
    await retype(/gross margin/i, '140');
    const margin = input(/gross margin/i);
    expect(margin).toHaveAttribute('aria-invalid', 'true');
    expect(margin).toHaveAccessibleDescription(
      'Gross margin must be at most 100%. Gross profit as a share of revenue.',
    );
    expect(results().queryByTestId('first-year-net')).not.toBeInTheDocument();
    expect(results().getByText('Fix one field to see your estimate')).toBeInTheDocument();
    expect(
      results().getByRole('link', { name: /gross margin must be at most 100%/i }),
    ).toHaveAttribute('href', '#roi-grossMarginPercent');
    expect(screen.queryByText(/= \$/)).not.toBeInTheDocument();
  });

  it('counts several invalid fields and recovers once they are fixed', async () => {
    render(<RoiCalculator locale="en-US" />);
    await retype(/monthly sessions/i, 'lots');
    await retype(/cdp monthly cost/i, '');
    expect(results().getByText('Fix 2 fields to see your estimate')).toBeInTheDocument();
    expect(screen.getByText('CDP monthly cost is required.', { selector: 'p' })).toBeVisible();
    await retype(/monthly sessions/i, '250000');
    await retype(/cdp monthly cost/i, '4000');
    expect(results().getByTestId('first-year-net')).toHaveTextContent('$106,500');
  });

  it('says honestly when ROI does not apply and when there is no payback', async () => {
    render(<RoiCalculator locale="en-US" />);
    await retype(/cdp monthly cost/i, '0');
    expect(results().getByTestId('roi-percent')).toHaveTextContent('Not applicable');
    expect(screen.getByText('Not applicable: the CDP monthly cost is zero.')).toBeInTheDocument();
    await retype(/expected conversion uplift/i, '0');
    await retype(/ad efficiency gain/i, '0');
    expect(results().getByTestId('payback')).toHaveTextContent('No payback');
    expect(results().getByText('Monthly benefit is not positive')).toBeInTheDocument();
    expect(results().getByTestId('first-year-net')).toHaveTextContent('-$45,000');
  });

  it('keeps huge inputs readable and finite', async () => {
    render(<RoiCalculator locale="en-US" />);
    await retype(/monthly sessions/i, '1000000000');
    await retype(/average order value/i, '1000000');
    await retype(/conversion rate/i, '100');
    await retype(/cdp monthly cost/i, '0.01');
    const figures = screen.getByRole('region', { name: 'Your estimate' }).textContent ?? '';
    expect(figures).not.toMatch(/NaN|Infinity/);
    expect(results().getByTestId('first-year-net')).toHaveTextContent('$');
  });

  it('formats by locale and currency', async () => {
    render(<RoiCalculator locale="de-DE" initialQuery="currency=EUR&sessions=250000" />);
    expect(results().getByTestId('first-year-net').textContent?.replace(/\s/g, ' ')).toBe(
      '106.500 €',
    );
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText('Currency'), 'GBP');
    expect(results().getByTestId('first-year-net').textContent?.replace(/\s/g, ' ')).toBe(
      '106.500 £',
    );
    expect(input(/average order value/i)).toHaveAccessibleName('Average order value (GBP)');
  });

  it('restores its inputs from a query and reports every change as a query', async () => {
    const onQueryChange = jest.fn();
    render(
      <RoiCalculator
        locale="en-US"
        initialQuery="sessions=100000&conversion=2&aov=50&margin=30&uplift=10&adSpend=20000&adGain=15&cdpCost=2000&setupCost=10000"
        onQueryChange={onQueryChange}
      />,
    );
    expect(input(/monthly sessions/i)).toHaveValue('100000');
    expect(results().getByTestId('first-year-net')).toHaveTextContent('$38,000');
    expect(results().getByTestId('payback')).toHaveTextContent('2.5 months');
    expect(onQueryChange).not.toHaveBeenCalled();
    await retype(/implementation cost/i, '20000');
    expect(onQueryChange).toHaveBeenLastCalledWith(expect.stringContaining('setupCost=20000'));
  });

  it('resets to the example and clears the query', async () => {
    const onQueryChange = jest.fn();
    render(<RoiCalculator locale="en-US" initialQuery="aov=abc" onQueryChange={onQueryChange} />);
    expect(input(/average order value/i)).toHaveAttribute('aria-invalid', 'true');
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Reset' }));
    expect(input(/average order value/i)).toHaveValue('85');
    expect(input(/average order value/i)).toHaveAttribute('aria-invalid', 'false');
    expect(results().getByTestId('first-year-net')).toHaveTextContent('$106,500');
    expect(onQueryChange).toHaveBeenLastCalledWith('');
  });

  it('copies a link that carries the inputs', async () => {
    render(<RoiCalculator locale="en-US" initialQuery="sessions=1000" />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Copy link' }));
    expect(screen.getByRole('button', { name: 'Link copied' })).toBeInTheDocument();
    await expect(navigator.clipboard.readText()).resolves.toMatch(
      /^http:\/\/localhost\/\?sessions=1000&.*currency=USD$/,
    );
    await retype(/monthly sessions/i, '2000');
    expect(screen.getByRole('button', { name: 'Copy link' })).toBeInTheDocument();
  });

  it('formats with the browser locale when none is given', () => {
    jest.spyOn(navigator, 'language', 'get').mockReturnValue('de-DE');
    const { unmount } = render(<RoiCalculator />);
    expect(results().getByTestId('first-year-net').textContent?.replace(/\s/g, ' ')).toBe(
      '106.500 $',
    );
    unmount();
  });

  it('falls back to a tag Intl accepts when the browser reports a POSIX locale name', () => {
    jest.spyOn(navigator, 'language', 'get').mockReturnValue('de_DE.UTF-8');
    const { unmount } = render(<RoiCalculator />);
    expect(results().getByTestId('first-year-net').textContent?.replace(/\s/g, ' ')).toBe(
      '106.500 $',
    );
    unmount();
  });

  it('never submits the form: pressing Enter must not reload the page', () => {
    render(<RoiCalculator locale="en-US" />);
    const form = screen.getByRole('form', { name: 'Your numbers' });
    const submit = createEvent.submit(form);
    fireEvent(form, submit);
    expect(submit.defaultPrevented).toBe(true);
  });

  it('says so when the clipboard refuses', async () => {
    render(<RoiCalculator locale="en-US" />);
    const user = userEvent.setup();
    jest.spyOn(navigator.clipboard, 'writeText').mockRejectedValueOnce(new Error('denied'));
    await user.click(screen.getByRole('button', { name: 'Copy link' }));
    expect(screen.getByRole('status')).toHaveTextContent(/copying failed/i);
  });
});

describe('RoiCalculatorFromUrl', () => {
  afterEach(() => window.history.replaceState(null, '', '/'));

  function renderAt(url: string) {
    window.history.replaceState(null, '', url);
    const params = new URLSearchParams(window.location.search);
    return render(
      <SearchParamsContext.Provider value={params}>
        <RoiCalculatorFromUrl />
      </SearchParamsContext.Provider>,
    );
  }

  it('restores the inputs from the page URL', () => {
    renderAt('/cdp-roi?sessions=100000&conversion=2&aov=50&currency=EUR');
    expect(input(/monthly sessions/i)).toHaveValue('100000');
    expect(input(/conversion rate/i)).toHaveValue('2');
    expect(screen.getByLabelText('Currency')).toHaveValue('EUR');
  });

  it('writes the inputs into the URL as the visitor types, and clears it on reset', async () => {
    renderAt('/cdp-roi#roi');
    const user = await retype(/monthly sessions/i, '1234');
    expect(window.location.pathname).toBe('/cdp-roi');
    expect(new URLSearchParams(window.location.search).get('sessions')).toBe('1234');
    expect(window.location.hash).toBe('#roi');
    await user.click(screen.getByRole('button', { name: 'Reset' }));
    expect(window.location.search).toBe('');
  });

  it('starts from the example outside the App Router, where there is no query', () => {
    render(<RoiCalculatorFromUrl />);
    expect(input(/monthly sessions/i)).toHaveValue('250000');
  });
});
