import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  extractCurlExamples,
  parseCurlArguments,
  runCurlExample,
  runCurlExamples,
  shellWords,
} from './curl-examples';

const MARKDOWN = `# API

Set up:

\`\`\`bash
export API_URL=http://localhost:3002
curl -s "$API_URL/healthz"
# → 200
\`\`\`

## Profiles

\`\`\`bash
# A comment before the command.
curl -s "$API_URL/things/1" \\
  -H "Authorization: Bearer $KEY"
# → 404
\`\`\`

\`\`\`json
{ "curl": "not a command: json block" }
\`\`\`

\`\`\`sh
curl -s -X POST "$API_URL/things" -H 'Content-Type: application/json' -d '{"name":"$NOT_EXPANDED"}'
# -> 201
curl -s "$API_URL/unannotated"
\`\`\`
`;

describe('extractCurlExamples', () => {
  it('finds the curl commands of bash and sh blocks, with section, line and status', () => {
    expect(extractCurlExamples(MARKDOWN)).toEqual([
      { command: 'curl -s "$API_URL/healthz"', expectedStatus: 200, line: 7, section: undefined },
      {
        command: 'curl -s "$API_URL/things/1" -H "Authorization: Bearer $KEY"',
        expectedStatus: 404,
        line: 15,
        section: 'Profiles',
      },
      {
        command: `curl -s -X POST "$API_URL/things" -H 'Content-Type: application/json' -d '{"name":"$NOT_EXPANDED"}'`,
        expectedStatus: 201,
        line: 25,
        section: 'Profiles',
      },
      {
        command: 'curl -s "$API_URL/unannotated"',
        expectedStatus: undefined,
        line: 27,
        section: 'Profiles',
      },
    ]);
  });

  it('finds nothing in a text without shell blocks', () => {
    expect(extractCurlExamples('curl http://example.com\n```js\ncurl()\n```\n')).toEqual([]);
  });
});

describe('shellWords', () => {
  const vars = { URL: 'http://h:1', KEY: 'k 1' };
  it.each([
    ['curl -s "$URL/a"', ['curl', '-s', 'http://h:1/a']],
    ['curl "${URL}/a?b=1&c=2"', ['curl', 'http://h:1/a?b=1&c=2']],
    ['curl -d \'{"a":"$URL"}\'', ['curl', '-d', '{"a":"$URL"}']],
    ['curl -H "Authorization: Bearer $KEY"', ['curl', '-H', 'Authorization: Bearer k 1']],
    ['curl -d "say \\"hi\\" \\$5"', ['curl', '-d', 'say "hi" $5']],
    ['curl a\\ b "" c', ['curl', 'a b', '', 'c']],
    ['curl $URL | node -p x', ['curl', 'http://h:1']],
    ['curl $URL # a comment', ['curl', 'http://h:1']],
    ['curl $URL/a#frag', ['curl', 'http://h:1/a#frag']],
    ['curl "price: $"', ['curl', 'price: $']],
  ])('%s', (command, words) => {
    expect(shellWords(command, vars)).toEqual(words);
  });

  it.each([
    ['curl "$MISSING"', 'the variable $MISSING is not set'],
    ['curl $(cat key)', 'command substitution'],
    ["curl 'open", 'unterminated single quote'],
    ['curl "open', 'unterminated double quote'],
  ])('refuses %s', (command, message) => {
    expect(() => shellWords(command, vars)).toThrow(message);
  });
});

