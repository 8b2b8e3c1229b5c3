/*
 * Copyright 2026 The Partner Governance Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

import type { ReviewTriggerKind } from '@partner-governance/plugin-partners-common';

/** Values a trigger keeps of a list (scopes, accesses); one more says how many were left out. */
export const MAX_TRIGGER_VALUES = 50;
/** Characters a trigger keeps of one value (a ref, a scope, a name). */
export const MAX_TRIGGER_VALUE_LENGTH = 200;

/** An identity as the comparison reads it, before or after a refresh. */
export interface TriggerIdentityFacts {
  name: string;
  scopes: readonly string[];
  /** Its custodian's ref; the integration owner when it names none. */
  custodianRef?: string | null;
  /** Its environment, or the integration's when it names none. */
  environment?: string | null;
}

/** What of an integration can make its review due now. */
export interface TriggerIntegrationFacts {
  ownerRef: string;
  /** Refs of the entities it accesses. */
  accesses: readonly string[];
  identities: readonly TriggerIdentityFacts[];
}

/** What of a partner can make the reviews of its integrations due now. */
export interface TriggerPartnerFacts {
  ownerRef: string;
  tier: string;
}

/**
 * One review-relevant change: which entity and field changed, from what to
 * what (bounded lists of strings; an unset value is an empty list).
 */
export interface DetectedTrigger {
  kind: ReviewTriggerKind;
  /** The entity that changed: the partner or the integration. */
  entityRef: string;
  /** e.g. `spec.owner`, `spec.identities[orders-key].scopes`. */
  field: string;
  identity?: string;
  before: string[];
  after: string[];
}

/** A value cut to {@link MAX_TRIGGER_VALUE_LENGTH} characters (code points). */
export function clipValue(
  value: string,
  max: number = MAX_TRIGGER_VALUE_LENGTH,
): string {
  const chars = Array.from(value);
  return chars.length <= max ? value : `${chars.slice(0, max - 1).join('')}…`;
}

/**
 * A list as a trigger stores it: at most {@link MAX_TRIGGER_VALUES} values,
 * each clipped, and then one that says how many were left out.
 */
export function boundValues(values: readonly string[]): string[] {
  const kept = values.slice(0, MAX_TRIGGER_VALUES).map(v => clipValue(v));
  const left = values.length - kept.length;
  return left > 0 ? [...kept, `… and ${left} more`] : kept;
}

/** A ref or enum value compared without case or surrounding white space. */
function scalar(value: string | null | undefined): string[] {
  const text = value?.trim().toLocaleLowerCase('en-US');
  return text ? [text] : [];
}

/** A list compared as a set: trimmed, without empties or duplicates, sorted. */
function set(values: readonly string[], lowerCase: boolean): string[] {
  const normal = values
    .map(v => (lowerCase ? v.trim().toLocaleLowerCase('en-US') : v.trim()))
    .filter(Boolean);
  return [...new Set(normal)].sort();
}

function same(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function change(
  trigger: Omit<DetectedTrigger, 'before' | 'after'>,
  before: string[],
  after: string[],
): DetectedTrigger[] {
  return same(before, after)
    ? []
    : [{ ...trigger, before: boundValues(before), after: boundValues(after) }];
}

/**
 * The changes of a partner that make the reviews of its integrations due
 * now: its owner and its risk tier. Nothing on first sighting (`before`
 * undefined).
 */
export function partnerTriggers(
  partnerRef: string,
  before: TriggerPartnerFacts | undefined,
  after: TriggerPartnerFacts,
): DetectedTrigger[] {
  if (!before) {
    return [];
  }
  const entityRef = clipValue(partnerRef);
  return [
    ...change(
      { kind: 'partner-owner', entityRef, field: 'spec.owner' },
      scalar(before.ownerRef),
      scalar(after.ownerRef),
    ),
    ...change(
      { kind: 'partner-tier', entityRef, field: 'spec.risk.tier' },
      scalar(before.tier),
      scalar(after.tier),
    ),
  ];
}

/**
 * The changes of an integration that make its next review due now: its
 * owner, its accesses, and per identity (by name) the scopes, custodian and
 * environment; a new identity too when the integration has had a review
 * decided (`reviewed`): before that, its first review covers it anyway.
 * Nothing on first sighting (`before` undefined); white space, case of refs
 * and the order of lists change nothing. A custodian that follows the owner
 * (names none) is no change of its own when the owner changes. Identities
 * that went away are no trigger: access that shrank needs no review.
 */
export function integrationTriggers(
  integrationRef: string,
  before: TriggerIntegrationFacts | undefined,
  after: TriggerIntegrationFacts,
  options: { reviewed: boolean },
): DetectedTrigger[] {
  if (!before) {
    return [];
  }
  const entityRef = clipValue(integrationRef);
  const triggers = [
    ...change(
      { kind: 'integration-owner', entityRef, field: 'spec.owner' },
      scalar(before.ownerRef),
      scalar(after.ownerRef),
    ),
    ...change(
      { kind: 'integration-accesses', entityRef, field: 'spec.accesses' },
      set(before.accesses, true),
      set(after.accesses, true),
    ),
  ];
  const old = new Map(before.identities.map(i => [i.name, i]));
  for (const identity of after.identities) {
    const name = clipValue(identity.name);
    const field = (key: string) => `spec.identities[${name}]${key}`;
    const previous = old.get(identity.name);
    if (!previous) {
      if (options.reviewed) {
        triggers.push({
          kind: 'identity-added',
          entityRef,
          field: field(''),
          identity: name,
          before: [],
          after: [name],
        });
      }
      continue;
    }
    const at = { entityRef, identity: name };
    triggers.push(
      ...change(
        { ...at, kind: 'identity-scopes', field: field('.scopes') },
        set(previous.scopes, false),
        set(identity.scopes, false),
      ),
    );
    const followsOwner =
      same(scalar(previous.custodianRef), scalar(before.ownerRef)) &&
      same(scalar(identity.custodianRef), scalar(after.ownerRef));
    if (!followsOwner) {
      triggers.push(
        ...change(
          { ...at, kind: 'identity-custodian', field: field('.custodian') },
          scalar(previous.custodianRef),
          scalar(identity.custodianRef),
        ),
      );
    }
    triggers.push(
      ...change(
        { ...at, kind: 'identity-environment', field: field('.environment') },
        scalar(previous.environment),
        scalar(identity.environment),
      ),
    );
  }
  return triggers;
}
