import { segmentPathSegments } from '@stratum/schemas';
import type { TraitCondition } from '@stratum/schemas';
import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import { PROFILE } from './compile-context';
import { compileJsonComparison, jsonAtPath } from './compile-json-comparison';

/**
 * A trait condition: the comparison of the value at the trait's path in `p.traits`. A
 * missing trait makes it false, never unknown, so that `not` is its exact complement.
 */
export function compileTraitCondition(condition: TraitCondition): RawBuilder<boolean> {
  const { trait, ...comparison } = condition;
  const value = jsonAtPath(PROFILE.traits, segmentPathSegments(trait));
  return sql<boolean>`coalesce(${compileJsonComparison(value, comparison)}, false)`;
}