describe('parseCurlArguments', () => {
  it('makes a GET by default', () => {
    expect(parseCurlArguments(['-s', 'http://h/a'])).toEqual({
      method: 'GET',
      url: 'http://h/a',
      headers: {},
      body: undefined,
    });
  });

  it('makes a form POST of -d data, joined by &', () => {
    expect(parseCurlArguments(['http://h/a', '-d', 'a=1', '--data', 'b=2'])).toEqual({
      method: 'POST',
      url: 'http://h/a',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'a=1&b=2',
    });
  });

  it('keeps an explicit method and content type', () => {
    const request = parseCurlArguments([
      '-X',
      'PATCH',
      '--header',
      'content-type: application/json',
      '-H',
      'Content-Type: application/merge-patch+json',
      '--data-raw',
      '@not-a-file',
      'http://h/a',
    ]);
    expect(request).toEqual({
      method: 'PATCH',
      url: 'http://h/a',
      headers: { 'Content-Type': 'application/merge-patch+json' },
      body: '@not-a-file',
    });
  });

  it('appends -G data to the query, url-encoding --data-urlencode values', () => {
    const request = parseCurlArguments([
      '-sG',
      'http://h/a?x=1',
      '--data-urlencode',
      'email= Jane+Doe@Example.com',
      '--data-urlencode',
      "=it's (a)*!",
      '-d',
      'limit=5',
    ]);
    expect(request.method).toBe('GET');
    expect(request.body).toBeUndefined();
    expect(request.url).toBe(
      'http://h/a?x=1&email=%20Jane%2BDoe%40Example.com&it%27s%20%28a%29%2A%21&limit=5',
    );
    expect(new URL(request.url).searchParams.get('email')).toBe(' Jane+Doe@Example.com');
  });

  it('sends -u as HTTP Basic and --json as JSON', () => {
    const request = parseCurlArguments(['-u', 'cdp_wk_abc:', '--json', '{"a":1}', 'http://h/e']);
    expect(request).toEqual({
      method: 'POST',
      url: 'http://h/e',
      headers: {
        Authorization: `Basic ${Buffer.from('cdp_wk_abc:').toString('base64')}`,
        'Content-Type': 'application/json',
        Accept: 'application/json',
      },
      body: '{"a":1}',
    });
  });

  it.each([
    [['http://h', '-o', 'out.json'], 'the option -o is not supported'],
    [['http://h', '-sL'], 'the option -sL is not supported'],
    [['http://h', '-d', '@body.json'], '-d @file is not supported'],
    [['http://h', '--data-urlencode', 'name@file.txt'], 'with a file (@) is not supported'],
    [['http://h', '-H'], '-H needs a value'],
    [['http://h', '-H', 'no colon'], 'must be "Name: value"'],
    [['-s'], 'no URL'],
    [['http://a', 'http://b'], 'more than one URL'],
  ])('refuses %j', (args, message) => {
    expect(() => parseCurlArguments(args)).toThrow(message);
  });
});

describe('runCurlExample', () => {
  let server: http.Server;
  let url: string;
  const seen: { method?: string; url?: string; headers: http.IncomingHttpHeaders; body: string }[] =
    [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        seen.push({ method: req.method, url: req.url, headers: req.headers, body });
        if (req.url === '/healthz') {
          res.setHeader('Content-Type', 'application/json');
          res.end('{"status":"ok"}');
        } else if (req.method === 'POST') {
          res.statusCode = 201;
          res.end('created');
        } else if (req.url === '/moved') {
          res.statusCode = 302;
          res.setHeader('Location', '/healthz');
          res.end();
        } else {
          res.statusCode = 404;
          res.setHeader('Content-Type', 'application/problem+json');
          res.end('{"status":404}');
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('runs every example of a document against the variables, in order', async () => {
    const examples = extractCurlExamples(MARKDOWN);
    const results = await runCurlExamples(examples, { API_URL: url, KEY: 'secret' });
    expect(results.map((r) => [r.status, r.expectedStatus])).toEqual([
      [200, 200],
      [404, 404],
      [201, 201],
      [404, undefined],
    ]);
    expect(results[0]?.body).toEqual({ status: 'ok' });
    expect(results[1]?.body).toEqual({ status: 404 });
    expect(results[2]?.body).toBe('created');
    expect(seen[1]?.headers.authorization).toBe('Bearer secret');
    expect(seen[2]).toMatchObject({
      method: 'POST',
      url: '/things',
      body: '{"name":"$NOT_EXPANDED"}',
    });
    expect(seen[2]?.headers['content-type']).toBe('application/json');
  });

  it('does not follow redirects', async () => {
    const [example] = extractCurlExamples('```bash\ncurl -s "$U/moved"\n# → 302\n```\n');
    const result = await runCurlExample(example!, { U: url });
    expect(result.status).toBe(302);
  });

  it('refuses a block line that only looks like curl after substitution', async () => {
    const example = { command: 'curly x', expectedStatus: 200, line: 3, section: undefined };
    await expect(runCurlExample(example, {})).rejects.toThrow('line 3: not a curl command');
  });
});
