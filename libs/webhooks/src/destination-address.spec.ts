import { checkDestinationUrl, isPublicAddress } from './destination-address';

describe('isPublicAddress', () => {
  it.each(['93.184.215.14', '8.8.8.8', '2606:2800:21f:cb07:6820:80da:af6b:8b2c', '::ffff:8.8.8.8'])(
    'lets %s through',
    (address) => {
      expect(isPublicAddress(address)).toBe(true);
    },
  );

  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    'fe80::1',
    'fc00::1',
    'fd12:3456::1',
    '::ffff:127.0.0.1',
    '::ffff:169.254.169.254',
    '2002:7f00:1::',
    'ff02::1',
    'not-an-ip',
  ])('refuses %s', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });
});

describe('checkDestinationUrl', () => {
  it.each([
    'https://hooks.example.com/cdp',
    'http://93.184.215.14:8080/in',
    'https://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/',
  ])('accepts %s', (url) => {
    expect(checkDestinationUrl(url, false)).toMatchObject({ ok: true });
  });

  it.each([
    ['not_a_url', 'hooks.example.com/cdp'],
    ['scheme', 'ftp://hooks.example.com/'],
    ['scheme', 'file:///etc/passwd'],
    ['credentials', 'https://user:pass@hooks.example.com/'],
    ['private_address', 'http://127.0.0.1:3000/'],
    ['private_address', 'http://169.254.169.254/latest/meta-data'],
    ['private_address', 'http://[::1]/'],
    ['private_address', 'http://[::ffff:10.0.0.1]/'],
    ['private_address', 'http://0x7f000001/'],
    ['private_address', 'http://2130706433/'],
    ['local_name', 'http://localhost:8080/'],
    ['local_name', 'http://api.localhost/'],
    ['local_name', 'http://printer.local/'],
    ['local_name', 'http://metadata.google.internal/'],
    ['local_name', 'http://receiver/'],
    ['local_name', 'http://LOCALHOST./'],
  ])('answers %s for %s', (reason, url) => {
    expect(checkDestinationUrl(url, false)).toEqual({ ok: false, reason });
  });

  it('lets private targets through when the operator allows them, never other schemes', () => {
    expect(checkDestinationUrl('http://127.0.0.1:3000/', true)).toMatchObject({ ok: true });
    expect(checkDestinationUrl('http://localhost/', true)).toMatchObject({ ok: true });
    expect(checkDestinationUrl('gopher://127.0.0.1/', true)).toEqual({
      ok: false,
      reason: 'scheme',
    });
  });
});
