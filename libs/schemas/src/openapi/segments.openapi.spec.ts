import { buildAdminApiDocument } from './admin-api.openapi';

type Operation = {
  security?: Record<string, string[]>[];
  requestBody?: { content: Record<string, { schema: { $ref?: string } }> };
  responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }>;
};

describe('admin API document: segments', () => {
  const document = buildAdminApiDocument();
  const operation = (path: string, method: string): Operation => {
    const op = (document.paths?.[path] as Record<string, Operation> | undefined)?.[method];
    if (op === undefined) throw new Error(`${method.toUpperCase()} ${path} is not documented`);
    return op;
  };

  it.each([
    ['/api/v1/cdp/segments', 'post', '201', 'SegmentInput', 'Segment'],
    ['/api/v1/cdp/segments', 'get', '200', undefined, 'SegmentList'],
    [
      '/api/v1/cdp/segments/preview',
      'post',
      '200',
      'SegmentPreviewRequest',
      'SegmentPreviewResult',
    ],
    ['/api/v1/cdp/segments/{id}', 'get', '200', undefined, 'SegmentDetail'],
    ['/api/v1/cdp/segments/{id}', 'put', '200', 'SegmentUpdate', 'Segment'],
    ['/api/v1/cdp/segments/{id}', 'delete', '204', undefined, undefined],
  ])('documents %s %s: %s, taking %s, answering %s', (path, method, status, body, answer) => {
    const op = operation(path, method);
    expect(op.security).toEqual([{ bearerAuth: [] }]);
    expect(op.requestBody?.content['application/json']?.schema.$ref).toBe(
      body && `#/components/schemas/${body}`,
    );
    expect(op.responses[status]?.content?.['application/json']?.schema.$ref).toBe(
      answer && `#/components/schemas/${answer}`,
    );
    expect(op.responses['403']).toBeDefined();
  });

  it('documents the 404 of every route that takes an id', () => {
    for (const method of ['get', 'put', 'delete']) {
      expect(operation('/api/v1/cdp/segments/{id}', method).responses['404']).toBeDefined();
    }
  });
});
