import { Router } from 'express';
import type { Kysely } from 'kysely';
import type { Database } from '@stratum/db';
import {
  createApiKey,
  createSource,
  findSourceById,
  listSources,
  revokeSourceKeys,
  updateSource,
} from '@stratum/db';
import { AppError, getAuth, parseBody, requireScope } from '@stratum/http';
import { SourceCreateSchema, SourcePatchSchema } from '@stratum/schemas';
import { sourceToResponse } from './source-response';

export interface SourcesRouteDeps {
  db: Kysely<Database>;
}

const WRITE_KEY_SCOPES = ['events:write'] as const;

/**
 * Sources admin: list, create (the write key is shown once), change, rotate the key. The
 * ingest API caches each write key with its source's settings, so a change or a rotation
 * takes effect there within its KEY_CACHE_TTL_MS, never at once.
 */
export function sourcesRouter({ db }: SourcesRouteDeps): Router {
  const router = Router();

  router.get('/sources', requireScope('sources:read'), async (_req, res) => {
    const sources = await listSources(db, getAuth(res).tenantId);
    res.json({ sources: sources.map(sourceToResponse) });
  });

  router.post('/sources', requireScope('sources:write'), async (req, res) => {
    const { tenantId } = getAuth(res);
    const body = parseBody(SourceCreateSchema, req.body);
    const created = await db.transaction().execute(async (trx) => {
      const source = await createSource(trx, {
        tenantId,
        name: body.name,
        defaultCountry: body.default_country ?? null,
        rateLimitPerMinute: body.rate_limit_per_minute ?? null,
        allowedOrigins: body.allowed_origins ?? null,
      });
      if (!source.ok) return source;
      const key = await createApiKey(trx, {
        tenantId,
        name: `${body.name} write key`,
        scopes: [...WRITE_KEY_SCOPES],
        sourceId: source.value.sourceId,
      });
      return { ok: true as const, source: source.value, key: key.key };
    });
    if (!created.ok) throw nameTaken();
    res.status(201).json({ ...sourceToResponse(created.source), write_key: created.key });
  });

  router.patch('/sources/:id', requireScope('sources:write'), async (req, res) => {
    const { tenantId } = getAuth(res);
    const body = parseBody(SourcePatchSchema, req.body);
    const updated = await updateSource(db, tenantId, req.params.id as string, {
      name: body.name,
      enabled: body.enabled,
      defaultCountry: body.default_country,
      rateLimitPerMinute: body.rate_limit_per_minute,
      allowedOrigins: body.allowed_origins,
    });
    if (!updated.ok) throw updated.error === 'SOURCE_NOT_FOUND' ? notFound() : nameTaken();
    res.json(sourceToResponse(updated.value));
  });

  router.post('/sources/:id/rotate-key', requireScope('sources:write'), async (req, res) => {
    const { tenantId } = getAuth(res);
    const sourceId = req.params.id as string;
    const rotated = await db.transaction().execute(async (trx) => {
      const source = await findSourceById(trx, tenantId, sourceId);
      if (!source) return undefined;
      await revokeSourceKeys(trx, tenantId, sourceId);
      const key = await createApiKey(trx, {
        tenantId,
        name: `${source.name} write key`,
        scopes: [...WRITE_KEY_SCOPES],
        sourceId,
      });
      return key.key;
    });
    if (rotated === undefined) throw notFound();
    res.json({ source_id: sourceId, write_key: rotated });
  });

  return router;
}

function notFound(): AppError {
  return new AppError('NOT_FOUND', { detail: 'No source with this id' });
}

function nameTaken(): AppError {
  return new AppError('CONFLICT', { detail: 'A source with this name already exists' });
}
